using System.Numerics;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    /// <summary>Resolves a written type; reports and returns <see cref="ErrorType"/> when it cannot.</summary>
    private P4Type ResolveType(TypeSyntax syntax)
    {
        switch (syntax)
        {
            case BaseTypeSyntax b:
                return b.Keyword switch
                {
                    BaseTypeKeyword.Bool => BoolType.Instance,
                    BaseTypeKeyword.Error => ResolveErrorType(b),
                    BaseTypeKeyword.MatchKind => MatchKindType.Instance,
                    BaseTypeKeyword.String => StringType.Instance,
                    BaseTypeKeyword.Int => IntType.Instance,
                    BaseTypeKeyword.Bit => new BitsType(1, false),
                    BaseTypeKeyword.Void => VoidType.Instance,
                    _ => DontCareType.Instance,
                };
            case SizedTypeSyntax s:
            {
                var width = EvaluateConstantInt(s.Width, "a type width");
                if (width is null)
                {
                    return ErrorType.Instance;
                }
                var min = s.Keyword == SizedTypeKeyword.Int ? 1 : 0;
                if (width < min || width > 1 << 20)
                {
                    Error(ErrorCode.ERR_InvalidWidth, s.Width.Span, width, s.Keyword == SizedTypeKeyword.Int ? "the width of a signed type must be positive" : "must be non-negative");
                    return ErrorType.Instance;
                }
                return s.Keyword switch
                {
                    SizedTypeKeyword.Bit => new BitsType((int)width, false),
                    SizedTypeKeyword.Int => new BitsType((int)width, true),
                    _ => new VarbitType((int)width),
                };
            }
            case NamedTypeSyntax n:
            {
                var symbol = LookupTypeSymbol(n.Name, n.IsTopLevel);
                if (symbol is not null && !symbol.TypeParameters.IsEmpty && symbol.Type is StructType or ExternType or BlockType { HasBody: false })
                {
                    Error(ErrorCode.ERR_TypeArgumentCount, n.Span, symbol.Name, symbol.TypeParameters.Count, 0);
                    return ErrorType.Instance;
                }
                return symbol?.Type ?? ErrorType.Instance;
            }
            case SpecializedTypeSyntax sp:
            {
                var symbol = LookupTypeSymbol(sp.BaseType.Name, sp.BaseType.IsTopLevel);
                if (symbol is null)
                {
                    return ErrorType.Instance;
                }
                var arguments = sp.Arguments.Select(ResolveType).ToList();
                return Specialize(symbol, arguments, sp);
            }
            case ArrayTypeSyntax a:
            {
                var element = ResolveType(a.ElementType);
                var size = EvaluateConstantInt(a.Size, "the size of a header stack");
                if (size is null || element.IsError)
                {
                    return ErrorType.Instance;
                }
                if (size < 0 || size > 1 << 16)
                {
                    Error(ErrorCode.ERR_InvalidWidth, a.Size.Span, size, "a stack size must be non-negative");
                    return ErrorType.Instance;
                }
                if (element is IntType or StringType or VoidType or BlockType or ExternType or TableType)
                {
                    Error(ErrorCode.ERR_InvalidContext, a.Span, $"an array cannot have elements of type '{element.Display}'");
                    return ErrorType.Instance;
                }
                return new StackType(element, (int)size);
            }
            case TupleTypeSyntax t:
            {
                var elements = t.Elements.Select(ResolveType).ToList();
                for (var i = 0; i < elements.Count; i++)
                {
                    if (elements[i] is ExternType or BlockType or TableType or VoidType or StringType)
                    {
                        Error(ErrorCode.ERR_InvalidContext, t.Elements[i].Span, $"'{elements[i].Display}' is not supported as a tuple field");
                        return ErrorType.Instance;
                    }
                }
                return new TupleType(elements.ToEquatableArray());
            }
            case ListTypeSyntax l:
                return new ListType(ResolveType(l.ElementType));
            default:
                Error(ErrorCode.ERR_NotSupported, syntax.Span, $"type syntax {syntax.Kind}");
                return ErrorType.Instance;
        }
    }

    /// <summary>The type <c>error</c> exists only once the program (or an include) declares <c>error { … }</c>, as in p4c.</summary>
    private P4Type ResolveErrorType(BaseTypeSyntax syntax)
    {
        if (_hasErrorDeclaration)
        {
            return ErrorCodeType.Instance;
        }
        Error(ErrorCode.ERR_UndeclaredType, syntax.Span, "error");
        return ErrorType.Instance;
    }

    private TypeSymbol? LookupTypeSymbol(Identifier name, bool topLevel)
    {
        var symbols = Lookup(name.Text, topLevel);
        if (symbols is null)
        {
            Error(ErrorCode.ERR_UndeclaredType, name.Span, name.Text);
            return null;
        }
        if (symbols[0] is TypeSymbol type)
        {
            return type;
        }
        Error(ErrorCode.ERR_NotAType, name.Span, name.Text);
        return null;
    }

    /// <summary>Applies a generic type to type arguments (<c>Register&lt;bit&lt;32&gt;, bit&lt;32&gt;&gt;</c>, <c>Parser&lt;H, M&gt;</c>).</summary>
    private P4Type Specialize(TypeSymbol symbol, IReadOnlyList<P4Type> arguments, SpecializedTypeSyntax syntax)
    {
        if (arguments.Any(a => a.IsError))
        {
            return ErrorType.Instance;
        }
        if (symbol.TypeParameters.Count != arguments.Count)
        {
            Error(ErrorCode.ERR_TypeArgumentCount, syntax.Span, symbol.Name, symbol.TypeParameters.Count, arguments.Count);
            return ErrorType.Instance;
        }
        foreach (var (argument, typeSyntax) in arguments.Zip(syntax.Arguments))
        {
            if (argument is BlockType { HasBody: true } block)
            {
                Error(ErrorCode.ERR_InvalidContext, typeSyntax.Span, $"cannot use {block.Display} as a type argument");
                return ErrorType.Instance;
            }
        }
        if (arguments.Any(a => Mentions(a, symbol, 0)))
        {
            Error(ErrorCode.ERR_InvalidContext, syntax.BaseType.Span, $"{symbol.Name}: contains self '{symbol.Name}' as a type argument");
            return ErrorType.Instance;
        }
        var specialized = symbol.Type.Substitute(MapOf(symbol.TypeParameters, arguments));
        if (specialized is StructType st)
        {
            foreach (var field in st.Fields)
            {
                if (!field.Type.IsError && !FieldTypeAllowed(st.Kind, field.Type))
                {
                    Error(ErrorCode.ERR_InvalidFieldType, syntax.Span, field.Name, st.Kind switch { StructKind.Header => "header", StructKind.HeaderUnion => "header_union", _ => "struct" }, st.Display, field.Type.Display);
                    return ErrorType.Instance;
                }
            }
        }
        return specialized;
    }

    /// <summary>True when <paramref name="type"/> is, or is built from, a specialisation of the generic <paramref name="symbol"/>.</summary>
    private static bool Mentions(P4Type type, TypeSymbol symbol, int depth) => depth < 8 && type switch
    {
        StructType s => ReferenceEquals(s.Declaration, symbol) || s.TypeArguments.Any(a => Mentions(a, symbol, depth + 1)),
        ExternType e => ReferenceEquals(e.Declaration, symbol) || e.TypeArguments.Any(a => Mentions(a, symbol, depth + 1)),
        BlockType b => ReferenceEquals(b.Declaration, symbol) || b.TypeArguments.Any(a => Mentions(a, symbol, depth + 1))
            || b.ApplyParameters.Any(p => Mentions(p.Type, symbol, depth + 1)) || b.ConstructorParameters.Any(p => Mentions(p.Type, symbol, depth + 1)),
        NewType n => Mentions(n.UnderlyingType, symbol, depth + 1),
        StackType s => Mentions(s.ElementType, symbol, depth + 1),
        TupleType t => t.Elements.Any(e => Mentions(e, symbol, depth + 1)),
        ListType l => Mentions(l.ElementType, symbol, depth + 1),
        _ => false,
    };

    private static Dictionary<TypeVariable, P4Type> MapOf(IReadOnlyList<TypeVariable> variables, IReadOnlyList<P4Type> arguments)
    {
        var map = new Dictionary<TypeVariable, P4Type>();
        for (var i = 0; i < variables.Count && i < arguments.Count; i++)
        {
            map[variables[i]] = arguments[i];
        }
        return map;
    }

    /// <summary>Binds an expression that must fold to an integer (widths, sizes, indices); reports and returns null otherwise.</summary>
    private BigInteger? EvaluateConstantInt(Expression expression, string what)
    {
        var bound = BindExpression(expression, null);
        if (bound.Type.IsError)
        {
            return null;
        }
        var value = ConstantFolder.AsLiteral(bound);
        if (value is IntegerLiteral literal)
        {
            return literal.Value;
        }
        if (value is not null && value.Type is EnumType { IsSerializable: true } && value is EnumMemberExpression { Value: { } v })
        {
            return v;
        }
        Error(ErrorCode.ERR_NotConstant, expression.Span, what);
        return null;
    }

    /// <summary>The size in bits of a type as the spec's <c>minSizeInBits</c>/<c>maxSizeInBits</c> define it, or null when it has none.</summary>
    private static int? SizeInBits(P4Type type, bool max) => type switch
    {
        BitsType b => b.Width,
        BoolType => 1,
        VarbitType v => max ? v.MaxWidth : 0,
        EnumType { UnderlyingType: { } u } => u.Width,
        NewType n => SizeInBits(n.UnderlyingType, max),
        StructType { Kind: StructKind.HeaderUnion } u => u.Fields.Select(f => SizeInBits(f.Type, max)).Aggregate((int?)0, (a, b) => a is null || b is null ? null : Math.Max(a.Value, b.Value)),
        StructType s => s.Fields.Select(f => SizeInBits(f.Type, max)).Aggregate((int?)0, (a, b) => a is null || b is null ? null : a + b),
        StackType st => SizeInBits(st.ElementType, max) * st.Size,
        TupleType t => t.Elements.Select(e => SizeInBits(e, max)).Aggregate((int?)0, (a, b) => a is null || b is null ? null : a + b),
        _ => null,
    };
}
