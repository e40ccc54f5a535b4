using P4Bpf.EbpfGen.Layout;
using P4Bpf.EbpfGen.Tests.Harness;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;

namespace P4Bpf.EbpfGen.Tests;

public sealed class HashTests
{
    internal static IrProgram Program()
    {
        var arch = new XdpModel();
        var inputs = Enumerable.Range(0, 9).Select(i => ("b" + i, (IrType)BitType.Bit8, SlotRole.Local)).ToList();
        var outputs = new (string, IrType, SlotRole)[]
        {
            ("crc32", BitType.Bit32, SlotRole.Local), ("crc16", BitType.Bit16, SlotRole.Local), ("csum", BitType.Bit16, SlotRole.Local),
            ("ident", BitType.Bit64, SlotRole.Local), ("ranged", BitType.Bit16, SlotRole.Local),
        };
        var state = arch.BuildState(inputs.Concat(outputs));
        var body = new List<IrStmt>();
        var data = new List<IrExpr>();
        for (var i = 0; i < 9; i++)
        {
            var slot = new SlotRef("b" + i, BitType.Bit8);
            body.Add(new AssignStmt(slot, IrConstant.Of((int)'1' + i, BitType.Bit8)));
            data.Add(slot);
        }
        IrStmt Hash(string instance, string result, IrType type) => new ExternCallStmt(instance, "get_hash", data.ToIrList(), new SlotRef(result, type));
        body.Add(Hash("h_crc32", "crc32", BitType.Bit32));
        body.Add(Hash("h_crc16", "crc16", BitType.Bit16));
        body.Add(Hash("h_csum", "csum", BitType.Bit16));
        body.Add(new ExternCallStmt("h_ident", "get_hash", data.Take(8).ToIrList(), new SlotRef("ident", BitType.Bit64)));
        body.Add(new ExternCallStmt("h_crc32", "get_hash_range",
            new IrExpr[] { IrConstant.Of(100, BitType.Bit16), IrConstant.Of(7, BitType.Bit16) }.Concat(data).ToIrList(), new SlotRef("ranged", BitType.Bit16)));
        var stage = new IrStage("hash", "xdp", StageHook.Xdp, IrList.Of("hash"), new ConstantVerdict(XdpModel.XdpPass), XdpModel.XdpDrop, RejectPolicy.Drop, StateReset.All, null);
        return new IrProgram("hash", arch.Name, state, IrList<IrParser>.Empty, IrList.Of(new IrControl("hash", new Block(body.ToIrList()))),
            IrList<IrAction>.Empty, IrList<IrTable>.Empty,
            IrList.Of(
                new IrExtern("h_crc32", ExternKind.Hash, 1, Algorithm: "crc32"),
                new IrExtern("h_crc16", ExternKind.Hash, 1, Algorithm: "crc16"),
                new IrExtern("h_csum", ExternKind.Hash, 1, Algorithm: "csum16"),
                new IrExtern("h_ident", ExternKind.Hash, 1, Algorithm: "identity")),
            IrList.Of(stage), IrProgram.CoreErrors);
    }

    [Fact]
    public void Hashes_MatchTheStandardCheckValues()
    {
        var result = EbpfCodeGenerator.Generate(Program());
        result.Errors.Should().BeEmpty();
        using var run = new PipelineRunner(result);
        run.Run("hash", new byte[16]);
        var state = run.Map(run.Layout.State.Map).Read(new byte[4]);
        ulong Read(string slot)
        {
            var s = run.Layout.State.Slot(slot);
            return (ulong)TableEntryEncoder.ReadField(state, s.Offset, s.Size, s.Size * 8, FieldEncoding.LittleEndian);
        }
        Read("crc32").Should().Be(0xCBF43926);
        Read("crc16").Should().Be(0xBB3D);
        Read("ident").Should().Be(0x3132333435363738);
        Read("ranged").Should().Be(100 + (0xCBF43926 % 7));
        // "123456789" + a zero pad byte, 16-bit words: 0x3132 + 0x3334 + 0x3536 + 0x3738 + 0x3900.
        var sum = 0x3132u + 0x3334 + 0x3536 + 0x3738 + 0x3900;
        sum = (sum & 0xffff) + (sum >> 16);
        Read("csum").Should().Be(~sum & 0xffff);
    }
}
