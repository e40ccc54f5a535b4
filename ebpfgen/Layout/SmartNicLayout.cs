using System.Globalization;
using P4Bpf.Ebpf.Verifier;
using P4Bpf.EbpfGen.CodeGen;

namespace P4Bpf.EbpfGen.Layout;

/// <summary>
/// Adapts a planned layout to the SmartNIC offload profile (<see cref="VerifierProfile.SmartNic"/>, <c>--target smartnic</c>): lpm tables become one
/// HASH per prefix length (<see cref="TableKind.LpmHash"/>), counters plain ARRAYs updated atomically, the state map a plain ARRAY; every map is
/// checked against the profile's entry and value limits here, so what does not fit is refused at compile time with the table it concerns.
/// </summary>
/// <remarks>
/// The state map (headers, metadata, action arguments of one packet) becomes a plain one-entry ARRAY: the modelled NIC runs one packet at a time per
/// core out of core-local memory, which a plain array stands for in the model; on a real multi-core device the scratch area would have to be per
/// thread. The compiler never emits tail calls, so there is nothing to adapt for them (the verifier profile refuses them in hand-written objects).
/// </remarks>
public static class SmartNicLayout
{
    /// <summary>The widest lpm field offloaded: a W-bit field needs W + 1 maps and W + 1 probes per lookup.</summary>
    public const int MaxLpmWidth = 64;

    /// <summary>Hash entries a ternary table's map gets per table entry (range keys expand into several prefixes), as the code generator sizes them.</summary>
    public const int TernaryHeadroom = 4;

    private static VerifierProfile Profile => VerifierProfile.SmartNic;

    /// <summary>The table as it is stored on the NIC; <see cref="CodegenException"/> (P4E5030) when it cannot be.</summary>
    internal static TableLayout Adapt(TableLayout t, int index)
    {
        if (t.Kind == TableKind.Const)
        {
            return t;
        }
        var valueLimit = (int)Profile.MaxMapValueSize;
        if (t.ValueSize > valueLimit)
        {
            throw Refuse($"table {t.Name}: an entry value takes {t.ValueSize} bytes (action id, priority, action data{(t.DirectCounterOffset is null ? "" : ", direct counter")}{(t.DirectMeterOffset is null ? "" : ", direct meter")}), more than the {valueLimit} a map value may hold");
        }
        var entries = t.Kind == TableKind.Ternary ? Math.Max(1, t.Size) * TernaryHeadroom : Math.Max(1, t.Size);
        if (t.Map is not null && entries > Profile.MaxMapEntries)
        {
            throw Refuse(t.Kind == TableKind.Ternary
                ? $"table {t.Name}: size {t.Size} needs {entries} hash entries ({TernaryHeadroom} per entry for range expansion), more than the {Profile.MaxMapEntries} a map may hold"
                : $"table {t.Name}: size {t.Size} is more than the {Profile.MaxMapEntries} entries a map may hold");
        }
        if (t.Kind == TableKind.Ternary && t.KeySize > valueLimit)
        {
            throw Refuse($"table {t.Name}: a ternary mask takes {t.KeySize} bytes, more than the {valueLimit} a map value may hold");
        }
        if (t.Kind != TableKind.Lpm)
        {
            return t;
        }
        var lpm = t.Key.Single(k => k.Match == "lpm");
        if (lpm.Width > MaxLpmWidth)
        {
            throw Refuse($"table {t.Name}: lpm key {lpm.Name} of {lpm.Width} bits would need {lpm.Width + 1} per-prefix-length hash maps; the SmartNIC code generation offloads lpm fields of at most {MaxLpmWidth} bits");
        }
        var maps = Enumerable.Range(0, lpm.Width + 1).Reverse().Select(p => new PrefixMapLayout(p, PrefixMapName(index, p, t.Name))).ToList();
        return t with { Kind = TableKind.LpmHash, Map = maps[0].Map, PrefixMaps = maps };
    }

    /// <summary>Counters as plain arrays (the code generator adds atomically).</summary>
    internal static CounterLayout Adapt(CounterLayout c) => c.PerCpu ? c with { PerCpu = false } : c;

    /// <summary>Checks the maps of the externs and the state area against the profile's limits.</summary>
    internal static void CheckLimits(LayoutManifest manifest)
    {
        var valueLimit = Profile.MaxMapValueSize;
        if (manifest.State.ValueSize > valueLimit)
        {
            throw Refuse($"the pipeline state (headers, metadata, action arguments: {string.Join(", ", manifest.State.Slots.OrderByDescending(s => s.Size).Take(3).Select(s => $"{s.Name} {s.Size} B"))}…) takes {manifest.State.ValueSize} bytes, more than the {valueLimit} a map value may hold");
        }
        foreach (var (name, entries) in manifest.Counters.Select(c => (c.Name, c.Size)).Concat(manifest.Registers.Select(r => (r.Name, r.Size))).Concat(manifest.Meters.Select(m => (m.Name, m.Size))))
        {
            if (entries > Profile.MaxMapEntries)
            {
                throw Refuse($"{name}: {entries} cells, more than the {Profile.MaxMapEntries} entries a map may hold");
            }
        }
        foreach (var r in manifest.Registers.Where(r => r.ValueSize > valueLimit))
        {
            throw Refuse($"register {r.Name}: a cell of {r.ValueSize} bytes, more than the {valueLimit} a map value may hold");
        }
        if (manifest.Digests.Count > 0)
        {
            throw Refuse($"digest {manifest.Digests[0].Name}: digests use a QUEUE map, which does not offload (hash and array maps only)");
        }
    }

    /// <summary>The map write of an lpm-hash entry: <paramref name="key"/> is the LPM key (u32 prefix header + data); the lpm field is masked to
    /// <paramref name="prefix"/> bits and the write goes to that prefix length's map.</summary>
    public static MapWrite PrefixWrite(TableLayout table, byte[] key, int prefix, byte[] value)
    {
        var lpm = table.Key.Single(k => k.Match == "lpm");
        var map = table.PrefixMaps?.FirstOrDefault(p => p.PrefixLength == prefix)
            ?? throw new ArgumentException($"table {table.Name}: prefix length {prefix} is outside 0..{lpm.Width}");
        for (var bit = prefix; bit < 8 * lpm.Size; bit++)
        {
            key[lpm.Offset + (bit / 8)] &= (byte)~(0x80 >> (bit % 8));
        }
        return new MapWrite(map.Map, key, value);
    }

    /// <summary>A kernel-legal (15 characters) map name unique by table index and prefix length: <c>l{index}p{prefix}_{name}</c>.</summary>
    public static string PrefixMapName(int index, int prefix, string p4Name)
    {
        var last = p4Name[(p4Name.LastIndexOf('.') + 1)..];
        var clean = new string(last.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
        var name = string.Create(CultureInfo.InvariantCulture, $"l{index}p{prefix}_{clean}");
        return name.Length > 15 ? name[..15] : name;
    }

    private static CodegenException Refuse(string message) => new(5030, "does not offload to the SmartNIC: " + message);
}
