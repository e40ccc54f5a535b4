using System.Numerics;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Typed;
using S = P4Bpf.Front.Syntax;
using T = P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    /// <summary>Binds an expression; <paramref name="expected"/> (may be null) types literals, lists, structure expressions, <c>{#}</c> and <c>_</c>.</summary>
    private TypedExpression BindExpression(Expression expression, P4Type? expected)
    {
        switch (expression)
        {
            case IntegerLiteralExpression i:
                return i.Width is { } width
                    ? BindSizedLiteral(i, width)
                    : new IntegerLiteral(i.Span, IntType.Instance, i.Value);
            case BooleanLiteralExpression b:
                return new BoolLiteral(b.Span, b.Value);
            case StringLiteralExpression s:
                return new T.StringLiteral(s.Span, s.Value);
            case NameExpression n:
                return BindName(n);
            case ThisExpression t:
                return _thisInstance is null
                    ? Bad(ErrorCode.ERR_InvalidContext, t.Span, "'this' can only be used in an instance initializer")
                    : new NameReference(t.Span, _thisInstance.Type, _thisInstance);
            case S.DontCareExpression d:
                return new T.DontCareExpression(d.Span, expected ?? DontCareType.Instance);
            case S.DefaultExpression d:
                return Bad(ErrorCode.ERR_InvalidContext, d.Span, "'default' can only be used as a keyset or a switch label");
            case DotsExpression d:
                if (expected is ListType or StringType or ExternType or BlockType or TableType or VoidType or MatchKindType)
                {
                    return Bad(ErrorCode.ERR_InvalidContext, d.Span, $"'...': type '{expected.Display}' has no default value");
                }
                return new T.DontCareExpression(d.Span, expected ?? DontCareType.Instance);
            case S.InvalidHeaderExpression h:
                if (expected is StructType { Kind: StructKind.Header or StructKind.HeaderUnion })
                {
                    return new T.InvalidHeaderExpression(h.Span, expected);
                }
                return expected is { IsError: true } ? new BadExpression(h.Span) : Bad(ErrorCode.ERR_InvalidContext, h.Span, "could not infer the header type of '{#}'");
            case S.TypeExpression te:
            {
                var type = ResolveType(te.Type);
                return type.IsError ? new BadExpression(te.Span) : new TypeReference(te.Span, type);
            }
            case MemberExpression m:
                return BindMember(m);
            case S.IndexExpression ix:
                return BindIndex(ix);
            case S.SliceExpression sl:
                return BindSlice(sl);
            case S.CallExpression c:
                return BindCall(c, expected);
            case S.UnaryExpression u:
                return BindUnary(u, expected);
            case S.BinaryExpression b:
                return BindBinary(b, expected);
            case S.ConditionalExpression c:
                return BindConditional(c, expected);
            case S.CastExpression c:
                return BindCast(c);
            case S.ListExpression l:
                return BindList(l, expected);
            case S.StructExpression s:
                return BindStruct(s, expected);
            case S.TupleKeysetExpression t:
                return Bad(ErrorCode.ERR_InvalidKeyset, t.Span, "a tuple keyset is only allowed in a select case or a table entry");
            case S.SelectExpression s:
                return Bad(ErrorCode.ERR_InvalidContext, s.Span, "'select' is only allowed as a transition target");
            default:
                return Bad(ErrorCode.ERR_NotSupported, expression.Span, $"expression {expression.Kind}");
        }
    }

    private TypedExpression BindSizedLiteral(IntegerLiteralExpression literal, int width)
    {
        if (width == 0 && literal.IsSigned)
        {
            return Bad(ErrorCode.ERR_InvalidWidth, literal.Span, 0, "the width of a signed type must be positive");
        }
        var type = new BitsType(width, literal.IsSigned);
        if (!ConstantFolder.Fits(literal.Value, type) && !(!literal.IsSigned && literal.Value.Sign >= 0 && literal.Value < BigInteger.One << width)
            && !(literal.IsSigned && literal.Value.Sign >= 0 && literal.Value < BigInteger.One << width))
        {
            Error(ErrorCode.WRN_ConstantTruncated, literal.Span, literal.Value, type.Display);
        }
        return ConstantFolder.Integer(literal.Span, type, literal.Value);
    }

    private TypedExpression BindName(NameExpression name)
    {
        var symbols = Lookup(name.Name.Text, name.IsTopLevel);
        if (symbols is null)
        {
            return Bad(ErrorCode.ERR_UndeclaredName, name.Span, name.Name.Text);
        }
        return ReferenceTo(symbols[0], name.Span);
    }

    private TypedExpression ReferenceTo(Symbol symbol, Text.TextSpan span) => symbol switch
    {
        ConstantSymbol c => new NameReference(span, c.Type, c),
        VariableSymbol v => new NameReference(span, v.Type, v),
        ParameterSymbol p => new NameReference(span, p.Type, p),
        InstanceSymbol i => new NameReference(span, i.Type, i),
        ActionSymbol a => new NameReference(span, new FunctionType(a.Signature), a),
        FunctionSymbol f => new NameReference(span, new FunctionType(f.Signature), f),
        TableSymbol t => new NameReference(span, new TableType(t), t),
        StateSymbol s => new NameReference(span, StateType.Instance, s),
        ValueSetSymbol v => new NameReference(span, new ValueSetType(v.ElementType), v),
        MatchKindSymbol m => new MatchKindExpression(span, m),
        TypeSymbol t => t.Type.IsError ? new BadExpression(span) : new TypeReference(span, t.Type),
        _ => Bad(ErrorCode.ERR_NotSupported, span, $"reference to {symbol.GetType().Name}"),
    };

    private TypedExpression BindMember(MemberExpression member)
    {
        var target = BindExpression(member.Target, null);
        var name = member.Member.Text;
        switch (target.Type)
        {
            case ErrorType:
                return target;
            case MetaType { Referenced: ErrorCodeType }:
                return _errors.Contains(name)
                    ? new ErrorMemberExpression(member.Span, name)
                    : Bad(ErrorCode.ERR_NoSuchMember, member.Member.Span, "error", name);
            case MetaType { Referenced: EnumType e }:
            {
                var index = e.Members.AsImmutableArray().IndexOf(name);
                return index < 0
                    ? Bad(ErrorCode.ERR_NoSuchMember, member.Member.Span, e.Name, name)
                    : new EnumMemberExpression(member.Span, e, name, e.IsSerializable ? e.Values[index] : null);
            }
            case StructType s:
            {
                var field = s.GetField(name);
                return field is null
                    ? Bad(ErrorCode.ERR_NoSuchMember, member.Member.Span, s.Display, name)
                    : new FieldAccess(member.Span, field.Type, target, name);
            }
            case StackType stack:
                switch (name)
                {
                    case "size":
                        return new IntegerLiteral(member.Span, new BitsType(32, false), stack.Size);
                    case "lastIndex":
                        if (_context.Body != BodyKind.Parser)
                        {
                            return Bad(ErrorCode.ERR_InvalidContext, member.Member.Span, "'lastIndex' can only be used in a parser");
                        }
                        return new StackMemberExpression(member.Span, new BitsType(32, false), target, StackMember.LastIndex);
                    case "next":
                        if (_context.Body != BodyKind.Parser)
                        {
                            return Bad(ErrorCode.ERR_InvalidContext, member.Member.Span, "'next' can only be used in a parser");
                        }
                        return new StackMemberExpression(member.Span, stack.ElementType, target, StackMember.Next);
                    case "last":
                        if (_context.Body != BodyKind.Parser)
                        {
                            return Bad(ErrorCode.ERR_InvalidContext, member.Member.Span, "'last' can only be used in a parser");
                        }
                        return new StackMemberExpression(member.Span, stack.ElementType, target, StackMember.Last);
                    default:
                        return Bad(ErrorCode.ERR_NoSuchMember, member.Member.Span, stack.Display, name);
                }
            case TableApplyResultType result:
                return name switch
                {
                    "hit" or "miss" => new FieldAccess(member.Span, BoolType.Instance, target, name),
                    "action_run" when _bindingSwitchExpression => new FieldAccess(member.Span, new ActionEnumType(result.Table), target, name),
                    "action_run" => Bad(ErrorCode.ERR_InvalidContext, member.Span, $"{TextOf(member.Span)}: only allowed as the expression of a switch statement"),
                    _ => Bad(ErrorCode.ERR_NoSuchMember, member.Member.Span, "table apply result", name),
                };
            default:
                return Bad(ErrorCode.ERR_NoSuchMember, member.Member.Span, target.Type.Display, name);
        }
    }

    private TypedExpression BindIndex(S.IndexExpression index)
    {
        var target = BindExpression(index.Target, null);
        if (target.Type.IsError)
        {
            BindExpression(index.Index, null);
            return target;
        }
        switch (target.Type)
        {
            case StackType stack:
            {
                var i = BindExpression(index.Index, null);
                if (i.Type.IsError)
                {
                    return new BadExpression(index.Span);
                }
                if (ConstantFolder.AsLiteral(i) is IntegerLiteral constant)
                {
                    if (constant.Value.Sign < 0)
                    {
                        return Bad(ErrorCode.ERR_IndexOutOfRange, index.Index.Span, constant.Value, stack.Display);
                    }
                    if (constant.Value >= stack.Size)
                    {
                        return Bad(ErrorCode.ERR_IndexOutOfRange, index.Index.Span, constant.Value, stack.Display);
                    }
                    i = constant.Type is IntType ? ConstantFolder.Integer(i.Span, new BitsType(32, false), constant.Value) : i;
                }
                else if (i.Type is not (BitsType or NewType { UnderlyingType: BitsType } or EnumType { IsSerializable: true }))
                {
                    return Bad(ErrorCode.ERR_TypeMismatch, index.Index.Span, i.Type.Display, "bit<W>");
                }
                return new T.IndexExpression(index.Span, stack.ElementType, target, i);
            }
            case TupleType tuple:
            {
                var i = EvaluateConstantInt(index.Index, "a tuple index");
                if (i is null)
                {
                    return new BadExpression(index.Span);
                }
                if (i < 0 || i >= tuple.Elements.Count)
                {
                    return Bad(ErrorCode.ERR_IndexOutOfRange, index.Index.Span, i, tuple.Display);
                }
                return new T.IndexExpression(index.Span, tuple.Elements[(int)i], target, new IntegerLiteral(index.Index.Span, IntType.Instance, i.Value));
            }
            default:
                BindExpression(index.Index, null);
                return Bad(ErrorCode.ERR_InvalidContext, index.Span, $"cannot index a value of type '{target.Type.Display}'");
        }
    }

    private TypedExpression BindSlice(S.SliceExpression slice)
    {
        var target = BindExpression(slice.Target, null);
        if (target.Type is EnumType { UnderlyingType: { } underlying })
        {
            target = Convert(target, underlying);
        }
        if (slice.IsBaseWidth)
        {
            var baseExpression = BindExpression(slice.First, null);
            if (!baseExpression.Type.IsError && ConstantFolder.AsLiteral(baseExpression) is null)
            {
                var width = EvaluateConstantInt(slice.Second, "the width of a slice");
                if (width is null || target.Type.IsError)
                {
                    return new BadExpression(slice.Span);
                }
                if (target.Type is not BitsType targetBits || width <= 0 || width > targetBits.Width)
                {
                    return Bad(ErrorCode.ERR_InvalidContext, slice.Span, $"cannot take {width} bit(s) of a value of type '{target.Type.Display}'");
                }
                if (baseExpression.Type is not (BitsType { IsSigned: false } or IntType))
                {
                    return Bad(ErrorCode.ERR_TypeMismatch, slice.First.Span, baseExpression.Type.Display, "bit<W>");
                }
                return new DynamicSliceExpression(slice.Span, new BitsType((int)width, false), target, baseExpression, (int)width);
            }
        }
        var first = EvaluateConstantInt(slice.First, "a slice bound");
        var second = EvaluateConstantInt(slice.Second, "a slice bound");
        if (target.Type.IsError || first is null || second is null)
        {
            return new BadExpression(slice.Span);
        }
        BigInteger high = first.Value, low = second.Value;
        if (slice.IsBaseWidth)
        {
            low = first.Value;
            high = first.Value + second.Value - 1;
        }
        var type = target.Type;
        if (type is NewType nt && nt.UnderlyingType is BitsType)
        {
            type = nt.UnderlyingType;
        }
        if (type is IntType && ConstantFolder.AsLiteral(target) is IntegerLiteral)
        {
            if (low < 0 || high < low || high > 1 << 16)
            {
                return Bad(ErrorCode.ERR_SliceOutOfRange, slice.Span, high, low, type.Display);
            }
            return ConstantFolder.Slice(target, (int)high, (int)low, slice.Span)!;
        }
        if (type is not BitsType bits)
        {
            return Bad(ErrorCode.ERR_InvalidContext, slice.Span, $"cannot slice a value of type '{target.Type.Display}'");
        }
        if (low < 0 || high < low || high >= bits.Width)
        {
            return Bad(ErrorCode.ERR_SliceOutOfRange, slice.Span, high, low, bits.Display);
        }
        var folded = ConstantFolder.Slice(target, (int)high, (int)low, slice.Span);
        if (folded is not null)
        {
            return folded;
        }
        return new T.SliceExpression(slice.Span, new BitsType((int)(high - low + 1), false), target, (int)high, (int)low);
    }

    private TypedExpression BindConditional(S.ConditionalExpression conditional, P4Type? expected)
    {
        var condition = BindCondition(conditional.Condition);
        var whenTrue = BindExpression(conditional.WhenTrue, expected);
        var whenFalse = BindExpression(conditional.WhenFalse, expected);
        if (whenTrue.Type.IsError || whenFalse.Type.IsError || condition.Type.IsError)
        {
            return new BadExpression(conditional.Span);
        }
        var type = whenTrue.Type is IntType ? whenFalse.Type : whenTrue.Type;
        if (type is IntType && expected is BitsType)
        {
            type = expected;
        }
        if (type is IntType && ConstantFolder.AsLiteral(condition) is null)
        {
            return Bad(ErrorCode.ERR_InvalidContext, conditional.Span, $"could not infer a width for '{TextOf(conditional.Span)}'");
        }
        whenTrue = Convert(whenTrue, type);
        whenFalse = Convert(whenFalse, type);
        if (ConstantFolder.AsLiteral(condition) is BoolLiteral b && ConstantFolder.AsLiteral(b.Value ? whenTrue : whenFalse) is { } chosen)
        {
            return chosen with { Span = conditional.Span };
        }
        return new T.ConditionalExpression(conditional.Span, type, condition, whenTrue, whenFalse);
    }

    private TypedExpression BindCondition(Expression expression)
    {
        var condition = BindExpression(expression, BoolType.Instance);
        if (condition.Type.IsError || condition.Type is BoolType)
        {
            return condition;
        }
        return Bad(ErrorCode.ERR_ConditionNotBool, expression.Span, condition.Type.Display);
    }

    private TypedExpression BindList(S.ListExpression list, P4Type? expected)
    {
        switch (expected)
        {
            case StructType st when st.Kind != StructKind.HeaderUnion:
            {
                var hasDots = list.Elements.Count > 0 && list.Elements[^1] is DotsExpression;
                var count = hasDots ? list.Elements.Count - 1 : list.Elements.Count;
                if (count != st.Fields.Count && !(hasDots && count <= st.Fields.Count))
                {
                    return Bad(ErrorCode.ERR_TypeMismatch, list.Span, $"a list of {count} element(s)", st.Display);
                }
                var fields = new List<NamedValue>();
                for (var i = 0; i < count; i++)
                {
                    fields.Add(new NamedValue(list.Elements[i].Span, st.Fields[i].Name, BindValue(list.Elements[i], st.Fields[i].Type)));
                }
                return new T.StructExpression(list.Span, st, fields.ToEquatableArray());
            }
            case TupleType tuple when tuple.Elements.Count == list.Elements.Count:
                return new T.ListExpression(list.Span, tuple, list.Elements.Zip(tuple.Elements).Select(p => BindValue(p.First, p.Second)).ToEquatableArray());
            case StackType stack when stack.Size == list.Elements.Count:
                return new T.ListExpression(list.Span, stack, list.Elements.Select(e => BindValue(e, stack.ElementType)).ToEquatableArray());
            case ListType l:
                return new T.ListExpression(list.Span, l, list.Elements.Select(e => BindValue(e, l.ElementType)).ToEquatableArray());
            default:
            {
                var elements = list.Elements.Select(e => BindExpression(e, null)).ToEquatableArray();
                return new T.ListExpression(list.Span, new TupleType(elements.Select(e => e.Type).ToEquatableArray()), elements);
            }
        }
    }

    private TypedExpression BindStruct(S.StructExpression structure, P4Type? expected)
    {
        var seen = new HashSet<string>();
        foreach (var field in structure.Fields)
        {
            if (!seen.Add(field.Name.Text))
            {
                Error(ErrorCode.ERR_DuplicateField, field.Name.Span, field.Name.Text);
            }
        }
        if (expected is StructType { Declaration: not null, Kind: not StructKind.HeaderUnion } st)
        {
            var fields = new List<NamedValue>();
            var bad = false;
            foreach (var given in structure.Fields)
            {
                if (st.GetField(given.Name.Text) is null)
                {
                    Error(ErrorCode.ERR_NoSuchMember, given.Name.Span, st.Display, given.Name.Text);
                    bad = true;
                }
            }
            foreach (var field in st.Fields)
            {
                var given = structure.Fields.FirstOrDefault(f => f.Name.Text == field.Name);
                if (given is null)
                {
                    if (!structure.HasDots)
                    {
                        Error(ErrorCode.ERR_InvalidContext, structure.Span, $"field '{field.Name}' of '{st.Display}' is not initialized");
                        bad = true;
                    }
                    continue;
                }
                fields.Add(new NamedValue(given.Span, field.Name, BindValue(given.Value, field.Type)));
            }
            return bad ? new BadExpression(structure.Span) : new T.StructExpression(structure.Span, st, fields.ToEquatableArray());
        }
        var values = structure.Fields.Select(f => new NamedValue(f.Span, f.Name.Text, BindExpression(f.Value, null))).ToList();
        var type = new StructType(StructKind.Struct, "struct", null, values.Select(v => new FieldInfo(v.Name, v.Value.Type, EquatableArray<Annotation>.Empty)).ToEquatableArray(), EquatableArray<P4Type>.Empty);
        return new T.StructExpression(structure.Span, type, values.ToEquatableArray());
    }
}
