using System.Numerics;
using Annotation = P4Bpf.Front.Syntax.Annotation;
using BinaryOperator = P4Bpf.Front.Syntax.BinaryOperator;
using Direction = P4Bpf.Front.Syntax.Direction;
using UnaryOperator = P4Bpf.Front.Syntax.UnaryOperator;
using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;
using IrBit = P4Bpf.Midend.Ir.BitType;
using IrBool = P4Bpf.Midend.Ir.BoolType;
using IrStruct = P4Bpf.Midend.Ir.StructType;
using P4Struct = P4Bpf.Front.Typed.StructType;
using TypedBinary = P4Bpf.Front.Typed.BinaryExpression;
using TypedCast = P4Bpf.Front.Typed.CastExpression;
using TypedConditional = P4Bpf.Front.Typed.ConditionalExpression;
using TypedUnary = P4Bpf.Front.Typed.UnaryExpression;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    /// <summary>
    /// Lowers an expression; side effects it needs first (table applies, function calls, lookahead) are appended to
    /// <paramref name="pre"/> in evaluation order, and the returned expression reads their results.
    /// </summary>
    private IrExpr Expr(TypedExpression e, List<IrStmt> pre, LoweringScope scope)
    {
        if (loweredOnce is { } once && ReferenceEquals(once.Expression, e))
        {
            return once.Lowered;
        }
        switch (e)
        {
            case IntegerLiteral lit:
                return lit.Type is IntType
                    ? IrConstant.Of(lit.Value, new IrBit(64, lit.Value.Sign < 0))
                    : IrConstant.Of(lit.Value, LowerType(lit.Type, e.Span));
            case BoolLiteral b:
                return IrConstant.Bool(b.Value);
            case NameReference name:
                return NameValue(name, pre, scope);
            case FieldAccess field:
                return FieldValue(field, pre, scope);
            case EnumMemberExpression member:
                return IrConstant.Of(member.Value ?? member.EnumType.Members.AsEnumerable().ToList().IndexOf(member.Member), LowerType(member.EnumType, e.Span));
            case ErrorMemberExpression error:
                return IrConstant.Of(ErrorIndex(error.Member), IrBit.Bit32);
            case IndexExpression index:
                return IndexValue(index, pre, scope);
            case StackMemberExpression member:
                return StackMember(member, pre, scope);
            case SliceExpression slice:
            {
                var operand = Expr(slice.Target, pre, scope);
                return operand.Type is IrBit { Width: <= 64 } || (operand.Type is IrBit && operand.IsLValue && slice.High - slice.Low < 64)
                    ? new SliceExpr(operand, slice.High, slice.Low)
                    : throw new LoweringException(e.Span, $"slices of {operand.Type} values");
            }
            case TypedUnary unary:
                return Unary(unary, pre, scope);
            case TypedBinary binary:
                return Binary(binary, pre, scope);
            case TypedConditional conditional:
                return Conditional(conditional, pre, scope);
            case TypedCast cast:
                return Cast(cast, pre, scope);
            case CallExpression call:
                return CallValue(call, pre, scope) ?? throw new LoweringException(e.Span, "a call without a value used as a value");
            case StructExpression or ListExpression or InvalidHeaderExpression:
            {
                var type = LowerType(e.Type, e.Span);
                var temp = Temp(type);
                AssignAggregate(temp, e, pre, scope);
                return temp;
            }
            case BadExpression:
                throw new LoweringException(e.Span, "an expression the type checker rejected");
            default:
                throw new LoweringException(e.Span, $"expression {e.GetType().Name} ({TextOf(e)})");
        }
    }

    private IrExpr NameValue(NameReference name, List<IrStmt> pre, LoweringScope scope)
    {
        switch (name.Symbol)
        {
            case ConstantSymbol constant:
                return Coerce(Expr(constant.Value, pre, root), LowerType(constant.Type, name.Span));
            default:
                return scope.Lookup(name.Symbol) ?? throw new LoweringException(name.Span, $"a reference to '{name.Symbol.Name}' ({name.Symbol.GetType().Name.Replace("Symbol", "", StringComparison.Ordinal).ToLowerInvariant()}) here");
        }
    }

    private IrExpr FieldValue(FieldAccess field, List<IrStmt> pre, LoweringScope scope)
    {
        if (field.Target.Type is TableApplyResultType)
        {
            var call = field.Target as CallExpression ?? throw new LoweringException(field.Span, "a table apply result that is not a direct apply call");
            var table = TableOf(call, scope);
            switch (field.Field)
            {
                case "hit" or "miss":
                {
                    var hit = Temp(IrBool.Instance, "hit");
                    ApplyTable(table, hit, null, pre);
                    return field.Field == "hit" ? hit : new UnaryExpr(UnaryOp.Not, hit, IrBool.Instance);
                }
                case "action_run":
                {
                    var run = Temp(IrBit.Bit32, "action_run");
                    ApplyTable(table, null, run, pre);
                    return run;
                }
            }
        }
        var target = Expr(field.Target, pre, scope);
        try
        {
            return FieldRef.Of(target, field.Field);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or ArgumentException)
        {
            throw new LoweringException(field.Span, $"field '{field.Field}' of {target.Type} ({ex.Message})");
        }
    }

    private IrExpr IndexValue(IndexExpression index, List<IrStmt> pre, LoweringScope scope)
    {
        var target = Expr(index.Target, pre, scope);
        switch (target.Type)
        {
            case HeaderStackType stack:
                return new StackElementRef(target, Coerce(Expr(index.Index, pre, scope), IrBit.Bit32), stack.Element);
            case IrStruct s when index.Index is IntegerLiteral lit && lit.Value >= 0 && lit.Value < s.Fields.Count:
                return FieldRef.Of(target, s.Fields[(int)lit.Value].Name);
            default:
                throw new LoweringException(index.Span, $"indexing a {target.Type} value");
        }
    }

    private IrExpr StackMember(StackMemberExpression member, List<IrStmt> pre, LoweringScope scope)
    {
        var stack = Expr(member.Target, pre, scope);
        if (stack.Type is not HeaderStackType st)
        {
            throw new LoweringException(member.Span, $"'{member.Member}' of a {stack.Type} value");
        }
        var next = new StackNextIndexRef(stack);
        var last = BinaryExpr.Make(BinaryOp.Sub, next, IrConstant.Of(1, IrBit.Bit32));
        return member.Member switch
        {
            Front.Typed.StackMember.Next => new StackElementRef(stack, next, st.Element),
            Front.Typed.StackMember.Last => new StackElementRef(stack, last, st.Element),
            _ => last,
        };
    }

    private IrExpr Unary(TypedUnary unary, List<IrStmt> pre, LoweringScope scope)
    {
        var operand = Expr(unary.Operand, pre, scope);
        var type = LowerType(unary.Type, unary.Span);
        operand = Coerce(operand, type);
        return unary.Operator switch
        {
            UnaryOperator.LogicalNot => new UnaryExpr(UnaryOp.Not, operand, IrBool.Instance),
            UnaryOperator.BitwiseNot => new UnaryExpr(UnaryOp.Complement, operand, type),
            UnaryOperator.Negate => new UnaryExpr(UnaryOp.Negate, operand, type),
            _ => operand,
        };
    }

    /// <summary>While lowering the value of a compound assignment, its copy of the target and the target already lowered.</summary>
    private (TypedExpression Expression, IrExpr Lowered)? loweredOnce;

    /// <summary>The value's copy of the target, when the assignment is a compound one (<c>t = t op v</c>, as the binder expands <c>t op= v</c>).</summary>
    private static TypedExpression? CompoundLeft(AssignmentStatement a)
    {
        var value = a.Value;
        while (value is TypedCast { IsImplicit: true } c)
        {
            value = c.Operand;
        }
        return value is TypedBinary b && b.Left.Span == a.Target.Span && b.Left.Equals(a.Target) ? b.Left : null;
    }

    private IrExpr Binary(TypedBinary binary, List<IrStmt> pre, LoweringScope scope)
    {
        if (binary.Operator is BinaryOperator.LogicalAnd or BinaryOperator.LogicalOr)
        {
            var left = Expr(binary.Left, pre, scope);
            var rightPre = new List<IrStmt>();
            var right = Expr(binary.Right, rightPre, scope);
            var op = binary.Operator == BinaryOperator.LogicalAnd ? BinaryOp.And : BinaryOp.Or;
            if (rightPre.Count == 0)
            {
                return BinaryExpr.Make(op, left, right);
            }
            // The right operand has side effects: evaluate it only when the left does not decide.
            var result = Temp(IrBool.Instance, "cond");
            pre.Add(new AssignStmt(result, left));
            rightPre.Add(new AssignStmt(result, right));
            var condition = op == BinaryOp.And ? (IrExpr)result : new UnaryExpr(UnaryOp.Not, result, IrBool.Instance);
            pre.Add(new IfStmt(condition, new Block(rightPre.ToIrList()), Block.Empty));
            return result;
        }
        var l = Expr(binary.Left, pre, scope);
        var rPre = new List<IrStmt>();
        var r = Expr(binary.Right, rPre, scope);
        if (rPre.Count > 0 && l is not IrConstant)
        {
            // The right operand has side effects (a call with inout arguments …): the left operand is evaluated first.
            var snapshot = Temp(l.Type, "lhs");
            pre.Add(new AssignStmt(snapshot, l));
            l = snapshot;
        }
        pre.AddRange(rPre);
        if (binary.Operator == BinaryOperator.Concat)
        {
            return new ConcatExpr(l, r);
        }
        if (binary.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual && l.Type is HeaderType or IrStruct)
        {
            var equal = AggregateEquals(l, r, binary.Span);
            return binary.Operator == BinaryOperator.Equal ? equal : new UnaryExpr(UnaryOp.Not, equal, IrBool.Instance);
        }
        if (binary.Operator is BinaryOperator.Mask or BinaryOperator.Range)
        {
            throw new LoweringException(binary.Span, "a keyset expression outside a select or entry");
        }
        var op2 = binary.Operator switch
        {
            BinaryOperator.Multiply => BinaryOp.Mul,
            BinaryOperator.Divide => BinaryOp.Div,
            BinaryOperator.Modulo => BinaryOp.Mod,
            BinaryOperator.Add => BinaryOp.Add,
            BinaryOperator.Subtract => BinaryOp.Sub,
            BinaryOperator.AddSaturating => BinaryOp.AddSat,
            BinaryOperator.SubtractSaturating => BinaryOp.SubSat,
            BinaryOperator.ShiftLeft => BinaryOp.Shl,
            BinaryOperator.ShiftRight => BinaryOp.Shr,
            BinaryOperator.BitwiseAnd => BinaryOp.BitAnd,
            BinaryOperator.BitwiseXor => BinaryOp.BitXor,
            BinaryOperator.BitwiseOr => BinaryOp.BitOr,
            BinaryOperator.LessThan => BinaryOp.Lt,
            BinaryOperator.GreaterThan => BinaryOp.Gt,
            BinaryOperator.LessOrEqual => BinaryOp.Le,
            BinaryOperator.GreaterOrEqual => BinaryOp.Ge,
            BinaryOperator.Equal => BinaryOp.Eq,
            _ => BinaryOp.Ne,
        };
        if (op2 is BinaryOp.Shl or BinaryOp.Shr)
        {
            var type = LowerType(binary.Type, binary.Span);
            l = Coerce(l, type);
            if (r is IrConstant rc && rc.Type is IrBit { Width: 64 })
            {
                r = IrConstant.Of(rc.Value, IrBit.Bit32);
            }
            return new BinaryExpr(op2, l, r, type);
        }
        // Operands have one type after the checker's conversions; unsized constants take the other side's type.
        if (l is IrConstant && r is not IrConstant)
        {
            l = Coerce(l, r.Type);
        }
        else
        {
            r = Coerce(r, l.Type);
        }
        return BinaryExpr.Make(op2, l, r);
    }

    /// <summary>Field-wise equality of two headers or structs (headers: both invalid, or both valid with equal fields).</summary>
    private IrExpr AggregateEquals(IrExpr l, IrExpr r, Front.Text.TextSpan span)
    {
        IrExpr all = IrConstant.Bool(true);
        IEnumerable<IrField> fields = l.Type switch
        {
            HeaderType h => h.Fields,
            IrStruct s => s.Fields,
            _ => throw new LoweringException(span, $"comparing {l.Type} values"),
        };
        foreach (var f in fields)
        {
            var lf = FieldRef.Of(l, f.Name);
            var rf = FieldRef.Of(r, f.Name);
            var eq = IsScalar(f.Type) ? BinaryExpr.Make(BinaryOp.Eq, lf, rf) : AggregateEquals(lf, rf, span);
            all = all is IrConstant ? eq : BinaryExpr.Make(BinaryOp.And, all, eq);
        }
        if (l.Type is HeaderType)
        {
            var lv = new IsValidExpr(l);
            var rv = new IsValidExpr(r);
            var bothInvalid = BinaryExpr.Make(BinaryOp.And, new UnaryExpr(UnaryOp.Not, lv, IrBool.Instance), new UnaryExpr(UnaryOp.Not, rv, IrBool.Instance));
            var bothValid = BinaryExpr.Make(BinaryOp.And, BinaryExpr.Make(BinaryOp.And, lv, rv), all);
            return BinaryExpr.Make(BinaryOp.Or, bothInvalid, bothValid);
        }
        return all;
    }

    private IrExpr Conditional(TypedConditional c, List<IrStmt> pre, LoweringScope scope)
    {
        var condition = Expr(c.Condition, pre, scope);
        var type = LowerType(c.Type, c.Span);
        var thenPre = new List<IrStmt>();
        var elsePre = new List<IrStmt>();
        var whenTrue = Coerce(Expr(c.WhenTrue, thenPre, scope), type);
        var whenFalse = Coerce(Expr(c.WhenFalse, elsePre, scope), type);
        if (thenPre.Count == 0 && elsePre.Count == 0 && IsScalar(type))
        {
            return new MuxExpr(condition, whenTrue, whenFalse);
        }
        var result = Temp(type, "mux");
        thenPre.Add(new AssignStmt(result, whenTrue));
        elsePre.Add(new AssignStmt(result, whenFalse));
        pre.Add(new IfStmt(condition, new Block(thenPre.ToIrList()), new Block(elsePre.ToIrList())));
        return result;
    }

    private IrExpr Cast(TypedCast cast, List<IrStmt> pre, LoweringScope scope)
    {
        var type = LowerType(cast.Type, cast.Span);
        var operand = Expr(cast.Operand, pre, scope);
        if (!IsScalar(type) && !type.Equals(operand.Type))
        {
            throw new LoweringException(cast.Span, $"a cast from {operand.Type} to {type}");
        }
        return Coerce(operand, type);
    }

    /// <summary>Converts a scalar to another scalar type (constants are re-typed, others cast); aggregates are returned unchanged.</summary>
    private static IrExpr Coerce(IrExpr value, IrType type)
    {
        if (value.Type.Equals(type) || !IsScalar(type) || !IsScalar(value.Type))
        {
            return value;
        }
        if (value is IrConstant c)
        {
            return type is IrBool ? IrConstant.Bool(!c.Value.IsZero) : IrConstant.Of(c.Value, type);
        }
        return new CastExpr(value, type);
    }

    private int ErrorIndex(string name)
    {
        var index = errors.IndexOf(name);
        if (index < 0)
        {
            errors.Add(name);
            index = errors.Count - 1;
        }
        return index;
    }

    private string TextOf(TypedNode node)
    {
        var text = source.Text;
        var span = node.Span;
        if (span.Start < 0 || span.End > text.Length)
        {
            return "";
        }
        var s = string.Join(' ', text.Substring(span.Start, span.Length).Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return s.Length > 60 ? s[..57] + "..." : s;
    }

    /// <summary>The value of a compile-time constant expression, or null.</summary>
    private static BigInteger? ConstantValue(IrExpr e) => e switch
    {
        IrConstant c => c.UnsignedBits,
        CastExpr { Operand: var o } cast when ConstantValue(o) is { } v => IrConstant.Of(v, cast.Type).UnsignedBits,
        _ => null,
    };

    /// <summary>A lowered constant of a keyset or entry, or a located error.</summary>
    private BigInteger Constant(TypedExpression e, LoweringScope scope, IrType? type = null)
    {
        var pre = new List<IrStmt>();
        var value = Expr(e, pre, scope);
        if (type is not null)
        {
            value = Coerce(value, type);
        }
        return pre.Count == 0 && ConstantValue(value) is { } v ? v : throw new LoweringException(e.Span, $"a non-constant value where a constant is needed ({TextOf(e)})");
    }
}
