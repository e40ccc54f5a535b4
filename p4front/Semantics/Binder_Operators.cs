using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Typed;
using S = P4Bpf.Front.Syntax;
using T = P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    /// <summary>The largest shift of an arbitrary-precision constant the evaluator performs (bounds memory on hostile input).</summary>
    private const int MaxConstantShift = 1 << 16;

    private static string OperatorText(UnaryOperator op) => op switch
    {
        UnaryOperator.LogicalNot => "!",
        UnaryOperator.BitwiseNot => "~",
        UnaryOperator.Negate => "-",
        _ => "+",
    };

    internal static string OperatorText(BinaryOperator op) => op switch
    {
        BinaryOperator.Multiply => "*", BinaryOperator.Divide => "/", BinaryOperator.Modulo => "%",
        BinaryOperator.Add => "+", BinaryOperator.Subtract => "-", BinaryOperator.AddSaturating => "|+|",
        BinaryOperator.SubtractSaturating => "|-|", BinaryOperator.Concat => "++",
        BinaryOperator.ShiftLeft => "<<", BinaryOperator.ShiftRight => ">>",
        BinaryOperator.BitwiseAnd => "&", BinaryOperator.BitwiseXor => "^", BinaryOperator.BitwiseOr => "|",
        BinaryOperator.LessThan => "<", BinaryOperator.GreaterThan => ">", BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.GreaterOrEqual => ">=", BinaryOperator.Equal => "==", BinaryOperator.NotEqual => "!=",
        BinaryOperator.LogicalAnd => "&&", BinaryOperator.LogicalOr => "||", BinaryOperator.Mask => "&&&",
        _ => "..",
    };

    private TypedExpression BindUnary(S.UnaryExpression unary, P4Type? expected)
    {
        var operand = BindExpression(unary.Operand, unary.Operator == UnaryOperator.LogicalNot ? BoolType.Instance : expected);
        if (operand.Type.IsError)
        {
            return operand;
        }
        if (operand.Type is EnumType { UnderlyingType: { } underlying } && unary.Operator != UnaryOperator.LogicalNot)
        {
            operand = Convert(operand, underlying);
        }
        var type = operand.Type;
        var ok = unary.Operator switch
        {
            UnaryOperator.LogicalNot => type is BoolType,
            UnaryOperator.BitwiseNot => type is BitsType,
            _ => type is BitsType or IntType,
        };
        if (!ok && unary.Operator == UnaryOperator.BitwiseNot && type is IntType && expected is BitsType)
        {
            operand = Convert(operand, expected);
            type = expected;
            ok = true;
        }
        if (!ok)
        {
            return Bad(ErrorCode.ERR_UnaryOperatorType, unary.Span, OperatorText(unary.Operator), type.Display);
        }
        return ConstantFolder.Unary(unary.Operator, operand, type, unary.Span)
            ?? new T.UnaryExpression(unary.Span, type, unary.Operator, operand);
    }

    private TypedExpression BindBinary(S.BinaryExpression binary, P4Type? expected)
    {
        var op = binary.Operator;
        if (op is BinaryOperator.Mask or BinaryOperator.Range)
        {
            return BindKeysetOperator(binary, expected is SetType set ? set.ElementType : expected);
        }
        if (binary.Left is DotsExpression || binary.Right is DotsExpression)
        {
            return Bad(ErrorCode.ERR_InvalidContext, binary.Span, $"'...' cannot be an operand of '{OperatorText(op)}'");
        }
        if (binary.Left is S.DontCareExpression || binary.Right is S.DontCareExpression)
        {
            var dontCare = binary.Left is S.DontCareExpression ? binary.Left.Span : binary.Right.Span;
            return Bad(ErrorCode.ERR_InvalidContext, dontCare, $"'_' cannot be an operand of '{OperatorText(op)}'");
        }
        if (op is BinaryOperator.LogicalAnd or BinaryOperator.LogicalOr)
        {
            var l = BindCondition(binary.Left);
            var r = BindCondition(binary.Right);
            if (l.Type.IsError || r.Type.IsError)
            {
                return new BadExpression(binary.Span);
            }
            return ConstantFolder.Binary(op, l, r, BoolType.Instance, binary.Span) ?? new T.BinaryExpression(binary.Span, BoolType.Instance, op, l, r);
        }
        var hint = op is BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.LessThan or BinaryOperator.GreaterThan
            or BinaryOperator.LessOrEqual or BinaryOperator.GreaterOrEqual or BinaryOperator.Concat ? null : expected is BitsType ? expected : null;
        var left = BindExpression(binary.Left, hint);
        var rightHint = op is BinaryOperator.ShiftLeft or BinaryOperator.ShiftRight or BinaryOperator.Concat ? null : left.Type is BitsType or StructType or TupleType or EnumType or NewType ? left.Type : hint;
        var right = BindExpression(binary.Right, rightHint);
        if (left.Type.IsError || right.Type.IsError)
        {
            return new BadExpression(binary.Span);
        }
        if (op is BinaryOperator.Divide or BinaryOperator.Modulo
            && (ConstantFolder.AsLiteral(left) is IntegerLiteral { Type: IntType, Value.Sign: < 0 } || ConstantFolder.AsLiteral(right) is IntegerLiteral { Type: IntType, Value.Sign: < 0 }))
        {
            return Bad(ErrorCode.ERR_InvalidContext, binary.Span, $"{TextOf(binary.Span)}: '{OperatorText(op)}' is not defined on negative numbers");
        }
        if (left.Type is IntType && right.Type is not IntType && op is not (BinaryOperator.ShiftLeft or BinaryOperator.ShiftRight or BinaryOperator.Concat))
        {
            left = TryConvert(left, right.Type) ?? left;
        }
        return op switch
        {
            BinaryOperator.ShiftLeft or BinaryOperator.ShiftRight => BindShift(binary, left, right, expected),
            BinaryOperator.Concat => BindConcat(binary, left, right),
            BinaryOperator.Equal or BinaryOperator.NotEqual => BindEquality(binary, left, right),
            _ => BindArithmetic(binary, left, right),
        };
    }

    private TypedExpression OperatorError(S.BinaryExpression binary, TypedExpression left, TypedExpression right) =>
        Bad(ErrorCode.ERR_BinaryOperatorTypes, binary.Span, OperatorText(binary.Operator), left.Type.Display, right.Type.Display);

    private TypedExpression BindArithmetic(S.BinaryExpression binary, TypedExpression left, TypedExpression right)
    {
        var op = binary.Operator;
        if (left.Type is EnumType { UnderlyingType: { } lu })
        {
            left = Convert(left, lu);
        }
        if (right.Type is EnumType { UnderlyingType: { } ru })
        {
            right = Convert(right, ru);
        }
        if (left.Type is IntType && right.Type is BitsType)
        {
            left = TryConvert(left, right.Type) ?? left;
        }
        if (left.Type is not IntType && right.Type is IntType)
        {
            right = TryConvert(right, left.Type) ?? right;
        }
        var type = left.Type;
        var comparison = op is BinaryOperator.LessThan or BinaryOperator.GreaterThan or BinaryOperator.LessOrEqual or BinaryOperator.GreaterOrEqual;
        if (!type.Equals(right.Type) || type is not (BitsType or IntType))
        {
            return OperatorError(binary, left, right);
        }
        if (type is IntType && op is BinaryOperator.AddSaturating or BinaryOperator.SubtractSaturating)
        {
            return Bad(ErrorCode.ERR_InvalidContext, binary.Span, $"could not infer a width for the operands of '{OperatorText(op)}'");
        }
        if (op is BinaryOperator.Divide or BinaryOperator.Modulo)
        {
            if (ConstantFolder.AsLiteral(right) is IntegerLiteral { Value.IsZero: true })
            {
                return Bad(ErrorCode.ERR_DivisionByZero, binary.Span);
            }
            if (type is IntType && (ConstantFolder.AsLiteral(left) is IntegerLiteral { Value.Sign: < 0 } || ConstantFolder.AsLiteral(right) is IntegerLiteral { Value.Sign: < 0 }))
            {
                return Bad(ErrorCode.ERR_InvalidContext, binary.Span, $"'{OperatorText(op)}' is only defined on non-negative values of type 'int'");
            }
            if (type is BitsType { IsSigned: true } && (ConstantFolder.AsLiteral(left) is null || ConstantFolder.AsLiteral(right) is null))
            {
                return Bad(ErrorCode.ERR_InvalidContext, binary.Span, $"{TextOf(binary.Span)}: could not evaluate expression at compilation time ('{OperatorText(op)}' on signed values needs constant operands)");
            }
        }
        var resultType = comparison ? BoolType.Instance : type;
        return ConstantFolder.Binary(op, left, right, resultType, binary.Span) ?? new T.BinaryExpression(binary.Span, resultType, op, left, right);
    }

    private TypedExpression BindEquality(S.BinaryExpression binary, TypedExpression left, TypedExpression right)
    {
        if (left.Type is StructType { Declaration: null } && right.Type is StructType { Declaration: null })
        {
            return Bad(ErrorCode.ERR_InvalidContext, binary.Span, $"{TextOf(binary.Span)}: cannot compare structure-valued expressions with unknown types; cast one side to a struct type");
        }
        if (left.Type is EnumType { UnderlyingType: { } lu } le && right.Type is EnumType { UnderlyingType: { } ru } re && !le.Equals(re) && lu.Equals(ru))
        {
            left = Convert(left, lu);
            right = Convert(right, ru);
        }
        if (!left.Type.Equals(right.Type))
        {
            var converted = TryConvert(right, left.Type);
            if (converted is not null)
            {
                right = converted;
            }
            else if (TryConvert(left, right.Type) is { } l)
            {
                left = l;
            }
            else
            {
                return OperatorError(binary, left, right);
            }
        }
        if (left.Type is VoidType or ExternType or BlockType or TableType or FunctionType or MetaType or StringType or TableApplyResultType or TypeVariable)
        {
            return OperatorError(binary, left, right);
        }
        if (left.Type is IntType && right.Type is IntType && (ConstantFolder.AsLiteral(left) is null || ConstantFolder.AsLiteral(right) is null))
        {
            return OperatorError(binary, left, right);
        }
        return ConstantFolder.Binary(binary.Operator, left, right, BoolType.Instance, binary.Span)
            ?? new T.BinaryExpression(binary.Span, BoolType.Instance, binary.Operator, left, right);
    }

    private TypedExpression BindShift(S.BinaryExpression binary, TypedExpression left, TypedExpression right, P4Type? expected)
    {
        if (left.Type is EnumType { UnderlyingType: { } leftUnderlying })
        {
            left = Convert(left, leftUnderlying);
        }
        if (right.Type is EnumType { UnderlyingType: { } underlying })
        {
            right = Convert(right, underlying);
        }
        if (right.Type is BitsType { IsSigned: true } && ConstantFolder.AsLiteral(right) is IntegerLiteral { Value.Sign: >= 0 })
        {
            right = Convert(right, IntType.Instance);
        }
        if (right.Type is BitsType { IsSigned: true } || right.Type is not (BitsType or IntType))
        {
            return Bad(ErrorCode.ERR_BinaryOperatorTypes, binary.Span, OperatorText(binary.Operator), left.Type.Display, right.Type.Display);
        }
        if (ConstantFolder.AsLiteral(right) is IntegerLiteral { Value.Sign: < 0 })
        {
            return Bad(ErrorCode.ERR_InvalidContext, binary.Right.Span, "a shift amount must be non-negative");
        }
        if (left.Type is IntType && ConstantFolder.AsLiteral(right) is null)
        {
            return Bad(ErrorCode.ERR_InvalidContext, binary.Span, $"{TextOf(binary.Span)}: the result of shifting an 'int' is an 'int', so the shift amount must be a constant; give the left operand a width");
        }
        if (left.Type is not (BitsType or IntType))
        {
            return OperatorError(binary, left, right);
        }
        if (left.Type is IntType && ConstantFolder.AsLiteral(right) is IntegerLiteral { Value: var amount } && amount > MaxConstantShift)
        {
            return Bad(ErrorCode.ERR_InvalidContext, binary.Span, $"{TextOf(binary.Span)}: compile-time integers are limited to shifts of {MaxConstantShift} bits");
        }
        return ConstantFolder.Binary(binary.Operator, left, right, left.Type, binary.Span)
            ?? new T.BinaryExpression(binary.Span, left.Type, binary.Operator, left, right);
    }

    private TypedExpression BindConcat(S.BinaryExpression binary, TypedExpression left, TypedExpression right)
    {
        if (left.Type is StringType && right.Type is StringType)
        {
            if (ConstantFolder.AsLiteral(left) is T.StringLiteral ls && ConstantFolder.AsLiteral(right) is T.StringLiteral rs)
            {
                return new T.StringLiteral(binary.Span, ls.Value + rs.Value);
            }
            return new T.BinaryExpression(binary.Span, StringType.Instance, binary.Operator, left, right);
        }
        if (left.Type is EnumType { UnderlyingType: { } lu })
        {
            left = Convert(left, lu);
        }
        if (right.Type is EnumType { UnderlyingType: { } ru })
        {
            right = Convert(right, ru);
        }
        if (left.Type is IntType || right.Type is IntType)
        {
            var which = left.Type is IntType ? binary.Left : binary.Right;
            return Bad(ErrorCode.ERR_InvalidContext, which.Span, $"could not infer a width for '{TextOf(which.Span)}'");
        }
        if (left.Type is not BitsType l || right.Type is not BitsType r)
        {
            return OperatorError(binary, left, right);
        }
        var type = new BitsType(l.Width + r.Width, l.IsSigned);
        return ConstantFolder.Binary(binary.Operator, left, right, type, binary.Span)
            ?? new T.BinaryExpression(binary.Span, type, binary.Operator, left, right);
    }

    private TypedExpression BindCast(S.CastExpression cast)
    {
        var type = ResolveType(cast.Type);
        if (type.IsError)
        {
            BindExpression(cast.Operand, null);
            return new BadExpression(cast.Span);
        }
        var operand = BindExpression(cast.Operand, type is StructType or TupleType or StackType ? type : null);
        if (operand.Type.IsError)
        {
            return operand;
        }
        if (operand.Type.Equals(type))
        {
            return operand is T.StructExpression or T.ListExpression ? operand : new T.CastExpression(cast.Span, type, operand, false);
        }
        if (!CastAllowed(operand, type))
        {
            if (TryConvert(operand, type) is { } converted)
            {
                return converted;
            }
            return Bad(ErrorCode.ERR_InvalidCast, cast.Span, operand.Type.Display, type.Display);
        }
        if (ConstantFolder.AsLiteral(operand) is { } literal && ConstantFolder.Cast(literal, type, cast.Span) is { } folded)
        {
            return folded;
        }
        return new T.CastExpression(cast.Span, type, operand, false);
    }

    /// <summary>The explicit casts of the spec (8.11.1), with typedefs resolved.</summary>
    private static bool CastAllowed(TypedExpression operand, P4Type to)
    {
        var from = operand.Type;
        return (from, to) switch
        {
            (BitsType { Width: 1, IsSigned: false }, BoolType) => true,
            (BoolType, BitsType { Width: 1, IsSigned: false }) => true,
            (IntType, BoolType) => ConstantFolder.AsLiteral(operand) is IntegerLiteral { Value: var v } && (v.IsZero || v.IsOne),
            (BoolType, BitsType) => false,
            (BitsType a, BitsType b) => a.IsSigned == b.IsSigned || a.Width == b.Width,
            (IntType, BitsType) => true,
            (BitsType, IntType) => ConstantFolder.AsLiteral(operand) is not null,
            (NewType n, NewType m) => n.UnderlyingType.Equals(m) || m.UnderlyingType.Equals(n) || n.UnderlyingType.Equals(m.UnderlyingType),
            (NewType n, _) => n.UnderlyingType.Equals(to),
            (_, NewType n) => n.UnderlyingType.Equals(from) || from is IntType && n.UnderlyingType is BitsType,
            (EnumType { UnderlyingType: { } u }, EnumType { UnderlyingType: { } v }) => u.Equals(v),
            (EnumType { UnderlyingType: { } u }, _) => u.Equals(to) || to is BitsType,
            (BitsType or IntType, EnumType { UnderlyingType: { } u }) => from is IntType || u.Equals(from) || from is BitsType,
            _ => false,
        };
    }
}
