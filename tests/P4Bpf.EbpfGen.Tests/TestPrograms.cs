using System.Numerics;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using P4Bpf.Midend.Passes;

namespace P4Bpf.EbpfGen.Tests;

/// <summary>Small IR programs built by hand (what the front end's lowering will produce from P4).</summary>
internal static class TestPrograms
{
    public static readonly HeaderType Ethernet = HeaderType.Create("ethernet_t",
        ("dstAddr", BitType.Bit48), ("srcAddr", BitType.Bit48), ("etherType", BitType.Bit16));

    public static readonly HeaderType Ipv4 = HeaderType.Create("ipv4_t",
        ("version", new BitType(4)), ("ihl", new BitType(4)), ("diffserv", BitType.Bit8), ("totalLen", BitType.Bit16),
        ("identification", BitType.Bit16), ("flags", new BitType(3)), ("fragOffset", new BitType(13)), ("ttl", BitType.Bit8),
        ("protocol", BitType.Bit8), ("hdrChecksum", BitType.Bit16), ("srcAddr", BitType.Bit32), ("dstAddr", BitType.Bit32));

    public static readonly StructType Headers = StructType.Create("headers_t", ("ethernet", Ethernet), ("ipv4", Ipv4));

    public static SlotRef Hdr => new("hdr", Headers);

    public static FieldRef Eth => FieldRef.Of(Hdr, "ethernet");

    public static FieldRef Ip => FieldRef.Of(Hdr, "ipv4");

    public static FieldRef F(IrExpr b, string f) => FieldRef.Of(b, f);

    public static IrConstant C(BigInteger v, int width) => IrConstant.Bits(v, width);

    public static AssignStmt Set(IrExpr target, BigInteger v) => new(target, IrConstant.Of(v, target.Type));

    /// <summary>Parser: ethernet, then ipv4 when etherType is 0x0800.</summary>
    public static IrParser EthIpv4Parser(string name = "prs") => new(name, "start", IrList.Of(
        new ParserState("start", Block.Of(new ExtractStmt(Eth, null)),
            new SelectTransition(IrList.Of<IrExpr>(F(Eth, "etherType")), IrList.Of(
                new SelectCase(IrList.Of<Keyset>(new ExactKeyset(0x0800)), "parse_ipv4"),
                new SelectCase(IrList.Of<Keyset>(DefaultKeyset.Instance), IrParser.Accept)))),
        new ParserState("parse_ipv4", Block.Of(new ExtractStmt(Ip, null)), new GotoTransition(IrParser.Accept))));

    public static FieldRef XdpOut(string field) => FieldRef.Of(new SlotRef(XdpModel.OutputSlot, XdpModel.Output), field);

    /// <summary>
    /// xdp_model router: table <c>fwd</c> on ipv4.dstAddr (match kind given) with set_port(port) (ttl-1, XDP_TX, output_port = port)
    /// and drop_it (XDP_DROP, default); non-IPv4 passes. The deparser emits ethernet and ipv4.
    /// </summary>
    public static IrProgram XdpRouter(MatchKind match = MatchKind.Exact, DefaultAction? defaultAction = null, IEnumerable<TableEntry>? entries = null, bool entriesConst = false,
        string? directCounter = null, IEnumerable<IrExtern>? externs = null, IEnumerable<IrStmt>? extraIngress = null,
        IEnumerable<(string, IrType, SlotRole)>? extraSlots = null, IEnumerable<IrStmt>? preIngress = null)
    {
        var arch = new XdpModel();
        var state = arch.BuildState(new (string, IrType, SlotRole)[] { ("hdr", Headers, SlotRole.Header) }.Concat(extraSlots ?? []));
        var setPort = new IrAction("set_port", IrList.Of(new ActionParam("port", BitType.Bit32)), Block.Of(
            new AssignStmt(XdpOut("output_port"), new ParamRef("port", BitType.Bit32)),
            Set(XdpOut("output_action"), XdpModel.XdpTx),
            new AssignStmt(F(Ip, "ttl"), BinaryExpr.Make(BinaryOp.Sub, F(Ip, "ttl"), C(1, 8)))));
        var dropIt = new IrAction("drop_it", IrList<ActionParam>.Empty, Block.Of(Set(XdpOut("output_action"), XdpModel.XdpDrop)));
        var table = new IrTable("fwd",
            IrList.Of(new TableKey("hdr.ipv4.dstAddr", F(Ip, "dstAddr"), match)),
            IrList.Of(new TableActionRef("set_port", 1), new TableActionRef("drop_it", 2)),
            defaultAction ?? new DefaultAction("drop_it", IrList<BigInteger>.Empty, false),
            (entries ?? []).ToIrList(), entriesConst, 1024, directCounter);
        var ingressBody = new List<IrStmt>(preIngress ?? [])
        {
            Set(XdpOut("output_action"), XdpModel.XdpPass),
            new IfStmt(new IsValidExpr(Ip), Block.Of(new ApplyTableStmt("fwd", null, null)), Block.Empty),
        };
        ingressBody.AddRange(extraIngress ?? []);
        var allExterns = (externs ?? []).ToList();
        if (directCounter is not null)
        {
            allExterns.Add(new IrExtern(directCounter, ExternKind.DirectCounter, 1024));
        }
        var program = new IrProgram("router", arch.Name, state,
            IrList.Of(EthIpv4Parser("prs")),
            IrList.Of(new IrControl("ingress", new Block(ingressBody.ToIrList())), new IrControl("deparser", Block.Of(new EmitStmt(Hdr)))),
            IrList.Of(setPort, dropIt),
            IrList.Of(table),
            allExterns.ToIrList(),
            arch.CreateStages(new Dictionary<string, string> { ["p"] = "prs", ["s"] = "ingress", ["d"] = "deparser" }),
            IrProgram.CoreErrors);
        return Lower(program);
    }

    /// <summary>Runs the midend pipeline and fails the test on errors.</summary>
    public static IrProgram Lower(IrProgram program)
    {
        var (lowered, errors) = MidendPipeline.Run(program);
        errors.Should().BeEmpty();
        return lowered;
    }

    /// <summary>Ethernet(dst, src, type) + IPv4 (20 bytes, no options) + payload.</summary>
    public static byte[] Ipv4Packet(uint dst, uint src = 0x0a000001, byte ttl = 64, byte protocol = 17, int payload = 8)
    {
        var p = new byte[14 + 20 + payload];
        byte[] dmac = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55];
        byte[] smac = [0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb];
        dmac.CopyTo(p, 0);
        smac.CopyTo(p, 6);
        p[12] = 0x08;
        p[13] = 0x00;
        p[14] = 0x45;
        p[16] = 0;
        p[17] = (byte)(20 + payload);
        p[22] = ttl;
        p[23] = protocol;
        p[26] = (byte)(src >> 24);
        p[27] = (byte)(src >> 16);
        p[28] = (byte)(src >> 8);
        p[29] = (byte)src;
        p[30] = (byte)(dst >> 24);
        p[31] = (byte)(dst >> 16);
        p[32] = (byte)(dst >> 8);
        p[33] = (byte)dst;
        for (var i = 0; i < payload; i++)
        {
            p[34 + i] = (byte)(0xa0 + i);
        }
        return p;
    }
}
