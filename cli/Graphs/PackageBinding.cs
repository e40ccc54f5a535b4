using P4Bpf.Front.Syntax;

namespace P4Bpf.Cli.Graphs;

/// <summary>One argument of a package instantiation: the package parameter, the block passed for it, and (for a nested package such as PSA's <c>IngressPipeline</c>) its own bindings.</summary>
internal sealed record PackageBinding(string Parameter, string ParameterType, string BlockName, Declaration? Block, IReadOnlyList<PackageBinding> Nested)
{
    public bool IsPackage => Block is PackageTypeDeclaration;

    /// <summary>Parser, control or other: what kind of block this is, for styling.</summary>
    public NodeRole Role => Block switch
    {
        ParserDeclaration or ParserTypeDeclaration => NodeRole.Parser,
        ControlDeclaration or ControlTypeDeclaration => NodeRole.Control,
        PackageTypeDeclaration => NodeRole.Package,
        _ => NodeRole.Extern,
    };

    /// <summary>The leaves (parsers, controls, externs) in parameter order, nested packages flattened.</summary>
    public IEnumerable<PackageBinding> Leaves() => IsPackage ? Nested.SelectMany(n => n.Leaves()) : [this];
}

/// <summary>The top-level <c>main</c> package: its type and the blocks bound to its parameters, read from the syntax tree.</summary>
internal sealed record MainPackageInfo(string PackageType, IReadOnlyList<PackageBinding> Bindings)
{
    public IEnumerable<PackageBinding> Leaves() => Bindings.SelectMany(b => b.Leaves());

    /// <summary>Finds <c>Type(args) main;</c> and resolves each argument (a constructor call <c>MyIngress()</c> or a named instance) to its declaration; null when there is no main.</summary>
    public static MainPackageInfo? Find(P4Program program, DeclarationScope scope)
    {
        var main = program.Declarations.OfType<InstantiationDeclaration>().LastOrDefault(d => d.Name.Text == "main");
        if (main is null)
        {
            return null;
        }
        var typeName = P4Text.Type(main.Type);
        var package = scope.LookupType(main.Type) as PackageTypeDeclaration;
        return new MainPackageInfo(package?.Name.Text ?? typeName, Bind(package, main.Arguments, scope, 0));
    }

    private static List<PackageBinding> Bind(PackageTypeDeclaration? package, EquatableArray<Argument> arguments, DeclarationScope scope, int depth)
    {
        var bindings = new List<(int Order, PackageBinding Binding)>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var parameter = argument.Name is { } named
                ? package?.Parameters.FirstOrDefault(p => p.Name.Text == named.Text)
                : package is not null && i < package.Parameters.Count ? package.Parameters[i] : null;
            var parameterName = parameter?.Name.Text ?? argument.Name?.Text ?? $"arg{i}";
            var parameterType = parameter is null ? "" : P4Text.Type(parameter.Type);
            // Named arguments may come in any order: the package's parameter order is the pipeline order.
            var order = parameter is null || package is null ? package?.Parameters.Count + i ?? i : package.Parameters.AsImmutableArray().IndexOf(parameter);
            bindings.Add((order, Resolve(parameterName, parameterType, argument.Value, scope, depth)));
        }
        return bindings.OrderBy(b => b.Order).Select(b => b.Binding).ToList();
    }

    private static PackageBinding Resolve(string parameter, string parameterType, Expression value, DeclarationScope scope, int depth)
    {
        // MyIngress() or Pipeline<...>(…): a constructor call; p: a named top-level instance.
        Declaration? declaration = null;
        var name = P4Text.Shorten(P4Text.Expr(value), 40);
        EquatableArray<Argument> arguments = [];
        switch (value)
        {
            case CallExpression { Target: NameExpression n } call:
                declaration = scope.Lookup(n.Name.Text);
                name = n.Name.Text;
                arguments = call.Arguments;
                break;
            case CallExpression { Target: TypeExpression t } call:
                declaration = scope.LookupType(t.Type);
                name = P4Text.Type(t.Type);
                arguments = call.Arguments;
                break;
            case NameExpression n when scope.Lookup(n.Name.Text) is InstantiationDeclaration instance:
                declaration = scope.LookupType(instance.Type);
                name = declaration is null ? P4Text.Type(instance.Type) : DeclarationScope.NameOf(declaration) ?? n.Name.Text;
                arguments = instance.Arguments;
                break;
        }
        var nested = declaration is PackageTypeDeclaration inner && depth < 8
            ? Bind(inner, arguments, scope, depth + 1)
            : [];
        return new PackageBinding(parameter, parameterType, name, declaration, nested);
    }
}
