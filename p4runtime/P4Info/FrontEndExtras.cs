using P4Bpf.Front;
using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;
using ActionDeclaration = P4Bpf.Front.Typed.ActionDeclaration;
using Annotation = P4Bpf.Front.Syntax.Annotation;
using ControlDeclaration = P4Bpf.Front.Typed.ControlDeclaration;
using HeaderType = P4Bpf.Midend.Ir.HeaderType;
using HeaderUnionType = P4Bpf.Midend.Ir.HeaderUnionType;
using HeaderStackType = P4Bpf.Midend.Ir.HeaderStackType;
using StructType = P4Bpf.Midend.Ir.StructType;
using SyntaxKind = P4Bpf.Front.Syntax.SyntaxKind;
using TableDeclaration = P4Bpf.Front.Typed.TableDeclaration;

namespace P4Bpf.P4Runtime.P4InfoGen;

/// <summary>Collects what P4Info needs from the typed program that the IR drops: annotations of tables, actions and externs, and the <c>@controller_header</c> headers.</summary>
public static class FrontEndExtras
{
    public static P4InfoExtras From(FrontEndResult front, IrProgram ir)
    {
        if (front.Program is null)
        {
            return P4InfoExtras.None;
        }
        var annotations = new Dictionary<string, IReadOnlyList<P4Annotation>>(StringComparer.Ordinal);
        var headers = new Dictionary<string, HeaderType>(StringComparer.Ordinal);
        var irHeaders = HeaderTypes(ir).GroupBy(h => h.Name).ToDictionary(g => g.Key, g => g.First());
        void Note(string name, Symbol symbol)
        {
            if (symbol.Annotations.Count > 0)
            {
                annotations[name] = symbol.Annotations.Select(Convert).ToList();
            }
        }
        foreach (var d in front.Program.Declarations)
        {
            switch (d)
            {
                case TypeDeclaration { DeclarationKind: SyntaxKind.HeaderTypeDeclaration } t:
                    var role = t.Type.Annotations.FirstOrDefault(a => a.Name.Text == "controller_header");
                    if (role is not null && irHeaders.TryGetValue(t.Type.Name, out var header))
                    {
                        headers[Convert(role).StringBody] = header;
                    }
                    break;
                case ActionDeclaration a:
                    Note(a.Action.ControlPlaneName?.TrimStart('.') ?? a.Action.Name, a.Action);
                    break;
                case ControlDeclaration c:
                    foreach (var local in c.Locals)
                    {
                        switch (local)
                        {
                            case TableDeclaration t:
                                Note(Qualified(c.Control.Name, t.Table), t.Table);
                                if (t.Properties.Any(IdleTimeoutNotify))
                                {
                                    // Table properties are not annotations; the P4Info builder reads idle-timeout support as one.
                                    var name = Qualified(c.Control.Name, t.Table);
                                    annotations[name] = [.. annotations.GetValueOrDefault(name) ?? [], new P4Annotation("support_timeout", "true")];
                                }
                                break;
                            case ActionDeclaration a:
                                Note(Qualified(c.Control.Name, a.Action), a.Action);
                                break;
                            case InstanceDeclaration i:
                                Note(Qualified(c.Control.Name, i.Instance), i.Instance);
                                break;
                        }
                    }
                    break;
            }
        }
        if (front.Program.Main is { } main)
        {
            Note("main", main.Instance.Instance);
        }
        return new P4InfoExtras { Annotations = annotations, ControllerHeaders = headers };
    }

    /// <summary>v1model <c>support_timeout = true</c> or PSA <c>psa_idle_timeout = PSA_IdleTimeout_t.NOTIFY_CONTROL</c>.</summary>
    private static bool IdleTimeoutNotify(TableProperty p) => p.Value switch
    {
        BoolLiteral { Value: true } => p.Name == "support_timeout",
        EnumMemberExpression { Member: "NOTIFY_CONTROL" } => p.Name == "psa_idle_timeout",
        _ => false,
    };

    private static string Qualified(string control, Symbol symbol) =>
        symbol.ControlPlaneName is { } name ? (name.StartsWith('.') ? name[1..] : control + "." + name) : control + "." + symbol.Name;

    private static P4Annotation Convert(Annotation a) =>
        new(a.Name.Text, a.Body.Count == 0 ? null : string.Concat(a.Body.Select(t => t.Text)));

    private static IEnumerable<HeaderType> HeaderTypes(IrProgram ir)
    {
        IEnumerable<HeaderType> Walk(IrType type) => type switch
        {
            HeaderType h => [h],
            StructType s => s.Fields.SelectMany(f => Walk(f.Type)),
            HeaderUnionType u => u.Members.SelectMany(f => Walk(f.Type)),
            HeaderStackType st => Walk(st.Element),
            _ => [],
        };
        return ir.State.Slots.SelectMany(s => Walk(s.Type));
    }
}
