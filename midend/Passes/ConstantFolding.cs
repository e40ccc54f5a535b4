using System.Numerics;
using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>Evaluates operators whose operands are constants (with P4 wrap-around, saturation and sign rules) and removes branches decided by constants.</summary>
public sealed class ConstantFolding : IPass
{
    public string Name => "ConstantFolding";

    public string Description => "No operator has only constant operands; no if/mux/verify has a constant condition.";

    public IrProgram Run(IrProgram program, PassContext context) => new Rewriter(context).RewriteProgram(program);

    /// <summary>Folds one expression (used by other passes and tests).</summary>
    public static IrExpr Fold(IrExpr e) => new Rewriter(new PassContext(MidendOptions.Default)).RewriteExpr(e);

    private sealed class Rewriter(PassContext context) : IrRewriter
    {
        protected override IrExpr PostExpr(IrExpr e) => e switch
        {
            UnaryExpr { Operand: IrConstant c } u => FoldUnary(u.Op, c, u.Type),
            BinaryExpr { Left: IrConstant l, Right: IrConstant r } b => FoldBinary(b, l, r),
            BinaryExpr { Op: BinaryOp.And or BinaryOp.Or } b => FoldLogical(b),
            SliceExpr { Operand: IrConstant c } s => IrConstant.Of((c.UnsignedBits >> s.Lo) & ((BigInteger.One << (s.Hi - s.Lo + 1)) - 1), s.Type),
            ConcatExpr { Left: IrConstant l, Right: IrConstant r } c => IrConstant.Of((l.UnsignedBits << ((BitType)r.Type).Width) | r.UnsignedBits, c.Type),
            CastExpr { Operand: IrConstant c } cast => IrConstant.Of(c.Type is BitType { Signed: true } ? c.Value : c.UnsignedBits, cast.Type),
            MuxExpr { Condition: IrConstant c } m => c.IsTrue ? m.WhenTrue : m.WhenFalse,
            _ => e,
        };

        public override IrStmt? RewriteStmt(IrStmt s)
        {
            var rewritten = base.RewriteStmt(s);
            return rewritten switch
            {
                IfStmt { Condition: IrConstant c } i => c.IsTrue ? i.Then : i.Else,
                VerifyStmt { Condition: IrConstant { IsTrue: true } } => null,
                _ => rewritten,
            };
        }

        private static IrExpr FoldUnary(UnaryOp op, IrConstant c, IrType type) => op switch
        {
            UnaryOp.Negate => IrConstant.Of(-c.Value, type),
            UnaryOp.Complement => IrConstant.Of(~c.UnsignedBits, type),
            _ => IrConstant.Bool(!c.IsTrue),
        };

        private static IrExpr FoldLogical(BinaryExpr b) => (b.Op, b.Left, b.Right) switch
        {
            (BinaryOp.And, IrConstant l, _) => l.IsTrue ? b.Right : IrConstant.Bool(false),
            (BinaryOp.Or, IrConstant l, _) => l.IsTrue ? IrConstant.Bool(true) : b.Right,
            (BinaryOp.And, _, IrConstant r) => r.IsTrue ? b.Left : IrConstant.Bool(false),
            (BinaryOp.Or, _, IrConstant r) => r.IsTrue ? IrConstant.Bool(true) : b.Left,
            _ => b,
        };

        private IrExpr FoldBinary(BinaryExpr b, IrConstant l, IrConstant r)
        {
            var type = b.Type;
            var width = l.Type is BitType bt ? bt.Width : 1;
            var signed = l.Type is BitType { Signed: true };
            BigInteger lv = l.Value, rv = r.Value;
            switch (b.Op)
            {
                case BinaryOp.Add: return IrConstant.Of(lv + rv, type);
                case BinaryOp.Sub: return IrConstant.Of(lv - rv, type);
                case BinaryOp.Mul: return IrConstant.Of(lv * rv, type);
                case BinaryOp.Div or BinaryOp.Mod:
                    if (rv.IsZero)
                    {
                        context.Error(4001, $"division by zero in {IrPrinter.Print(b)}");
                        return b;
                    }
                    return IrConstant.Of(b.Op == BinaryOp.Div ? BigInteger.Divide(lv, rv) : BigInteger.Remainder(lv, rv), type);
                case BinaryOp.Shl: return rv >= width ? IrConstant.Of(0, type) : IrConstant.Of(lv << (int)rv, type);
                case BinaryOp.Shr:
                    if (rv >= width)
                    {
                        return IrConstant.Of(signed && lv.Sign < 0 ? -1 : 0, type);
                    }
                    return IrConstant.Of(lv >> (int)rv, type);
                case BinaryOp.BitAnd: return IrConstant.Of(l.UnsignedBits & r.UnsignedBits, type);
                case BinaryOp.BitOr: return IrConstant.Of(l.UnsignedBits | r.UnsignedBits, type);
                case BinaryOp.BitXor: return IrConstant.Of(l.UnsignedBits ^ r.UnsignedBits, type);
                case BinaryOp.AddSat or BinaryOp.SubSat:
                    var exact = b.Op == BinaryOp.AddSat ? lv + rv : lv - rv;
                    var (min, max) = signed
                        ? (-(BigInteger.One << (width - 1)), (BigInteger.One << (width - 1)) - 1)
                        : (BigInteger.Zero, (BigInteger.One << width) - 1);
                    return IrConstant.Of(BigInteger.Max(min, BigInteger.Min(max, exact)), type);
                case BinaryOp.Eq: return IrConstant.Bool(lv == rv);
                case BinaryOp.Ne: return IrConstant.Bool(lv != rv);
                case BinaryOp.Lt: return IrConstant.Bool(lv < rv);
                case BinaryOp.Le: return IrConstant.Bool(lv <= rv);
                case BinaryOp.Gt: return IrConstant.Bool(lv > rv);
                case BinaryOp.Ge: return IrConstant.Bool(lv >= rv);
                case BinaryOp.And: return IrConstant.Bool(l.IsTrue && r.IsTrue);
                case BinaryOp.Or: return IrConstant.Bool(l.IsTrue || r.IsTrue);
                default: return b;
            }
        }
    }
}
