using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Maps;

namespace P4Bpf.Ebpf.Objects;

/// <summary>The definition of one eBPF map in an object: what a loader needs to create it.</summary>
/// <param name="Name">The map's name: the symbol name for <c>.maps</c>/<c>maps</c> maps, the section name (<c>.rodata</c>, <c>.data</c>, <c>.bss</c>, <c>.rodata.str1.1</c>…) for global data, <c>outer.inner</c> for an inner map template.</param>
/// <param name="Type">The kernel map type.</param>
/// <param name="KeySize">Key size in bytes.</param>
/// <param name="ValueSize">Value size in bytes (4 for program arrays and maps of maps).</param>
/// <param name="MaxEntries">Maximum number of entries.</param>
/// <remarks>
/// Global data sections become single-entry array maps (key 4 bytes, value = section size) whose
/// <see cref="InitialData"/> is the section's bytes (zeros for <c>.bss</c>); libbpf gives them the kernel name
/// <c>&lt;object&gt;.rodata</c> (see <see cref="KernelName"/>). Key and value BTF types are model values, not ids:
/// ids only mean something inside one BTF blob, and <see cref="BtfBuilder"/> assigns them when an object is written.
/// </remarks>
public sealed record MapSpec(string Name, MapType Type, uint KeySize, uint ValueSize, uint MaxEntries)
{
    /// <summary>BPF_F_RDONLY_PROG: the program may only read the map (set on <c>.rodata</c> maps).</summary>
    public const uint FlagReadOnlyProg = 0x80;

    /// <summary>BPF_F_NO_PREALLOC, required by the kernel for LPM tries.</summary>
    public const uint FlagNoPrealloc = 0x1;

    /// <summary><c>map_flags</c> (BPF_F_*).</summary>
    public uint Flags { get; init; }

    /// <summary><c>map_extra</c> (bloom filter hash count, arena address).</summary>
    public ulong MapExtra { get; init; }

    public MapPinning Pinning { get; init; }

    /// <summary>The template of the inner maps of an array/hash of maps.</summary>
    public MapSpec? InnerMap { get; init; }

    /// <summary>The key's BTF type (from <c>__type(key, …)</c>), or null when only the size is known.</summary>
    public BtfType? Key { get; init; }

    /// <summary>The value's BTF type (from <c>__type(value, …)</c>), or null when only the size is known.</summary>
    public BtfType? Value { get; init; }

    /// <summary>Initial contents of a global data map (exactly <see cref="ValueSize"/> bytes); empty for other maps.</summary>
    public EquatableArray<byte> InitialData { get; init; }

    /// <summary>Initial entries of a program array or map-in-map, sorted by index.</summary>
    public EquatableArray<MapSlot> Slots { get; init; }

    /// <summary>True for the maps that hold global data (<c>.rodata*</c>, <c>.data*</c>, <c>.bss*</c>).</summary>
    public bool IsDataSection => IsDataSectionName(Name);

    /// <summary>True for map-in-map types, which need an <see cref="InnerMap"/>.</summary>
    public bool IsMapInMap => Type is MapType.ArrayOfMaps or MapType.HashOfMaps;

    /// <summary>The name libbpf gives the map in the kernel (at most 15 characters).</summary>
    /// <remarks>
    /// Data sections: <c>.rodata</c>, <c>.data</c>, <c>.bss</c> get as much of the object name as fits in front
    /// (<c>prog.rodata</c>); names with a second dot (<c>.rodata.str1.1</c>) are used as they are. Characters the
    /// kernel does not allow become '_'.
    /// </remarks>
    public string KernelName(string objectName)
    {
        const int maxLength = 15;
        string name;
        if (!IsDataSection)
        {
            name = Name;
        }
        else
        {
            var suffixLength = Math.Max(7, Name.Length);
            var prefixLength = Name.IndexOf('.', 1) >= 0 ? 0 : Math.Max(0, Math.Min(maxLength - suffixLength, objectName.Length));
            name = objectName[..prefixLength] + Name;
        }
        if (name.Length > maxLength)
        {
            name = name[..maxLength];
        }
        return string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_'));
    }

    /// <summary>True when <paramref name="sectionName"/> is one libbpf turns into a global data map.</summary>
    public static bool IsDataSectionName(string sectionName) =>
        sectionName is ".rodata" or ".data" or ".bss"
        || sectionName.StartsWith(".rodata.", StringComparison.Ordinal)
        || sectionName.StartsWith(".data.", StringComparison.Ordinal)
        || sectionName.StartsWith(".bss.", StringComparison.Ordinal);

    /// <summary>True for <c>.bss*</c>: zero-initialised data written as SHT_NOBITS.</summary>
    public bool IsBss => Name == ".bss" || Name.StartsWith(".bss.", StringComparison.Ordinal);

    /// <summary>A global data map as libbpf creates it for a section of <paramref name="data"/>.</summary>
    public static MapSpec ForDataSection(string sectionName, ReadOnlySpan<byte> data) =>
        new(sectionName, MapType.Array, 4, (uint)data.Length, 1)
        {
            Flags = sectionName.StartsWith(".rodata", StringComparison.Ordinal) ? FlagReadOnlyProg : 0,
            InitialData = EquatableArray.Create(data),
        };

    /// <summary>Problems that make this map unwritable or unloadable; empty when it is consistent.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(Name))
        {
            errors.Add("map has no name");
        }
        if (Type == MapType.Unspec)
        {
            errors.Add($"map '{Name}': no type");
        }
        if (IsDataSection)
        {
            if (Type != MapType.Array || KeySize != 4 || MaxEntries != 1)
            {
                errors.Add($"map '{Name}': a data section must be an array with 4-byte key and one entry");
            }
            if (InitialData.Length != ValueSize)
            {
                errors.Add($"map '{Name}': initial data has {InitialData.Length} bytes, value size is {ValueSize}");
            }
        }
        else if (InitialData.Length != 0)
        {
            errors.Add($"map '{Name}': only data sections have initial data");
        }
        if (IsMapInMap && InnerMap is null)
        {
            errors.Add($"map '{Name}': {Type} needs an inner map");
        }
        if (!IsMapInMap && InnerMap is not null)
        {
            errors.Add($"map '{Name}': {Type} cannot have an inner map");
        }
        if (Slots.Length != 0 && Type is not (MapType.ProgArray or MapType.ArrayOfMaps or MapType.HashOfMaps))
        {
            errors.Add($"map '{Name}': only program arrays and maps of maps have initial slots");
        }
        for (var i = 0; i < Slots.Length; i++)
        {
            if (Slots[i].Index >= MaxEntries && Type != MapType.HashOfMaps)
            {
                errors.Add($"map '{Name}': slot {Slots[i].Index} is past max_entries {MaxEntries}");
            }
            if (i > 0 && Slots[i].Index <= Slots[i - 1].Index)
            {
                errors.Add($"map '{Name}': slots must be sorted by index without duplicates");
            }
        }
        if (Key is not null && BtfSize.Of(Key) is { } keySize && keySize != KeySize)
        {
            errors.Add($"map '{Name}': key type has size {keySize}, key size is {KeySize}");
        }
        if (Value is not null && BtfSize.Of(Value) is { } valueSize && valueSize != ValueSize)
        {
            errors.Add($"map '{Name}': value type has size {valueSize}, value size is {ValueSize}");
        }
        if (InnerMap is not null)
        {
            errors.AddRange(InnerMap.Validate());
        }
        return errors;
    }
}
