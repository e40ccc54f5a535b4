using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    /// <summary>
    /// Reports actions and tables whose control-plane names collide. A name is the <c>@name</c> annotation (or the
    /// declared name); a leading dot makes it global, otherwise it is qualified by the enclosing control or parser.
    /// </summary>
    private void CheckControlPlaneNames(IEnumerable<TypedDeclaration> declarations)
    {
        var seen = new Dictionary<string, Symbol>(StringComparer.Ordinal);
        foreach (var declaration in declarations)
        {
            switch (declaration)
            {
                case ActionDeclaration a:
                    Claim(seen, a.Action, null);
                    break;
                case ControlDeclaration c:
                    foreach (var local in c.Locals)
                    {
                        if (local is ActionDeclaration or TableDeclaration)
                        {
                            Claim(seen, local.Symbol!, c.Control.Name);
                        }
                    }
                    break;
            }
        }
    }

    private void Claim(Dictionary<string, Symbol> seen, Symbol symbol, string? container)
    {
        var name = symbol.ControlPlaneName ?? symbol.Name;
        var qualified = name.StartsWith('.') ? name[1..] : container is null ? name : $"{container}.{name}";
        var key = (symbol is TableSymbol ? "table " : "action ") + qualified;
        if (seen.TryGetValue(key, out var previous) && !ReferenceEquals(previous, symbol))
        {
            var span = symbol.Annotations.FirstOrDefault(a => a.Name.Text == "name")?.Span ?? symbol.Span;
            Error(ErrorCode.ERR_InvalidDeclaration, span, $"{name}: conflicting control plane name '{qualified}' (also used by '{previous.Name}')");
            return;
        }
        seen[key] = symbol;
    }
}
