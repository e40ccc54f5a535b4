using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;
using P4Bpf.Front.Typed;
using S = P4Bpf.Front.Syntax;

namespace P4Bpf.Front.Semantics;

/// <summary>
/// Binds a parsed program into a <see cref="TypedProgram"/>: resolves names in scopes, resolves types, checks and infers
/// the types of expressions and folds compile-time constants. Errors go into the <see cref="DiagnosticBag"/>; binding
/// continues with <see cref="BadExpression"/>/<see cref="ErrorType"/> so later errors are not cascades of earlier ones.
/// </summary>
internal sealed partial class Binder
{
    private readonly PreprocessedSource _source;
    private DiagnosticBag _diagnostics;
    private readonly Scope _root = new(null);
    private readonly List<string> _errors = [];
    private readonly List<MatchKindSymbol> _matchKinds = [];
    private Scope _scope;
    private BindContext _context = BindContext.TopLevel;
    private int _nextTypeVariable;
    private InstanceSymbol? _thisInstance;
    private bool _bindingSwitchExpression;
    private bool _constructing;
    private bool _inConstruction;
    private bool _hasErrorDeclaration;
    private readonly HashSet<Symbol> _reportedBadNoAction = [];
    /// <summary>Header types with more than one varbit field, with the span of the second (reported where first extracted).</summary>
    private readonly Dictionary<TypeSymbol, TextSpan> _secondVarbitField = [];
    private readonly HashSet<TypeSymbol> _reportedVarbitHeaders = [];
    /// <summary>Generic parameters with a direction already reported as instantiated with <c>string</c>.</summary>
    private readonly HashSet<TextSpan> _reportedStringParameters = [];

    private Binder(PreprocessedSource source, DiagnosticBag diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
        _scope = _root;
    }

    /// <summary>Binds <paramref name="program"/>; diagnostics go into <paramref name="diagnostics"/>. Never throws on bad input.</summary>
    public static TypedProgram Bind(P4Program program, PreprocessedSource source, DiagnosticBag diagnostics)
    {
        var binder = new Binder(source, diagnostics);
        return binder.BindProgram(program);
    }

    private TypedProgram BindProgram(P4Program program)
    {
        var declarations = new List<TypedDeclaration>();
        _hasErrorDeclaration = program.Declarations.Any(d => d is S.ErrorDeclaration);
        foreach (var declaration in program.Declarations)
        {
            var bound = BindDeclaration(declaration, topLevel: true);
            if (bound is not null)
            {
                declarations.Add(bound);
            }
        }
        CheckControlPlaneNames(declarations);
        foreach (var declaration in declarations)
        {
            if (declaration is TypeDeclaration { Type.Name: "main" } t && t.Type.Type is not BlockType { Kind: BlockKind.Package })
            {
                Error(ErrorCode.ERR_InvalidDeclaration, t.Type.Span, "main: must be a package instance");
            }
        }
        var main = FindMain(declarations);
        return new TypedProgram(program.Span, declarations.ToEquatableArray(), _errors.ToEquatableArray(), _matchKinds.ToEquatableArray(), main);
    }

    private MainPackage? FindMain(List<TypedDeclaration> declarations)
    {
        var instance = declarations.OfType<InstanceDeclaration>().FirstOrDefault(d => d.Instance.Name == "main");
        if (instance is null || instance.Instance.Type is not BlockType { Kind: BlockKind.Package } package)
        {
            return null;
        }
        var blocks = instance.Arguments
            .Where(a => a.Value is not null)
            .Select(a => new PackageBlock(a.Parameter, a.Value!, BlockOf(a.Value!)))
            .ToEquatableArray();
        return new MainPackage(instance, package, blocks);
    }

    private static TypedDeclaration? BlockOf(TypedExpression argument) => argument switch
    {
        ConstructorCallExpression call => call.Declaration.Declaration,
        NameReference { Symbol: InstanceSymbol instance } => instance.Declaration,
        _ => null,
    };

    // ---- diagnostics -------------------------------------------------------------------------

    private void Error(ErrorCode code, TextSpan span, params object[] arguments) =>
        _diagnostics.Add(code, _source.GetLocation(span), arguments);

    private TypedExpression Bad(ErrorCode code, TextSpan span, params object[] arguments)
    {
        Error(code, span, arguments);
        return new BadExpression(span);
    }

    private string TextOf(TextSpan span)
    {
        var text = _source.Text;
        if (span.Start < 0 || span.End > text.Length)
        {
            return "";
        }
        var s = text.Substring(span.Start, span.Length);
        s = string.Join(' ', s.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return s.Length > 60 ? s[..57] + "..." : s;
    }

    // ---- scopes ------------------------------------------------------------------------------

    private T InScope<T>(Func<T> action)
    {
        var saved = _scope;
        _scope = new Scope(saved);
        try
        {
            return action();
        }
        finally
        {
            _scope = saved;
        }
    }

    private T WithContext<T>(BindContext context, Func<T> action)
    {
        var saved = _context;
        _context = context;
        try
        {
            return action();
        }
        finally
        {
            _context = saved;
        }
    }

    private void Declare(Symbol symbol, TextSpan span)
    {
        var clash = _scope.Declare(symbol);
        if (clash is not null)
        {
            Error(ErrorCode.ERR_DuplicateDeclaration, span, symbol.Name);
            _scope.Replace(symbol);
        }
    }

    private IReadOnlyList<Symbol>? Lookup(string name, bool topLevel) => topLevel ? _root.LookupLocal(name) : _scope.Lookup(name);

    private TypeVariable NewTypeVariable(string name) => new(name, ++_nextTypeVariable);

    /// <summary>Declares type parameters as type symbols in the current scope and returns their variables.</summary>
    private EquatableArray<TypeVariable> DeclareTypeParameters(EquatableArray<Identifier> parameters)
    {
        var result = new List<TypeVariable>();
        foreach (var parameter in parameters)
        {
            var variable = NewTypeVariable(parameter.Text);
            var symbol = new TypeSymbol(parameter.Text, parameter.Span, EquatableArray<Annotation>.Empty) { Type = variable };
            Declare(symbol, parameter.Span);
            result.Add(variable);
        }
        return result.ToEquatableArray();
    }
}
