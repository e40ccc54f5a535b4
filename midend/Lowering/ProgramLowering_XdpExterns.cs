using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;
using IrBit = P4Bpf.Midend.Ir.BitType;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    /// <summary>xdp_model's extern functions: <c>BPF_KTIME_GET_NS()</c> (the clock, low 32 bits), <c>csum_replace2/4</c> (RFC 1624
    /// incremental checksum update) and <c>ebpf_ipv4_checksum</c> (the IPv4 header checksum), the last three as plain arithmetic;
    /// null for any other name.</summary>
    private IrExpr? XdpExternFunction(CallExpression call, string name, IReadOnlyList<TypedExpression> args, List<IrStmt> output, LoweringScope scope)
    {
        switch (name)
        {
            case "BPF_KTIME_GET_NS" when args.Count == 0:
            {
                // The helper call must not sit inside a larger expression: read it into a temporary.
                var now = Temp(IrBit.Bit32, "ktime");
                output.Add(new AssignStmt(now, new IntrinsicValue(IntrinsicValueKind.TimestampNs, IrBit.Bit32)));
                return now;
            }
            case "csum_replace2" when args.Count == 3:
            {
                var (csum, from, to) = (Word(args[0]), Word(args[1]), Word(args[2]));
                // RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m').
                return Fold(Sum(Not16(csum), Not16(from), to), output);
            }
            case "csum_replace4" when args.Count == 3:
            {
                var csum = Word(args[0]);
                var from = Wide(args[1]);
                var to = Wide(args[2]);
                return Fold(Sum(Not16(csum), Not16(High(from)), Not16(Low(from)), High(to), Low(to)), output);
            }
            case "ebpf_ipv4_checksum" when args.Count == 11:
            {
                IrExpr F(int i, int width) => Coerce(Expr(args[i], output, scope), new IrBit(width));
                var words = new[]
                {
                    Widen(new ConcatExpr(new ConcatExpr(F(0, 4), F(1, 4)), F(2, 8))),
                    Widen(F(3, 16)),
                    Widen(F(4, 16)),
                    Widen(new ConcatExpr(F(5, 3), F(6, 13))),
                    Widen(new ConcatExpr(F(7, 8), F(8, 8))),
                };
                var src = Coerce(Expr(args[9], output, scope), IrBit.Bit32);
                var dst = Coerce(Expr(args[10], output, scope), IrBit.Bit32);
                return Fold(Sum([.. words, High(src), Low(src), High(dst), Low(dst)]), output);
            }
            default:
                return null;
        }

        IrExpr Word(TypedExpression e) => Widen(Coerce(Expr(e, output, scope), IrBit.Bit16));
        IrExpr Wide(TypedExpression e) => Coerce(Expr(e, output, scope), IrBit.Bit32);
    }

    private static IrExpr Widen(IrExpr e) => new CastExpr(e, IrBit.Bit32);

    private static IrExpr Not16(IrExpr word) => new BinaryExpr(BinaryOp.BitXor, word, IrConstant.Of(0xffff, IrBit.Bit32), IrBit.Bit32);

    private static IrExpr High(IrExpr value32) => new BinaryExpr(BinaryOp.Shr, value32, IrConstant.Of(16, IrBit.Bit32), IrBit.Bit32);

    private static IrExpr Low(IrExpr value32) => new BinaryExpr(BinaryOp.BitAnd, value32, IrConstant.Of(0xffff, IrBit.Bit32), IrBit.Bit32);

    private static IrExpr Sum(params IrExpr[] terms) => terms.Skip(1).Aggregate(terms[0], (a, b) => new BinaryExpr(BinaryOp.Add, a, b, IrBit.Bit32));

    /// <summary>One's-complement folding of a 32-bit sum of at most 2¹⁶ words (two end-around carries), then the complement, as bit&lt;16&gt;.</summary>
    private IrExpr Fold(IrExpr sum, List<IrStmt> output)
    {
        var s = Temp(IrBit.Bit32, "csum");
        output.Add(new AssignStmt(s, sum));
        output.Add(new AssignStmt(s, new BinaryExpr(BinaryOp.Add, Low(s), High(s), IrBit.Bit32)));
        output.Add(new AssignStmt(s, new BinaryExpr(BinaryOp.Add, Low(s), High(s), IrBit.Bit32)));
        var result = Temp(IrBit.Bit16, "csum");
        output.Add(new AssignStmt(result, new UnaryExpr(UnaryOp.Complement, new CastExpr(s, IrBit.Bit16), IrBit.Bit16)));
        return result;
    }
}
