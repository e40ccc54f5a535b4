using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Lowering;

/// <summary>
/// One instantiation scope of the lowering: what the names of a parser, control, action or function instance denote
/// (values as IR expressions, instances by their IR names), chained to the scope it was declared in.
/// </summary>
internal sealed class LoweringScope(LoweringScope? parent, string prefix)
{
    private readonly Dictionary<Symbol, IrExpr> values = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Symbol, object> instances = new(ReferenceEqualityComparer.Instance);

    public LoweringScope? Parent { get; } = parent;

    /// <summary>The qualified name prefix of the instance ("" at top level, "MyIngress" or "MyIngress.sub" inside).</summary>
    public string Prefix { get; } = prefix;

    public string Qualify(string name) => Prefix.Length == 0 ? name : Prefix + "." + name;

    public void Bind(Symbol symbol, IrExpr value) => values[symbol] = value;

    public void BindInstance(Symbol symbol, object instance) => instances[symbol] = instance;

    public IrExpr? Lookup(Symbol symbol)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s.values.TryGetValue(symbol, out var value))
            {
                return value;
            }
        }
        return null;
    }

    public object? LookupInstance(Symbol symbol)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s.instances.TryGetValue(symbol, out var value))
            {
                return value;
            }
        }
        return null;
    }
}

/// <summary>An extern instance lowered to an <see cref="IrExtern"/> (or a table implementation only used as a property).</summary>
internal sealed record ExternInstance(string Name, string TypeName, IrExtern? Extern, InstanceDeclaration Declaration)
{
    /// <summary>The state slot of an extern computed inline (InternetChecksum's running sum), or null.</summary>
    public SlotRef? State { get; init; }
}

/// <summary>A parser or control instance declared inside another block: its declaration, constructor scope and parameter slots.</summary>
internal sealed record BlockInstance(string Name, TypedDeclaration Declaration, LoweringScope Scope);
