using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Typed;
using S = P4Bpf.Front.Syntax;
using T = P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    private TypedDeclaration BindParser(S.ParserDeclaration p)
    {
        var header = p.Type;
        var symbol = new TypeSymbol(header.Name.Text, header.Name.Span, header.Annotations);
        var declaration = InScope(() =>
        {
            var typeParameters = DeclareTypeParameters(header.TypeParameters);
            symbol.TypeParameters = typeParameters;
            var apply = BindParameters(header.Parameters, false, header.Name.Text);
            var constructor = p.ConstructorParameters is { } cps ? BindParameters(cps, true, header.Name.Text) : [];
            CheckBlockConstructorParameters(constructor, BlockKind.Parser);
            symbol.Type = new BlockType(BlockKind.Parser, header.Name.Text, symbol, typeParameters, typeParameters.Select(t => (P4Type)t).ToEquatableArray(),
                apply.Select(a => a.Info).ToEquatableArray(), constructor.Select(c => c.Info).ToEquatableArray(), true);
            return WithContext(new BindContext(BodyKind.Parser, VoidType.Instance, 0, false, false), () => InScope(() =>
            {
                var locals = new List<TypedDeclaration>();
                foreach (var local in p.Locals)
                {
                    if (local is S.ActionDeclaration or S.TableDeclaration)
                    {
                        Error(ErrorCode.ERR_InvalidDeclaration, local.Span, $"invalid declaration: {(local is S.ActionDeclaration ? "actions" : "tables")} cannot be declared in a parser");
                        continue;
                    }
                    if (BindDeclaration(local, topLevel: false) is { } bound)
                    {
                        locals.Add(bound);
                    }
                }
                var states = new Dictionary<string, StateSymbol>
                {
                    ["accept"] = new("accept", header.Name.Span, true),
                    ["reject"] = new("reject", header.Name.Span, true),
                };
                var declared = new List<(ParserState Syntax, StateSymbol Symbol)>();
                foreach (var state in p.States)
                {
                    var name = state.Name.Text;
                    if (name is "accept" or "reject")
                    {
                        Error(ErrorCode.ERR_BuiltinStateRedefined, state.Name.Span, name);
                        continue;
                    }
                    if (states.ContainsKey(name))
                    {
                        Error(ErrorCode.ERR_DuplicateDeclaration, state.Name.Span, name);
                        continue;
                    }
                    var stateSymbol = new StateSymbol(name, state.Name.Span, false);
                    states[name] = stateSymbol;
                    declared.Add((state, stateSymbol));
                }
                if (!states.ContainsKey("start"))
                {
                    Error(ErrorCode.ERR_MissingStartState, header.Name.Span, header.Name.Text);
                }
                var boundStates = new List<ParserStateDeclaration>();
                foreach (var (syntax, stateSymbol) in declared)
                {
                    boundStates.Add(Complete(stateSymbol, BindState(syntax, stateSymbol, states)));
                }
                CheckParserTerminates(header.Name, p.States);
                return new T.ParserDeclaration(p.Span, symbol, apply.ToEquatableArray(), constructor.ToEquatableArray(), locals.ToEquatableArray(), boundStates.ToEquatableArray());
            }));
        });
        Declare(symbol, header.Name.Span);
        return Complete(symbol, declaration);
    }

    private ParserStateDeclaration BindState(ParserState state, StateSymbol symbol, Dictionary<string, StateSymbol> states) =>
        InScope(() =>
        {
            var statements = new List<TypedStatement>();
            foreach (var statement in state.Statements)
            {
                if (statement is S.TransitionStatement misplaced)
                {
                    Error(ErrorCode.ERR_InvalidContext, misplaced.Span, "'transition' must be the last statement of a parser state");
                    continue;
                }
                if (statement is S.SwitchStatement or S.ExitStatement or S.ReturnStatement)
                {
                    Error(ErrorCode.ERR_InvalidContext, statement.Span, $"this statement is not allowed in a parser state");
                    continue;
                }
                statements.Add(BindStatement(statement));
            }
            T.TransitionStatement? transition = null;
            if (state.Transition is { } t)
            {
                transition = new T.TransitionStatement(t.Span, BindTransitionTarget(t.Target, states));
            }
            return new ParserStateDeclaration(state.Span, symbol, statements.ToEquatableArray(), transition);
        });

    private TypedExpression BindTransitionTarget(Expression target, Dictionary<string, StateSymbol> states)
    {
        switch (target)
        {
            case NameExpression n:
                return StateReference(n.Name, states);
            case S.SelectExpression s:
            {
                var keys = s.Keys.Select(k => BindExpression(k, null)).ToList();
                foreach (var key in keys)
                {
                    if (key.Type is IntType)
                    {
                        Error(ErrorCode.ERR_InvalidContext, key.Span, $"could not infer a width for '{TextOf(key.Span)}'");
                    }
                    else if (!key.Type.IsError && key.Type is not (BitsType or BoolType or EnumType or ErrorCodeType or NewType or TupleType))
                    {
                        Error(ErrorCode.ERR_InvalidKeyset, key.Span, $"a select key cannot have type '{key.Type.Display}'");
                    }
                }
                var keyTypes = keys.Select(k => k.Type is IntType ? ErrorType.Instance : k.Type).ToList();
                var cases = new List<T.SelectCase>();
                foreach (var c in s.Cases)
                {
                    var keyset = BindSelectKeyset(c.Keyset, keyTypes);
                    var state = StateReference(c.State, states);
                    cases.Add(new T.SelectCase(c.Span, keyset, state is NameReference { Symbol: StateSymbol st } ? st : states["reject"]));
                }
                return new T.SelectExpression(s.Span, keys.ToEquatableArray(), cases.ToEquatableArray());
            }
            default:
                return Bad(ErrorCode.ERR_InvalidContext, target.Span, "a transition target must be a state name or a select expression");
        }
    }

    private TypedExpression StateReference(Identifier name, Dictionary<string, StateSymbol> states)
    {
        if (states.TryGetValue(name.Text, out var state))
        {
            return new NameReference(name.Span, StateType.Instance, state);
        }
        return Bad(ErrorCode.ERR_UnknownState, name.Span, name.Text);
    }

    /// <summary>Binds a keyset against the key types: a tuple keyset for several keys, <c>default</c>/<c>_</c>, masks, ranges and value sets.</summary>
    private TypedExpression BindSelectKeyset(Expression keyset, IReadOnlyList<P4Type> keyTypes)
    {
        if (keyset is S.DefaultExpression or S.DontCareExpression)
        {
            return BindKeysetElement(keyset, keyTypes.Count == 1 ? keyTypes[0] : new TupleType(keyTypes.ToEquatableArray()));
        }
        if (keyset is S.ListExpression list && (keyTypes.Count > 1 || list.Elements.Count == 1) && keyTypes[0] is not (StructType or TupleType))
        {
            keyset = new S.TupleKeysetExpression(list.Span, list.Elements);
        }
        if (keyTypes.Count == 1 && keyset is not S.TupleKeysetExpression)
        {
            return BindKeysetElement(keyset, keyTypes[0]);
        }
        if (keyTypes.Count == 1 && keyset is S.TupleKeysetExpression { Elements.Count: 1 } single && keyTypes[0] is not TupleType)
        {
            return BindKeysetElement(single.Elements[0], keyTypes[0]);
        }
        if (keyset is S.TupleKeysetExpression tuple)
        {
            if (tuple.Elements.Count != keyTypes.Count)
            {
                foreach (var e in tuple.Elements)
                {
                    BindExpression(e, null);
                }
                return Bad(ErrorCode.ERR_InvalidKeyset, keyset.Span, $"the keyset has {tuple.Elements.Count} element(s) but there are {keyTypes.Count} key(s)");
            }
            var elements = tuple.Elements.Zip(keyTypes).Select(p => BindKeysetElement(p.First, p.Second)).ToEquatableArray();
            return new T.TupleKeysetExpression(keyset.Span, new SetType(new TupleType(keyTypes.ToEquatableArray())), elements);
        }
        // a value set or a constant of tuple/struct type against several keys
        var bound = BindExpression(keyset, null);
        if (bound is NameReference { Symbol: ValueSetSymbol } || bound.Type.IsError)
        {
            return bound;
        }
        return Bad(ErrorCode.ERR_InvalidKeyset, keyset.Span, $"the keyset has 1 element but there are {keyTypes.Count} key(s)");
    }

    private TypedExpression BindKeysetElement(Expression element, P4Type keyType)
    {
        switch (element)
        {
            case S.DefaultExpression d:
                return new DefaultKeysetExpression(d.Span, new SetType(keyType));
            case S.DontCareExpression d:
                return new T.DontCareExpression(d.Span, new SetType(keyType));
            case S.BinaryExpression { Operator: BinaryOperator.Mask or BinaryOperator.Range } b:
                return BindKeysetOperator(b, keyType);
            default:
            {
                var value = BindExpression(element, keyType);
                if (value is NameReference { Symbol: ValueSetSymbol vs })
                {
                    if (!keyType.IsError && !vs.ElementType.IsError && !TypesCompatible(vs.ElementType, keyType) && vs.ElementType is not StructType)
                    {
                        Error(ErrorCode.ERR_TypeMismatch, element.Span, vs.ElementType.Display, keyType.Display);
                    }
                    return value;
                }
                if (value is T.CallExpression)
                {
                    return Bad(ErrorCode.ERR_InvalidKeyset, element.Span, $"{TextOf(element.Span)}: no function calls allowed in a keyset");
                }
                return Convert(value, keyType);
            }
        }
    }

    private TypedExpression BindKeysetOperator(S.BinaryExpression binary, P4Type? keyType)
    {
        var left = keyType is null ? BindExpression(binary.Left, null) : BindValue(binary.Left, keyType);
        var right = keyType is null ? BindExpression(binary.Right, null) : BindValue(binary.Right, keyType);
        if (left.Type.IsError || right.Type.IsError)
        {
            return new BadExpression(binary.Span);
        }
        if (!ConstantFolder.IsConstant(left) || !ConstantFolder.IsConstant(right))
        {
            return Bad(ErrorCode.ERR_NotConstant, binary.Span, $"the bounds of a keyset ('{TextOf(binary.Span)}')");
        }
        var elementType = keyType ?? left.Type;
        if (elementType is not (BitsType or IntType or ErrorType or EnumType { IsSerializable: true } or NewType))
        {
            return Bad(ErrorCode.ERR_InvalidKeyset, binary.Span, $"'{OperatorText(binary.Operator)}' needs bit<W> or int<W> operands, not '{elementType.Display}'");
        }
        return new T.BinaryExpression(binary.Span, new SetType(elementType), binary.Operator, left, right);
    }

    private TypedDeclaration BindControl(S.ControlDeclaration c)
    {
        var header = c.Type;
        var symbol = new TypeSymbol(header.Name.Text, header.Name.Span, header.Annotations);
        var declaration = InScope(() =>
        {
            var typeParameters = DeclareTypeParameters(header.TypeParameters);
            symbol.TypeParameters = typeParameters;
            var apply = BindParameters(header.Parameters, false, header.Name.Text);
            var constructor = c.ConstructorParameters is { } cps ? BindParameters(cps, true, header.Name.Text) : [];
            CheckBlockConstructorParameters(constructor, BlockKind.Control);
            symbol.Type = new BlockType(BlockKind.Control, header.Name.Text, symbol, typeParameters, typeParameters.Select(t => (P4Type)t).ToEquatableArray(),
                apply.Select(a => a.Info).ToEquatableArray(), constructor.Select(x => x.Info).ToEquatableArray(), true);
            return WithContext(new BindContext(BodyKind.Control, VoidType.Instance, 0, false, false), () => InScope(() =>
            {
                var locals = new List<TypedDeclaration>();
                foreach (var local in c.Locals)
                {
                    if (local is S.ValueSetDeclaration)
                    {
                        Error(ErrorCode.ERR_InvalidDeclaration, local.Span, "invalid declaration: value sets can only be declared in a parser");
                        continue;
                    }
                    if (BindDeclaration(local, topLevel: false) is { } bound)
                    {
                        locals.Add(bound);
                    }
                }
                var body = WithContext(_context with { InApply = true }, () => BindBlock(c.Apply));
                return new T.ControlDeclaration(c.Span, symbol, apply.ToEquatableArray(), constructor.ToEquatableArray(), locals.ToEquatableArray(), body);
            }));
        });
        Declare(symbol, header.Name.Span);
        return Complete(symbol, declaration);
    }

    /// <summary>A parser is instantiated only in parsers (and packages), a control only in controls: a constructor parameter is an instantiation.</summary>
    private void CheckBlockConstructorParameters(List<ParameterSymbol> constructor, BlockKind owner)
    {
        foreach (var parameter in constructor)
        {
            if (parameter.Type is BlockType { Kind: BlockKind.Parser or BlockKind.Control } block && block.Kind != owner)
            {
                var kind = block.Kind == BlockKind.Parser ? "parser" : "control";
                var ownerName = owner == BlockKind.Parser ? "parser" : "control";
                Error(ErrorCode.ERR_InvalidParameter, parameter.Span, parameter.Name, $"a {kind} cannot be instantiated in a {ownerName}");
            }
        }
    }
}
