using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using ListExpression = P4Bpf.Front.Typed.ListExpression;
using StructExpression = P4Bpf.Front.Typed.StructExpression;
using CastExpression = P4Bpf.Front.Typed.CastExpression;
using P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    /// <summary>Binds an expression where a value of <paramref name="target"/> is expected, with the implicit conversions the spec allows.</summary>
    private TypedExpression BindValue(Expression expression, P4Type target) => Convert(BindExpression(expression, target), target);

    /// <summary>Converts a bound expression to <paramref name="target"/>: identity, int literal to a fixed width, element-wise for lists; reports otherwise.</summary>
    private TypedExpression Convert(TypedExpression expression, P4Type target)
    {
        if (expression.Type is MetaType meta && target is not MetaType)
        {
            return Bad(ErrorCode.ERR_TypeNotValue, expression.Span, meta.Referenced.Display);
        }
        if (TryConvert(expression, target) is { } converted)
        {
            return converted;
        }
        if (expression.Type is IntType && target is BitsType && ConstantFolder.AsLiteral(expression) is null)
        {
            return Bad(ErrorCode.ERR_InvalidContext, expression.Span, $"could not infer a width for '{TextOf(expression.Span)}'");
        }
        return Bad(ErrorCode.ERR_TypeMismatch, expression.Span, expression.Type.Display, target.Display);
    }

    /// <summary>The conversion of <paramref name="expression"/> to <paramref name="target"/>, or null when there is none (nothing reported).</summary>
    private TypedExpression? TryConvert(TypedExpression expression, P4Type target)
    {
        var source = expression.Type;
        if (source.IsError || target.IsError || target is DontCareType || source.Equals(target))
        {
            return expression;
        }
        if (target is TypeVariable || source is TypeVariable)
        {
            return null;
        }
        switch (source, target)
        {
            case (IntType, BitsType bits):
                if (ConstantFolder.AsLiteral(expression) is IntegerLiteral literal)
                {
                    if (!ConstantFolder.Fits(literal.Value, bits) && !(bits.IsSigned == false && literal.Value.Sign >= 0 && literal.Value < System.Numerics.BigInteger.One << bits.Width))
                    {
                        Error(ErrorCode.WRN_ConstantTruncated, expression.Span, literal.Value, bits.Display);
                    }
                    return ConstantFolder.Integer(expression.Span, bits, literal.Value);
                }
                return ConstantFolder.IsConstant(expression) ? new CastExpression(expression.Span, bits, expression, true) : null;
            case (BitsType, IntType):
                return new CastExpression(expression.Span, target, expression, true);
            case (EnumType { UnderlyingType: { } underlying } e, BitsType or IntType):
            {
                if (!underlying.Equals(target) && target is not IntType)
                {
                    return null;
                }
                var enumLiteral = ConstantFolder.AsLiteral(expression);
                return enumLiteral is not null && ConstantFolder.Cast(enumLiteral, target, expression.Span) is { } folded
                    ? folded
                    : new CastExpression(expression.Span, target, expression, true);
            }
            case (IntType, EnumType { UnderlyingType: { } underlying } e) when ConstantFolder.AsLiteral(expression) is not null:
            {
                var value = TryConvert(expression, underlying);
                return value is null ? null : new CastExpression(expression.Span, target, value, true);
            }
            case (ExternType a, ExternType b) when ReferenceEquals(a.Declaration, b.Declaration):
                return a.TypeArguments.Zip(b.TypeArguments).All(p => TypesCompatible(p.First, p.Second)) ? expression : null;
            case (IntType, VarbitType):
                return null;
            case (SetType s, SetType t):
                return TypesCompatible(s.ElementType, t.ElementType) || s.ElementType is IntType ? expression : null;
            case (_, SetType set):
                return TryConvert(expression, set.ElementType);
            case (TupleType tuple, TupleType targetTuple) when expression is ListExpression list && tuple.Elements.Count == targetTuple.Elements.Count:
            {
                var elements = new List<TypedExpression>();
                for (var i = 0; i < list.Elements.Count; i++)
                {
                    var element = TryConvert(list.Elements[i], targetTuple.Elements[i]);
                    if (element is null)
                    {
                        return null;
                    }
                    elements.Add(element);
                }
                return new ListExpression(expression.Span, target, elements.ToEquatableArray());
            }
            case (TupleType, StructType or StackType or ListType) when expression is ListExpression list:
                return RetypeList(list, target);
            case (StructType { Declaration: null }, StructType { Declaration: not null }) when expression is StructExpression s:
                return RetypeStruct(s, (StructType)target);
            case (BlockType a, BlockType b) when a.Kind == b.Kind:
                return BlocksCompatible(a, b) ? expression : null;
            case (ActionEnumType, ActionEnumType):
                return expression;
            case (TupleType t, TupleType u) when t.Elements.Count == u.Elements.Count && t.Elements.Zip(u.Elements).All(p => p.First.Equals(p.Second) || p.First is IntType && p.Second is BitsType):
                return expression;
            default:
                return null;
        }
    }

    /// <summary>Re-binds the elements of a list expression against a struct, header, stack or list type.</summary>
    private TypedExpression? RetypeList(ListExpression list, P4Type target)
    {
        switch (target)
        {
            case StructType st when st.Fields.Count == list.Elements.Count:
            {
                var fields = new List<NamedValue>();
                for (var i = 0; i < st.Fields.Count; i++)
                {
                    var value = TryConvert(list.Elements[i], st.Fields[i].Type);
                    if (value is null)
                    {
                        return null;
                    }
                    fields.Add(new NamedValue(list.Elements[i].Span, st.Fields[i].Name, value));
                }
                return new StructExpression(list.Span, st, fields.ToEquatableArray());
            }
            case StackType stack when stack.Size == list.Elements.Count:
            case ListType:
            {
                var element = target is StackType s ? s.ElementType : ((ListType)target).ElementType;
                var elements = new List<TypedExpression>();
                foreach (var e in list.Elements)
                {
                    var value = TryConvert(e, element);
                    if (value is null)
                    {
                        return null;
                    }
                    elements.Add(value);
                }
                return new ListExpression(list.Span, target, elements.ToEquatableArray());
            }
            default:
                return null;
        }
    }

    private TypedExpression? RetypeStruct(StructExpression expression, StructType target)
    {
        if (expression.Fields.Count != target.Fields.Count)
        {
            return null;
        }
        var fields = new List<NamedValue>();
        foreach (var field in target.Fields)
        {
            var given = expression.Fields.FirstOrDefault(f => f.Name == field.Name);
            var value = given is null ? null : TryConvert(given.Value, field.Type);
            if (value is null)
            {
                return null;
            }
            fields.Add(given! with { Value = value });
        }
        return new StructExpression(expression.Span, target, fields.ToEquatableArray());
    }

    /// <summary>A parser/control/package value fits a parameter of a block type when their apply (or constructor) parameters agree.</summary>
    private static bool BlocksCompatible(BlockType value, BlockType parameter)
    {
        var a = value.Kind == BlockKind.Package ? value.ConstructorParameters : value.ApplyParameters;
        var b = parameter.Kind == BlockKind.Package ? parameter.ConstructorParameters : parameter.ApplyParameters;
        if (value.Kind == BlockKind.Package && ReferenceEquals(value.Declaration, parameter.Declaration))
        {
            return true;
        }
        return a.Count <= b.Count && b.Skip(a.Count).All(p => p.MayBeOmitted)
            && a.Zip(b).All(p => p.First.Direction == p.Second.Direction && TypesCompatible(p.First.Type, p.Second.Type));
    }

    private static bool TypesCompatible(P4Type a, P4Type b) =>
        a.Equals(b) || a.IsError || b.IsError || a is TypeVariable || b is TypeVariable || a is DontCareType || b is DontCareType
        || a is BlockType ba && b is BlockType bb && ba.Kind == bb.Kind && BlocksCompatible(ba, bb)
        || a is ExternType ea && b is ExternType eb && ReferenceEquals(ea.Declaration, eb.Declaration)
        || a is IntType && b is BitsType || a is BitsType && b is IntType
        || a is EnumType { UnderlyingType: { } u } && u.Equals(b) || b is EnumType { UnderlyingType: { } v } && v.Equals(a)
        || a is TupleType ta && b is TupleType tb && ta.Elements.Count == tb.Elements.Count && ta.Elements.Zip(tb.Elements).All(p => TypesCompatible(p.First, p.Second))
        || a is StackType sa && b is StackType sb && sa.Size == sb.Size && TypesCompatible(sa.ElementType, sb.ElementType);

    // ---- unification -----------------------------------------------------------------------

    /// <summary>Infers type variables of <paramref name="variables"/> so that <paramref name="parameter"/> matches <paramref name="argument"/>; returns false on a clash.</summary>
    private static bool Unify(P4Type parameter, P4Type argument, Dictionary<TypeVariable, P4Type> map, ISet<TypeVariable> variables)
    {
        if (argument.IsError || parameter.IsError)
        {
            return true;
        }
        switch (parameter)
        {
            case TypeVariable v when variables.Contains(v):
                if (map.TryGetValue(v, out var bound))
                {
                    if (bound is IntType && argument is not IntType)
                    {
                        map[v] = argument;
                        return true;
                    }
                    return bound is DontCareType || argument is IntType || Unify(bound, argument, map, variables) || TypesCompatible(bound, argument);
                }
                map[v] = argument;
                return true;
            case StructType ps when argument is StructType sa && ReferenceEquals(ps.Declaration, sa.Declaration):
                return ps.TypeArguments.Zip(sa.TypeArguments).All(p => Unify(p.First, p.Second, map, variables));
            case ExternType pe when argument is ExternType ae && ReferenceEquals(pe.Declaration, ae.Declaration):
                return pe.TypeArguments.Zip(ae.TypeArguments).All(p => Unify(p.First, p.Second, map, variables));
            case StackType pst when argument is StackType ast:
                return Unify(pst.ElementType, ast.ElementType, map, variables);
            case TupleType pt when argument is TupleType at && pt.Elements.Count == at.Elements.Count:
                return pt.Elements.Zip(at.Elements).All(p => Unify(p.First, p.Second, map, variables));
            case ListType pl when argument is ListType al:
                return Unify(pl.ElementType, al.ElementType, map, variables);
            case ListType pl when argument is TupleType at:
                return at.Elements.All(e => Unify(pl.ElementType, e, map, variables));
            case BlockType pb when argument is BlockType ab && pb.Kind == ab.Kind:
            {
                var pp = pb.Kind == BlockKind.Package ? pb.ConstructorParameters : pb.ApplyParameters;
                var ap = ab.Kind == BlockKind.Package ? ab.ConstructorParameters : ab.ApplyParameters;
                if (ReferenceEquals(pb.Declaration, ab.Declaration))
                {
                    return pb.TypeArguments.Zip(ab.TypeArguments).All(p => Unify(p.First, p.Second, map, variables));
                }
                return pp.Count >= ap.Count && pp.Zip(ap).All(p => Unify(p.First.Type, p.Second.Type, map, variables));
            }
            default:
                return true;
        }
    }
}
