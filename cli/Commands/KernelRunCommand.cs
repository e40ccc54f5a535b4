using System.CommandLine;
using System.Globalization;
using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Kernel;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Vm;
using P4Bpf.Runtime.Pcap;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf kernel-run OBJ.o [--section NAME] (--packet HEX | --pcap FILE) [--repeat N] [--cpu N] [--compare interp|jit] [--log-level N]</c>:
/// loads an object into the Linux kernel through our own <c>bpf()</c> loader and runs a program on packets with BPF_PROG_TEST_RUN.</summary>
/// <remarks>Prints the same block per packet as <c>exec</c> (<c>retval:</c>, <c>packet:</c>, <c>ns/run:</c> — the kernel's mean);
/// with <c>--compare</c> the in-process engine runs the same packet too, adding <c>engine-ns/run:</c> and <c>match: yes|no</c>
/// (exit code 1 when any packet differs). Retval, packet and the comparison come from one run each from the same map state; with
/// <c>--repeat</c> further runs only measure time. Needs root.</remarks>
internal static class KernelRunCommand
{
    public static Command Create()
    {
        var obj = new Argument<FileInfo>("object") { Description = "An eBPF ELF object (clang -target bpf, or p4bpf compile output)." };
        var section = new Option<string?>("--section") { Description = "Program to run: a function name or an ELF section (default: the first packet program)." };
        var packet = new Option<string?>("--packet") { Description = "The packet as hex (spaces and colons allowed), starting at the Ethernet header." };
        var pcap = new Option<FileInfo?>("--pcap") { Description = "Run every packet of a pcap/pcapng file." };
        var repeat = new Option<int>("--repeat") { Description = "Runs per packet (the kernel reports the mean time).", DefaultValueFactory = _ => 1 };
        var cpu = new Option<int>("--cpu") { Description = "CPU to run on (per-CPU maps use its slot).", DefaultValueFactory = _ => 0 };
        var compare = new Option<string?>("--compare") { Description = "Also run in the in-process engine (interp or jit) and compare retval and packet." };
        var logLevel = new Option<uint>("--log-level") { Description = "Verifier log level; the log is printed to stderr (a rejected program always shows its log)." };
        var command = new Command("kernel-run", "Load an eBPF object into the Linux kernel (bpf() syscall) and test-run a program on packets.")
            { obj, section, packet, pcap, repeat, cpu, compare, logLevel };
        command.SetAction(parse => CliErrors.Guard(() => Run(
            parse.GetValue(obj)!, parse.GetValue(section), parse.GetValue(packet), parse.GetValue(pcap),
            parse.GetValue(repeat), parse.GetValue(cpu), parse.GetValue(compare), parse.GetValue(logLevel))));
        return command;
    }

    private static int Run(FileInfo obj, string? section, string? packetHex, FileInfo? pcap, int repeat, int cpu, string? compare, uint logLevel)
    {
        if (repeat < 1)
        {
            throw new CliException("--repeat must be at least 1");
        }
        ExecutorKind? engineKind = compare switch
        {
            null => null,
            "interp" => ExecutorKind.Interpreter,
            "jit" => ExecutorKind.Jit,
            _ => throw new CliException($"unknown engine '{compare}' for --compare (interp or jit)"),
        };
        if ((packetHex is null) == (pcap is null))
        {
            throw new CliException("give exactly one of --packet HEX or --pcap FILE");
        }
        if (!obj.Exists)
        {
            throw new CliException($"no such file: {obj.FullName}");
        }
        var packets = packetHex is not null ? [PacketInput.ParseHex(packetHex)] : PacketInput.ReadPcap(pcap!);
        try
        {
            using var kernel = KernelEngine.LoadFile(obj.FullName, new KernelLoaderOptions { LogLevel = logLevel }, cpu);
            using var engine = engineKind is { } kind ? BpfEngine.LoadFile(obj.FullName, new EngineOptions(kind, Cpu: cpu)) : null;
            var program = kernel.Program(section);
            if (logLevel > 0)
            {
                Console.Error.Write(program.VerifierLog);
            }
            var mismatches = 0;
            for (var i = 0; i < packets.Count; i++)
            {
                if (i > 0)
                {
                    Console.Out.WriteLine();
                }
                // Compare single runs from the same map state; a repeat then only measures (state accumulates differently per engine).
                var result = kernel.Run(program, packets[i]);
                var o = Console.Out;
                o.WriteLine($"retval: {((uint)result.ReturnValue).ToString(CultureInfo.InvariantCulture)}");
                o.WriteLine($"packet: {Convert.ToHexString(result.Packet).ToLowerInvariant()}");
                var kernelNs = repeat > 1 ? kernel.Run(program, packets[i], repeat).NanosecondsPerRun : result.NanosecondsPerRun;
                o.WriteLine($"ns/run: {kernelNs.ToString("F1", CultureInfo.InvariantCulture)}");
                if (engine is not null)
                {
                    var engineProgram = engine.Program(program.Name);
                    var ours = engine.Run(engineProgram, packets[i]);
                    var match = (uint)ours.ReturnValue == (uint)result.ReturnValue && ours.Packet.AsSpan().SequenceEqual(result.Packet);
                    var engineNs = repeat > 1 ? engine.Run(engineProgram, packets[i], repeat).NanosecondsPerRun : 0;
                    o.WriteLine($"engine-ns/run: {engineNs.ToString("F1", CultureInfo.InvariantCulture)}");
                    o.WriteLine($"match: {(match ? "yes" : "no")}");
                    if (!match)
                    {
                        o.WriteLine($"engine-retval: {((uint)ours.ReturnValue).ToString(CultureInfo.InvariantCulture)}");
                        o.WriteLine($"engine-packet: {Convert.ToHexString(ours.Packet).ToLowerInvariant()}");
                        mismatches++;
                    }
                }
            }
            return mismatches == 0 ? 0 : 1;
        }
        catch (KernelBpfException e)
        {
            throw new CliException($"{obj.Name}: {e.Message}");
        }
        catch (LoadException e)
        {
            throw new CliException($"{obj.Name}: {e.Message}");
        }
        catch (EngineException e)
        {
            throw new CliException(e.Message);
        }
        catch (VmException e)
        {
            throw new CliException($"{obj.Name}: engine run failed: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }
}
