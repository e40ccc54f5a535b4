#!/usr/bin/env bash
# Parses every STF file of a corpus (default: p4c's testdata/p4_16_samples) with our STF parser
# and reports how many parse without errors, listing the errors of those that do not.
# Usage: bench/stf-parse-corpus.sh [--dump] [DIR_OR_FILE...]   (--dump prints every parsed command)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
corpus=()
flags=()
for a in "$@"; do if [ "$a" = --dump ]; then flags+=(--dump); else corpus+=("$a"); fi; done
if [ ${#corpus[@]} -eq 0 ]; then corpus=(/work/corpus/p4c/testdata/p4_16_samples); fi

# A throw-away file-based app (dotnet run app.cs) that references the runtime library;
# it lives outside the repository so nothing is left behind.
work="$(mktemp -d "${TMPDIR:-/tmp}/stf-corpus.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cat > "$work/StfCorpus.cs" <<CS
#:project $repo/runtime/P4Bpf.Runtime/P4Bpf.Runtime.csproj
#:property TreatWarningsAsErrors=false
using P4Bpf.Runtime.Stf;

var files = new List<string>();
bool dump = args.Contains("--dump");
foreach (var arg in args.Where(a => a != "--dump"))
{
    if (Directory.Exists(arg)) files.AddRange(Directory.GetFiles(arg, "*.stf", SearchOption.TopDirectoryOnly));
    else if (File.Exists(arg)) files.Add(arg);
    else Console.Error.WriteLine(\$"skipping {arg}: not found");
}
files.Sort(StringComparer.Ordinal);
int ok = 0, commands = 0, roundTripFailures = 0;
var kinds = new SortedDictionary<string, int>();
foreach (var file in files)
{
    var script = StfParser.ParseFile(file);
    commands += script.Commands.Count;
    foreach (var c in script.Commands) kinds[c.Keyword] = kinds.GetValueOrDefault(c.Keyword) + 1;
    if (dump) foreach (var c in script.Commands) Console.WriteLine(\$"{Path.GetFileName(file)}:{c.Line}: {c}");
    foreach (var c in script.Commands)
    {
        var again = StfParser.Parse(c.ToString());
        if (again.Commands.Count != 1 || !again.Commands[0].Equals(c with { Line = 1 }))
        {
            roundTripFailures++;
            Console.WriteLine(\$"{file}:{c.Line}: does not round-trip: {c}");
        }
    }
    if (script.Succeeded) { ok++; continue; }
    foreach (var e in script.Errors) Console.WriteLine(e.Format(file));
}
Console.WriteLine(\$"commands: {string.Join(", ", kinds.Select(k => \$"{k.Key} {k.Value}"))}");
Console.WriteLine(\$"parsed {ok}/{files.Count} STF files without errors ({commands} commands, {roundTripFailures} not round-tripping through StfFormatter)");
return ok == files.Count && roundTripFailures == 0 ? 0 : 1;
CS
cd "$work"
dotnet run --file StfCorpus.cs -c Release -- ${flags[@]+"${flags[@]}"} "${corpus[@]}"
