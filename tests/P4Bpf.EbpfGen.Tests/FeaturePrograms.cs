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

/// <summary>Programs for meters, value sets and PSA.</summary>
internal static class MorePrograms
{
    /// <summary>xdp_model: meter index 0 (bytes) colours every IPv4 packet; red drops, others pass; the colour goes to output_port.</summary>
    public static IrProgram Metered()
    {
        var color = new SlotRef("$color", BitType.Bit8);
        return XdpRouter(
            externs: [new IrExtern("policer", ExternKind.Meter, 4, Unit: CounterUnit.Bytes)],
            extraSlots: [("$color", BitType.Bit8, SlotRole.Local)],
            extraIngress:
            [
                new ExternCallStmt("policer", "execute_meter", IrList.Of<IrExpr>(IrConstant.Of(0, BitType.Bit32)), color),
                new AssignStmt(XdpOut("output_port"), new CastExpr(color, BitType.Bit32)),
                new IfStmt(BinaryExpr.Make(BinaryOp.Eq, color, C(2, 8)), Block.Of(Set(XdpOut("output_action"), XdpModel.XdpDrop)), Block.Empty),
            ]);
    }

    /// <summary>ebpf_model: a parser value_set of EtherTypes decides which packets are accepted.</summary>
    public static IrProgram ValueSetFilter()
    {
        var arch = new EbpfModel();
        var state = arch.BuildState([("hdr", Headers, SlotRole.Header)]);
        var parser = new IrParser("prs", "start", IrList.Of(
            new ParserState("start", Block.Of(new ExtractStmt(Eth, null)),
                new SelectTransition(IrList.Of<IrExpr>(F(Eth, "etherType")), IrList.Of(
                    new SelectCase(IrList.Of<Keyset>(new ValueSetKeyset("allowed")), "ok"),
                    new SelectCase(IrList.Of<Keyset>(DefaultKeyset.Instance), IrParser.Reject)))),
            new ParserState("ok", Block.Of(new AssignStmt(new SlotRef(EbpfModel.AcceptSlot, BoolType.Instance), IrConstant.Bool(true))), new GotoTransition(IrParser.Accept))));
        return Lower(new IrProgram("vs", arch.Name, state, IrList.Of(parser), IrList.Of(new IrControl("filt", Block.Empty)),
            IrList<IrAction>.Empty, IrList<IrTable>.Empty, IrList.Of(new IrExtern("allowed", ExternKind.ValueSet, 8, BitType.Bit16)),
            arch.CreateStages(new Dictionary<string, string> { ["prs"] = "prs", ["filt"] = "filt" }), IrProgram.CoreErrors));
    }

    /// <summary>PSA: ingress sends IPv4 to port = low byte of dstAddr (send_to_port), egress decrements ttl; both deparse.</summary>
    public static IrProgram Psa()
    {
        var arch = new PsaModel();
        var state = arch.BuildState([("hdr", Headers, SlotRole.Header)]);
        var ostd = new SlotRef(PsaModel.IngressOutputSlot, PsaModel.IngressOutput);
        var ingress = Block.Of(new IfStmt(new IsValidExpr(Ip),
            arch.LowerIntrinsic("send_to_port", [ostd, new CastExpr(new SliceExpr(F(Ip, "dstAddr"), 7, 0), BitType.Bit32)])!,
            arch.LowerIntrinsic("ingress_drop", [ostd])!));
        var egress = Block.Of(new IfStmt(new IsValidExpr(Ip),
            Block.Of(new AssignStmt(F(Ip, "ttl"), BinaryExpr.Make(BinaryOp.Sub, F(Ip, "ttl"), C(1, 8)))), Block.Empty));
        var deparser = Block.Of(new EmitStmt(Hdr));
        return Lower(new IrProgram("psa", arch.Name, state, IrList.Of(EthIpv4Parser("ip"), EthIpv4Parser("ep")),
            IrList.Of(new IrControl("ig", ingress), new IrControl("id", deparser), new IrControl("eg", egress), new IrControl("ed", deparser)),
            IrList<IrAction>.Empty, IrList<IrTable>.Empty, IrList<IrExtern>.Empty,
            arch.CreateStages(new Dictionary<string, string> { ["ip"] = "ip", ["ig"] = "ig", ["id"] = "id", ["ep"] = "ep", ["eg"] = "eg", ["ed"] = "ed" }),
            IrProgram.CoreErrors));
    }
}

/// <summary>Programs using the Internet checksum.</summary>
internal static class ChecksumPrograms
{
    private static readonly string[] Ipv4FieldNames = ["version", "ihl", "diffserv", "totalLen", "identification", "flags", "fragOffset", "ttl", "protocol", "srcAddr", "dstAddr"];

    private static IrExpr[] Ipv4Fields() => Ipv4FieldNames.Select(f => (IrExpr)F(Ip, f)).ToArray();

    /// <summary>The router with verify (into $bad) before the table and update of hdrChecksum after it; a bad checksum drops.</summary>
    public static IrProgram Router()
    {
        var bad = new SlotRef("$bad", BitType.Bit1);
        var valid = new IsValidExpr(Ip);
        return XdpRouter(
            externs: [new IrExtern("$csum16", ExternKind.Checksum, 1, Algorithm: "csum16")],
            extraSlots: [("$bad", BitType.Bit1, SlotRole.Local)],
            extraIngress:
            [
                new ExternCallStmt("$csum16", "update", new IrExpr[] { valid }.Concat(Ipv4Fields()).ToIrList(), F(Ip, "hdrChecksum")),
            ],
            preIngress:
            [
                new ExternCallStmt("$csum16", "verify", new IrExpr[] { valid }.Concat(Ipv4Fields()).Append(F(Ip, "hdrChecksum")).ToIrList(), bad),
                new IfStmt(BinaryExpr.Make(BinaryOp.Eq, bad, C(1, 1)), Block.Of(DropStmt.Instance), Block.Empty),
            ]);
    }
}

/// <summary>IPv4 options as a varbit header.</summary>
internal static class VarbitPrograms
{
    public static readonly HeaderType Options = HeaderType.Create("ipv4_options_t", ("options", new VarbitType(320)));

    public static readonly StructType OptHeaders = StructType.Create("oheaders_t", ("ethernet", Ethernet), ("ipv4", Ipv4), ("opts", Options));

    /// <summary>xdp_model: parse ethernet, ipv4, then (ihl − 5)·32 bits of options; decrement ttl; emit all; output_port = option bytes.</summary>
    public static IrProgram Ipv4Options()
    {
        var arch = new XdpModel();
        var state = arch.BuildState([("hdr", OptHeaders, SlotRole.Header)]);
        var hdr = new SlotRef("hdr", OptHeaders);
        var eth = FieldRef.Of(hdr, "ethernet");
        var ip = FieldRef.Of(hdr, "ipv4");
        var opts = FieldRef.Of(hdr, "opts");
        var optBits = BinaryExpr.Make(BinaryOp.Mul, BinaryExpr.Make(BinaryOp.Sub, new CastExpr(F(ip, "ihl"), BitType.Bit32), IrConstant.Of(5, BitType.Bit32)), IrConstant.Of(32, BitType.Bit32));
        var parser = new IrParser("prs", "start", IrList.Of(
            new ParserState("start", Block.Of(new ExtractStmt(eth, null)),
                new SelectTransition(IrList.Of<IrExpr>(F(eth, "etherType")), IrList.Of(
                    new SelectCase(IrList.Of<Keyset>(new ExactKeyset(0x0800)), "ip"),
                    new SelectCase(IrList.Of<Keyset>(DefaultKeyset.Instance), IrParser.Accept)))),
            new ParserState("ip", Block.Of(new ExtractStmt(ip, null), new ExtractStmt(opts, optBits)), new GotoTransition(IrParser.Accept))));
        var ingress = Block.Of(
            Set(XdpOut("output_action"), XdpModel.XdpTx),
            new AssignStmt(F(ip, "ttl"), BinaryExpr.Make(BinaryOp.Sub, F(ip, "ttl"), C(1, 8))),
            new AssignStmt(XdpOut("output_port"), BinaryExpr.Make(BinaryOp.Shr, new VarbitLengthRef(F(opts, "options")), IrConstant.Of(3, BitType.Bit32))));
        return Lower(new IrProgram("opts", arch.Name, state, IrList.Of(parser),
            IrList.Of(new IrControl("ingress", ingress), new IrControl("deparser", Block.Of(new EmitStmt(hdr)))),
            IrList<IrAction>.Empty, IrList<IrTable>.Empty, IrList<IrExtern>.Empty,
            arch.CreateStages(new Dictionary<string, string> { ["p"] = "prs", ["s"] = "ingress", ["d"] = "deparser" }), IrProgram.CoreErrors));
    }
}

/// <summary>Tables with several key fields.</summary>
internal static class MultiKeyPrograms
{
    /// <summary>The router's table keyed on (protocol: first kind, dstAddr: second kind, srcAddr low byte sliced: third kind).</summary>
    public static IrProgram Router(MatchKind protoKind, MatchKind dstKind, MatchKind? sliceKind = null)
    {
        var p = XdpRouter();
        var keys = new List<TableKey>
        {
            new("proto", F(Ip, "protocol"), protoKind),
            new("dst", F(Ip, "dstAddr"), dstKind),
        };
        if (sliceKind is { } k)
        {
            keys.Add(new TableKey("src_lo", new SliceExpr(F(Ip, "srcAddr"), 7, 0), k));
        }
        return Lower(p with { Tables = IrList.Of(p.Tables[0] with { Keys = keys.ToIrList() }) });
    }
}

/// <summary>Digests, lookahead and advance.</summary>
internal static class ParserExtrasPrograms
{
    public static readonly StructType DigestData = StructType.Create("learn_t", ("mac", BitType.Bit48), ("port", BitType.Bit32));

    /// <summary>xdp_model: peek one byte (lookahead), skip a 2-byte prefix (advance), parse ethernet; send a digest of (srcAddr, input port).</summary>
    public static IrProgram PeekSkipLearn()
    {
        var arch = new XdpModel();
        var state = arch.BuildState([("hdr", Headers, SlotRole.Header), ("$peek", BitType.Bit8, SlotRole.Local), ("$learn", DigestData, SlotRole.Local)]);
        var peek = new SlotRef("$peek", BitType.Bit8);
        var learn = new SlotRef("$learn", DigestData);
        var parser = new IrParser("prs", "start", IrList.Of(
            new ParserState("start", Block.Of(new LookaheadStmt(peek), new AdvanceStmt(IrConstant.Of(16, BitType.Bit32)), new ExtractStmt(Eth, null)),
                new GotoTransition(IrParser.Accept))));
        var input = FieldRef.Of(new SlotRef(XdpModel.InputSlot, XdpModel.Input), "input_port");
        var ingress = Block.Of(
            Set(XdpOut("output_action"), XdpModel.XdpPass),
            new AssignStmt(XdpOut("output_port"), new CastExpr(peek, BitType.Bit32)),
            new AssignStmt(FieldRef.Of(learn, "mac"), F(Eth, "srcAddr")),
            new AssignStmt(FieldRef.Of(learn, "port"), input),
            new ExternCallStmt("mac_learn", "pack", IrList.Of<IrExpr>(learn), null));
        return Lower(new IrProgram("learn", arch.Name, state, IrList.Of(parser),
            IrList.Of(new IrControl("ingress", ingress), new IrControl("deparser", Block.Of(new EmitStmt(Hdr)))),
            IrList<IrAction>.Empty, IrList<IrTable>.Empty, IrList.Of(new IrExtern("mac_learn", ExternKind.Digest, 1, DigestData)),
            arch.CreateStages(new Dictionary<string, string> { ["p"] = "prs", ["s"] = "ingress", ["d"] = "deparser" }), IrProgram.CoreErrors));
    }
}
