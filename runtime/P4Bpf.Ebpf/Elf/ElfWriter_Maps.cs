using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Elf;

public sealed partial class ElfWriter
{
    private const int PointerSize = 8;

    private static readonly BtfInt IntType = BtfInt.Signed("int", 4);
    private static readonly BtfInt ArraySizeType = BtfInt.Unsigned("__ARRAY_SIZE_TYPE__", 4);

    /// <summary>Global data maps become their sections again, with a section symbol for <c>lddw</c> relocations.</summary>
    private void AddDataSections()
    {
        foreach (var map in spec.Maps.Where(m => m.IsDataSection))
        {
            var readOnly = map.Name.StartsWith(".rodata", StringComparison.Ordinal);
            var flags = Elf64Layout.ShfAlloc | (readOnly ? 0 : Elf64Layout.ShfWrite);
            var section = AddSection(map.Name, map.IsBss ? Elf64Layout.ShtNoBits : Elf64Layout.ShtProgBits, flags, 8);
            if (map.IsBss)
            {
                if (map.InitialData.AsSpan().ContainsAnyExcept((byte)0))
                {
                    throw new ArgumentException($"map '{map.Name}': a .bss section must be all zeros");
                }
                section.NoBitsSize = map.ValueSize;
            }
            else
            {
                section.Data.AddRange(map.InitialData.AsSpan());
            }
            dataSectionSymbols[map.Name] = AddSymbol(map.Name, Elf64Layout.StbLocal, Elf64Layout.SttSection, section, 0, 0);
        }
    }

    /// <summary>
    /// The <c>.maps</c> section: one global OBJECT symbol per map over a zeroed area, described in BTF by a VAR whose
    /// struct encodes the attributes the libbpf way (<c>__uint(type, …)</c> = <c>int (*type)[N]</c>, <c>__type(key, T)</c> = <c>T *key</c>).
    /// </summary>
    private OutSection? AddMapsSection(out byte[]? btf)
    {
        btf = null;
        var maps = spec.Maps.Where(m => !m.IsDataSection).ToList();
        if (maps.Count == 0)
        {
            return null;
        }
        var section = AddSection(".maps", Elf64Layout.ShtProgBits, Elf64Layout.ShfWrite | Elf64Layout.ShfAlloc, 8);
        var builder = new BtfBuilder();
        var variables = new List<BtfVarSecinfo>();
        var pendingSlots = new List<(ulong Offset, MapSpec Map, MapSlot Slot)>();
        foreach (var map in maps)
        {
            var def = Definition(map, inner: false);
            var slots = map.Slots.Count == 0 ? 0 : map.Slots.Max(s => s.Index) + 1;
            var size = def.Size + (slots * PointerSize);
            var offset = (ulong)section.Data.Count;
            section.Data.AddRange(new byte[size]);
            var variable = new BtfVar(map.Name, def, BtfLinkage.Global);
            variables.Add(new BtfVarSecinfo(variable, (uint)offset, size));
            mapSymbols[map.Name] = AddSymbol(map.Name, Elf64Layout.StbGlobal, Elf64Layout.SttObject, section, offset, size);
            foreach (var slot in map.Slots)
            {
                pendingSlots.Add((offset + def.Size + ((ulong)slot.Index * PointerSize), map, slot));
            }
        }
        foreach (var v in variables)
        {
            builder.Add(v.Type);
        }
        builder.Add(new BtfDatasec(".maps", (uint)section.Data.Count, variables.ToEquatableArray()));
        btf = builder.Build();
        foreach (var (offset, map, slot) in pendingSlots)
        {
            var symbol = map.Type == MapType.ProgArray ? programSymbols[slot.Target] : mapSymbols[slot.Target];
            relocations.Add(new OutRelocation(section, offset, symbol, Elf64Layout.RBpf64Abs64));
        }
        return section;
    }

    /// <summary>The anonymous struct libbpf's <c>__uint</c>/<c>__type</c>/<c>__array</c> macros produce for <paramref name="map"/>.</summary>
    private static BtfStruct Definition(MapSpec map, bool inner)
    {
        var members = new List<BtfMember>();
        void UInt(string name, ulong value)
        {
            if (value > uint.MaxValue)
            {
                throw new ArgumentException($"map '{map.Name}': {name} {value} does not fit the BTF encoding");
            }
            members.Add(new BtfMember(name, new BtfPointer(new BtfArray(IntType, ArraySizeType, (uint)value)), (uint)members.Count * PointerSize * 8));
        }
        void Typed(string name, BtfType type) =>
            members.Add(new BtfMember(name, new BtfPointer(type), (uint)members.Count * PointerSize * 8));

        UInt("type", (uint)map.Type);
        if (map.Key is { } key)
        {
            Typed("key", key);
        }
        else if (map.KeySize != 0)
        {
            UInt("key_size", map.KeySize);
        }
        var hasValues = !inner && (map.IsMapInMap || (map.Type == MapType.ProgArray && map.Slots.Count > 0));
        if (!hasValues)
        {
            if (map.Value is { } value)
            {
                Typed("value", value);
            }
            else if (map.ValueSize != 0)
            {
                UInt("value_size", map.ValueSize);
            }
        }
        UInt("max_entries", map.MaxEntries);
        if (map.Flags != 0)
        {
            UInt("map_flags", map.Flags);
        }
        if (map.MapExtra != 0)
        {
            UInt("map_extra", map.MapExtra);
        }
        if (map.Pinning != MapPinning.None)
        {
            UInt("pinning", (uint)map.Pinning);
        }
        if (hasValues)
        {
            BtfType element = map.IsMapInMap
                ? Definition(map.InnerMap!, inner: true)
                : new BtfFuncProto(IntType, EquatableArray.Create(new BtfParameter("", new BtfPointer(BtfVoid.Instance))));
            members.Add(new BtfMember("values", new BtfArray(new BtfPointer(element), ArraySizeType, 0), (uint)members.Count * PointerSize * 8));
            return new BtfStruct("", (uint)(members.Count - 1) * PointerSize, members.ToEquatableArray());
        }
        return new BtfStruct("", (uint)members.Count * PointerSize, members.ToEquatableArray());
    }
}
