// P4Runtime write benchmark: batched table inserts per second over a real loopback socket.
// Usage: dotnet run bench/p4runtime-bench.cs -c Release -- [ENTRIES] [BATCH]
// The server (Kestrel, h2c) and the client run in this process; the target is the p4bpf software switch
// running tests/P4Bpf.P4Runtime.Tests/data/router.p4 (entries go into its LPM table).
#:project ../p4runtime/P4Bpf.P4Runtime.csproj
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

using System.Diagnostics;
using P4.V1;
using P4Bpf.EbpfGen;
using P4Bpf.Ebpf.Elf;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.P4InfoGen;
using P4Bpf.P4Runtime.Server;
using P4Bpf.P4Runtime.Targets;
using P4Bpf.Runtime.Switch;

var entries = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var batch = args.Length > 1 ? int.Parse(args[1]) : 1_000;
var root = Path.GetFullPath(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? "bench", ".."));
var source = Path.Combine(root, "tests", "P4Bpf.P4Runtime.Tests", "data", "router.p4");
var compiled = P4Compiler.CompileFile(source);
if (!compiled.Success)
{
    Console.Error.WriteLine(string.Join("\n", compiled.Errors));
    return 1;
}
var info = P4InfoBuilder.Build(compiled.Ir!, FrontEndExtras.From(compiled.Front!, compiled.Ir!)).Info!;
var package = new DeviceConfigPackage(ElfWriter.Write(compiled.Object!), compiled.Layout!.ToJson()).ToBytes();
using var core = new P4RuntimeCore(new P4RuntimeCoreOptions { DeviceFactory = SwitchDevice.Factory(new SwitchOptions()) });
await using var server = await P4RuntimeServer.StartAsync(core, new P4RuntimeServerOptions { Address = "127.0.0.1:0" });
await using var client = new P4RuntimeClient(server.Address, 1, 1);
await client.ConnectAsync();

async Task<double> Round(int count, int batchSize)
{
    await client.SetPipelineAsync(info, package);
    var tableId = client.P4Info!.Table("ipv4_lpm").Preamble.Id;
    var actionId = client.P4Info.Action("ipv4_forward").Preamble.Id;
    var requests = new List<List<Update>>();
    for (var start = 0; start < count; start += batchSize)
    {
        requests.Add(Enumerable.Range(start, Math.Min(batchSize, count - start)).Select(i => new Update
        {
            Type = Update.Types.Type.Insert,
            Entity = new Entity
            {
                TableEntry = new TableEntry
                {
                    TableId = tableId,
                    Match = { new FieldMatch { FieldId = 1, Lpm = new FieldMatch.Types.LPM { Value = ByteStrings.Canonical(0x0a000000u + (uint)i), PrefixLen = 32 } } },
                    Action = new TableAction { Action = new P4.V1.Action { ActionId = actionId, Params = { new P4.V1.Action.Types.Param { ParamId = 1, Value = ByteStrings.Canonical(0x020000000000L + i) }, new P4.V1.Action.Types.Param { ParamId = 2, Value = ByteStrings.Canonical(i % 500) } } } },
                },
            },
        }).ToList());
    }
    var watch = Stopwatch.StartNew();
    foreach (var r in requests)
    {
        await client.WriteAsync(r);
    }
    return count / watch.Elapsed.TotalSeconds;
}

await Round(Math.Min(entries, 20_000), batch); // warm-up (JIT, connection)
var rates = new List<double>();
for (var i = 0; i < 3; i++)
{
    rates.Add(await Round(entries, batch));
}
Console.WriteLine($"p4runtime-bench: {entries} entries in batches of {batch} over loopback into the software switch: " +
    $"median {rates.Order().ElementAt(1):N0} inserts/s (runs: {string.Join(", ", rates.Select(r => r.ToString("N0")))}) on {Environment.ProcessorCount} CPUs, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
return 0;
