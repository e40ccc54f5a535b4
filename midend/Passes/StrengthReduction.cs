using System.Numerics;
using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>Replaces multiplications, divisions and remainders by powers of two with shifts and masks, and drops identity operations.</summary>
public sealed class StrengthReduction : IPass
{
    public string Name => "StrengthReduction";

    public string Description => "No unsigned *, / or % by a power of two remains; x+0, x*1, x|0, x^0, x<<0, x&ones are gone.";

    public IrProgram Run(IrProgram program, PassContext context) => new Rewriter().RewriteProgram(program);

    public static IrExpr Reduce(IrExpr e) => new Rewriter().RewriteExpr(e);

    private sealed class Rewriter : IrRewriter
    {
        protected override IrExpr PostExpr(IrExpr e)
        {
            if (e is not BinaryExpr { Type: BitType type } b)
            {
                return e;
            }
            var ones = (BigInteger.One << type.Width) - 1;
            if (b.Right is IrConstant r)
            {
                var v = r.UnsignedBits;
                switch (b.Op)
                {
                    case BinaryOp.Add or BinaryOp.Sub or BinaryOp.BitOr or BinaryOp.BitXor or BinaryOp.Shl or BinaryOp.Shr or BinaryOp.AddSat or BinaryOp.SubSat when v.IsZero:
                        return b.Left;
                    case BinaryOp.Mul or BinaryOp.Div when v.IsOne:
                        return b.Left;
                    case BinaryOp.Mul or BinaryOp.BitAnd when v.IsZero:
                        return IrConstant.Of(0, type);
                    case BinaryOp.BitAnd when v == ones:
                        return b.Left;
                    case BinaryOp.Mul when v.IsPowerOfTwo:
                        return new BinaryExpr(BinaryOp.Shl, b.Left, IrConstant.Of(Log2(v), BitType.Bit32), type);
                    case BinaryOp.Div when !type.Signed && v.IsPowerOfTwo:
                        return new BinaryExpr(BinaryOp.Shr, b.Left, IrConstant.Of(Log2(v), BitType.Bit32), type);
                    case BinaryOp.Mod when !type.Signed && v.IsPowerOfTwo:
                        return new BinaryExpr(BinaryOp.BitAnd, b.Left, IrConstant.Of(v - 1, type), type);
                }
            }
            if (b.Left is IrConstant l)
            {
                var v = l.UnsignedBits;
                switch (b.Op)
                {
                    case BinaryOp.Add or BinaryOp.BitOr or BinaryOp.BitXor when v.IsZero:
                        return b.Right;
                    case BinaryOp.Mul when v.IsOne:
                        return b.Right;
                    case BinaryOp.Mul or BinaryOp.BitAnd when v.IsZero:
                        return IrConstant.Of(0, type);
                    case BinaryOp.BitAnd when v == ones:
                        return b.Right;
                    case BinaryOp.Mul when v.IsPowerOfTwo:
                        return new BinaryExpr(BinaryOp.Shl, b.Right, IrConstant.Of(Log2(v), BitType.Bit32), type);
                }
            }
            return e;
        }

        private static int Log2(BigInteger v) => (int)(v.GetBitLength() - 1);
    }
}
