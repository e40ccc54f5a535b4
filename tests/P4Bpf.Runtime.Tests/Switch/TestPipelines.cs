using System.Numerics;
using P4Bpf.EbpfGen;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using P4Bpf.Midend.Passes;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Runtime.Tests.Switch;

/// <summary>Pipelines built from hand-written IR for each architecture (what the P4 lowering will produce), compiled with the real code generator.</summary>
internal static class TestPipelines
{
    public static readonly HeaderType Ethernet = HeaderType.Create("ethernet_t",
        ("dstAddr", BitType.Bit48), ("srcAddr", BitType.Bit48), ("etherType", BitType.Bit16));

    public static readonly HeaderType Ipv4 = HeaderType.Create("ipv4_t",
        ("version", new BitType(4)), ("ihl", new BitType(4)), ("diffserv", BitType.Bit8), ("totalLen", BitType.Bit16),
        ("identification", BitType.Bit16), ("flags", new BitType(3)), ("fragOffset", new BitType(13)), ("ttl", BitType.Bit8),
        ("protocol", BitType.Bit8), ("hdrChecksum", BitType.Bit16), ("srcAddr", BitType.Bit32), ("dstAddr", BitType.Bit32));

    public static readonly StructType Headers = StructType.Create("headers_t", ("ethernet", Ethernet), ("ipv4", Ipv4));

    private static SlotRef Hdr => new("hdr", Headers);

    private static FieldRef Eth => FieldRef.Of(Hdr, "ethernet");

    private static FieldRef Ip => FieldRef.Of(Hdr, "ipv4");

    private static FieldRef F(IrExpr b, string f) => FieldRef.Of(b, f);

    private static IrConstant C(BigInteger v, int width) => IrConstant.Bits(v, width);

    private static AssignStmt Set(IrExpr target, BigInteger v) => new(target, IrConstant.Of(v, target.Type));

    private static AssignStmt Assign(IrExpr target, IrExpr value) => new(target, value.Type.Equals(target.Type) ? value : new CastExpr(value, target.Type));

    private static IfStmt If(IrExpr c, params IrStmt[] then) => new(c, Block.Of(then), Block.Empty);

    private static AssignStmt DecTtl => new(F(Ip, "ttl"), BinaryExpr.Make(BinaryOp.Sub, F(Ip, "ttl"), C(1, 8)));

    private static IrParser Parser(string name) => new(name, "start", IrList.Of(
        new ParserState("start", Block.Of(new ExtractStmt(Eth, null)),
            new SelectTransition(IrList.Of<IrExpr>(F(Eth, "etherType")), IrList.Of(
                new SelectCase(IrList.Of<Keyset>(new ExactKeyset(0x0800)), "parse_ipv4"),
                new SelectCase(IrList.Of<Keyset>(DefaultKeyset.Instance), IrParser.Accept)))),
        new ParserState("parse_ipv4", Block.Of(new ExtractStmt(Ip, null)), new GotoTransition(IrParser.Accept))));

    private static IrTable Table(string name, MatchKind match, string defaultAction, params (string Action, int Id)[] actions) =>
        new(name, IrList.Of(new TableKey("hdr.ipv4.dstAddr", F(Ip, "dstAddr"), match)),
            actions.Select(a => new TableActionRef(a.Action, a.Id)).ToIrList(),
            new DefaultAction(defaultAction, IrList<BigInteger>.Empty, false), IrList<TableEntry>.Empty, false, 1024);

    public static CompiledPipeline Compile(IrProgram program, EbpfGenOptions? options = null)
    {
        var (lowered, errors) = MidendPipeline.Run(program);
        errors.Should().BeEmpty();
        var result = EbpfCodeGenerator.Generate(lowered, options);
        result.Success.Should().BeTrue(string.Join("\n", result.Errors));
        return new CompiledPipeline(result.Object!, result.Layout!);
    }

    /// <summary>
    /// v1model: table <c>ingress.fwd</c> on ipv4.dstAddr (match kind given): <c>set_port(port)</c> (egress_spec, ttl − 1),
    /// <c>set_mcast(grp)</c>, <c>clone_to(session)</c> (I2E clone and forward to port 1), <c>resub()</c> (resubmit once: ttl 0 marks it),
    /// <c>drop()</c> (default). Non-IPv4 packets are dropped. Counter <c>ingress.pkts</c>[0] counts IPv4 packets, register
    /// <c>ingress.last</c>[0] keeps the last source address. Egress writes egress_rid into diffserv for multicast copies and
    /// instance_type into identification; a packet to port 7 is recirculated once (its ttl becomes 0).
    /// </summary>
    public static CompiledPipeline V1Router(MatchKind match = MatchKind.Exact)
    {
        var arch = new V1Model();
        var smeta = new SlotRef(V1Model.StandardMetadataSlot, V1Model.StandardMetadata);
        var state = arch.BuildState([("hdr", Headers, SlotRole.Header)]);
        var port = new ParamRef("port", new BitType(9));
        var actions = IrList.Of(
            new IrAction("ingress.set_port", IrList.Of(new ActionParam("port", new BitType(9))), Block.Of(Assign(F(smeta, "egress_spec"), port), DecTtl)),
            new IrAction("ingress.set_mcast", IrList.Of(new ActionParam("grp", BitType.Bit16)), Block.Of(Assign(F(smeta, "mcast_grp"), new ParamRef("grp", BitType.Bit16)))),
            new IrAction("ingress.clone_to", IrList.Of(new ActionParam("session", BitType.Bit32)), Block.Of(
                arch.LowerIntrinsic("clone", [C(0, 32), new ParamRef("session", BitType.Bit32)])!, Set(F(smeta, "egress_spec"), 1))),
            new IrAction("ingress.resub", IrList<ActionParam>.Empty, Block.Of(Set(F(smeta, "egress_spec"), 2))),
            new IrAction("ingress.drop", IrList<ActionParam>.Empty, arch.LowerIntrinsic("mark_to_drop", [smeta])!));
        var table = Table("ingress.fwd", match, "ingress.drop", ("ingress.set_port", 1), ("ingress.set_mcast", 2), ("ingress.clone_to", 3), ("ingress.resub", 4), ("ingress.drop", 5));
        var resubmitWhenTtl = If(BinaryExpr.Make(BinaryOp.Eq, F(smeta, "instance_type"), C(0, 32)),
            If(BinaryExpr.Make(BinaryOp.Eq, F(smeta, "egress_spec"), C(2, 9)), Set(F(Ip, "ttl"), 0), arch.LowerIntrinsic("resubmit", [])!));
        var ingress = new IrControl("ingress", Block.Of(
            new IfStmt(new IsValidExpr(Ip), Block.Of(
                new ExternCallStmt("ingress.pkts", "count", IrList.Of<IrExpr>(C(0, 32)), null),
                new ExternCallStmt("ingress.last", "write", IrList.Of<IrExpr>(C(0, 32), F(Ip, "srcAddr")), null),
                new ApplyTableStmt("ingress.fwd", null, null),
                resubmitWhenTtl),
                arch.LowerIntrinsic("mark_to_drop", [smeta])!)));
        var egress = new IrControl("egress", Block.Of(
            Assign(F(Ip, "identification"), F(smeta, "instance_type")),
            If(BinaryExpr.Make(BinaryOp.Ne, F(smeta, "egress_rid"), C(0, 16)), Assign(F(Ip, "diffserv"), F(smeta, "egress_rid"))),
            If(BinaryExpr.Make(BinaryOp.And,
                    BinaryExpr.Make(BinaryOp.Eq, F(smeta, "egress_port"), C(7, 9)),
                    BinaryExpr.Make(BinaryOp.Ne, F(smeta, "instance_type"), C(V1ModelRecirculated, 32))),
                Set(F(Ip, "ttl"), 0), arch.LowerIntrinsic("recirculate", [])!)));
        var program = new IrProgram("v1router", arch.Name, state,
            IrList.Of(Parser("prs")),
            IrList.Of(ingress, egress, new IrControl("verify", Block.Empty), new IrControl("compute", Block.Empty), new IrControl("deparser", Block.Of(new EmitStmt(Hdr)))),
            actions, IrList.Of(table),
            IrList.Of(new IrExtern("ingress.pkts", ExternKind.Counter, 4), new IrExtern("ingress.last", ExternKind.Register, 4, BitType.Bit32)),
            arch.CreateStages(new Dictionary<string, string> { ["p"] = "prs", ["vr"] = "verify", ["ig"] = "ingress", ["eg"] = "egress", ["ck"] = "compute", ["dep"] = "deparser" }),
            IrProgram.CoreErrors);
        return Compile(program);
    }

    private const int V1ModelRecirculated = 4;

    /// <summary>xdp_model: table <c>fwd</c> (match kind given): <c>set_port(port)</c> → ttl − 1 and XDP_TX (or XDP_REDIRECT to output_port when port ≠ 0... see tests),
    /// <c>drop_it</c> (default) → XDP_DROP; non-IPv4 passes.</summary>
    public static CompiledPipeline XdpRouter(MatchKind match = MatchKind.Exact, EbpfGenOptions? options = null)
    {
        var arch = new XdpModel();
        var state = arch.BuildState([("hdr", Headers, SlotRole.Header)]);
        var output = new SlotRef(XdpModel.OutputSlot, XdpModel.Output);
        var actions = IrList.Of(
            new IrAction("set_port", IrList.Of(new ActionParam("port", BitType.Bit32)), Block.Of(
                Assign(F(output, "output_port"), new ParamRef("port", BitType.Bit32)), Set(F(output, "output_action"), XdpModel.XdpRedirect), DecTtl)),
            new IrAction("tx", IrList<ActionParam>.Empty, Block.Of(Set(F(output, "output_action"), XdpModel.XdpTx))),
            new IrAction("drop_it", IrList<ActionParam>.Empty, Block.Of(Set(F(output, "output_action"), XdpModel.XdpDrop))));
        var program = new IrProgram("xdprouter", arch.Name, state,
            IrList.Of(Parser("prs")),
            IrList.Of(new IrControl("ingress", Block.Of(Set(F(output, "output_action"), XdpModel.XdpPass),
                    If(new IsValidExpr(Ip), new ApplyTableStmt("fwd", null, null)))),
                new IrControl("deparser", Block.Of(new EmitStmt(Hdr)))),
            actions, IrList.Of(Table("fwd", match, "drop_it", ("set_port", 1), ("tx", 2), ("drop_it", 3))),
            IrList<IrExtern>.Empty,
            arch.CreateStages(new Dictionary<string, string> { ["p"] = "prs", ["s"] = "ingress", ["d"] = "deparser" }),
            IrProgram.CoreErrors);
        return Compile(program, options);
    }

    /// <summary>ebpf_model: accept IPv4 packets whose destination hits table <c>filt.allow</c> (action <c>filt.pass</c>); the parser rejects non-IPv4 frames.</summary>
    public static CompiledPipeline EbpfFilter(MatchKind match = MatchKind.Exact)
    {
        var arch = new EbpfModel();
        var state = arch.BuildState([("hdr", Headers, SlotRole.Header)]);
        var accept = new SlotRef(EbpfModel.AcceptSlot, BoolType.Instance);
        var parser = new IrParser("prs", "start", IrList.Of(
            new ParserState("start", Block.Of(new ExtractStmt(Eth, null)),
                new SelectTransition(IrList.Of<IrExpr>(F(Eth, "etherType")), IrList.Of(
                    new SelectCase(IrList.Of<Keyset>(new ExactKeyset(0x0800)), "parse_ipv4")))),
            new ParserState("parse_ipv4", Block.Of(new ExtractStmt(Ip, null)), new GotoTransition(IrParser.Accept))));
        var actions = IrList.Of(
            new IrAction("filt.pass", IrList<ActionParam>.Empty, Block.Of(new AssignStmt(accept, IrConstant.Of(1, BoolType.Instance)))),
            new IrAction("filt.block", IrList<ActionParam>.Empty, Block.Of(new AssignStmt(accept, IrConstant.Of(0, BoolType.Instance)))));
        var program = new IrProgram("filter", arch.Name, state,
            IrList.Of(parser),
            IrList.Of(new IrControl("filt", Block.Of(new ApplyTableStmt("filt.allow", null, null)))),
            actions, IrList.Of(Table("filt.allow", match, "filt.block", ("filt.pass", 1), ("filt.block", 2))),
            IrList.Of(new IrExtern("filt.hits", ExternKind.Counter, 2)),
            arch.CreateStages(new Dictionary<string, string> { ["prs"] = "prs", ["filt"] = "filt" }),
            IrProgram.CoreErrors);
        return Compile(program);
    }

    /// <summary>PSA: ingress table <c>ingress.fwd</c>: <c>send(port)</c> (send_to_port), <c>mcast(grp)</c> (multicast), <c>clone_to(session)</c>
    /// (clone I2E + send to port 1), default drops (ostd.drop stays true). Egress writes the instance into diffserv and packet_path into identification;
    /// packets to PSA_PORT_RECIRCULATE come back with packet_path RECIRCULATE and are then sent to port 4.</summary>
    public static CompiledPipeline PsaRouter()
    {
        var arch = new PsaModel();
        var state = arch.BuildState([("hdr", Headers, SlotRole.Header)]);
        var ostd = new SlotRef(PsaModel.IngressOutputSlot, PsaModel.IngressOutput);
        var istd = new SlotRef(PsaModel.IngressInputSlot, PsaModel.IngressInput);
        var estd = new SlotRef(PsaModel.EgressInputSlot, PsaModel.EgressInput);
        var actions = IrList.Of(
            new IrAction("ingress.send", IrList.Of(new ActionParam("port", BitType.Bit32)), Block.Of(arch.LowerIntrinsic("send_to_port", [ostd, new ParamRef("port", BitType.Bit32)])!, DecTtl)),
            new IrAction("ingress.mcast", IrList.Of(new ActionParam("grp", BitType.Bit32)), arch.LowerIntrinsic("multicast", [ostd, new ParamRef("grp", BitType.Bit32)])!),
            new IrAction("ingress.clone_to", IrList.Of(new ActionParam("session", BitType.Bit16)), Block.Of(
                Set(F(ostd, "clone"), 1), Assign(F(ostd, "clone_session_id"), new ParamRef("session", BitType.Bit16)),
                arch.LowerIntrinsic("send_to_port", [ostd, C(1, 32)])!)),
            new IrAction("ingress.noop", IrList<ActionParam>.Empty, Block.Empty));
        var ingress = new IrControl("ingress", Block.Of(
            new IfStmt(BinaryExpr.Make(BinaryOp.Eq, F(istd, "packet_path"), C(PsaHarness.RecirculatePath, 32)),
                arch.LowerIntrinsic("send_to_port", [ostd, C(4, 32)])!,
                Block.Of(If(new IsValidExpr(Ip), new ApplyTableStmt("ingress.fwd", null, null))))));
        var egress = new IrControl("egress", Block.Of(
            Assign(F(Ip, "diffserv"), F(estd, "instance")),
            Assign(F(Ip, "identification"), F(estd, "packet_path"))));
        var program = new IrProgram("psarouter", arch.Name, state,
            IrList.Of(Parser("ip"), Parser("ep")),
            IrList.Of(ingress, egress, new IrControl("id", Block.Of(new EmitStmt(Hdr))), new IrControl("ed", Block.Of(new EmitStmt(Hdr)))),
            actions, IrList.Of(Table("ingress.fwd", MatchKind.Exact, "ingress.noop", ("ingress.send", 1), ("ingress.mcast", 2), ("ingress.clone_to", 3), ("ingress.noop", 4))),
            IrList<IrExtern>.Empty,
            arch.CreateStages(new Dictionary<string, string> { ["ip"] = "ip", ["ig"] = "ingress", ["id"] = "id", ["ep"] = "ep", ["eg"] = "egress", ["ed"] = "ed" }),
            IrProgram.CoreErrors);
        return Compile(program);
    }

    /// <summary>Ethernet + IPv4 (20 bytes) + payload.</summary>
    public static byte[] Ipv4Packet(uint dst, uint src = 0x0a000001, byte ttl = 64, int payload = 8)
    {
        var p = new byte[14 + 20 + payload];
        byte[] head = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x08, 0x00, 0x45, 0x00, 0x00, (byte)(20 + payload)];
        head.CopyTo(p, 0);
        p[22] = ttl;
        p[23] = 17;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(26), src);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(30), dst);
        for (var i = 0; i < payload; i++)
        {
            p[34 + i] = (byte)(0xa0 + i);
        }
        return p;
    }
}
