using P4Bpf.Front.Syntax;

namespace P4Bpf.Cli.Graphs;

/// <summary>Resolves a name written in a parser or control to its declaration: the block's locals first, then the top level.</summary>
/// <remarks>
/// A light syntactic resolver (last declaration wins, as with shadowing by later locals); enough to tell a table's
/// <c>apply</c> from a sub-control's, an action call from an extern function call, and a value set from a constant.
/// </remarks>
internal sealed class DeclarationScope
{
    private readonly Dictionary<string, Declaration> _names;
    private readonly DeclarationScope? _parent;

    private DeclarationScope(Dictionary<string, Declaration> names, DeclarationScope? parent)
    {
        _names = names;
        _parent = parent;
    }

    /// <summary>The top-level scope of <paramref name="program"/> (architecture header declarations included).</summary>
    public static DeclarationScope ForProgram(P4Program program) => new(Collect(program.Declarations), null);

    /// <summary>A nested scope over <paramref name="locals"/> (and, for parsers and controls, their parameters are not declarations: they resolve to nothing).</summary>
    public DeclarationScope Nested(IEnumerable<Declaration> locals) => new(Collect(locals), this);

    public Declaration? Lookup(string name) =>
        _names.TryGetValue(name, out var declaration) ? declaration : _parent?.Lookup(name);

    /// <summary>The name a declaration introduces, or null for nameless ones.</summary>
    public static string? NameOf(Declaration declaration) => declaration switch
    {
        ConstantDeclaration d => d.Name.Text,
        VariableDeclaration d => d.Name.Text,
        InstantiationDeclaration d => d.Name.Text,
        StructTypeDeclaration d => d.Name.Text,
        EnumDeclaration d => d.Name.Text,
        TypedefDeclaration d => d.Name.Text,
        ExternObjectDeclaration d => d.Name.Text,
        ExternFunctionDeclaration d => d.Name.Text,
        FunctionDeclaration d => d.Name.Text,
        ActionDeclaration d => d.Name.Text,
        ParserTypeDeclaration d => d.Name.Text,
        ControlTypeDeclaration d => d.Name.Text,
        PackageTypeDeclaration d => d.Name.Text,
        ParserDeclaration d => d.Type.Name.Text,
        ControlDeclaration d => d.Type.Name.Text,
        ValueSetDeclaration d => d.Name.Text,
        TableDeclaration d => d.Name.Text,
        _ => null,
    };

    /// <summary>The declaration of the type an instance or constructor call names (<c>MyIngress</c> in <c>MyIngress() ig;</c>).</summary>
    public Declaration? LookupType(TypeSyntax type) => type switch
    {
        NamedTypeSyntax n => Lookup(n.Name.Text),
        SpecializedTypeSyntax s => Lookup(s.BaseType.Name.Text),
        _ => null,
    };

    private static Dictionary<string, Declaration> Collect(IEnumerable<Declaration> declarations)
    {
        var names = new Dictionary<string, Declaration>(StringComparer.Ordinal);
        foreach (var declaration in declarations)
        {
            if (NameOf(declaration) is { } name)
            {
                // A parser/control with a body beats its type declaration; an extern function overload keeps the first.
                if (names.TryGetValue(name, out var existing) && !Prefer(declaration, existing))
                {
                    continue;
                }
                names[name] = declaration;
            }
        }
        return names;
    }

    private static bool Prefer(Declaration candidate, Declaration existing) => candidate switch
    {
        ParserDeclaration or ControlDeclaration => true,
        ExternFunctionDeclaration or FunctionDeclaration or ActionDeclaration => existing is not (ExternFunctionDeclaration or FunctionDeclaration or ActionDeclaration),
        _ => existing is not (ParserDeclaration or ControlDeclaration),
    };
}
