// Front-end speed: preprocess + parse + type-check of one P4 file, in lines per second after warm-up.
// Usage: dotnet run bench/front-speed.cs -c Release -- FILE [SECONDS]
// Prints the file's own lines, the lines after #include expansion (what the lexer and parser see), the mean time per
// check over a timed loop of at least SECONDS (default 10) after a 3-second warm-up, and both rates.
#:project ../p4front/P4Bpf.Front.csproj
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

using System.Diagnostics;
using P4Bpf.Front;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Preprocessing;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: dotnet run bench/front-speed.cs -c Release -- FILE [SECONDS]");
    return 2;
}
var path = Path.GetFullPath(args[0]);
var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10.0;
var text = File.ReadAllText(path);
var ownLines = text.Split('\n').Length;

var first = FrontEnd.CheckFile(path);
if (!first.Success)
{
    Console.Error.WriteLine($"{path} does not check: {first.Format(first.Diagnostics.Sorted()[0])}");
    return 1;
}
var expandedLines = first.Tree.Source.Text.Split('\n').Length;

// warm-up: JIT tiering settles (tier-1 + dynamic PGO) before anything is timed
var warm = Stopwatch.StartNew();
while (warm.Elapsed.TotalSeconds < 3)
{
    FrontEnd.CheckFile(path);
}

var runs = 0;
var sw = Stopwatch.StartNew();
while (sw.Elapsed.TotalSeconds < seconds)
{
    var result = FrontEnd.CheckFile(path);
    if (!result.Success)
    {
        throw new InvalidOperationException("the check result changed between runs");
    }
    runs++;
}
sw.Stop();
var perRun = sw.Elapsed.TotalSeconds / runs;

// the same loop split into its two stages: preprocess + lex + parse, then bind + type-check
var parseTime = TimeSpan.Zero;
var bindTime = TimeSpan.Zero;
for (var i = 0; i < runs; i++)
{
    var t0 = Stopwatch.GetTimestamp();
    var diagnostics = new DiagnosticBag();
    var tree = SyntaxTree.ParseFile(path, new PreprocessorOptions(), diagnostics);
    var t1 = Stopwatch.GetTimestamp();
    FrontEnd.Check(tree, diagnostics);
    var t2 = Stopwatch.GetTimestamp();
    parseTime += Stopwatch.GetElapsedTime(t0, t1);
    bindTime += Stopwatch.GetElapsedTime(t1, t2);
}
Console.WriteLine($"file: {path}");
Console.WriteLine($"lines: {ownLines} in the file, {expandedLines} after #include expansion");
Console.WriteLine($"runs: {runs} in {sw.Elapsed.TotalSeconds:F1} s, {perRun * 1000:F2} ms per check (preprocess + parse + type-check)");
Console.WriteLine($"rate: {ownLines / perRun:F0} file lines/s, {expandedLines / perRun:F0} expanded lines/s");
Console.WriteLine($"split: {parseTime.TotalMilliseconds / runs:F2} ms preprocess + parse, {bindTime.TotalMilliseconds / runs:F2} ms bind + type-check");
return 0;
