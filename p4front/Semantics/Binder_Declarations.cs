using System.Numerics;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Typed;
using S = P4Bpf.Front.Syntax;
using T = P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    private TypedDeclaration? BindDeclaration(Declaration declaration, bool topLevel)
    {
        CheckAnnotations(AnnotationsOf(declaration));
        switch (declaration)
        {
            case S.ConstantDeclaration c:
                return BindConstant(c);
            case S.VariableDeclaration v:
            {
                var type = ResolveType(v.Type);
                CheckVariableType(type, v.Type.Span);
                var initializer = v.Initializer is null ? null : BindValue(v.Initializer, type);
                var symbol = new VariableSymbol(v.Name.Text, v.Name.Span, v.Annotations, type);
                Declare(symbol, v.Name.Span);
                return Complete(symbol, new T.VariableDeclaration(v.Span, symbol, initializer));
            }
            case InstantiationDeclaration i:
                return BindInstantiation(i);
            case StructTypeDeclaration s:
                return BindStructType(s);
            case EnumDeclaration e:
                return BindEnum(e);
            case TypedefDeclaration t:
                return BindTypedef(t);
            case S.ErrorDeclaration e:
                foreach (var member in e.Members)
                {
                    if (_errors.Contains(member.Text))
                    {
                        Error(ErrorCode.ERR_DuplicateDeclaration, member.Span, $"error.{member.Text}");
                    }
                    else
                    {
                        _errors.Add(member.Text);
                    }
                }
                return new MemberListDeclaration(e.Span, false, e.Members.Select(m => m.Text).ToEquatableArray());
            case MatchKindDeclaration m:
                foreach (var member in m.Members)
                {
                    var symbol = new MatchKindSymbol(member.Text, member.Span);
                    Declare(symbol, member.Span);
                    _matchKinds.Add(symbol);
                }
                return new MemberListDeclaration(m.Span, true, m.Members.Select(x => x.Text).ToEquatableArray());
            case ExternObjectDeclaration e:
                return BindExternObject(e);
            case S.ExternFunctionDeclaration f:
                return BindExternFunction(f);
            case S.FunctionDeclaration f:
                return BindFunction(f);
            case S.ActionDeclaration a:
                return BindAction(a);
            case ParserTypeDeclaration p:
                return BindBlockTypeDeclaration(p.Span, p.Annotations, p.Name, p.TypeParameters, p.Parameters, BlockKind.Parser, declaration.Kind);
            case ControlTypeDeclaration c:
                return BindBlockTypeDeclaration(c.Span, c.Annotations, c.Name, c.TypeParameters, c.Parameters, BlockKind.Control, declaration.Kind);
            case PackageTypeDeclaration p:
                return BindBlockTypeDeclaration(p.Span, p.Annotations, p.Name, p.TypeParameters, p.Parameters, BlockKind.Package, declaration.Kind);
            case S.ParserDeclaration p:
                return BindParser(p);
            case S.ControlDeclaration c:
                return BindControl(c);
            case S.ValueSetDeclaration v:
            {
                var type = ResolveType(v.ElementType);
                if (type is not (BitsType or BoolType or EnumType { IsSerializable: true } or NewType or StructType { Kind: StructKind.Struct } or TupleType or ErrorType))
                {
                    Error(ErrorCode.ERR_InvalidDeclaration, v.ElementType.Span, $"'{type.Display}' is not a valid value_set element type");
                }
                var size = EvaluateConstantInt(v.Size, "the size of a value_set");
                var symbol = new ValueSetSymbol(v.Name.Text, v.Name.Span, v.Annotations, type);
                Declare(symbol, v.Name.Span);
                return Complete(symbol, new T.ValueSetDeclaration(v.Span, symbol, (int)(size ?? 0)));
            }
            case S.TableDeclaration t:
                return BindTable(t);
            case EmptyDeclaration or BadDeclaration:
                return null;
            default:
                Error(ErrorCode.ERR_NotSupported, declaration.Span, $"declaration {declaration.Kind}");
                return null;
        }
    }

    private static EquatableArray<Annotation> AnnotationsOf(Declaration declaration) => declaration switch
    {
        S.ConstantDeclaration d => d.Annotations,
        S.VariableDeclaration d => d.Annotations,
        InstantiationDeclaration d => d.Annotations,
        StructTypeDeclaration d => d.Annotations,
        EnumDeclaration d => d.Annotations,
        TypedefDeclaration d => d.Annotations,
        ExternObjectDeclaration d => d.Annotations,
        S.ExternFunctionDeclaration d => d.Annotations,
        S.FunctionDeclaration d => d.Annotations,
        S.ActionDeclaration d => d.Annotations,
        ParserTypeDeclaration d => d.Annotations,
        ControlTypeDeclaration d => d.Annotations,
        PackageTypeDeclaration d => d.Annotations,
        S.ParserDeclaration d => d.Type.Annotations,
        S.ControlDeclaration d => d.Type.Annotations,
        S.ValueSetDeclaration d => d.Annotations,
        S.TableDeclaration d => d.Annotations,
        _ => EquatableArray<Annotation>.Empty,
    };

    private static TDecl Complete<TDecl>(Symbol symbol, TDecl declaration) where TDecl : TypedDeclaration
    {
        symbol.Declaration = declaration;
        return declaration;
    }

    private static bool ContainsDontCare(P4Type type) => type switch
    {
        DontCareType => true,
        TupleType t => t.Elements.Any(ContainsDontCare),
        StackType s => ContainsDontCare(s.ElementType),
        ListType l => ContainsDontCare(l.ElementType),
        StructType { Declaration: not null } s => s.TypeArguments.Any(ContainsDontCare),
        _ => false,
    };

    private void CheckVariableType(P4Type type, Text.TextSpan span)
    {
        if (ContainsDontCare(type))
        {
            Error(ErrorCode.ERR_InvalidContext, span, $"a variable cannot have type '{type.Display}'");
            return;
        }
        if (type is IntType or StringType or VoidType or ExternType or BlockType or MatchKindType)
        {
            Error(ErrorCode.ERR_InvalidContext, span, $"a variable cannot have type '{type.Display}'");
        }
    }

    private TypedDeclaration BindConstant(S.ConstantDeclaration c)
    {
        var type = ResolveType(c.Type);
        if (type is ExternType or BlockType or VoidType || ContainsDontCare(type))
        {
            Error(ErrorCode.ERR_InvalidDeclaration, c.Type.Span, $"{c.Name.Text}: cannot declare constants of type '{type.Display}'");
            type = ErrorType.Instance;
        }
        var value = BindValue(c.Value, type);
        var symbol = new ConstantSymbol(c.Name.Text, c.Name.Span, c.Annotations, type);
        if (!value.Type.IsError && !ConstantFolder.IsConstant(value))
        {
            Error(ErrorCode.ERR_NotConstant, c.Value.Span, $"the value of constant '{c.Name.Text}'");
            value = new BadExpression(c.Value.Span);
        }
        var folded = ConstantFolder.AsLiteral(value) ?? value;
        symbol.Value = folded;
        Declare(symbol, c.Name.Span);
        return Complete(symbol, new T.ConstantDeclaration(c.Span, symbol, folded));
    }

    /// <summary>Resolves parameters and declares them in the current scope.</summary>
    private List<ParameterSymbol> BindParameters(EquatableArray<Parameter> parameters, bool isConstructor, string owner)
    {
        var result = new List<ParameterSymbol>();
        foreach (var parameter in parameters)
        {
            var type = ResolveType(parameter.Type);
            if (parameter.Direction != Direction.None && type is ExternType or StringType or BlockType or IntType && !type.IsError)
            {
                Error(ErrorCode.ERR_InvalidParameter, parameter.Name.Span, parameter.Name.Text, $"a parameter with type '{type.Display}' cannot have a direction");
            }
            if (type is VoidType)
            {
                Error(ErrorCode.ERR_InvalidParameter, parameter.Name.Span, parameter.Name.Text, "a parameter cannot have type 'void'");
            }
            if (parameter.DefaultValue is not null && parameter.Direction == Direction.Out)
            {
                Error(ErrorCode.ERR_InvalidParameter, parameter.Name.Span, parameter.Name.Text, "out parameters cannot have default values");
            }
            // Parsers, controls and packages are passed at instantiation: constructor parameters of packages and blocks may
            // have such a (body-less) type, extern constructors may not; extern methods are checked where they are called.
            if (type is BlockType block && !type.IsError && (isConstructor ? block.HasBody || owner == "<extern>" : owner != "<extern>"))
            {
                Error(ErrorCode.ERR_InvalidParameter, parameter.Name.Span, parameter.Name.Text, $"a parameter cannot have type '{block.Display}'");
            }
            if (owner == "<action>" && !type.IsError)
            {
                if (parameter.Direction == Direction.None && (type is EnumType { IsSerializable: false } || !ControlPlaneSettable(type) && HasControlPlaneArchitecture()))
                {
                    Error(ErrorCode.ERR_InvalidParameter, parameter.Name.Span, parameter.Name.Text, $"an action parameter set by the control plane cannot have type '{type.Display}' (not bit<>, int<>, bool, a new type or a serializable enum)");
                }
                if (type is IntType or ExternType or StringType)
                {
                    Error(ErrorCode.ERR_InvalidParameter, parameter.Name.Span, parameter.Name.Text, $"actions cannot have parameters with type '{type.Display}'");
                }
            }
            if ((owner is "<action>" or "<function>" || isConstructor && owner is not ("<extern>" or "<package>")) && parameter.Annotations.Any(a => a.Name.Text == "optional"))
            {
                Error(ErrorCode.ERR_InvalidParameter, parameter.Name.Span, parameter.Name.Text, "@optional is only allowed on extern parameters");
            }
            var defaultValue = parameter.DefaultValue is null ? null : BindValue(parameter.DefaultValue, type);
            if (defaultValue is not null && !defaultValue.Type.IsError && !ConstantFolder.IsConstant(defaultValue))
            {
                Error(ErrorCode.ERR_NotConstant, defaultValue.Span, $"the default value of parameter '{parameter.Name.Text}'");
            }
            var info = new ParameterInfo(parameter.Name.Text, parameter.Direction, type, result.Count, defaultValue,
                parameter.Annotations.Any(a => a.Name.Text == "optional"), parameter.Annotations) { Span = parameter.Name.Span };
            var symbol = new ParameterSymbol(info, parameter.Name.Span) { IsConstructorParameter = isConstructor };
            if (result.Any(p => p.Name == symbol.Name))
            {
                Error(ErrorCode.ERR_DuplicateDeclaration, parameter.Name.Span, symbol.Name);
            }
            else
            {
                Declare(symbol, parameter.Name.Span);
            }
            result.Add(symbol);
        }
        _ = owner;
        return result;
    }

    /// <summary>
    /// Whether a directionless (action data) parameter may have this type: the control plane sets it, so it must be
    /// bit&lt;&gt;, int&lt;&gt;, bool, a new type or a serializable enum (p4c rejects the rest, e.g. structs, headers, varbit, error).
    /// Types rejected for every action parameter (int, extern, string) are reported separately.
    /// </summary>
    private static bool ControlPlaneSettable(P4Type type) =>
        type is BitsType or BoolType or NewType or EnumType or IntType or ExternType or StringType;

    /// <summary>
    /// Whether the program targets an architecture with a control-plane API (one of the shipped architectures' packages
    /// is declared). p4c checks action data types when it generates that API (P4Info), so programs written against no
    /// architecture (core.p4 alone) may have, e.g., struct-typed action data.
    /// </summary>
    private bool HasControlPlaneArchitecture() =>
        ArchitecturePackages.Any(name => _root.LookupLocal(name)?.Any(s => s is TypeSymbol { Type: BlockType { Kind: BlockKind.Package } }) == true);

    private static readonly string[] ArchitecturePackages = ["V1Switch", "PSA_Switch", "ebpfFilter", "xdp"];

    private TypedDeclaration BindStructType(StructTypeDeclaration s)
    {
        var symbol = new TypeSymbol(s.Name.Text, s.Name.Span, s.Annotations);
        var kind = s.Flavor switch { StructFlavor.Header => StructKind.Header, StructFlavor.HeaderUnion => StructKind.HeaderUnion, _ => StructKind.Struct };
        var flavorName = s.Flavor switch { StructFlavor.Header => "header", StructFlavor.HeaderUnion => "header_union", _ => "struct" };
        InScope(() =>
        {
            var typeParameters = DeclareTypeParameters(s.TypeParameters);
            symbol.TypeParameters = typeParameters;
            var fields = new List<FieldInfo>();
            foreach (var field in s.Fields)
            {
                CheckAnnotations(field.Annotations);
                CheckLengthAnnotation(field.Annotations, fields);
                var type = ResolveType(field.Type);
                if (ContainsDontCare(type))
                {
                    Error(ErrorCode.ERR_InvalidFieldType, field.Type.Span, field.Name.Text, flavorName, s.Name.Text, type.Display);
                    type = ErrorType.Instance;
                }
                if (fields.Any(f => f.Name == field.Name.Text))
                {
                    Error(ErrorCode.ERR_DuplicateField, field.Name.Span, field.Name.Text);
                    continue;
                }
                if (!type.IsError && !FieldTypeAllowed(kind, type))
                {
                    Error(ErrorCode.ERR_InvalidFieldType, field.Type.Span, field.Name.Text, flavorName, s.Name.Text, type.Display);
                    type = ErrorType.Instance;
                }
                if (kind == StructKind.Header && type is VarbitType && fields.Count(f => f.Type is VarbitType) == 1)
                {
                    _secondVarbitField[symbol] = field.Name.Span; // an error only if the header is extracted
                }
                fields.Add(new FieldInfo(field.Name.Text, type, field.Annotations));
            }
            symbol.Type = new StructType(kind, s.Name.Text, symbol, fields.ToEquatableArray(), typeParameters.Select(t => (P4Type)t).ToEquatableArray());
            return 0;
        });
        Declare(symbol, s.Name.Span);
        return Complete(symbol, new TypeDeclaration(s.Span, symbol, s.Kind));
    }

    private static bool FieldTypeAllowed(StructKind kind, P4Type type) => kind switch
    {
        StructKind.Header => type is BitsType or VarbitType or BoolType or TypeVariable or EnumType { IsSerializable: true }
            || type is NewType { UnderlyingType: var u } && FieldTypeAllowed(kind, u)
            || type is StructType { Kind: StructKind.Struct } st && st.Fields.All(f => f.Type is not VarbitType && FieldTypeAllowed(kind, f.Type))
            || type is StackType { ElementType: var element } && element is not StructType { Kind: not StructKind.Struct } && FieldTypeAllowed(kind, element),
        StructKind.HeaderUnion => type is StructType { Kind: StructKind.Header } or TypeVariable,
        _ => type is not (IntType or StringType or VoidType or DontCareType or ExternType or BlockType or TableType or MatchKindType),
    };

    private TypedDeclaration BindEnum(EnumDeclaration e)
    {
        var symbol = new TypeSymbol(e.Name.Text, e.Name.Span, e.Annotations);
        BitsType? underlying = null;
        if (e.UnderlyingType is not null)
        {
            var type = ResolveType(e.UnderlyingType);
            if (type is BitsType bits)
            {
                underlying = bits;
            }
            else if (!type.IsError)
            {
                Error(ErrorCode.ERR_InvalidDeclaration, e.UnderlyingType.Span, $"an enum's underlying type must be bit<W> or int<W>, not '{type.Display}'");
            }
        }
        var members = new List<string>();
        var values = new List<BigInteger>();
        // a serializable enum member's value may name the members before it (enum bit<4> e { a = 1, b = a }), as p4c allows
        var saved = _scope;
        _scope = new Scope(saved);
        try
        {
            foreach (var member in e.Members)
            {
                if (members.Contains(member.Name.Text))
                {
                    Error(ErrorCode.ERR_DuplicateDeclaration, member.Name.Span, member.Name.Text);
                    continue;
                }
                members.Add(member.Name.Text);
                if (underlying is not null)
                {
                    if (member.Value is null)
                    {
                        Error(ErrorCode.ERR_InvalidEnumValue, member.Name.Span, member.Name.Text, "a serializable enum member needs a value");
                        values.Add(0);
                        continue;
                    }
                    var bound = BindExpression(member.Value, underlying);
                    var literal = ConstantFolder.AsLiteral(bound) as IntegerLiteral;
                    if (literal is null)
                    {
                        if (!bound.Type.IsError)
                        {
                            Error(ErrorCode.ERR_NotConstant, member.Value.Span, "an enum member's value");
                        }
                        values.Add(0);
                        continue;
                    }
                    if (literal.Type is IntType && !ConstantFolder.Fits(literal.Value, underlying) && !(underlying.IsSigned == false && literal.Value.Sign >= 0 && literal.Value < BigInteger.One << underlying.Width))
                    {
                        Error(ErrorCode.ERR_InvalidEnumValue, member.Value.Span, member.Name.Text, $"value {literal.Value} is not representable in '{underlying.Display}'");
                    }
                    else if (literal.Type is not IntType && !literal.Type.Equals(underlying))
                    {
                        Error(ErrorCode.ERR_TypeMismatch, member.Value.Span, literal.Type.Display, underlying.Display);
                    }
                    values.Add(ConstantFolder.Wrap(literal.Value, underlying));
                    var earlier = new ConstantSymbol(member.Name.Text, member.Name.Span, EquatableArray<Annotation>.Empty, underlying)
                    {
                        Value = new IntegerLiteral(member.Name.Span, underlying, values[^1]),
                    };
                    if (_scope.LookupLocal(member.Name.Text) is null)
                    {
                        _scope.Declare(earlier);
                    }
                }
            }
        }
        finally
        {
            _scope = saved;
        }
        symbol.Type = new EnumType(e.Name.Text, symbol, members.ToEquatableArray(), underlying, values.ToEquatableArray());
        Declare(symbol, e.Name.Span);
        return Complete(symbol, new TypeDeclaration(e.Span, symbol, e.Kind));
    }

    private TypedDeclaration? BindTypedef(TypedefDeclaration t)
    {
        P4Type type;
        TypedDeclaration? inline = null;
        if (t.InlineDeclaration is not null)
        {
            inline = BindDeclaration(t.InlineDeclaration, topLevel: false);
            type = inline?.Symbol is TypeSymbol ts ? ts.Type : ErrorType.Instance;
        }
        else
        {
            type = ResolveType(t.Type!);
        }
        var symbol = new TypeSymbol(t.Name.Text, t.Name.Span, t.Annotations);
        if (t.IsNewType)
        {
            if (!type.IsError && type is not (BitsType or BoolType or NewType or IntType or VarbitType))
            {
                Error(ErrorCode.ERR_InvalidDeclaration, t.Span, $"{t.Name.Text}: 'type' can only be applied to base types");
                type = ErrorType.Instance;
            }
            symbol.Type = type.IsError ? type : new NewType(t.Name.Text, symbol, type);
        }
        else
        {
            symbol.Type = type;
            if (type is BlockType or TableType)
            {
                Error(ErrorCode.ERR_InvalidDeclaration, t.Span, $"cannot define a typedef of '{type.Display}'");
            }
        }
        Declare(symbol, t.Name.Span);
        return Complete(symbol, new TypeDeclaration(t.Span, symbol, t.Kind));
    }

    private TypedDeclaration BindExternObject(ExternObjectDeclaration e)
    {
        var symbol = new TypeSymbol(e.Name.Text, e.Name.Span, e.Annotations);
        Declare(symbol, e.Name.Span);
        InScope(() =>
        {
            var typeParameters = DeclareTypeParameters(e.TypeParameters);
            symbol.TypeParameters = typeParameters;
            var typeArguments = typeParameters.Select(t => (P4Type)t).ToEquatableArray();
            symbol.Type = new ExternType(e.Name.Text, symbol, typeParameters, typeArguments, EquatableArray<MethodSymbol>.Empty);
            var methods = new List<MethodSymbol>();
            var constructors = new List<MethodSymbol>();
            foreach (var method in e.Methods)
            {
                var isConstructor = method.ReturnType is null;
                if (!isConstructor && method.Name.Text == e.Name.Text)
                {
                    Error(ErrorCode.ERR_InvalidDeclaration, method.Name.Span, $"{method.Name.Text}: invalid constructor; a constructor cannot have a return type");
                    continue;
                }
                if (isConstructor && method.Name.Text != e.Name.Text)
                {
                    Error(ErrorCode.ERR_InvalidDeclaration, method.Name.Span, $"constructor '{method.Name.Text}' must be named like the extern '{e.Name.Text}'");
                    continue;
                }
                var m = InScope(() =>
                {
                    var methodTypeParameters = DeclareTypeParameters(method.TypeParameters);
                    var returnType = method.ReturnType is null ? VoidType.Instance : ResolveType(method.ReturnType);
                    if (ContainsDontCare(returnType))
                    {
                        Error(ErrorCode.ERR_InvalidDeclaration, method.ReturnType!.Span, $"{returnType.Display}: illegal return type for method");
                    }
                    if (returnType is IntType)
                    {
                        Error(ErrorCode.ERR_InvalidDeclaration, method.ReturnType!.Span, "int: illegal return type for method");
                    }
                    foreach (var parameter in method.Parameters)
                    {
                        var named = parameter.Type switch { NamedTypeSyntax n => n, SpecializedTypeSyntax sp => sp.BaseType, _ => null };
                        if (named is not null && named.Name.Text == e.Name.Text)
                        {
                            Error(ErrorCode.ERR_InvalidDeclaration, parameter.Type.Span, $"self-referencing types are not supported: '{e.Name.Text}' within '{e.Name.Text}'");
                        }
                    }
                    var parameters = BindParameters(method.Parameters, isConstructor, "<extern>");
                    var signature = new Signature(methodTypeParameters, parameters.Select(p => p.Info).ToEquatableArray(), returnType);
                    return new MethodSymbol(method.Name.Text, method.Name.Span, method.Annotations, signature, method.IsAbstract, isConstructor);
                });
                if (isConstructor && constructors.Any(x => x.Signature.Parameters.Select(p => p.Type).SequenceEqual(m.Signature.Parameters.Select(p => p.Type))))
                {
                    Error(ErrorCode.ERR_DuplicateDeclaration, method.Name.Span, $"constructor {m.Name}");
                }
                (isConstructor ? constructors : methods).Add(m);
            }
            symbol.Constructors = constructors.ToEquatableArray();
            symbol.Type = new ExternType(e.Name.Text, symbol, typeParameters, typeArguments, methods.ToEquatableArray());
            return 0;
        });
        return Complete(symbol, new TypeDeclaration(e.Span, symbol, e.Kind));
    }

    private TypedDeclaration BindExternFunction(S.ExternFunctionDeclaration f)
    {
        var (signature, parameters) = InScope(() =>
        {
            var typeParameters = DeclareTypeParameters(f.TypeParameters);
            var returnType = ResolveType(f.ReturnType);
            var ps = BindParameters(f.Parameters, false, "<extern>");
            return (new Signature(typeParameters, ps.Select(p => p.Info).ToEquatableArray(), returnType), ps);
        });
        var symbol = new FunctionSymbol(f.Name.Text, f.Name.Span, f.Annotations, signature, isExtern: true) { Parameters = parameters.ToEquatableArray() };
        Declare(symbol, f.Name.Span);
        return Complete(symbol, new T.ExternFunctionDeclaration(f.Span, symbol));
    }

    private TypedDeclaration BindFunction(S.FunctionDeclaration f)
    {
        FunctionSymbol? symbol = null;
        var body = InScope(() =>
        {
            var typeParameters = DeclareTypeParameters(f.TypeParameters);
            var returnType = ResolveType(f.ReturnType);
            var parameters = BindParameters(f.Parameters, false, "<function>");
            var signature = new Signature(typeParameters, parameters.Select(p => p.Info).ToEquatableArray(), returnType);
            symbol = new FunctionSymbol(f.Name.Text, f.Name.Span, f.Annotations, signature, isExtern: false) { Parameters = parameters.ToEquatableArray() };
            var block = WithContext(new BindContext(BodyKind.Function, returnType, 0, false, false), () => BindBlock(f.Body));
            if (returnType is not VoidType && !returnType.IsError && !AlwaysReturns(block))
            {
                Error(ErrorCode.ERR_MissingReturn, f.Name.Span, f.Name.Text);
            }
            return block;
        });
        Declare(symbol!, f.Name.Span);
        return Complete(symbol!, new T.FunctionDeclaration(f.Span, symbol!, body));
    }

    private static bool AlwaysReturns(TypedStatement statement) => statement switch
    {
        T.ReturnStatement or T.ExitStatement => true,
        T.BlockStatement b => b.Statements.Any(AlwaysReturns),
        T.IfStatement i => i.Else is not null && AlwaysReturns(i.Then) && AlwaysReturns(i.Else),
        T.SwitchStatement s => s.Cases.Any(c => c.Label.IsDefault) && s.Cases.All(c => c.Body is null || AlwaysReturns(c.Body)),
        _ => false,
    };

    private TypedDeclaration BindAction(S.ActionDeclaration a)
    {
        ActionSymbol? symbol = null;
        var body = InScope(() =>
        {
            var parameters = BindParameters(a.Parameters, false, "<action>");
            var seenDirectionless = false;
            foreach (var p in parameters)
            {
                if (p.Direction == Direction.None)
                {
                    seenDirectionless = true;
                }
                else if (seenDirectionless)
                {
                    Error(ErrorCode.ERR_InvalidParameter, p.Span, p.Name, "directional parameters must come before directionless ones in an action");
                }
            }
            symbol = new ActionSymbol(a.Name.Text, a.Name.Span, a.Annotations, parameters.ToEquatableArray());
            return WithContext(new BindContext(BodyKind.Action, VoidType.Instance, 0, false, false), () => BindBlock(a.Body));
        });
        Declare(symbol!, a.Name.Span);
        return Complete(symbol!, new T.ActionDeclaration(a.Span, symbol!, body));
    }

    private TypedDeclaration BindBlockTypeDeclaration(Text.TextSpan span, EquatableArray<Annotation> annotations, Identifier name, EquatableArray<Identifier> typeParameterNames, EquatableArray<Parameter> parameterSyntax, BlockKind kind, SyntaxKind syntaxKind)
    {
        var symbol = new TypeSymbol(name.Text, name.Span, annotations);
        InScope(() =>
        {
            var typeParameters = DeclareTypeParameters(typeParameterNames);
            symbol.TypeParameters = typeParameters;
            var parameters = BindParameters(parameterSyntax, kind == BlockKind.Package, kind == BlockKind.Package ? "<package>" : name.Text).Select(p => p.Info).ToEquatableArray();
            symbol.Type = kind == BlockKind.Package
                ? new BlockType(kind, name.Text, symbol, typeParameters, typeParameters.Select(t => (P4Type)t).ToEquatableArray(), EquatableArray<ParameterInfo>.Empty, parameters, false)
                : new BlockType(kind, name.Text, symbol, typeParameters, typeParameters.Select(t => (P4Type)t).ToEquatableArray(), parameters, EquatableArray<ParameterInfo>.Empty, false);
            return 0;
        });
        Declare(symbol, name.Span);
        return Complete(symbol, new TypeDeclaration(span, symbol, syntaxKind));
    }
}
