using System.Globalization;
using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>Reads the header comments of an assembly file that declare its program type and maps, so a bare <c>.s</c> file can be verified.</summary>
/// <remarks>
/// <c># type: xdp</c> and <c># map: NAME TYPE key=K value=V entries=E [flags=F] [lock=OFF]</c>, one map per line, in index order
/// (<c>r1 = map_by_idx(0) ll</c> refers to the first). <c>lock=OFF</c> gives the value a BTF struct with a
/// <c>struct bpf_spin_lock</c> at byte OFF.
/// </remarks>
public static class AsmHeader
{
    /// <summary>The value of the first <c># key: value</c> line, or null.</summary>
    public static string? Value(string text, string key)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith('#'))
            {
                continue;
            }
            line = line[1..].TrimStart();
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return line[(key.Length + 1)..].Trim();
            }
        }
        return null;
    }

    /// <summary>All <c># key: value</c> values for <paramref name="key"/>, in order.</summary>
    public static IEnumerable<string> Values(string text, string key)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') && line[1..].TrimStart() is var rest && rest.StartsWith(key + ":", StringComparison.Ordinal))
            {
                yield return rest[(key.Length + 1)..].Trim();
            }
        }
    }

    /// <summary>The maps declared by <c># map:</c> lines; throws <see cref="FormatException"/> naming the bad line.</summary>
    public static IReadOnlyList<MapSpec> ParseMaps(string text)
    {
        var maps = new List<MapSpec>();
        foreach (var decl in Values(text, "map"))
        {
            maps.Add(ParseMap(decl));
        }
        return maps;
    }

    public static MapSpec ParseMap(string decl)
    {
        var parts = decl.Split(" ", StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw new FormatException($"map declaration '{decl}': expected NAME TYPE key=K value=V entries=E");
        }
        var type = ParseMapType(parts[1]) ?? throw new FormatException($"map declaration '{decl}': unknown map type '{parts[1]}'");
        uint key = 0, value = 0, entries = 1, flags = 0;
        int? lockOff = null;
        foreach (var p in parts.Skip(2))
        {
            var eq = p.IndexOf('=');
            if (eq < 0 || !uint.TryParse(p[(eq + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                throw new FormatException($"map declaration '{decl}': bad attribute '{p}'");
            }
            switch (p[..eq])
            {
                case "key": key = n; break;
                case "value": value = n; break;
                case "entries": entries = n; break;
                case "flags": flags = n; break;
                case "lock": lockOff = (int)n; break;
                default: throw new FormatException($"map declaration '{decl}': unknown attribute '{p[..eq]}'");
            }
        }
        var spec = new MapSpec(parts[0], type, key, value, entries) { Flags = flags };
        if (lockOff is { } off)
        {
            spec = spec with { Value = ValueWithLock(value, off) };
        }
        return spec;
    }

    private static BtfStruct ValueWithLock(uint size, int lockOff)
    {
        var u32 = BtfInt.Unsigned("unsigned int", 4);
        var spinLock = new BtfStruct("bpf_spin_lock", 4, EquatableArray.Create(new BtfMember("val", u32, 0)));
        var members = new List<BtfMember> { new("lock", spinLock, (uint)lockOff * 8) };
        for (var off = 0; off + 4 <= size; off += 4)
        {
            if (off != lockOff)
            {
                members.Add(new BtfMember($"f{off}", u32, (uint)off * 8));
            }
        }
        members.Sort((a, b) => a.BitOffset.CompareTo(b.BitOffset));
        return new BtfStruct("value", size, EquatableArray.Create<BtfMember>([.. members]));
    }

    public static MapType? ParseMapType(string name) => name switch
    {
        "hash" => MapType.Hash,
        "array" => MapType.Array,
        "percpu_hash" => MapType.PercpuHash,
        "percpu_array" => MapType.PercpuArray,
        "lru_hash" => MapType.LruHash,
        "lpm_trie" => MapType.LpmTrie,
        "prog_array" => MapType.ProgArray,
        "perf_event_array" => MapType.PerfEventArray,
        "ringbuf" => MapType.Ringbuf,
        "queue" => MapType.Queue,
        "stack" => MapType.Stack,
        "devmap" => MapType.Devmap,
        "devmap_hash" => MapType.DevmapHash,
        "cpumap" => MapType.Cpumap,
        "xskmap" => MapType.Xskmap,
        _ => null,
    };

    /// <summary>Program type names as the CLI and headers spell them.</summary>
    public static Programs.ProgramType? ParseProgramType(string name) => name switch
    {
        "xdp" => Programs.ProgramType.Xdp,
        "tc" or "sched_cls" or "classifier" => Programs.ProgramType.SchedCls,
        "sched_act" or "action" => Programs.ProgramType.SchedAct,
        "socket" or "socket_filter" => Programs.ProgramType.SocketFilter,
        _ => null,
    };
}
