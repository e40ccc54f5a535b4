// Compile-time benchmark, in process: how many P4 programs per second the compiler turns into the outputs of
// `p4bpf compile` (front end, lowering, midend, code generation, ELF bytes, layout JSON, P4Info) once the .NET JIT is warm.
// Usage: dotnet run bench/compile-time.cs -c Release -- [SECONDS_PER_PROGRAM] PROG.p4...
// Per program: WARMUP compiles (untimed), then compiles for SECONDS_PER_PROGRAM; prints the first (cold) compile, the
// median and minimum per compile, programs/s, and the instruction count of the object. bench/compile-time.sh runs it.
#:project ../p4runtime/P4Bpf.P4Runtime.csproj
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

using System.Diagnostics;
using System.Globalization;
using P4Bpf.Ebpf.Elf;
using P4Bpf.EbpfGen;
using P4Bpf.P4Runtime.P4InfoGen;

const int Warmup = 20;
var seconds = args.Length > 0 && double.TryParse(args[0], CultureInfo.InvariantCulture, out var s) ? s : 5.0;
var programs = args.Skip(1).ToList();
if (programs.Count == 0)
{
    Console.Error.WriteLine("usage: dotnet run bench/compile-time.cs -c Release -- [SECONDS] PROG.p4...");
    return 2;
}

// Everything `p4bpf compile` produces, as bytes (files are not written: this measures the compiler, not the disk).
static int CompileOnce(string path)
{
    var result = P4Compiler.CompileFile(path);
    if (!result.Success)
    {
        throw new InvalidOperationException($"{path}: {string.Join("\n", result.Errors)}");
    }
    var elf = ElfWriter.Write(result.Object!);
    var layout = result.Layout!.ToJson();
    var info = P4InfoBuilder.Build(result.Ir!, FrontEndExtras.From(result.Front!, result.Ir!));
    var text = P4InfoFiles.Serialize(info.Info!, P4InfoFiles.Format.Text);
    return elf.Length + layout.Length + text.Length >= 0 ? result.Object!.Programs.Sum(p => p.InstructionCount) : 0;
}

Console.WriteLine($"{"program",-34} {"insns",6} {"cold ms",8} {"median ms",10} {"min ms",8} {"programs/s",11} {"runs",6}");
foreach (var path in programs)
{
    var cold = Stopwatch.StartNew();
    var insns = CompileOnce(path);
    var coldMs = cold.Elapsed.TotalMilliseconds;
    for (var i = 0; i < Warmup; i++)
    {
        CompileOnce(path);
    }
    var times = new List<double>();
    var total = Stopwatch.StartNew();
    while (total.Elapsed.TotalSeconds < seconds || times.Count < 5)
    {
        var one = Stopwatch.StartNew();
        CompileOnce(path);
        times.Add(one.Elapsed.TotalMilliseconds);
    }
    var rate = times.Count / total.Elapsed.TotalSeconds;
    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{Path.GetFileName(path),-34} {insns,6} {coldMs,8:F1} {times[times.Count / 2],10:F2} {times[0],8:F2} {rate,11:F1} {times.Count,6}"));
}
Console.WriteLine($"({Environment.ProcessorCount} CPUs, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, warm-up {Warmup} compiles per program, one thread)");
return 0;
