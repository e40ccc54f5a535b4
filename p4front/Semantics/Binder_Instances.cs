using System.Numerics;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Typed;
using S = P4Bpf.Front.Syntax;
using T = P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    private TypedDeclaration? BindInstantiation(InstantiationDeclaration i)
    {
        var (nameSyntax, typeArgumentSyntax) = i.Type switch
        {
            NamedTypeSyntax n => (n, EquatableArray<TypeSyntax>.Empty),
            SpecializedTypeSyntax s => (s.BaseType, s.Arguments),
            _ => ((NamedTypeSyntax?)null, EquatableArray<TypeSyntax>.Empty),
        };
        if (nameSyntax is null)
        {
            BindArgumentsLoosely(i.Arguments);
            Error(ErrorCode.ERR_InvalidDeclaration, i.Type.Span, $"cannot instantiate '{TextOf(i.Type.Span)}'");
            return null;
        }
        var typeSymbol = LookupTypeSymbol(nameSyntax.Name, nameSyntax.IsTopLevel);
        var typeArguments = typeArgumentSyntax.Select(ResolveType).ToList();
        if (typeSymbol is null)
        {
            BindArgumentsLoosely(i.Arguments);
            return null;
        }
        if (_context.Body == BodyKind.TopLevel && typeSymbol.Type is BlockType { Kind: BlockKind.Parser or BlockKind.Control })
        {
            Error(ErrorCode.ERR_InvalidDeclaration, i.Name.Span, $"{i.Name.Text}: cannot instantiate a {((BlockType)typeSymbol.Type).Kind.ToString().ToLowerInvariant()} at the top level");
        }
        if (_context.Body == BodyKind.TopLevel && i.Name.Text == "main" && typeSymbol.Type is not BlockType { Kind: BlockKind.Package } && !typeSymbol.Type.IsError)
        {
            Error(ErrorCode.ERR_InvalidDeclaration, i.Name.Span, "main: must be a package instance");
        }
        var constructed = BindConstruction(typeSymbol, i.Arguments, typeArguments, i.Span, i.Type.Span);
        var type = constructed?.Type ?? ErrorType.Instance;
        var symbol = new InstanceSymbol(i.Name.Text, i.Name.Span, i.Annotations, type);
        var initializer = EquatableArray<TypedDeclaration>.Empty;
        if (i.Initializer is { } declarations)
        {
            var savedThis = _thisInstance;
            _thisInstance = symbol;
            initializer = BindInitializer(declarations, type, i);
            _thisInstance = savedThis;
        }
        else if (type is ExternType ext && ext.Methods.Any(m => m.IsAbstract))
        {
            Error(ErrorCode.ERR_InvalidDeclaration, i.Name.Span, $"instance '{i.Name.Text}' of '{ext.Display}' must implement its abstract methods");
        }
        Declare(symbol, i.Name.Span);
        return Complete(symbol, new InstanceDeclaration(i.Span, symbol, typeSymbol, constructed?.Constructor, constructed?.Arguments ?? EquatableArray<TypedArgument>.Empty, initializer));
    }

    private EquatableArray<TypedDeclaration> BindInitializer(EquatableArray<Declaration> declarations, P4Type type, InstantiationDeclaration instance)
    {
        if (type is not ExternType ext)
        {
            if (!type.IsError)
            {
                Error(ErrorCode.ERR_InvalidDeclaration, instance.Span, $"only extern instances can have an initializer");
            }
            return EquatableArray<TypedDeclaration>.Empty;
        }
        var result = new List<TypedDeclaration>();
        if (!ext.Methods.Any(m => m.IsAbstract))
        {
            // name errors in the functions (duplicate or undeclared names) are reported first, as they would be anywhere;
            // other errors in functions that can never be called are not worth reporting beside the misplaced initializer
            var saved = _diagnostics;
            _diagnostics = new DiagnosticBag();
            InScope(() => declarations.Select(d => BindDeclaration(d, topLevel: false)).ToList());
            var nameErrors = _diagnostics.Items.Where(d => d.Code is ErrorCode.ERR_DuplicateDeclaration or ErrorCode.ERR_UndeclaredName or ErrorCode.ERR_UndeclaredType).ToList();
            _diagnostics = saved;
            _diagnostics.AddRange(nameErrors);
            if (nameErrors.Count == 0)
            {
                Error(ErrorCode.ERR_InvalidDeclaration, instance.Name.Span, $"{instance.Name.Text}: instance initializers are only allowed for externs with abstract methods, and '{ext.Display}' has none");
            }
            return EquatableArray<TypedDeclaration>.Empty;
        }
        var unmatched = false;
        InScope(() =>
        {
            foreach (var declaration in declarations)
            {
                if (declaration is S.FunctionDeclaration f)
                {
                    var method = ext.Methods.FirstOrDefault(m => m.Name == f.Name.Text && m.IsAbstract);
                    if (method is null)
                    {
                        unmatched = true;
                        Error(ErrorCode.ERR_InvalidDeclaration, f.Name.Span, $"'{f.Name.Text}' is not an abstract method of '{ext.Display}'");
                    }
                    else if (BindDeclaration(declaration, topLevel: false) is T.FunctionDeclaration implementation)
                    {
                        result.Add(implementation);
                        var expected = ext.GetSignature(method);
                        var actual = implementation.Function.Signature;
                        var matches = expected.Parameters.Any(p => p.IsOptional) || expected.Parameters.Count == actual.Parameters.Count
                            && expected.Parameters.Zip(actual.Parameters).All(p => p.First.Direction == p.Second.Direction && TypesCompatible(p.First.Type, p.Second.Type) && !(p.First.Type is BitsType && p.Second.Type is IntType || p.First.Type is IntType && p.Second.Type is BitsType))
                            && (expected.ReturnType.Equals(actual.ReturnType) || expected.ReturnType.HasTypeVariables || expected.ReturnType is DontCareType);
                        if (!matches)
                        {
                            Error(ErrorCode.ERR_InvalidDeclaration, f.Name.Span, $"'{f.Name.Text}' does not match the abstract method {expected.Display(method.Name)}");
                        }
                        continue;
                    }
                }
                else if (declaration is not InstantiationDeclaration)
                {
                    Error(ErrorCode.ERR_InvalidDeclaration, declaration.Span, "an instance initializer may only contain abstract method implementations and instances");
                    continue;
                }
                if (BindDeclaration(declaration, topLevel: false) is { } bound)
                {
                    result.Add(bound);
                }
            }
            // a method that matches no abstract method is most likely the missing one misnamed: report only that
            foreach (var method in ext.Methods.Where(m => !unmatched && m.IsAbstract && !m.HasAnnotation("optional")))
            {
                if (!declarations.OfType<S.FunctionDeclaration>().Any(f => f.Name.Text == method.Name))
                {
                    Error(ErrorCode.ERR_InvalidDeclaration, instance.Name.Span, $"{instance.Name.Text}: abstract method '{method.Name}' of '{ext.Display}' is not implemented");
                }
            }
            return 0;
        });
        return result.ToEquatableArray();
    }
}
