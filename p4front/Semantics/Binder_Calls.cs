using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;
using P4Bpf.Front.Typed;
using S = P4Bpf.Front.Syntax;
using T = P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    private TypedExpression BindCall(S.CallExpression call, P4Type? expected)
    {
        switch (call.Target)
        {
            case MemberExpression member:
                return BindMethodCall(call, member);
            case NameExpression name:
            {
                var symbols = Lookup(name.Name.Text, name.IsTopLevel);
                if (symbols is null)
                {
                    BindArgumentsLoosely(call.Arguments);
                    return Bad(ErrorCode.ERR_UndeclaredName, name.Span, name.Name.Text);
                }
                switch (symbols[0])
                {
                    case FunctionSymbol:
                    {
                        var candidates = symbols.OfType<FunctionSymbol>().Select(f => (f.Signature, (object)f)).ToList();
                        var chosen = ChooseOverload(name.Name.Text, candidates, call);
                        if (chosen is null)
                        {
                            return new BadExpression(call.Span);
                        }
                        var function = (FunctionSymbol)chosen.Value.Symbol;
                        var (typeArguments, arguments, returnType) = BindArguments(function.Name, function.Signature, call, null);
                        if (function.Name == "static_assert" && function.IsExtern)
                        {
                            return CheckStaticAssert(call, arguments);
                        }
                        if (function.Name == "verify" && function.IsExtern && _context.Body != BodyKind.Parser && Lookup("verify", true) is { } top && top.Contains(function))
                        {
                            Error(ErrorCode.ERR_InvalidContext, call.Span, $"{TextOf(call.Span)}: may only be invoked in parsers");
                        }
                        return new T.CallExpression(call.Span, returnType, new FunctionCallee(function), typeArguments, arguments);
                    }
                    case ActionSymbol action:
                    {
                        if (_context.Body is BodyKind.Parser or BodyKind.Function)
                        {
                            BindArgumentsLoosely(call.Arguments);
                            return Bad(ErrorCode.ERR_InvalidContext, call.Span, $"{TextOf(call.Span)}: actions cannot be called from {ContextName()}");
                        }
                        var (_, arguments, _) = BindArguments(action.Name, action.Signature, call, null);
                        return new T.CallExpression(call.Span, VoidType.Instance, new ActionCallee(action), EquatableArray<P4Type>.Empty, arguments);
                    }
                    case TypeSymbol type:
                        return BindConstructorCall(call, type, call.TypeArguments.Select(ResolveType).ToList());
                    default:
                        BindArgumentsLoosely(call.Arguments);
                        return Bad(ErrorCode.ERR_NotCallable, call.Target.Span, name.Name.Text);
                }
            }
            case S.TypeExpression { Type: SpecializedTypeSyntax specialized }:
            {
                var symbol = LookupTypeSymbol(specialized.BaseType.Name, specialized.BaseType.IsTopLevel);
                if (symbol is null)
                {
                    BindArgumentsLoosely(call.Arguments);
                    return new BadExpression(call.Span);
                }
                return BindConstructorCall(call, symbol, specialized.Arguments.Select(ResolveType).ToList());
            }
            default:
                BindExpression(call.Target, null);
                BindArgumentsLoosely(call.Arguments);
                return Bad(ErrorCode.ERR_NotCallable, call.Target.Span, TextOf(call.Target.Span));
        }
    }

    private void BindArgumentsLoosely(EquatableArray<Argument> arguments)
    {
        foreach (var argument in arguments)
        {
            BindExpression(argument.Value, null);
        }
    }

    private TypedExpression CheckStaticAssert(S.CallExpression call, EquatableArray<TypedArgument> arguments)
    {
        var condition = arguments.Count > 0 ? arguments[0].Value : null;
        if (condition is null || condition.Type.IsError)
        {
            return new BadExpression(call.Span);
        }
        if (ConstantFolder.AsLiteral(condition) is not BoolLiteral value)
        {
            return Bad(ErrorCode.ERR_NotConstant, call.Arguments[0].Span, "the condition of static_assert");
        }
        if (!value.Value)
        {
            var message = arguments.Count > 1 && arguments[1].Value is T.StringLiteral s ? s.Value : TextOf(call.Arguments[0].Span);
            Error(ErrorCode.ERR_StaticAssertFailed, call.Span, message);
        }
        return new BoolLiteral(call.Span, true);
    }

    private TypedExpression BindMethodCall(S.CallExpression call, MemberExpression member)
    {
        var name = member.Member.Text;
        var target = BindExpression(member.Target, null);
        if (target.Type.IsError)
        {
            BindArgumentsLoosely(call.Arguments);
            return target;
        }
        if (name is "minSizeInBits" or "minSizeInBytes" or "maxSizeInBits" or "maxSizeInBytes")
        {
            var type = target.Type is MetaType meta ? meta.Referenced : target.Type;
            var size = SizeInBits(type, name.StartsWith("max", StringComparison.Ordinal));
            if (size is null || call.Arguments.Count != 0)
            {
                return Bad(ErrorCode.ERR_NoSuchMember, member.Member.Span, type.Display, name);
            }
            var value = name.EndsWith("Bytes", StringComparison.Ordinal) ? (size.Value + 7) / 8 : size.Value;
            return new IntegerLiteral(call.Span, IntType.Instance, value);
        }
        switch (target.Type)
        {
            case StructType { Kind: StructKind.Header or StructKind.HeaderUnion } header when name is "isValid" or "setValid" or "setInvalid":
            {
                if (header.IsHeaderUnion && name != "isValid")
                {
                    return Bad(ErrorCode.ERR_NoSuchMember, member.Member.Span, header.Display, name);
                }
                if (call.Arguments.Count != 0)
                {
                    return Bad(ErrorCode.ERR_ArgumentCount, call.Span, name, call.Arguments.Count);
                }
                if (name != "isValid")
                {
                    RequireLValue(target, $"'{name}' needs an assignable header");
                }
                var method = name switch { "isValid" => BuiltinMethod.IsValid, "setValid" => BuiltinMethod.SetValid, _ => BuiltinMethod.SetInvalid };
                return new T.CallExpression(call.Span, name == "isValid" ? BoolType.Instance : VoidType.Instance, new BuiltinCallee(target, method), EquatableArray<P4Type>.Empty, EquatableArray<TypedArgument>.Empty);
            }
            case StackType when name is "push_front" or "pop_front":
            {
                var parameter = new ParameterInfo("count", Direction.In, IntType.Instance, 0, null, false, EquatableArray<Annotation>.Empty);
                if (call.Arguments.Count != 1)
                {
                    return Bad(ErrorCode.ERR_ArgumentCount, call.Span, name, call.Arguments.Count);
                }
                var count = BindExpression(call.Arguments[0].Value, null);
                if (count.Type.IsError)
                {
                    return new BadExpression(call.Span);
                }
                if (ConstantFolder.AsLiteral(count) is not IntegerLiteral { Value.Sign: >= 0 })
                {
                    return Bad(ErrorCode.ERR_NotConstant, call.Arguments[0].Span, $"the argument of '{name}'");
                }
                RequireLValue(target, $"'{name}' needs an assignable stack");
                return new T.CallExpression(call.Span, VoidType.Instance, new BuiltinCallee(target, name == "push_front" ? BuiltinMethod.PushFront : BuiltinMethod.PopFront),
                    EquatableArray<P4Type>.Empty, [new TypedArgument(call.Arguments[0].Span, parameter, count)]);
            }
            case TableType table when name == "apply":
                if (_context.Body is BodyKind.Action or BodyKind.Function or BodyKind.Parser)
                {
                    return Bad(ErrorCode.ERR_InvalidContext, call.Span, $"{TextOf(call.Span)}: apply cannot be called from {ContextName()}");
                }
                if (call.Arguments.Count != 0)
                {
                    return Bad(ErrorCode.ERR_ArgumentCount, call.Span, "apply", call.Arguments.Count);
                }
                return new T.CallExpression(call.Span, new TableApplyResultType(table.Table), new ApplyCallee(target), EquatableArray<P4Type>.Empty, EquatableArray<TypedArgument>.Empty);
            case BlockType { Kind: BlockKind.Parser or BlockKind.Control } block when name == "apply":
            case MetaType { Referenced: BlockType { Kind: BlockKind.Parser or BlockKind.Control, HasBody: true } block2 } when name == "apply":
            {
                var blockType = target.Type as BlockType ?? (BlockType)((MetaType)target.Type).Referenced;
                if (_context.Body is BodyKind.Action or BodyKind.Function)
                {
                    return Bad(ErrorCode.ERR_InvalidContext, call.Span, $"{TextOf(call.Span)}: apply cannot be called from {ContextName()}");
                }
                if (blockType.Kind == BlockKind.Control && _context.Body == BodyKind.Parser || blockType.Kind == BlockKind.Parser && _context.Body == BodyKind.Control)
                {
                    return Bad(ErrorCode.ERR_InvalidContext, call.Span, $"a {blockType.Kind.ToString().ToLowerInvariant()} cannot be applied from {ContextName()}");
                }
                var signature = new Signature(EquatableArray<TypeVariable>.Empty, blockType.ApplyParameters, VoidType.Instance);
                var (_, arguments, _) = BindArguments(blockType.Name + ".apply", signature, call, null);
                return new T.CallExpression(call.Span, VoidType.Instance, new ApplyCallee(target), EquatableArray<P4Type>.Empty, arguments);
            }
            case ExternType externType:
            {
                var candidates = externType.Methods.Where(m => m.Name == name && !m.IsConstructor).Select(m => (externType.GetSignature(m), (object)m)).ToList();
                if (candidates.Count == 0)
                {
                    BindArgumentsLoosely(call.Arguments);
                    return Bad(ErrorCode.ERR_NoSuchMember, member.Member.Span, externType.Display, name);
                }
                var chosen = ChooseOverload($"{externType.Name}.{name}", candidates, call);
                if (chosen is null)
                {
                    return new BadExpression(call.Span);
                }
                var method = (MethodSymbol)chosen.Value.Symbol;
                var (typeArguments, arguments, returnType) = BindArguments($"{externType.Name}.{name}", chosen.Value.Signature, call, null);
                if (externType.Name == "packet_in" && name == "extract" && arguments.Count > 0 && arguments[0].Value is { Type: var extracted } first && !extracted.IsError && first is not T.DontCareExpression)
                {
                    var hasVarbit = extracted is StructType es && es.Fields.Any(f => f.Type is VarbitType);
                    if (extracted is not StructType { Kind: StructKind.Header })
                    {
                        Error(ErrorCode.ERR_TypeMismatch, first.Span, extracted.Display, "a header");
                    }
                    else if (arguments.Count == 1 && hasVarbit)
                    {
                        Error(ErrorCode.ERR_InvalidContext, first.Span, $"{TextOf(first.Span)}: the one-argument extract cannot extract a header with a varbit field");
                    }
                    else if (arguments.Count == 2 && !hasVarbit)
                    {
                        Error(ErrorCode.ERR_InvalidContext, first.Span, $"{TextOf(first.Span)}: the two-argument extract needs a header with a varbit field");
                    }
                }
                return new T.CallExpression(call.Span, returnType, new MethodCallee(target, method), typeArguments, arguments);
            }
            default:
                BindArgumentsLoosely(call.Arguments);
                return Bad(ErrorCode.ERR_NoSuchMember, member.Member.Span, target.Type.Display, name);
        }
    }

    private string ContextName() => _context.Body switch
    {
        BodyKind.Action => "actions",
        BodyKind.Function => "functions",
        BodyKind.Parser => "a parser",
        BodyKind.Control => "a control",
        _ => "the top level",
    };

    /// <summary>Picks the overload whose parameter count (and names, for named arguments) fits the call; reports when none does.</summary>
    private (Signature Signature, object Symbol)? ChooseOverload(string name, IReadOnlyList<(Signature Signature, object Symbol)> candidates, S.CallExpression call)
    {
        var count = call.Arguments.Count;
        var named = call.Arguments.Where(a => a.Name is not null).Select(a => a.Name!.Text).ToList();
        var fitting = candidates.Where(c => count >= c.Signature.RequiredCount && count <= c.Signature.Parameters.Count
            && named.All(n => c.Signature.Parameters.Any(p => p.Name == n))).ToList();
        if (fitting.Count == 0 && candidates.Count == 1)
        {
            return candidates[0];
        }
        if (fitting.Count == 0)
        {
            BindArgumentsLoosely(call.Arguments);
            Error(ErrorCode.ERR_ArgumentCount, call.Span, name, count);
            return null;
        }
        if (fitting.Count > 1)
        {
            // several overloads take this many arguments: the first whose parameter types accept the arguments wins
            foreach (var candidate in fitting.OrderBy(c => c.Signature.Parameters.Count - count))
            {
                var saved = _diagnostics;
                _diagnostics = new DiagnosticBag();
                try
                {
                    BindArgumentList(name, candidate.Signature, call.Arguments, null, call.Span, []);
                    if (!_diagnostics.HasErrors)
                    {
                        return candidate;
                    }
                }
                finally
                {
                    _diagnostics = saved;
                }
            }
        }
        return fitting.OrderBy(c => c.Signature.Parameters.Count - count).First();
    }

    /// <summary>
    /// Matches arguments to parameters (positional, then named), fills defaults, infers type arguments by unification,
    /// converts each argument to its parameter type and checks that out/inout arguments are lvalues.
    /// </summary>
    private (EquatableArray<P4Type> TypeArguments, EquatableArray<TypedArgument> Arguments, P4Type ReturnType) BindArguments(
        string calleeName, Signature signature, S.CallExpression call, IReadOnlyList<P4Type>? explicitTypeArguments)
    {
        return BindArgumentList(calleeName, signature, call.Arguments, call.TypeArguments.Count > 0 ? call.TypeArguments.Select(ResolveType).ToList() : explicitTypeArguments, call.Span, []);
    }

    private (EquatableArray<P4Type> TypeArguments, EquatableArray<TypedArgument> Arguments, P4Type ReturnType) BindArgumentList(
        string calleeName, Signature signature, EquatableArray<Argument> given, IReadOnlyList<P4Type>? typeArguments, TextSpan span, IReadOnlyList<TypeVariable> extraVariables)
    {
        var constructing = _constructing;
        _constructing = false;
        var parameters = signature.Parameters;
        var slots = new Argument?[parameters.Count];
        var failed = false;
        var sawNamed = false;
        for (var i = 0; i < given.Count; i++)
        {
            var argument = given[i];
            if (argument.Name is null)
            {
                if (sawNamed)
                {
                    Error(ErrorCode.ERR_InvalidContext, argument.Span, "positional arguments cannot follow named arguments");
                    failed = true;
                    continue;
                }
                if (i >= parameters.Count)
                {
                    Error(ErrorCode.ERR_ArgumentCount, span, calleeName, given.Count);
                    failed = true;
                    break;
                }
                slots[i] = argument;
                continue;
            }
            sawNamed = true;
            var index = IndexOfParameter(parameters, argument.Name.Text);
            if (index < 0)
            {
                Error(ErrorCode.ERR_NoSuchParameter, argument.Name.Span, calleeName, argument.Name.Text);
                failed = true;
                continue;
            }
            if (slots[index] is not null)
            {
                Error(ErrorCode.ERR_DuplicateArgument, argument.Name.Span, argument.Name.Text);
                failed = true;
                continue;
            }
            slots[index] = argument;
        }
        var variables = new HashSet<TypeVariable>(signature.TypeParameters);
        variables.UnionWith(extraVariables);
        var map = new Dictionary<TypeVariable, P4Type>();
        if (typeArguments is not null)
        {
            if (typeArguments.Count != signature.TypeParameters.Count)
            {
                Error(ErrorCode.ERR_TypeArgumentCount, span, calleeName, signature.TypeParameters.Count, typeArguments.Count);
                failed = true;
            }
            for (var i = 0; i < signature.TypeParameters.Count && i < typeArguments.Count; i++)
            {
                if (typeArguments[i] is VoidType or TableType)
                {
                    Error(ErrorCode.ERR_InvalidContext, span, $"{typeArguments[i].Display}: illegal type argument for '{calleeName}'");
                    failed = true;
                }
                if (typeArguments[i] is not DontCareType)
                {
                    map[signature.TypeParameters[i]] = typeArguments[i];
                }
            }
        }
        var bound = new TypedExpression?[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            var argument = slots[i];
            if (argument is null)
            {
                if (!parameter.MayBeOmitted && !failed)
                {
                    Error(ErrorCode.ERR_MissingArgument, span, parameter.Name, calleeName);
                    failed = true;
                }
                continue;
            }
            var parameterType = parameter.Type.Substitute(map);
            if (argument.Value is S.DontCareExpression)
            {
                bound[i] = new T.DontCareExpression(argument.Value.Span, parameterType);
                continue;
            }
            if (!parameterType.HasTypeVariables || !parameterType.Substitute(map).HasTypeVariables && false)
            {
                bound[i] = BindExpression(argument.Value, parameterType);
                continue;
            }
            var value = BindExpression(argument.Value, null);
            if (!Unify(parameterType, value.Type, map, variables))
            {
                Error(ErrorCode.ERR_TypeMismatch, argument.Value.Span, value.Type.Display, parameterType.Display);
                value = new BadExpression(argument.Value.Span);
            }
            bound[i] = value;
        }
        foreach (var variable in signature.TypeParameters)
        {
            if (!map.ContainsKey(variable))
            {
                if (!failed && (constructing || signature.ReturnType.Equals(variable) || parameters.Any(p => p.Type.Equals(variable) && slots[p.Index] is null && !p.MayBeOmitted)))
                {
                    Error(ErrorCode.ERR_CannotInferTypeArgument, span, variable.Name, calleeName);
                }
                map[variable] = signature.ReturnType.Equals(variable) ? ErrorType.Instance : DontCareType.Instance;
            }
        }
        var result = new List<TypedArgument>();
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i].Substitute(map);
            var value = bound[i];
            if (value is null)
            {
                result.Add(new TypedArgument(span, parameter, parameter.DefaultValue));
                continue;
            }
            if (value is not T.DontCareExpression)
            {
                var declared = parameters[i].Type;
                if (declared.HasTypeVariables && !value.Type.IsError)
                {
                    if (parameter.Type is IntType && parameter.Direction != Direction.None)
                    {
                        value = Bad(ErrorCode.ERR_InvalidContext, value.Span, $"could not infer a width for '{TextOf(value.Span)}'");
                    }
                    else if (parameter.Type is StringType && parameter.Direction != Direction.None)
                    {
                        value = Bad(ErrorCode.ERR_InvalidParameter, value.Span, parameter.Name, "a parameter with type string cannot have a direction");
                    }
                    else if (parameter.Type is StructType { Declaration: null })
                    {
                        value = Bad(ErrorCode.ERR_InvalidContext, value.Span, "cannot infer the type of a structure expression here; cast it to a struct type");
                    }
                    else if (parameter.Type is TableType or VoidType)
                    {
                        value = Bad(ErrorCode.ERR_InvalidContext, value.Span, $"an argument cannot have type '{parameter.Type.Display}'");
                    }
                }
                value = Convert(value, parameter.Type);
                CheckArgumentDirection(parameter, value);
            }
            result.Add(new TypedArgument(slots[i]!.Span, parameter, value));
        }
        var typeArgs = signature.TypeParameters.Select(v => map.TryGetValue(v, out var t) ? t : DontCareType.Instance).ToEquatableArray();
        return (typeArgs, result.ToEquatableArray(), signature.ReturnType.Substitute(map));
    }

    private void CheckArgumentDirection(ParameterInfo parameter, TypedExpression value)
    {
        if (value.Type.IsError)
        {
            return;
        }
        if (parameter.Direction is Direction.Out or Direction.InOut)
        {
            if (!IsLValue(value, out _))
            {
                Error(ErrorCode.ERR_ArgumentNotLValue, value.Span, parameter.Direction == Direction.Out ? "out" : "inout", parameter.Name);
            }
        }
    }

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
        if (typeArguments.Any(t => t.IsError))
        {
            BindArgumentsLoosely(arguments);
            return null;
        }
        if (symbol.Type is ExternType aliased && !ReferenceEquals(aliased.Declaration, symbol))
        {
            // a typedef of an extern type: construct the extern itself, with the typedef's type arguments
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
        switch (symbol.Type)
        {
            case ExternType externType:
            {
                if (symbol.Constructors.IsEmpty && arguments.Count == 0)
                {
                    var implicitArguments = typeArguments.Count > 0 ? typeArguments : symbol.TypeParameters.Select(_ => (P4Type)DontCareType.Instance).ToList();
                    return (externType.Substitute(MapOf(symbol.TypeParameters, implicitArguments)), null, EquatableArray<TypedArgument>.Empty);
                }
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

    private static int IndexOfParameter(EquatableArray<ParameterInfo> parameters, string name)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Name == name)
            {
                return i;
            }
        }
        return -1;
    }
}
