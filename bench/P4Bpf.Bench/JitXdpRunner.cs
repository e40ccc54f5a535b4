using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Helpers;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Jit;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Bench;

/// <summary>Plain timing loops for <c>bench/jit-vs-kernel.sh</c>: loads a clang object into the engine twice (JIT, checked
/// interpreter), fills its maps from a bpftool batch file, runs one program on a packet and reports median ns/run; also
/// measures JIT compile times.</summary>
/// <remarks>
/// <c>xdp-run OBJ PROGRAM PACKET [REPEAT] [RUNS] [BATCH]</c> prints one line per engine: median ns/run over RUNS runs of REPEAT calls.
/// <c>jit-compile-times CONFORMANCE_DIR</c> prints IL-emit and first-call (RyuJIT) times.
/// </remarks>
public static unsafe class JitXdpRunner
{
    public static int Run(string[] args)
    {
        try
        {
            return args[0] switch
            {
                "xdp-run" => XdpRun(args[1], args[2], args[3],
                    args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1_000_000,
                    args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 9,
                    args.Length > 6 ? args[6] : null),
                "jit-compile-times" => CompileTimes(args[1]),
                _ => throw new ArgumentException($"unknown mode '{args[0]}'"),
            };
        }
        catch (Exception e) when (e is VmException or ElfException or IOException or ArgumentException or IndexOutOfRangeException
            or EngineException or FormatException or P4Bpf.Ebpf.Loading.LoadException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static int XdpRun(string objectPath, string programName, string packetPath, int repeat, int runs, string? batchPath)
    {
        var packet = File.ReadAllBytes(packetPath);
        using var interpEngine = Load(objectPath, new EngineOptions(ExecutorKind.Interpreter, CheckedMemory: true), batchPath);
        using var jitEngine = Load(objectPath, new EngineOptions(ExecutorKind.Jit, CheckedMemory: false), batchPath);
        var jitProgram = jitEngine.Program(programName);
        var interpProgram = interpEngine.Program(programName);
        using var jitRunner = jitEngine.CreateRunner(jitProgram);
        using var interpRunner = interpEngine.CreateRunner(interpProgram);
        var compiled = ((JitExecutor)jitEngine.Executor).Compile(jitProgram);

        var clock = Stopwatch.StartNew();
        var r0 = jitRunner.RunRaw(packet); // first call: RyuJIT compiles the IL
        var firstCall = clock.Elapsed;
        var r0Interp = interpRunner.RunRaw(packet);
        if (r0 != r0Interp || !jitRunner.Context.Packet.SequenceEqual(interpRunner.Context.Packet))
        {
            throw new ArgumentException($"engines disagree: jit 0x{r0:x}, interpreter 0x{r0Interp:x}");
        }
        Console.WriteLine($"program {programName}: {jitProgram.VmProgram.SlotCount} slots, r0 = 0x{r0:x}, JIT emit {compiled.CompileTime.TotalMicroseconds:F0} us, first call (RyuJIT) {firstCall.TotalMicroseconds:F0} us");

        // "bare": the compiled program on the prepared context, as BPF_PROG_TEST_RUN repeats it; "engine": PacketRunner.RunRaw,
        // which also copies the packet into the context and resets the regions every run.
        var jitVm = jitRunner.Vm;
        var jitCtx = (ulong)jitRunner.Context.Address;
        var interpVm = interpRunner.Vm;
        var interpCtx = (ulong)interpRunner.Context.Address;
        var interpreter = new Interpreter(KernelHelpers.CreateTable(interpProgram.Type), new InterpreterOptions(CheckedMemory: true));
        var interpRepeat = Math.Max(1, repeat / 10);
        (string Name, int Repeat, Action<int> Loop)[] loops =
        [
            ("jit", repeat, n => Loop(compiled, jitVm, jitCtx, n)),
            ("jit-engine", repeat, n => Loop(jitRunner, packet, n)),
            ("interpreter", interpRepeat, n => Loop(interpreter, interpProgram.VmProgram, interpVm, interpCtx, n)),
            ("interpreter-engine", interpRepeat, n => Loop(interpRunner, packet, n)),
        ];
        // Warm every loop before timing any: helpers and maps are ordinary tiered .NET code, and their tier-1 versions
        // (compiled in the background) must be in place, or whichever loop runs first pays for tier 0.
        foreach (var (_, n, loop) in loops)
        {
            var warm = Stopwatch.StartNew();
            while (warm.ElapsedMilliseconds < 1000)
            {
                loop(Math.Max(1, n / 100));
            }
        }
        foreach (var (name, n, loop) in loops)
        {
            Console.WriteLine($"{name} {Median(runs, n, loop):F2} ns/run");
        }
        return 0;
    }

    private static BpfEngine Load(string objectPath, EngineOptions options, string? batchPath)
    {
        var engine = BpfEngine.LoadFile(objectPath, options);
        if (batchPath is not null)
        {
            MapBatch.Apply(engine.Object, File.ReadAllText(batchPath), Path.GetFileName(batchPath));
        }
        return engine;
    }

    private static void Loop(PacketRunner runner, byte[] packet, int repeat)
    {
        for (var i = 0; i < repeat; i++)
        {
            runner.RunRaw(packet);
        }
    }

    /// <summary>Median ns/call over chunks of about 1/100 of <paramref name="repeat"/> calls, <paramref name="runs"/> times: chunks that
    /// lost a time slice to another process fall out of the median, much as BPF_PROG_TEST_RUN stops its timer when it reschedules.</summary>
    private static double Median(int runs, int repeat, Action<int> loop)
    {
        var chunk = Math.Max(1, repeat / 100);
        var samples = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            for (var done = 0; done < repeat; done += chunk)
            {
                var t = Stopwatch.GetTimestamp();
                loop(chunk);
                samples.Add(Stopwatch.GetElapsedTime(t).TotalNanoseconds / chunk);
            }
        }
        samples.Sort();
        return samples[samples.Count / 2];
    }

    private static void Loop(JitProgram p, VmRunContext ctx, ulong r1, int repeat)
    {
        for (var i = 0; i < repeat; i++)
        {
            p.Run(ctx, r1);
        }
    }

    private static void Loop(Interpreter interp, VmProgram p, VmRunContext ctx, ulong r1, int repeat)
    {
        for (var i = 0; i < repeat; i++)
        {
            interp.Run(p, ctx, r1);
        }
    }

    private static int CompileTimes(string conformanceDir)
    {
        var emit = new List<double>();
        var first = new List<double>();
        var mem = (byte*)NativeMemory.AllocZeroed(4096);
        using var ctx = new VmRunContext();
        var helpers = new HelperTable().Add(5, "echo", (r1, _, _, _, _, _) => r1);
        foreach (var file in Directory.GetFiles(conformanceDir, "*.data").Order(StringComparer.Ordinal))
        {
            var asm = Section(File.ReadAllText(file), "asm");
            if (asm is null)
            {
                continue;
            }
            var program = VmProgram.Create(Assembler.Assemble(asm), Path.GetFileNameWithoutExtension(file));
            var compiled = new JitCompiler(helpers, JitOptions.Trusted).Compile(program);
            emit.Add(compiled.CompileTime.TotalMicroseconds);
            var t = Stopwatch.GetTimestamp();
            compiled.Run(ctx, (ulong)mem, 4096);
            first.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
        }
        Report($"conformance ({emit.Count} programs)", emit, first);

        // A ~1000-instruction loop-free program: the alu100 body eleven times in a row, loads only at the start so every
        // instruction stays live (RyuJIT would otherwise drop the dead repetitions).
        var big = new List<P4Bpf.Ebpf.Isa.Instruction>();
        for (var k = 0; k < 11; k++)
        {
            var part = InterpreterBench.Alu100();
            big.AddRange(part.Skip(k == 0 ? 0 : 6).Take(part.Count - 1 - (k == 0 ? 0 : 6)));
        }
        big.Add(P4Bpf.Ebpf.Isa.Jmp.Exit());
        var bigEmit = new List<double>();
        var bigFirst = new List<double>();
        for (var k = 0; k < 5; k++)
        {
            var compiled = new JitCompiler(new HelperTable(), JitOptions.Trusted).Compile(VmProgram.Create(big, $"big{k}"));
            bigEmit.Add(compiled.CompileTime.TotalMicroseconds);
            var t = Stopwatch.GetTimestamp();
            compiled.Run(ctx, (ulong)mem, 4096);
            bigFirst.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
        }
        Report($"{big.Count}-instruction program (5 compilations)", bigEmit, bigFirst);
        NativeMemory.Free(mem);
        return 0;
    }

    private static void Report(string what, List<double> emit, List<double> first)
    {
        static string Stats(List<double> xs)
        {
            var s = xs.Order().ToArray();
            return $"median {s[s.Length / 2]:F0} us, p90 {s[(int)(s.Length * 0.9)]:F0} us, max {s[^1]:F0} us";
        }
        Console.WriteLine($"{what}: IL emit {Stats(emit)}; first call incl. RyuJIT {Stats(first)}");
    }

    private static string? Section(string text, string name)
    {
        var lines = text.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == $"-- {name}");
        if (start < 0)
        {
            return null;
        }
        var body = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("-- ", StringComparison.Ordinal));
        return string.Join('\n', body);
    }
}
