using System.CommandLine;
using System.Globalization;
using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Verifier;
using P4Bpf.Ebpf.Vm;
using P4Bpf.Runtime.Pcap;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf exec OBJ.o [--section NAME] (--packet HEX | --pcap FILE) [--repeat N] [--engine jit|interp] [--unchecked] [--no-verify]
/// [--profile kernel|smartnic] [--verifier-log] [--map-batch FILE]</c>: verifies the object's programs, then runs one on packets in the engine.</summary>
/// <remarks>Nothing runs unverified except with <c>--no-verify</c>, which forces the checked interpreter. Prints one block per packet: <c>retval: N</c> (the low 32 bits of r0, as the kernel's test_run reports), <c>packet: HEX</c>, a <c>redirect:</c> line when the program redirected, and <c>ns/run: X</c> (mean after warm-up).</remarks>
internal static class ExecCommand
{
    public static Command Create()
    {
        var obj = new Argument<FileInfo>("object") { Description = "An eBPF ELF object (clang -target bpf, or p4bpf compile output)." };
        var section = new Option<string?>("--section") { Description = "Program to run: a function name or an ELF section (default: the first packet program)." };
        var packet = new Option<string?>("--packet") { Description = "The packet as hex (spaces and colons allowed), starting at the Ethernet header." };
        var pcap = new Option<FileInfo?>("--pcap") { Description = "Run every packet of a pcap/pcapng file." };
        var repeat = new Option<int>("--repeat") { Description = "Runs per packet (timed after a warm-up).", DefaultValueFactory = _ => 1 };
        var engine = new Option<string>("--engine") { Description = "jit (default; verified code, no bounds checks) or interp (bounds-checked unless --unchecked).", DefaultValueFactory = _ => "jit" };
        var batch = new Option<FileInfo?>("--map-batch") { Description = "bpftool batch lines ('map update name NAME key hex … value hex …') applied before running." };
        var unchecked_ = new Option<bool>("--unchecked") { Description = "Interpreter without bounds checks (verified code only; the JIT never checks)." };
        var noVerify = new Option<bool>("--no-verify") { Description = "Skip the verifier and run in the checked (bounds-checked) interpreter; not with --engine jit or --unchecked." };
        var profile = new Option<string>("--profile") { Description = "Verifier rules: kernel or smartnic.", DefaultValueFactory = _ => "kernel" };
        var log = new Option<bool>("--verifier-log") { Description = "Print the verifier log when a program is rejected." };
        var command = new Command("exec", "Verify an eBPF object, then run a program on packets in the in-process engine (JIT by default).")
        {
            obj, section, packet, pcap, repeat, engine, batch, unchecked_, noVerify, profile, log,
        };
        command.SetAction(parse => CliErrors.Guard(() => Run(
            parse.GetValue(obj)!, parse.GetValue(section), parse.GetValue(packet), parse.GetValue(pcap),
            parse.GetValue(repeat), parse.GetValue(engine)!, parse.GetValue(batch),
            new Safety(parse.GetValue(unchecked_), parse.GetValue(noVerify), parse.GetValue(profile)!, parse.GetValue(log)),
            parse.GetResult(engine) is { Implicit: false })));
        return command;
    }

    /// <summary>The safety options: bounds checks, verification, verifier profile and log.</summary>
    private sealed record Safety(bool Unchecked, bool NoVerify, string Profile, bool Log);

    private static int Run(FileInfo obj, string? section, string? packetHex, FileInfo? pcap, int repeat, string engineName, FileInfo? batch,
        Safety safety, bool engineGiven)
    {
        if (repeat < 1)
        {
            throw new CliException("--repeat must be at least 1");
        }
        var kind = engineName switch
        {
            "interp" => ExecutorKind.Interpreter,
            "jit" => ExecutorKind.Jit,
            _ => throw new CliException($"unknown engine '{engineName}' (jit or interp)"),
        };
        var profile = VerifierProfile.Named(safety.Profile) ?? throw new CliException($"unknown profile '{safety.Profile}' (kernel or smartnic)");
        if (safety.NoVerify)
        {
            if (safety.Unchecked || (engineGiven && kind == ExecutorKind.Jit))
            {
                throw new CliException("--no-verify runs unverified code in the checked interpreter only: drop --unchecked and --engine jit");
            }
            kind = ExecutorKind.Interpreter;
        }
        if (safety.Unchecked && kind == ExecutorKind.Jit && engineGiven)
        {
            throw new CliException("--unchecked applies to the interpreter (--engine interp); the JIT never checks bounds");
        }
        if (safety.Unchecked)
        {
            kind = ExecutorKind.Interpreter;
        }
        var options = new EngineOptions(kind, CheckedMemory: !safety.Unchecked)
        {
            Profile = profile,
            VerifierLog = safety.Log,
            RunUnverified = safety.NoVerify,
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
        BpfEngine engine;
        try
        {
            engine = BpfEngine.LoadFile(obj.FullName, options);
        }
        catch (EngineException e)
        {
            throw new CliException(e.Message);
        }
        catch (VerificationException e)
        {
            foreach (var line in e.Log)
            {
                Console.Error.WriteLine(line);
            }
            throw new CliException($"{obj.Name}: {e.Message}{(safety.Log ? "" : " (--verifier-log shows the log; --no-verify runs it in the checked interpreter)")}");
        }
        catch (LoadException e)
        {
            throw new CliException($"{obj.Name}: {e.Message}");
        }
        using (engine)
        {
            if (batch is not null)
            {
                if (!batch.Exists)
                {
                    throw new CliException($"no such file: {batch.FullName}");
                }
                try
                {
                    MapBatch.Apply(engine.Object, File.ReadAllText(batch.FullName), batch.Name);
                }
                catch (FormatException e)
                {
                    throw new CliException(e.Message);
                }
            }
            LoadedProgram program;
            try
            {
                program = engine.Program(section);
                for (var i = 0; i < packets.Count; i++)
                {
                    if (i > 0)
                    {
                        Console.Out.WriteLine();
                    }
                    var result = engine.Run(program, packets[i], repeat);
                    Print(result, repeat);
                }
            }
            catch (EngineException e)
            {
                throw new CliException(e.Message);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message);
            }
            catch (VmException e)
            {
                throw new CliException($"{obj.Name}: run failed: {e.Message}");
            }
        }
        return 0;
    }

    private static void Print(RunResult result, int repeat)
    {
        var o = Console.Out;
        o.WriteLine($"retval: {((uint)result.ReturnValue).ToString(CultureInfo.InvariantCulture)}");
        o.WriteLine($"packet: {Convert.ToHexString(result.Packet).ToLowerInvariant()}");
        if (result.Redirect is { } redirect)
        {
            o.WriteLine($"redirect: {redirect}");
        }
        foreach (var clone in result.Clones)
        {
            o.WriteLine($"clone: ifindex {clone.Ifindex} packet {Convert.ToHexString(clone.Packet).ToLowerInvariant()}");
        }
        o.WriteLine($"ns/run: {(repeat > 1 ? result.NanosecondsPerRun : 0).ToString("F1", CultureInfo.InvariantCulture)}");
    }
}
