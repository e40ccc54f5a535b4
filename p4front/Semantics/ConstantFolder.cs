using System.Numerics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;
using P4Bpf.Front.Typed;
using CastExpression = P4Bpf.Front.Typed.CastExpression;
using ListExpression = P4Bpf.Front.Typed.ListExpression;
using StructExpression = P4Bpf.Front.Typed.StructExpression;
using InvalidHeaderExpression = P4Bpf.Front.Typed.InvalidHeaderExpression;
using DontCareExpression = P4Bpf.Front.Typed.DontCareExpression;
using ConditionalExpression = P4Bpf.Front.Typed.ConditionalExpression;
using UnaryExpression = P4Bpf.Front.Typed.UnaryExpression;
using BinaryExpression = P4Bpf.Front.Typed.BinaryExpression;
using IndexExpression = P4Bpf.Front.Typed.IndexExpression;
using SliceExpression = P4Bpf.Front.Typed.SliceExpression;

namespace P4Bpf.Front.Semantics;

/// <summary>Compile-time evaluation over <see cref="BigInteger"/>: folds operators whose operands are literals, with the spec's width rules.</summary>
public static class ConstantFolder
{
    /// <summary>The literal an expression stands for: itself when it is a literal, a constant's folded value, or null.</summary>
    public static TypedExpression? AsLiteral(TypedExpression expression) => expression switch
    {
        IntegerLiteral or BoolLiteral or StringLiteral or EnumMemberExpression or ErrorMemberExpression => expression,
        NameReference { Symbol: ConstantSymbol constant } when constant.Value is not null => AsLiteral(constant.Value),
        FieldAccess { Target: var target, Field: var field } when ValueOf(target) is StructExpression s && s.Fields.FirstOrDefault(f => f.Name == field) is { } v => AsLiteral(v.Value),
        IndexExpression { Target: var target, Index: var index } when ValueOf(target) is ListExpression l && AsLiteral(index) is IntegerLiteral i && i.Value >= 0 && i.Value < l.Elements.Count => AsLiteral(l.Elements[(int)i.Value]),
        CastExpression { Operand: var operand, Type: var type } when AsLiteral(operand) is { } inner && Cast(inner, type, expression.Span) is { } folded => folded,
        _ => null,
    };

    /// <summary>The list or struct value a constant name stands for (looking through constants), or the expression itself.</summary>
    private static TypedExpression ValueOf(TypedExpression expression) => expression switch
    {
        NameReference { Symbol: ConstantSymbol constant } when constant.Value is not null => ValueOf(constant.Value),
        FieldAccess { Target: var target, Field: var field } when ValueOf(target) is StructExpression s && s.Fields.FirstOrDefault(f => f.Name == field) is { } v => ValueOf(v.Value),
        _ => expression,
    };

    /// <summary>True when the expression is a compile-time constant (literals, constants, constructor parameters, and operators, lists and structs of them).</summary>
    public static bool IsConstant(TypedExpression expression) => expression switch
    {
        ListExpression l => l.Elements.All(IsConstant),
        StructExpression s => s.Fields.All(f => IsConstant(f.Value)),
        InvalidHeaderExpression or MatchKindExpression or TypeReference or DontCareExpression => true,
        NameReference { Symbol: ConstantSymbol or InstanceSymbol } => true,
        NameReference { Symbol: ParameterSymbol { IsConstructorParameter: true } } => true,
        ConstructorCallExpression => true,
        CastExpression c => IsConstant(c.Operand),
        UnaryExpression u => IsConstant(u.Operand),
        BinaryExpression b => IsConstant(b.Left) && IsConstant(b.Right),
        ConditionalExpression c => IsConstant(c.Condition) && IsConstant(c.WhenTrue) && IsConstant(c.WhenFalse),
        FieldAccess f => IsConstant(f.Target),
        IndexExpression i => IsConstant(i.Target) && IsConstant(i.Index),
        SliceExpression s => IsConstant(s.Target),
        _ => AsLiteral(expression) is not null,
    };

    /// <summary>Wraps an integer into the range of a fixed-width type (two's complement for <c>int&lt;W&gt;</c>).</summary>
    public static BigInteger Wrap(BigInteger value, BitsType type)
    {
        if (type.Width == 0)
        {
            return BigInteger.Zero;
        }
        var modulus = BigInteger.One << type.Width;
        var result = BigInteger.Remainder(value, modulus);
        if (result.Sign < 0)
        {
            result += modulus;
        }
        if (type.IsSigned && result >= modulus >> 1)
        {
            result -= modulus;
        }
        return result;
    }

    /// <summary>True when <paramref name="value"/> is representable in <paramref name="type"/> without wrapping.</summary>
    public static bool Fits(BigInteger value, BitsType type) => Wrap(value, type) == value;

    /// <summary>An integer literal of a type (<c>int</c> values stay as they are; sized values are wrapped).</summary>
    public static IntegerLiteral Integer(TextSpan span, P4Type type, BigInteger value) =>
        new(span, type, type is BitsType b ? Wrap(value, b) : value);

    /// <summary>Folds a cast of a literal, or returns null when the cast is not a constant one.</summary>
    public static TypedExpression? Cast(TypedExpression literal, P4Type type, TextSpan span)
    {
        switch (literal, type)
        {
            case (IntegerLiteral i, BitsType b):
                return Integer(span, b, i.Value);
            case (IntegerLiteral i, IntType):
                return Integer(span, IntType.Instance, i.Value);
            case (IntegerLiteral i, BoolType):
                return new BoolLiteral(span, !i.Value.IsZero);
            case (BoolLiteral bl, BitsType b):
                return Integer(span, b, bl.Value ? 1 : 0);
            case (BoolLiteral bl, BoolType):
                return bl with { Span = span };
            case (EnumMemberExpression { Value: { } v }, BitsType b):
                return Integer(span, b, v);
            case (IntegerLiteral or BoolLiteral, NewType { UnderlyingType: BitsType or BoolType } n):
                // A constant of a new type (PSA's PortId_t): the folded underlying value under a cast that keeps the type.
                return Cast(literal, n.UnderlyingType, span) is not null ? new CastExpression(span, n, literal, false) : null;
            case (IntegerLiteral i, EnumType { UnderlyingType: not null } e):
            {
                var index = e.Values.AsImmutableArray().IndexOf(Wrap(i.Value, e.UnderlyingType!));
                return index >= 0 ? new EnumMemberExpression(span, e, e.Members[index], e.Values[index]) : null;
            }
            default:
                return null;
        }
    }

    /// <summary>Folds a unary operator over a literal; null when not foldable.</summary>
    public static TypedExpression? Unary(UnaryOperator op, TypedExpression operand, P4Type type, TextSpan span)
    {
        return (op, AsLiteral(operand)) switch
        {
            (UnaryOperator.LogicalNot, BoolLiteral b) => new BoolLiteral(span, !b.Value),
            (UnaryOperator.Negate, IntegerLiteral i) => Integer(span, type, -i.Value),
            (UnaryOperator.Plus, IntegerLiteral i) => Integer(span, type, i.Value),
            (UnaryOperator.BitwiseNot, IntegerLiteral i) when type is BitsType b => Integer(span, b, ~i.Value),
            _ => null,
        };
    }

    /// <summary>Folds a binary operator over two literals; null when not foldable. Division by zero returns null (reported by the caller).</summary>
    public static TypedExpression? Binary(BinaryOperator op, TypedExpression left, TypedExpression right, P4Type type, TextSpan span)
    {
        var l = AsLiteral(left);
        var r = AsLiteral(right);
        if (l is null || r is null)
        {
            return null;
        }
        if (l is BoolLiteral lb && r is BoolLiteral rb)
        {
            return op switch
            {
                BinaryOperator.LogicalAnd => new BoolLiteral(span, lb.Value && rb.Value),
                BinaryOperator.LogicalOr => new BoolLiteral(span, lb.Value || rb.Value),
                BinaryOperator.Equal => new BoolLiteral(span, lb.Value == rb.Value),
                BinaryOperator.NotEqual => new BoolLiteral(span, lb.Value != rb.Value),
                _ => null,
            };
        }
        if (l is not IntegerLiteral li || r is not IntegerLiteral ri)
        {
            if (op is BinaryOperator.Equal or BinaryOperator.NotEqual && l is EnumMemberExpression or ErrorMemberExpression or StringLiteral)
            {
                var same = l switch
                {
                    EnumMemberExpression e => r is EnumMemberExpression e2 && e.Member == e2.Member,
                    ErrorMemberExpression e => r is ErrorMemberExpression e2 && e.Member == e2.Member,
                    StringLiteral s => r is StringLiteral s2 && s.Value == s2.Value,
                    _ => false,
                };
                return new BoolLiteral(span, op == BinaryOperator.Equal ? same : !same);
            }
            return null;
        }
        var a = li.Value;
        var b = ri.Value;
        var bits = type as BitsType;
        switch (op)
        {
            case BinaryOperator.Add: return Integer(span, type, a + b);
            case BinaryOperator.Subtract: return Integer(span, type, a - b);
            case BinaryOperator.Multiply: return Integer(span, type, a * b);
            case BinaryOperator.Divide: return b.IsZero ? null : Integer(span, type, BigInteger.Divide(a, b));
            case BinaryOperator.Modulo: return b.IsZero ? null : Integer(span, type, BigInteger.Remainder(a, b));
            case BinaryOperator.AddSaturating: return bits is null ? null : Saturate(span, bits, a + b);
            case BinaryOperator.SubtractSaturating: return bits is null ? null : Saturate(span, bits, a - b);
            case BinaryOperator.BitwiseAnd: return Integer(span, type, a & b);
            case BinaryOperator.BitwiseOr: return Integer(span, type, a | b);
            case BinaryOperator.BitwiseXor: return Integer(span, type, a ^ b);
            case BinaryOperator.ShiftLeft: return b > 1 << 20 ? null : Integer(span, type, a << (int)b);
            case BinaryOperator.ShiftRight:
            {
                if (b > 1 << 20)
                {
                    return Integer(span, type, a.Sign < 0 ? -1 : 0);
                }
                var value = bits is { IsSigned: false } ? Wrap(a, bits) : a;
                return Integer(span, type, value >> (int)b);
            }
            case BinaryOperator.Concat:
            {
                if (type is not BitsType result || li.Type is not BitsType lt || ri.Type is not BitsType rt)
                {
                    return null;
                }
                var unsignedLeft = Wrap(a, lt with { IsSigned = false });
                var unsignedRight = Wrap(b, rt with { IsSigned = false });
                return Integer(span, result, (unsignedLeft << rt.Width) | unsignedRight);
            }
            case BinaryOperator.Equal: return new BoolLiteral(span, a == b);
            case BinaryOperator.NotEqual: return new BoolLiteral(span, a != b);
            case BinaryOperator.LessThan: return new BoolLiteral(span, a < b);
            case BinaryOperator.LessOrEqual: return new BoolLiteral(span, a <= b);
            case BinaryOperator.GreaterThan: return new BoolLiteral(span, a > b);
            case BinaryOperator.GreaterOrEqual: return new BoolLiteral(span, a >= b);
            default: return null;
        }
    }

    private static IntegerLiteral Saturate(TextSpan span, BitsType type, BigInteger value)
    {
        var min = type.IsSigned ? -(BigInteger.One << (type.Width - 1)) : BigInteger.Zero;
        var max = type.IsSigned ? (BigInteger.One << (type.Width - 1)) - 1 : (BigInteger.One << type.Width) - 1;
        return new IntegerLiteral(span, type, BigInteger.Clamp(value, min, max));
    }

    /// <summary>Folds <c>literal[high:low]</c>.</summary>
    public static IntegerLiteral? Slice(TypedExpression target, int high, int low, TextSpan span)
    {
        if (AsLiteral(target) is not IntegerLiteral literal)
        {
            return null;
        }
        var value = literal.Type is BitsType b ? Wrap(literal.Value, b with { IsSigned = false }) : literal.Value;
        var width = high - low + 1;
        var result = (value >> low) & ((BigInteger.One << width) - 1);
        return new IntegerLiteral(span, new BitsType(width, false), result);
    }
}
