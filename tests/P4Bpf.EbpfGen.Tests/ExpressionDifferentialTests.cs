using System.Numerics;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.EbpfGen.Tests.Harness;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using P4Bpf.Midend.Passes;

namespace P4Bpf.EbpfGen.Tests;

/// <summary>Random expression trees: the generated code (run in the interpreter) must compute what constant folding computes.</summary>
public sealed class ExpressionDifferentialTests
{
    private sealed class Gen(int seed)
    {
        private static readonly int[] Widths = [1, 3, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40, 48, 63, 64];
        private readonly Random rng = new(seed);
        public readonly List<(string Name, IrType Type, BigInteger Value)> Inputs = [];

        private BitType RandomType(bool? signed = null) =>
            new(Widths[rng.Next(Widths.Length)], signed ?? rng.Next(4) == 0);

        private BigInteger RandomValue(BitType t)
        {
            var bytes = new byte[9];
            rng.NextBytes(bytes);
            bytes[8] = 0;
            var v = new BigInteger(bytes) & ((BigInteger.One << t.Width) - 1);
            if (rng.Next(5) == 0)
            {
                v = rng.Next(3) switch { 0 => 0, 1 => (BigInteger.One << t.Width) - 1, _ => BigInteger.One << (t.Width - 1) };
            }
            return IrConstant.Normalize(v, t);
        }

        /// <summary>A leaf: a fresh input slot (kept apart from constants so nothing folds away before codegen).</summary>
        private IrExpr Leaf(BitType t)
        {
            if (rng.Next(4) == 0)
            {
                return IrConstant.Of(RandomValue(t), t);
            }
            var name = "in" + Inputs.Count;
            Inputs.Add((name, t, RandomValue(t)));
            return new SlotRef(name, t);
        }

        public IrExpr Expr(BitType t, int depth)
        {
            if (depth == 0)
            {
                return Leaf(t);
            }
            switch (rng.Next(12))
            {
                case 0 or 1 or 2:
                {
                    BinaryOp[] ops = t.Signed
                        ? [BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.BitAnd, BinaryOp.BitOr, BinaryOp.BitXor, BinaryOp.AddSat, BinaryOp.SubSat]
                        : [BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.BitAnd, BinaryOp.BitOr, BinaryOp.BitXor, BinaryOp.AddSat, BinaryOp.SubSat, BinaryOp.Div, BinaryOp.Mod];
                    var op = ops[rng.Next(ops.Length)];
                    if (t.Signed && t.Width == 64 && op is BinaryOp.AddSat or BinaryOp.SubSat)
                    {
                        op = BinaryOp.Add;
                    }
                    var right = Expr(t, depth - 1);
                    if (op is BinaryOp.Div or BinaryOp.Mod)
                    {
                        right = BinaryExpr.Make(BinaryOp.BitOr, right, IrConstant.Of(1, t));
                    }
                    return new BinaryExpr(op, Expr(t, depth - 1), right, t);
                }
                case 3:
                {
                    var amount = rng.Next(2) == 0 ? (IrExpr)IrConstant.Of(rng.Next(t.Width + 3), BitType.Bit8) : Leaf(BitType.Bit8);
                    return new BinaryExpr(rng.Next(2) == 0 ? BinaryOp.Shl : BinaryOp.Shr, Expr(t, depth - 1), amount, t);
                }
                case 4:
                    return new UnaryExpr(rng.Next(2) == 0 ? UnaryOp.Negate : UnaryOp.Complement, Expr(t, depth - 1), t);
                case 5:
                {
                    var ct = RandomType();
                    BinaryOp[] cmp = [BinaryOp.Eq, BinaryOp.Ne, BinaryOp.Lt, BinaryOp.Le, BinaryOp.Gt, BinaryOp.Ge];
                    var cond = BinaryExpr.Make(cmp[rng.Next(cmp.Length)], Expr(ct, depth - 1), Expr(ct, depth - 1));
                    if (rng.Next(3) == 0)
                    {
                        cond = BinaryExpr.Make(rng.Next(2) == 0 ? BinaryOp.And : BinaryOp.Or, cond, BinaryExpr.Make(BinaryOp.Ne, Expr(ct, 0), Expr(ct, 0)));
                    }
                    return new MuxExpr(cond, Expr(t, depth - 1), Expr(t, depth - 1));
                }
                case 6 when !t.Signed && t.Width < 64:
                {
                    var wider = new BitType(Math.Min(64, t.Width + 1 + rng.Next(64 - t.Width)));
                    var lo = rng.Next(wider.Width - t.Width + 1);
                    return new SliceExpr(Expr(wider, depth - 1), lo + t.Width - 1, lo);
                }
                case 7 when !t.Signed && t.Width >= 2:
                {
                    var lw = 1 + rng.Next(t.Width - 1);
                    return new ConcatExpr(Expr(new BitType(lw), depth - 1), Expr(new BitType(t.Width - lw), depth - 1));
                }
                case 8:
                {
                    var from = RandomType();
                    // P4 casts change either width or signedness at a time.
                    if (from.Signed != t.Signed)
                    {
                        from = new BitType(t.Width, from.Signed);
                    }
                    return new CastExpr(Expr(from, depth - 1), t);
                }
                default:
                    return Leaf(t);
            }
        }
    }

    private static readonly int[] ResultWidths = [1, 5, 8, 12, 16, 20, 32, 33, 48, 63, 64];

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 12));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void GeneratedCode_MatchesConstantFolding(int seed)
    {
        var gen = new Gen(seed);
        var results = new List<(string Name, BitType Type, IrExpr Expr)>();
        var rng = new Random(seed * 7919);
        for (var i = 0; i < 40; i++)
        {
            var t = new BitType(ResultWidths[rng.Next(ResultWidths.Length)], rng.Next(4) == 0);
            results.Add(("r" + i, t, gen.Expr(t, 1 + rng.Next(3))));
        }
        var slots = gen.Inputs.Select(x => (x.Name, x.Type, SlotRole.Local))
            .Concat(results.Select(r => (r.Name, (IrType)r.Type, SlotRole.Local)));
        var arch = new XdpModel();
        var state = arch.BuildState(slots);
        var body = new List<IrStmt>();
        foreach (var input in gen.Inputs)
        {
            body.Add(new AssignStmt(new SlotRef(input.Name, input.Type), IrConstant.Of(input.Value, input.Type)));
        }
        foreach (var r in results)
        {
            body.Add(new AssignStmt(new SlotRef(r.Name, r.Type), r.Expr));
        }
        var stage = new IrStage("calc", "xdp", StageHook.Xdp, IrList.Of("calc"), new ConstantVerdict(XdpModel.XdpPass), XdpModel.XdpDrop, RejectPolicy.Drop, StateReset.All, null);
        var program = new IrProgram("calc", arch.Name, state, IrList<IrParser>.Empty, IrList.Of(new IrControl("calc", new Block(body.ToIrList()))),
            IrList<IrAction>.Empty, IrList<IrTable>.Empty, IrList<IrExtern>.Empty, IrList.Of(stage), IrProgram.CoreErrors);
        var generated = EbpfCodeGenerator.Generate(program);
        generated.Errors.Should().BeEmpty();
        using var run = new PipelineRunner(generated);
        run.Run("calc", new byte[64]).Verdict.Should().Be((ulong)XdpModel.XdpPass);
        var stateBytes = run.Map(run.Layout.State.Map).Read(new byte[4]);
        var inputs = gen.Inputs.ToDictionary(x => x.Name, x => x.Value);
        foreach (var r in results)
        {
            var substituted = new Substitute(inputs).RewriteExpr(r.Expr);
            var expected = ConstantFolding.Fold(substituted);
            expected.Should().BeOfType<IrConstant>($"{IrPrinter.Print(substituted)} folds");
            var slot = run.Layout.State.Slot(r.Name);
            var actual = TableEntryEncoder.ReadField(stateBytes, slot.Offset, slot.Size, r.Type.Width, FieldEncoding.LittleEndian);
            actual.Should().Be(((IrConstant)expected).UnsignedBits, $"{r.Name} = {IrPrinter.Print(r.Expr)} with {string.Join(", ", gen.Inputs.Select(x => x.Name + "=" + x.Value))}");
        }
    }

    private sealed class Substitute(Dictionary<string, BigInteger> values) : IrRewriter
    {
        protected override IrExpr PostExpr(IrExpr e) => e is SlotRef s && values.TryGetValue(s.Slot, out var v) ? IrConstant.Of(v, s.Type) : e;
    }
}
