using System.Text.Json;
using System.Text.Json.Serialization;

namespace P4Bpf.EbpfGen.Layout;

/// <summary>How a compiled program's P4 objects map onto eBPF maps: everything a control plane and the switch harness need without parsing P4.</summary>
/// <remarks>Serialised as <c>prog.layout.json</c> (camelCase, enums as strings); byte offsets are from the start of the map key or value.</remarks>
public sealed record LayoutManifest
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required string Program { get; init; }

    public required string Architecture { get; init; }

    /// <summary>The target the code was adapted to: <c>smartnic</c> (<c>--target smartnic</c>), or null for the kernel/software layout.</summary>
    public string? Target { get; init; }

    /// <summary>The per-CPU state map (one entry, key u32 0) holding every slot; pipeline slots are what the harness reads and writes.</summary>
    public required StateLayoutInfo State { get; init; }

    public required IReadOnlyList<ProgramLayout> Programs { get; init; }

    public IReadOnlyList<TableLayout> Tables { get; init; } = [];

    public IReadOnlyList<CounterLayout> Counters { get; init; } = [];

    public IReadOnlyList<RegisterLayout> Registers { get; init; } = [];

    public IReadOnlyList<MeterLayout> Meters { get; init; } = [];

    public IReadOnlyList<DigestLayout> Digests { get; init; } = [];

    public IReadOnlyList<ValueSetLayout> ValueSets { get; init; } = [];

    /// <summary>Action profiles and selectors (P4Runtime ActionProfileMember/Group) and their member/group maps.</summary>
    public IReadOnlyList<ActionProfileLayout> ActionProfiles { get; init; } = [];

    /// <summary>Parser error names by code (index).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Map updates a loader performs before the first packet: the P4 program's (non-const-compiled) table entries.</summary>
    public IReadOnlyList<InitialWrite> InitialWrites { get; init; } = [];

    /// <summary>Service chaining: the one-slot <c>PROG_ARRAY</c> the program tail-calls on its pass verdict (the loader puts the next program of
    /// the chain in slot 0), or null when the program ends with its own verdict.</summary>
    public string? ChainMap { get; init; }

    public TableLayout Table(string name) => Tables.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException($"no table {name} in the layout");

    public CounterLayout Counter(string name) => Counters.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException($"no counter {name} in the layout");

    public RegisterLayout Register(string name) => Registers.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException($"no register {name} in the layout");

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a manifest; malformed JSON gives a <see cref="JsonException"/> with the position.</summary>
    public static LayoutManifest FromJson(string json) =>
        JsonSerializer.Deserialize<LayoutManifest>(json, JsonOptions) ?? throw new JsonException("layout manifest is null");
}

/// <summary>How a value is stored in key/value bytes.</summary>
public enum FieldEncoding
{
    /// <summary>Host (little-endian) scalar of 1, 2, 4 or 8 bytes, the value zero-extended.</summary>
    LittleEndian,

    /// <summary>Network-order bytes, the value right-aligned (wide fields).</summary>
    BigEndian,

    /// <summary>Network-order bytes with the value left-aligned (LPM fields: prefix bits come first).</summary>
    BigEndianLeftAligned,

    /// <summary>One byte, 0 or 1.</summary>
    Bool,
}

/// <summary>One field inside a key, value or slot.</summary>
public sealed record FieldLayout(string Name, int Offset, int Size, int Width, FieldEncoding Encoding)
{
    public IReadOnlyList<FieldLayout>? Fields { get; init; }
}

/// <summary>A state-area slot: where it is and, for aggregates, its fields (a header's validity byte is field <c>$valid</c>).</summary>
public sealed record SlotLayout(string Name, string Type, string Role, int Offset, int Size)
{
    public IReadOnlyList<FieldLayout>? Fields { get; init; }
}

public sealed record StateLayoutInfo(string Map, int ValueSize, IReadOnlyList<SlotLayout> Slots)
{
    public SlotLayout Slot(string name) => Slots.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"no slot {name}");
}

/// <summary>One eBPF program (pipeline stage): its blocks, what it zeroes on entry (<c>all</c>, <c>non-pipeline</c>: the harness filled the pipeline slots, <c>none</c>) and its drop return code.</summary>
public sealed record ProgramLayout(string Name, string Section, string Hook, IReadOnlyList<string> Blocks, string? Deparser)
{
    public string Reset { get; init; } = "all";

    public int DropCode { get; init; }
}

/// <summary>One initial map update, key and value in hex.</summary>
public sealed record InitialWrite(string Map, string Key, string Value);

/// <summary>How a table is stored.</summary>
public enum TableKind
{
    /// <summary>HASH keyed by the packed key.</summary>
    Exact,

    /// <summary>LPM_TRIE: u32 prefix length, exact fields, then the lpm field (big-endian, left-aligned).</summary>
    Lpm,

    /// <summary>Tuple-space search: a HASH keyed by u32 mask index + masked key, an ARRAY of masks; the highest priority wins. Range keys expand into prefixes here.</summary>
    Ternary,

    /// <summary>Only const entries, compiled into the program; no map.</summary>
    Const,

    /// <summary>SmartNIC offload of an lpm table: one HASH per prefix length (<see cref="TableLayout.PrefixMaps"/>), probed longest first; the key is
    /// the <see cref="Lpm"/> key with the lpm field masked to the map's prefix length (the u32 header holds the prefix length, as for LPM_TRIE).</summary>
    LpmHash,
}

/// <summary>One per-prefix-length map of an <see cref="TableKind.LpmHash"/> table; <c>PrefixLength</c> counts bits of the lpm field only.</summary>
public sealed record PrefixMapLayout(int PrefixLength, string Map);

public sealed record KeyFieldLayout(string Name, string Match, int Offset, int Size, int Width, FieldEncoding Encoding);

public sealed record ActionLayout(string Name, int Id, string Scope, IReadOnlyList<FieldLayout> Params);

public sealed record DefaultActionLayout(string Action, IReadOnlyList<string> Arguments, bool Const);

/// <summary>An entry given in the P4 source; <c>Keys</c> are P4 text (<c>0x0a000000/8</c>, <c>0x10 &amp;&amp;&amp; 0xf0</c>, <c>1..5</c>, <c>_</c>).</summary>
public sealed record EntryLayout(IReadOnlyList<string> Keys, string Action, IReadOnlyList<string> Arguments, int Priority);

/// <summary>A table's maps and byte layouts.</summary>
/// <remarks>
/// Value layout for every kind: u32 action id at <see cref="ActionIdOffset"/> (0 = none; ids from <see cref="Actions"/>),
/// u32 priority at <see cref="PriorityOffset"/> (ternary only), action parameters from <see cref="ParamsOffset"/> at each action's own offsets,
/// then the direct counter (u64 packets, u64 bytes) at <see cref="DirectCounterOffset"/> when present, then the direct meter's
/// token-bucket cell (<see cref="MeterState"/>) at <see cref="DirectMeterOffset"/> when present (all zero: unconfigured, marks green).
/// The default map (ARRAY, 1 entry, key u32 0) has the same value layout; action id 0 there means "the compiled default".
/// </remarks>
public sealed record TableLayout
{
    public required string Name { get; init; }

    public required TableKind Kind { get; init; }

    public string? Map { get; init; }

    public string? DefaultMap { get; init; }

    /// <summary>Ternary: the ARRAY of masks (value: u32 used flag, u32 pad, then the mask in key layout without the mask index).</summary>
    public string? MasksMap { get; init; }

    public int MaxMasks { get; init; }

    /// <summary>LpmHash: the per-prefix-length maps, longest prefix first (<see cref="Map"/> is the first, the full-length one).</summary>
    public IReadOnlyList<PrefixMapLayout>? PrefixMaps { get; init; }

    public long Size { get; init; }

    /// <summary>Key bytes (ternary: including the 4-byte mask index at offset 0; lpm: including the 4-byte prefix length).</summary>
    public int KeySize { get; init; }

    public required IReadOnlyList<KeyFieldLayout> Key { get; init; }

    /// <summary>Lpm: bits of the key data before the lpm field (added to the entry's prefix length).</summary>
    public int LpmPrefixBase { get; init; }

    public int ValueSize { get; init; }

    public int ActionIdOffset { get; init; }

    public int PriorityOffset { get; init; } = 4;

    public int ParamsOffset { get; init; } = 8;

    public int? DirectCounterOffset { get; init; }

    /// <summary>The action profile or selector (see <see cref="LayoutManifest.ActionProfiles"/>) when entries hold member/group references.</summary>
    public string? ActionProfile { get; init; }

    /// <summary>With <see cref="ActionProfile"/>: offset of the u32 member or group id in each entry value.</summary>
    public int? MemberRefOffset { get; init; }

    /// <summary>Offset of the direct meter's cell (<see cref="MeterState"/> layout) in each entry value, when the table has one.</summary>
    public int? DirectMeterOffset { get; init; }

    public required IReadOnlyList<ActionLayout> Actions { get; init; }

    public required DefaultActionLayout DefaultAction { get; init; }

    public IReadOnlyList<EntryLayout> Entries { get; init; } = [];

    public bool EntriesConst { get; init; }

    public ActionLayout Action(string name) => Actions.FirstOrDefault(a => a.Name == name) ?? throw new KeyNotFoundException($"table {Name} has no action {name}");

    /// <summary>Whether <paramref name="map"/> holds this table's entries (<see cref="Map"/>, or one of the <see cref="PrefixMaps"/>), as opposed to its masks or default.</summary>
    public bool IsEntryMap(string map) => map == Map || (PrefixMaps?.Any(p => p.Map == map) ?? false);
}

/// <summary>A counter array (PERCPU_ARRAY of {u64 packets, u64 bytes}; ebpf_model CounterArray: ARRAY of u32 packets).</summary>
public sealed record CounterLayout(string Name, string Map, string Kind, long Size, int ValueSize, int? PacketsOffset, int? BytesOffset, bool PerCpu);

/// <summary>A register array (ARRAY, key u32 index, value = the cell in host layout).</summary>
public sealed record RegisterLayout(string Name, string Map, long Size, int ValueSize, int Width);

/// <summary>A meter array (ARRAY of token-bucket state).</summary>
public sealed record MeterLayout(string Name, string Map, long Size, int ValueSize, string Unit, IReadOnlyList<FieldLayout> Fields);

/// <summary>A digest stream (QUEUE map, value = the digest struct in host layout).</summary>
public sealed record DigestLayout(string Name, string Map, int ValueSize, IReadOnlyList<FieldLayout> Fields);

/// <summary>A parser value_set (HASH keyed by the value in host layout, value u8 1).</summary>
public sealed record ValueSetLayout(string Name, string Map, long Size, int KeySize, int Width);
