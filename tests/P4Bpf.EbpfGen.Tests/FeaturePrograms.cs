using System.Numerics;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.EbpfGen.Tests.TestPrograms;

namespace P4Bpf.EbpfGen.Tests;

/// <summary>More hand-built programs: encapsulation, externs, ebpf_model, v1model, header stacks.</summary>
internal static class FeaturePrograms
{
    public static readonly HeaderType Tunnel = HeaderType.Create("tunnel_t", ("id", BitType.Bit16), ("proto", BitType.Bit16));

    public static readonly StructType TunnelHeaders = StructType.Create("theaders_t", ("tunnel", Tunnel), ("ethernet", Ethernet), ("ipv4", Ipv4));

    /// <summary>xdp_model: when ipv4.ttl == 1 push a 4-byte tunnel header in front; when ttl == 2 strip ipv4 (shrink); else pass.</summary>
    public static IrProgram Encap()
    {
        var arch = new XdpModel();
        var state = arch.BuildState([("hdr", TunnelHeaders, SlotRole.Header)]);
        var hdr = new SlotRef("hdr", TunnelHeaders);
        var eth = FieldRef.Of(hdr, "ethernet");
        var ip = FieldRef.Of(hdr, "ipv4");
        var tun = FieldRef.Of(hdr, "tunnel");
        var parser = new IrParser("prs", "start", IrList.Of(
            new ParserState("start", Block.Of(new ExtractStmt(eth, null)),
                new SelectTransition(IrList.Of<IrExpr>(F(eth, "etherType")), IrList.Of(
                    new SelectCase(IrList.Of<Keyset>(new ExactKeyset(0x0800)), "ip"),
                    new SelectCase(IrList.Of<Keyset>(DefaultKeyset.Instance), IrParser.Accept)))),
            new ParserState("ip", Block.Of(new ExtractStmt(ip, null)), new GotoTransition(IrParser.Accept))));
        var ingress = Block.Of(
            Set(XdpOut("output_action"), XdpModel.XdpPass),
            new IfStmt(BinaryExpr.Make(BinaryOp.Eq, F(ip, "ttl"), C(1, 8)), Block.Of(
                new SetValidityStmt(tun, true),
                Set(F(tun, "id"), 0xbeef),
                new AssignStmt(F(tun, "proto"), F(eth, "etherType")),
                Set(XdpOut("output_action"), XdpModel.XdpTx)), Block.Empty),
            new IfStmt(BinaryExpr.Make(BinaryOp.Eq, F(ip, "ttl"), C(2, 8)), Block.Of(
                new SetValidityStmt(ip, false),
                Set(F(eth, "etherType"), 0x88b5)), Block.Empty));
        return Lower(new IrProgram("encap", arch.Name, state, IrList.Of(parser),
            IrList.Of(new IrControl("ingress", ingress), new IrControl("deparser", Block.Of(new EmitStmt(hdr)))),
            IrList<IrAction>.Empty, IrList<IrTable>.Empty, IrList<IrExtern>.Empty,
            arch.CreateStages(new Dictionary<string, string> { ["p"] = "prs", ["s"] = "ingress", ["d"] = "deparser" }), IrProgram.CoreErrors));
    }

    /// <summary>The router plus a packet counter indexed by ipv4.protocol, a register remembering the last ttl per protocol, and a direct counter on fwd.</summary>
    public static IrProgram Counters()
    {
        var protoIndex = new CastExpr(F(Ip, "protocol"), BitType.Bit32);
        return XdpRouter(directCounter: "fwd_hits",
            externs:
            [
                new IrExtern("pkts", ExternKind.Counter, 256),
                new IrExtern("last_ttl", ExternKind.Register, 256, BitType.Bit8),
            ],
            extraIngress:
            [
                new IfStmt(new IsValidExpr(Ip), Block.Of(
                    new ExternCallStmt("pkts", "count", IrList.Of<IrExpr>(protoIndex), null),
                    new ExternCallStmt("last_ttl", "read", IrList.Of<IrExpr>(protoIndex), new SlotRef("$tmp", BitType.Bit8)),
                    new ExternCallStmt("last_ttl", "write", IrList.Of<IrExpr>(protoIndex, BinaryExpr.Make(BinaryOp.Add, new SlotRef("$tmp", BitType.Bit8), F(Ip, "ttl"))), null)),
                    Block.Empty),
            ],
            extraSlots: [("$tmp", BitType.Bit8, SlotRole.Local)]);
    }

    /// <summary>ebpf_model filter: accept IPv4 packets whose source is in 10.0.0.0/8 by a const lpm table, else drop.</summary>
    public static IrProgram Filter()
    {
        var arch = new EbpfModel();
        var state = arch.BuildState([("hdr", Headers, SlotRole.Header)]);
        var accept = new SlotRef(EbpfModel.AcceptSlot, BoolType.Instance);
        var allow = new IrAction("allow", IrList<ActionParam>.Empty, Block.Of(new AssignStmt(accept, IrConstant.Bool(true))));
        var deny = new IrAction("deny", IrList<ActionParam>.Empty, Block.Of(new AssignStmt(accept, IrConstant.Bool(false))));
        var table = new IrTable("acl", IrList.Of(new TableKey("src", F(Ip, "srcAddr"), MatchKind.Lpm)),
            IrList.Of(new TableActionRef("allow", 1), new TableActionRef("deny", 2)),
            new DefaultAction("deny", IrList<BigInteger>.Empty, true),
            IrList.Of(new TableEntry(IrList.Of<KeyMatch>(new LpmMatch(0x0a000000, 8)), "allow", IrList<BigInteger>.Empty, 8)), true, 16);
        var filter = Block.Of(
            new AssignStmt(accept, IrConstant.Bool(false)),
            new IfStmt(new IsValidExpr(Ip), Block.Of(new ApplyTableStmt("acl", null, null)), Block.Empty));
        return Lower(new IrProgram("filter", arch.Name, state, IrList.Of(EthIpv4Parser()), IrList.Of(new IrControl("filt", filter)),
            IrList.Of(allow, deny), IrList.Of(table), IrList<IrExtern>.Empty,
            arch.CreateStages(new Dictionary<string, string> { ["prs"] = "prs", ["filt"] = "filt" }), IrProgram.CoreErrors));
    }

    /// <summary>v1model: ingress picks egress_spec by an exact table on dstAddr (mark_to_drop on miss); egress rewrites the source MAC; the deparser emits.</summary>
    public static IrProgram V1Switch()
    {
        var arch = new V1Model();
        var state = arch.BuildState([("hdr", Headers, SlotRole.Header), ("$hit", BoolType.Instance, SlotRole.Local)]);
        var smeta = new SlotRef(V1Model.StandardMetadataSlot, V1Model.StandardMetadata);
        var forward = new IrAction("forward", IrList.Of(new ActionParam("port", new BitType(9))), Block.Of(
            new AssignStmt(F(smeta, "egress_spec"), new ParamRef("port", new BitType(9)))));
        var drop = new IrAction("drop", IrList<ActionParam>.Empty, arch.LowerIntrinsic("mark_to_drop", [smeta])!);
        var table = new IrTable("l2", IrList.Of(new TableKey("dst", F(Eth, "dstAddr"), MatchKind.Exact)),
            IrList.Of(new TableActionRef("forward", 1), new TableActionRef("drop", 2)),
            new DefaultAction("drop", IrList<BigInteger>.Empty, false), IrList<TableEntry>.Empty, false, 64);
        var ingress = Block.Of(new ApplyTableStmt("l2", new SlotRef("$hit", BoolType.Instance), null));
        var egress = Block.Of(
            new AssignStmt(F(Eth, "srcAddr"), BinaryExpr.Make(BinaryOp.BitOr, IrConstant.Of(0x020000000000, BitType.Bit48),
                new CastExpr(F(smeta, "egress_port"), BitType.Bit48))));
        var empty = Block.Empty;
        return Lower(new IrProgram("v1", arch.Name, state, IrList.Of(EthIpv4Parser("p")),
            IrList.Of(new IrControl("vr", empty), new IrControl("ig", ingress), new IrControl("eg", egress), new IrControl("ck", empty),
                new IrControl("dep", Block.Of(new EmitStmt(Hdr)))),
            IrList.Of(forward, drop), IrList.Of(table), IrList<IrExtern>.Empty,
            arch.CreateStages(new Dictionary<string, string> { ["p"] = "p", ["vr"] = "vr", ["ig"] = "ig", ["eg"] = "eg", ["ck"] = "ck", ["dep"] = "dep" }),
            IrProgram.CoreErrors));
    }

    public static readonly HeaderType Mpls = HeaderType.Create("mpls_t", ("label", new BitType(20)), ("tc", new BitType(3)), ("bos", BitType.Bit1), ("ttl", BitType.Bit8));

    public static readonly StructType MplsHeaders = StructType.Create("mheaders_t", ("ethernet", Ethernet), ("mpls", new HeaderStackType(Mpls, 3)));

    /// <summary>xdp_model: parse up to 3 MPLS labels (loop on bos); pop the outer label (shift the stack by hand) and count labels in output_port.</summary>
    public static IrProgram MplsPop()
    {
        var arch = new XdpModel();
        var state = arch.BuildState([("hdr", MplsHeaders, SlotRole.Header)]);
        var hdr = new SlotRef("hdr", MplsHeaders);
        var eth = FieldRef.Of(hdr, "ethernet");
        var stack = FieldRef.Of(hdr, "mpls");
        var next = new StackElementRef(stack, new StackNextIndexRef(stack), Mpls);
        IrExpr Elem(int i) => new StackElementRef(stack, IrConstant.Of(i, BitType.Bit32), Mpls);
        var lastBos = F(new StackElementRef(stack, BinaryExpr.Make(BinaryOp.Sub, new StackNextIndexRef(stack), IrConstant.Of(1, BitType.Bit32)), Mpls), "bos");
        var parser = new IrParser("prs", "start", IrList.Of(
            new ParserState("start", Block.Of(new ExtractStmt(eth, null)),
                new SelectTransition(IrList.Of<IrExpr>(F(eth, "etherType")), IrList.Of(
                    new SelectCase(IrList.Of<Keyset>(new ExactKeyset(0x8847)), "label"),
                    new SelectCase(IrList.Of<Keyset>(DefaultKeyset.Instance), IrParser.Accept)))),
            new ParserState("label", Block.Of(new ExtractStmt(next, null)),
                new SelectTransition(IrList.Of<IrExpr>(lastBos), IrList.Of(
                    new SelectCase(IrList.Of<Keyset>(new ExactKeyset(0)), "label"),
                    new SelectCase(IrList.Of<Keyset>(DefaultKeyset.Instance), IrParser.Accept))))));
        var ingress = Block.Of(
            Set(XdpOut("output_action"), XdpModel.XdpTx),
            new AssignStmt(XdpOut("output_port"), new StackNextIndexRef(stack)),
            // pop_front(1)
            new AssignStmt(Elem(0), Elem(1)),
            new AssignStmt(Elem(1), Elem(2)),
            new SetValidityStmt(Elem(2), false));
        return Lower(new IrProgram("mpls", arch.Name, state, IrList.Of(parser),
            IrList.Of(new IrControl("ingress", ingress), new IrControl("deparser", Block.Of(new EmitStmt(hdr)))),
            IrList<IrAction>.Empty, IrList<IrTable>.Empty, IrList<IrExtern>.Empty,
            arch.CreateStages(new Dictionary<string, string> { ["p"] = "prs", ["s"] = "ingress", ["d"] = "deparser" }), IrProgram.CoreErrors));
    }
}
