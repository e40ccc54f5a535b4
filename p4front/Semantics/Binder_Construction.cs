using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;
using P4Bpf.Front.Typed;
using S = P4Bpf.Front.Syntax;
using T = P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    /// <summary>Constructs an extern, parser, control or package from a call in expression position.</summary>
    private TypedExpression BindConstructorCall(S.CallExpression call, TypeSymbol symbol, IReadOnlyList<P4Type> typeArguments)
    {
        var result = BindConstruction(symbol, call.Arguments, typeArguments, call.Span, call.Target.Span);
        if (result is null)
        {
            return new BadExpression(call.Span);
        }
        var (type, constructor, arguments) = result.Value;
        if (type is ExternType { Methods: var methods } && methods.Any(m => m.IsAbstract))
        {
            return Bad(ErrorCode.ERR_InvalidContext, call.Span, $"{symbol.Name}: an extern with abstract methods cannot be instantiated by a constructor call; declare an instance with an initializer");
        }
        return new ConstructorCallExpression(call.Span, type, symbol, constructor, arguments);
    }

    /// <summary>Binds the constructor arguments of an instantiation; infers the type arguments of generic externs and packages.</summary>
    private (P4Type Type, MethodSymbol? Constructor, EquatableArray<TypedArgument> Arguments)? BindConstruction(
        TypeSymbol symbol, EquatableArray<Argument> arguments, IReadOnlyList<P4Type> typeArguments, TextSpan span, TextSpan nameSpan)
    {
        _inConstruction = true;
        var result = BindConstructionCore(symbol, arguments, typeArguments, span, nameSpan);
        _inConstruction = false;
        if (result is { } r)
        {
            foreach (var argument in r.Arguments)
            {
                if (argument.Value is { } value && !value.Type.IsError && !ConstantFolder.IsConstant(value) && value.Span != span
                    && !(value is T.CallExpression { Callee: FunctionCallee { Function.IsExtern: true } } factory && factory.Arguments.All(a => a.Value is null || ConstantFolder.IsConstant(a.Value))))
                {
                    Error(ErrorCode.ERR_NotConstant, value.Span, $"constructor argument '{TextOf(value.Span)}'");
                }
            }
        }
        return result;
    }

    private (P4Type Type, MethodSymbol? Constructor, EquatableArray<TypedArgument> Arguments)? BindConstructionCore(
        TypeSymbol symbol, EquatableArray<Argument> arguments, IReadOnlyList<P4Type> typeArguments, TextSpan span, TextSpan nameSpan)
    {
        if (typeArguments.Any(t => t.IsError))
        {
            BindArgumentsLoosely(arguments);
            return null;
        }
        if (symbol.Type is ExternType aliased && !ReferenceEquals(aliased.Declaration, symbol))
        {
            // a typedef of an extern type: construct the extern itself, with the typedef's type arguments
            if (typeArguments.Count > 0 && !aliased.HasTypeVariables)
            {
                BindArgumentsLoosely(arguments);
                Error(ErrorCode.ERR_InvalidContext, nameSpan, $"{TextOf(nameSpan)}: type '{symbol.Name}' is not generic and cannot be given type arguments");
                return null;
            }
            if (typeArguments.Count == 0 && !aliased.HasTypeVariables)
            {
                typeArguments = aliased.TypeArguments.AsImmutableArray();
            }
            symbol = aliased.Declaration;
        }
        if (typeArguments.Count > 0 && typeArguments.Count != symbol.TypeParameters.Count)
        {
            BindArgumentsLoosely(arguments);
            Error(ErrorCode.ERR_TypeArgumentCount, span, symbol.Name, symbol.TypeParameters.Count, typeArguments.Count);
            return null;
        }
        if (typeArguments.Any(a => Mentions(a, symbol, 0)))
        {
            BindArgumentsLoosely(arguments);
            Error(ErrorCode.ERR_InvalidContext, nameSpan, $"{symbol.Name}: contains self '{symbol.Name}' as a type argument");
            return null;
        }
        switch (symbol.Type)
        {
            case ExternType externType:
            {
                if (symbol.Constructors.IsEmpty)
                {
                    BindArgumentsLoosely(arguments);
                    Error(ErrorCode.ERR_InvalidContext, nameSpan, $"extern '{symbol.Name}' has no constructor");
                    return null;
                }
                var candidates = symbol.Constructors.Select(c => (c.Signature, (object)c)).ToList();
                var fake = new S.CallExpression(span, new NameExpression(nameSpan, new Identifier(nameSpan, symbol.Name), false), EquatableArray<TypeSyntax>.Empty, arguments);
                var chosen = ChooseOverload(symbol.Name, candidates, fake);
                if (chosen is null)
                {
                    return null;
                }
                var constructor = (MethodSymbol)chosen.Value.Symbol;
                var map = typeArguments.Count > 0 ? MapOf(symbol.TypeParameters, typeArguments) : new Dictionary<TypeVariable, P4Type>();
                var signature = new Signature(typeArguments.Count > 0 ? EquatableArray<TypeVariable>.Empty : symbol.TypeParameters, constructor.Signature.Parameters.Select(p => p.Substitute(map)).ToEquatableArray(), VoidType.Instance);
                _constructing = true;
                var (inferred, bound, _) = BindArgumentList(symbol.Name, signature, arguments, null, span, []);
                _constructing = false;
                var finalArguments = typeArguments.Count > 0 ? typeArguments : inferred.AsImmutableArray();
                return (externType.Substitute(MapOf(symbol.TypeParameters, finalArguments)), constructor, bound);
            }
            case BlockType block:
            {
                if (block.Kind != BlockKind.Package && !block.HasBody)
                {
                    BindArgumentsLoosely(arguments);
                    Error(ErrorCode.ERR_InvalidContext, nameSpan, $"{block.Display} is a type without a body and cannot be instantiated");
                    return null;
                }
                var map = typeArguments.Count > 0 ? MapOf(symbol.TypeParameters, typeArguments) : new Dictionary<TypeVariable, P4Type>();
                var signature = new Signature(typeArguments.Count > 0 ? EquatableArray<TypeVariable>.Empty : symbol.TypeParameters, block.ConstructorParameters.Select(p => p.Substitute(map)).ToEquatableArray(), VoidType.Instance);
                var (inferred, bound, _) = BindArgumentList(symbol.Name, signature, arguments, null, span, []);
                var finalArguments = typeArguments.Count > 0 ? typeArguments : inferred.AsImmutableArray();
                return (block.Substitute(MapOf(symbol.TypeParameters, finalArguments)), null, bound);
            }
            default:
                BindArgumentsLoosely(arguments);
                Error(ErrorCode.ERR_NotCallable, nameSpan, symbol.Name);
                return null;
        }
    }
}
