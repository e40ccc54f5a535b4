using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Jit;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Bench;

/// <summary>Plain timing loops for <c>bench/jit-vs-kernel.sh</c>: runs one program of a clang object on the JIT and the
/// interpreter with a hand-made <c>struct xdp_md</c> whose 32-bit data/data_end point at the packet (both mapped below
/// 4 GiB, as the program reads them as 32-bit fields), and measures JIT compile times.</summary>
/// <remarks>
/// <c>xdp-run OBJ PROGRAM PACKET [REPEAT] [RUNS]</c> prints one line per engine: median ns/run over RUNS runs of REPEAT calls.
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
                    args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 9),
                "jit-compile-times" => CompileTimes(args[1]),
                _ => throw new ArgumentException($"unknown mode '{args[0]}'"),
            };
        }
        catch (Exception e) when (e is VmException or ElfException or IOException or ArgumentException or IndexOutOfRangeException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static int XdpRun(string objectPath, string programName, string packetPath, int repeat, int runs)
    {
        var spec = ElfReader.ReadFile(objectPath);
        var programSpec = spec.Program(programName) ?? throw new ArgumentException($"no program '{programName}' in {objectPath}");
        if (programSpec.Relocations.Length > 0)
        {
            throw new ArgumentException($"'{programName}' has map relocations; this runner loads only map-free programs");
        }
        var program = VmProgram.FromBytes(programSpec.Bytecode.AsSpan(), programName);
        var packet = File.ReadAllBytes(packetPath);

        const int PacketOffset = 256;
        var region = Low4GiB.Map(PacketOffset + packet.Length + 64);
        var data = region + PacketOffset;
        var end = data + packet.Length;
        Marshal.Copy(packet, 0, data, packet.Length);
        var md = (uint*)region;
        md[0] = checked((uint)data);
        md[1] = checked((uint)end);
        md[2] = checked((uint)data);
        md[3] = 1; // ingress_ifindex

        using var ctx = new VmRunContext();
        ctx.SetPacket(data, end);
        ctx.AddRegion(region, 24, writable: false);

        var jit = new JitCompiler(new HelperTable(), JitOptions.Trusted);
        var compiled = jit.Compile(program);
        var clock = Stopwatch.StartNew();
        var r0 = compiled.Run(ctx, (ulong)region);
        var firstCall = clock.Elapsed;
        var checkedInterp = new Interpreter(new HelperTable(), new InterpreterOptions(CheckedMemory: true));
        var uncheckedInterp = new Interpreter(new HelperTable(), new InterpreterOptions(CheckedMemory: false));
        var r0Interp = checkedInterp.Run(program, ctx, (ulong)region);
        if (r0 != r0Interp)
        {
            throw new ArgumentException($"engines disagree: jit 0x{r0:x}, interpreter 0x{r0Interp:x}");
        }
        Console.WriteLine($"program {programName}: {program.SlotCount} slots, r0 = 0x{r0:x}, JIT emit {compiled.CompileTime.TotalMicroseconds:F0} us, first call (RyuJIT) {firstCall.TotalMicroseconds:F0} us");
        Console.WriteLine($"jit {Median(runs, repeat, () => Loop(compiled, ctx, (ulong)region, repeat)):F2} ns/run");
        var interpRepeat = Math.Max(1, repeat / 10);
        Console.WriteLine($"interpreter-unchecked {Median(runs, interpRepeat, () => Loop(uncheckedInterp, program, ctx, (ulong)region, interpRepeat)):F2} ns/run");
        Console.WriteLine($"interpreter-checked {Median(runs, interpRepeat, () => Loop(checkedInterp, program, ctx, (ulong)region, interpRepeat)):F2} ns/run");
        return 0;
    }

    private static double Median(int runs, int repeat, Action loop)
    {
        // Warm up past tiered compilation's delay so the harness loop itself runs optimized code.
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 500)
        {
            loop();
        }
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var t = Stopwatch.GetTimestamp();
            loop();
            samples[i] = Stopwatch.GetElapsedTime(t).TotalNanoseconds / repeat;
        }
        Array.Sort(samples);
        return samples[runs / 2];
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

        // A ~1000-instruction loop-free program: the alu100 generator's body repeated with fresh seeds.
        var big = new List<P4Bpf.Ebpf.Isa.Instruction>();
        for (var k = 0; k < 10; k++)
        {
            var part = InterpreterBench.Alu100();
            big.AddRange(part.Take(part.Count - 1));
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

    /// <summary>Anonymous memory below 4 GiB (<c>MAP_32BIT</c>), never freed (the process is short-lived).</summary>
    private static class Low4GiB
    {
        private const int ProtReadWrite = 3;
        private const int MapPrivateAnonymous32Bit = 0x02 | 0x20 | 0x40;

        [DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
        private static extern nint Mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

        public static nint Map(int length)
        {
            var p = Mmap(0, (nuint)length, ProtReadWrite, MapPrivateAnonymous32Bit, -1, 0);
            if (p == -1 || (ulong)p + (ulong)length > uint.MaxValue)
            {
                throw new IOException($"mmap(MAP_32BIT) failed (errno {Marshal.GetLastPInvokeError()})");
            }
            return p;
        }
    }
}
