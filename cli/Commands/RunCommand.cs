using System.CommandLine;
using P4Bpf.Ebpf.Elf;
using P4Bpf.EbpfGen;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.P4InfoGen;
using P4Bpf.P4Runtime.Security;
using P4Bpf.P4Runtime.Server;
using P4Bpf.P4Runtime.Targets;
using P4Bpf.Runtime.Pcap;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf run PROG.p4 --grpc-addr HOST:PORT</c>: compiles a program, loads it into the software switch (ports: pcap files, Linux
/// interfaces) or into the kernel attached to interfaces, and serves P4Runtime until interrupted.</summary>
internal static partial class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The P4_16 program." };
        var arch = new Option<string?>("--arch") { Description = "Architecture (default: from the main package)." };
        var includes = new Option<string[]>("--include", "-I") { Description = "#include search directory." };
        var addr = new Option<string>("--grpc-addr") { Description = "P4Runtime listen address HOST:PORT.", DefaultValueFactory = _ => "127.0.0.1:9559" };
        var deviceId = new Option<ulong>("--device-id") { Description = "The P4Runtime device id.", DefaultValueFactory = _ => 1 };
        var cpuPort = new Option<int?>("--cpu-port") { Description = "Port whose packets become PacketIns (and where PacketOuts enter)." };
        var ports = new Option<string[]>("--port") { Description = "N=pcap:IN.pcap,OUT.pcap: inject IN on port N (after --inject-delay), record port N's output to OUT (either may be left empty: N=pcap:,OUT.pcap records only); N=if:NAME[@NETNS]: Linux interface NAME (in network namespace NETNS) is port N (software, smartnic).", AllowMultipleArgumentsPerToken = true };
        var target = new Option<string>("--target") { Description = "software (in-process switch), kernel (attached to --iface interfaces, XDP for xdp_model, TC for ebpf_model) or smartnic (offload check at load, then the software switch).", DefaultValueFactory = _ => "software" };
        var ifaces = new Option<string[]>("--iface") { Description = "N=IFNAME: attach the program to interface IFNAME as port N (--target kernel).", AllowMultipleArgumentsPerToken = true };
        var delay = new Option<double>("--inject-delay") { Description = "Seconds to wait before injecting pcap input (time for a controller to program the switch).", DefaultValueFactory = _ => 2 };
        var files = new Option<string[]>("--p4runtime-files") { Description = "Also write the P4Info to these files (.txtpb, .json, .bin).", AllowMultipleArgumentsPerToken = true };
        var duration = new Option<double>("--duration") { Description = "Stop after this many seconds (0: until Ctrl-C).", DefaultValueFactory = _ => 0 };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "Serve over TLS with this PEM certificate (needs --tls-key)." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert." };
        var tlsClientCa = new Option<string?>("--tls-client-ca") { Description = "Mutual TLS: only clients with a certificate chaining to these PEM CA certificates connect." };
        var insecure = new Option<bool>("--insecure") { Description = "Allow plain text on a non-loopback address (unauthenticated, unencrypted)." };
        var maxMessage = new Option<int>("--max-msg-size") { Description = "Largest accepted request message, in MiB.", DefaultValueFactory = _ => 64 };
        var maxUpdates = new Option<int>("--max-write-updates") { Description = "Most updates in one Write batch (more: RESOURCE_EXHAUSTED, nothing applied).", DefaultValueFactory = _ => 100_000 };
        var maxStreams = new Option<int>("--max-streams") { Description = "Most concurrent RPC streams per client connection.", DefaultValueFactory = _ => 1000 };
        var roleConfig = new Option<string?>("--role-config") { Description = "Pin P4Runtime roles: a p4bpf.RoleConfigFile (.json or .txtpb) mapping role names to scopes; other roles are refused." };
        var traceJson = new Option<string?>("--trace-json") { Description = "Write the trace of every packet injected from --port pcaps as JSON lines to FILE." };
        var top = new Option<bool>("--top") { Description = "Show the live view of `p4bpf top` in this terminal, read over P4Runtime from this server, until the run ends (plain text only)." };
        var topInterval = new Option<string>("--top-interval") { Description = "Refresh interval of --top (500ms, 1s, 2m).", DefaultValueFactory = _ => "1s" };
        var command = new Command("run", "Run a P4 program in the software switch with a P4Runtime server.")
        {
            file, arch, includes, addr, deviceId, cpuPort, ports, target, ifaces, delay, files, duration, tlsCert, tlsKey, tlsClientCa, insecure, maxMessage, maxUpdates, maxStreams, traceJson, roleConfig, top, topInterval,
        };
        command.SetAction(parse => CliErrors.Guard(() => Run(parse.GetValue(file)!, TopOption(parse.GetValue(top), parse.GetValue(topInterval)!, parse.GetValue(tlsCert)), parse.GetValue(arch), parse.GetValue(includes) ?? [], parse.GetValue(target)!, parse.GetValue(ifaces) ?? [],
            ServerOptions(parse.GetValue(addr)!, parse.GetValue(tlsCert), parse.GetValue(tlsKey), parse.GetValue(tlsClientCa), parse.GetValue(insecure),
                parse.GetValue(maxMessage), parse.GetValue(maxUpdates), parse.GetValue(maxStreams)),
            parse.GetValue(deviceId), parse.GetValue(cpuPort), parse.GetValue(ports) ?? [], parse.GetValue(delay), parse.GetValue(files) ?? [], parse.GetValue(duration),
            parse.GetValue(traceJson), LoadRoles(parse.GetValue(roleConfig)))));
        return command;
    }

    private static RoleConfigFile? LoadRoles(string? path)
    {
        try
        {
            return path is null ? null : RoleConfigFiles.LoadServerFile(path);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static P4RuntimeServerOptions ServerOptions(string addr, string? cert, string? key, string? clientCa, bool insecure, int maxMessageMiB, int maxUpdates, int maxStreams)
    {
        if ((cert is null) != (key is null))
        {
            throw new CliException("--tls-cert and --tls-key go together");
        }
        if (clientCa is not null && cert is null)
        {
            throw new CliException("--tls-client-ca needs --tls-cert and --tls-key (mutual TLS runs over TLS)");
        }
        if (maxMessageMiB is <= 0 or > 2047)
        {
            throw new CliException($"--max-msg-size must be 1..2047 MiB (got {maxMessageMiB})");
        }
        try
        {
            return new P4RuntimeServerOptions
            {
                Address = addr,
                Tls = cert is null ? null : ServerTls.FromPemFiles(cert, key!, clientCa),
                AllowInsecure = insecure,
                MaxReceiveMessageSize = maxMessageMiB << 20,
                MaxUpdatesPerWrite = maxUpdates,
                MaxConcurrentStreams = maxStreams,
            };
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }

    internal static Runtime.Trace.TraceJsonWriter OpenTraceJson(string path)
    {
        try
        {
            return Runtime.Trace.TraceJsonWriter.Create(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"--trace-json: cannot write {path}: {e.Message}");
        }
    }

    private static int Run(string file, TimeSpan? top, string? arch, string[] includes, string target, string[] ifaceTexts, P4RuntimeServerOptions serverOptions, ulong deviceId, int? cpuPort,
        string[] portTexts, double delay, string[] files, double duration, string? traceJson, RoleConfigFile? roles)
    {
        if (!File.Exists(file))
        {
            throw new CliException($"{file}: no such file");
        }
        if (file.EndsWith(ChainFile.Extension, StringComparison.Ordinal))
        {
            throw new CliException($"not supported yet: serving a service chain ({file}) over P4Runtime (one P4Info for several programs); run it with p4bpf stf CHAIN.chain TEST.stf");
        }
        if (target is not ("software" or "kernel" or "smartnic"))
        {
            throw new CliException($"unknown --target '{target}' (targets: software, kernel, smartnic)");
        }
        var specs = portTexts.Select(ParsePort).ToList();
        var ifaceSpecs = ifaceTexts.Select(ParseIface).ToList();
        if (target == "kernel")
        {
            if (specs.Count > 0)
            {
                throw new CliException("not supported yet: --port on the kernel target (the kernel program forwards between interfaces; give them with --iface N=IFNAME)");
            }
            if (ifaceSpecs.Count == 0)
            {
                throw new CliException("--target kernel needs at least one --iface N=IFNAME to attach the program to");
            }
            if (ifaceSpecs.Select(i => i.Interface).Distinct(StringComparer.Ordinal).Count() != ifaceSpecs.Count)
            {
                throw new CliException("--iface: an interface is given twice");
            }
        }
        else if (ifaceSpecs.Count > 0)
        {
            throw new CliException($"--iface is for --target kernel; on the {target} target make an interface a port with --port N=if:NAME");
        }
        foreach (var missing in specs.Where(s => s.Input is not null && !File.Exists(s.Input)))
        {
            throw new CliException($"--port {missing.Port}: no such pcap file: {missing.Input}");
        }
        var result = P4Compiler.CompileFile(file, new CompileOptions
        {
            Architecture = arch, IncludeDirectories = includes, CodeGen = EbpfGenOptions.Default with { SmartNic = target == "smartnic" },
        });
        if (!result.Success)
        {
            foreach (var e in result.Errors)
            {
                Console.Error.WriteLine(e);
            }
            return 1;
        }
        if (target == "kernel" && KernelAttachProblem(result.Layout!.Architecture) is { } attachProblem)
        {
            throw new CliException(attachProblem);
        }
        var info = P4InfoBuilder.Build(result.Ir!, FrontEndExtras.From(result.Front!, result.Ir!));
        if (!info.Success)
        {
            throw new CliException(string.Join("; ", info.Errors));
        }
        foreach (var f in files)
        {
            if (P4InfoFiles.FormatOf(f) is null)
            {
                throw new CliException($"{f}: unknown P4Info suffix (.txtpb, .json, .bin)");
            }
            P4InfoFiles.Write(info.Info!, f);
            Console.WriteLine($"wrote {f}");
        }
        var package = new DeviceConfigPackage(ElfWriter.Write(result.Object!), result.Layout!.ToJson());
        if (roles is not null && RoleConfigFiles.Problems(roles, PipelineSchema.Create(info.Info!, result.Layout!)) is { Count: > 0 } problems)
        {
            throw new CliException("--role-config: " + string.Join("; ", problems));
        }
        using var traceWriter = traceJson is null ? null : OpenTraceJson(traceJson);
        var interfaces = OpenInterfaces(specs);
        var writers = new Dictionary<int, PcapWriter>();
        try
        {
            foreach (var s in specs.Where(s => s.Output is not null))
            {
                writers[s.Port] = PcapWriter.Create(s.Output!);
            }
            return Serve(result.Name, result.Layout!.Architecture, target, serverOptions, deviceId, cpuPort, specs, ifaceSpecs, interfaces, writers, delay, duration,
                traceWriter, roles, top, new P4.V1.ForwardingPipelineConfig { P4Info = info.Info, P4DeviceConfig = Google.Protobuf.ByteString.CopyFrom(package.ToBytes()) });
        }
        finally
        {
            foreach (var p in interfaces.Values)
            {
                p.Dispose();
            }
            foreach (var w in writers.Values)
            {
                w.Dispose();
            }
        }
    }
}
