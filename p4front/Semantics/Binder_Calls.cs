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
            {
                var bound = BindMethodCall(call, member);
                if (bound is T.CallExpression { Type: BlockType block, Callee: (FunctionCallee or MethodCallee) })
                {
                    return Bad(ErrorCode.ERR_InvalidContext, call.Span, $"{TextOf(call.Span)}: illegal return type '{block.Display}'");
                }
                return bound;
            }
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
        if (name is "minSizeInBits" or "minSizeInBytes" or "maxSizeInBits" or "maxSizeInBytes" or "sizeInBits" or "sizeInBytes")
        {
            var type = target.Type is MetaType meta ? meta.Referenced : target.Type;
            if (name.StartsWith("size", StringComparison.Ordinal) && ContainsVarbit(type))
            {
                return Bad(ErrorCode.ERR_InvalidContext, member.Member.Span, $"'{name}' needs a fixed-size type, and '{type.Display}' contains a varbit (use minSizeInBits/maxSizeInBits)");
            }
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
                if (externType.Name == "packet_in" && name == "lookahead" && call.TypeArguments.Count == 1 && ResolveType(call.TypeArguments[0]) is var looked && ContainsVarbit(looked))
                {
                    return Bad(ErrorCode.ERR_InvalidContext, call.TypeArguments[0].Span, $"{looked.Display}: the type argument of lookahead must be a fixed-width type");
                }
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
                    else if (extracted is StructType vs && vs.Fields.Count(f => f.Type is VarbitType) > 1)
                    {
                        // a header type with two varbit fields is legal until it is extracted; the fault is in the declaration,
                        // so that is where it is reported (once), as p4c does
                        if (vs.Declaration is not { } header || !_secondVarbitField.TryGetValue(header, out var fieldSpan))
                        {
                            Error(ErrorCode.ERR_InvalidContext, first.Span, $"{TextOf(first.Span)}: a header with multiple varbit fields cannot be extracted");
                        }
                        else if (_reportedVarbitHeaders.Add(header))
                        {
                            var varbits = vs.Fields.Where(f => f.Type is VarbitType).Select(f => $"'{f.Name}'");
                            Error(ErrorCode.ERR_InvalidDeclaration, fieldSpan,
                                $"header '{vs.Name}' has several varbit fields ({string.Join(", ", varbits)}), but a header that is extracted (line {_source.GetLocation(first.Span).Line}) has at most one");
                        }
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

    private static bool ContainsVarbit(P4Type type) => type switch
    {
        VarbitType => true,
        StructType s => s.Fields.Any(f => ContainsVarbit(f.Type)),
        StackType s => ContainsVarbit(s.ElementType),
        TupleType t => t.Elements.Any(ContainsVarbit),
        _ => false,
    };

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
