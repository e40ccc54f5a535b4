using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Elf;

public sealed partial class ElfReader
{
    private const string BtfMapsSection = ".maps";

    /// <summary>Where each <c>.maps</c> variable lies, for the <c>values</c> initialisers in <c>.rel.maps</c>.</summary>
    private readonly List<(int Map, uint Offset, uint Size, uint ValuesOffset)> btfMapExtents = [];

    /// <summary>BTF-defined maps: each variable of the <c>.maps</c> DATASEC is a struct whose members encode the attributes.</summary>
    private void ReadBtfMaps()
    {
        if (elf.Section(BtfMapsSection) is not { } section)
        {
            return;
        }
        if (btf is null)
        {
            throw new ElfException("section '.maps' needs BTF, but the object has no '.BTF' section");
        }
        if (btf.Find(BtfMapsSection, BtfKind.Datasec) is not BtfDatasec datasec)
        {
            throw new ElfException("section '.maps': no DATASEC '.maps' in BTF");
        }
        var symbols = SymbolsIn(section.Index, Elf64Layout.SttObject).ToList();
        foreach (var variable in datasec.Variables.OrderBy(v => v.Offset))
        {
            if (variable.Type is not BtfVar { } var)
            {
                throw new ElfException($"section '.maps': DATASEC entry at offset {variable.Offset} is a {variable.Type.Kind}, not a variable");
            }
            if (var.Linkage is not (BtfLinkage.Global or BtfLinkage.Static))
            {
                throw new ElfException($"map '{var.Name}': unsupported linkage {var.Linkage}");
            }
            // clang leaves DATASEC offsets 0 (libbpf fixes them from the symbols); linked objects carry them.
            var offset = symbols.FirstOrDefault(s => s.Name == var.Name) is { } symbol ? symbol.Value : variable.Offset;
            if (offset + variable.Size > section.Size && section.Size != 0)
            {
                throw new ElfException($"map '{var.Name}': definition at {offset} (+{variable.Size}) is past the end of '.maps'");
            }
            if (BtfSize.SkipModifiers(var.Type) is not BtfStruct def)
            {
                throw new ElfException($"map '{var.Name}': definition is a {var.Type.Kind}, not a struct");
            }
            var (map, valuesOffset) = ParseMapDefinition(var.Name, def, inner: false);
            btfMapExtents.Add((maps.Count, (uint)offset, Math.Max(variable.Size, def.Size), valuesOffset));
            AddMap(map, section.Index, offset);
        }
    }

    /// <summary>Turns the members of a BTF map definition struct into a <see cref="MapSpec"/>; also returns the byte offset of <c>values</c>.</summary>
    private (MapSpec Map, uint ValuesOffset) ParseMapDefinition(string name, BtfStruct def, bool inner)
    {
        MapType type = MapType.Unspec;
        uint keySize = 0, valueSize = 0, maxEntries = 0, flags = 0, pinning = 0;
        ulong mapExtra = 0;
        BtfType? key = null, value = null;
        MapSpec? innerMap = null;
        uint valuesOffset = 0;
        var hasValues = false;
        foreach (var member in def.Members)
        {
            var what = $"map '{name}': member '{member.Name}'";
            switch (member.Name)
            {
                case "type": type = (MapType)UIntMember(member, what); break;
                case "max_entries": maxEntries = UIntMember(member, what); break;
                case "map_flags": flags = UIntMember(member, what); break;
                case "numa_node":
                    if (UIntMember(member, what) != 0)
                    {
                        throw new ElfException($"{what}: NUMA placement is not supported");
                    }
                    break;
                case "pinning": pinning = UIntMember(member, what); break;
                case "map_extra": mapExtra = UIntMember(member, what); break;
                case "key_size": keySize = CheckSize(keySize, UIntMember(member, what), what); break;
                case "value_size": valueSize = CheckSize(valueSize, UIntMember(member, what), what); break;
                case "key":
                    key = PointerTarget(member, what);
                    keySize = CheckSize(keySize, BtfSize.Of(key) ?? throw new ElfException($"{what}: type {key.Kind} '{key.Name}' has no size"), what);
                    break;
                case "value":
                    value = PointerTarget(member, what);
                    valueSize = CheckSize(valueSize, BtfSize.Of(value) ?? throw new ElfException($"{what}: type {value.Kind} '{value.Name}' has no size"), what);
                    break;
                case "values":
                    if (inner)
                    {
                        throw new ElfException($"{what}: an inner map cannot have values");
                    }
                    if (member != def.Members[^1])
                    {
                        throw new ElfException($"{what}: 'values' must be the last member");
                    }
                    hasValues = true;
                    valuesOffset = member.BitOffset / 8;
                    if (BtfSize.SkipModifiers(member.Type) is not BtfArray array || BtfSize.SkipModifiers(array.Element) is not BtfPointer pointer)
                    {
                        throw new ElfException($"{what}: must be an array of pointers");
                    }
                    switch (BtfSize.SkipModifiers(pointer.Target))
                    {
                        case BtfStruct innerDef:
                            innerMap = ParseMapDefinition(name + ".inner", innerDef, inner: true).Map;
                            break;
                        case BtfFuncProto:
                            break;
                        case var other:
                            throw new ElfException($"{what}: values point to a {other.Kind}, expected an inner map definition or a function");
                    }
                    break;
                default:
                    throw new ElfException($"{what}: unknown map attribute");
            }
        }
        if (type == MapType.Unspec)
        {
            throw new ElfException($"map '{name}': no 'type' member");
        }
        if (hasValues)
        {
            var isMapInMap = type is MapType.ArrayOfMaps or MapType.HashOfMaps;
            if (isMapInMap != (innerMap is not null) || (!isMapInMap && type != MapType.ProgArray))
            {
                throw new ElfException($"map '{name}': 'values' does not match map type {type}");
            }
            if (valueSize != 0 && valueSize != 4)
            {
                throw new ElfException($"map '{name}': value size {valueSize} conflicts with 'values' (4)");
            }
            valueSize = 4;
        }
        if (pinning > (uint)MapPinning.ByName)
        {
            throw new ElfException($"map '{name}': unknown pinning {pinning}");
        }
        return (new MapSpec(name, type, keySize, valueSize, maxEntries)
        {
            Flags = flags,
            MapExtra = mapExtra,
            Pinning = (MapPinning)pinning,
            Key = key,
            Value = value,
            InnerMap = innerMap,
        }, valuesOffset);
    }

    /// <summary><c>__uint(name, N)</c> is <c>int (*name)[N]</c>; <c>__ulong</c> may also be a one-value enum.</summary>
    private static uint UIntMember(BtfMember member, string what)
    {
        var type = BtfSize.SkipModifiers(member.Type);
        if (type is BtfPointer pointer && BtfSize.SkipModifiers(pointer.Target) is BtfArray array)
        {
            return array.Count;
        }
        if (type is BtfEnum { Values.Count: 1 } e && e.Values[0].Value is >= 0 and <= uint.MaxValue)
        {
            return (uint)e.Values[0].Value;
        }
        throw new ElfException($"{what}: expected __uint() (pointer to array), found {type.Kind}");
    }

    private static BtfType PointerTarget(BtfMember member, string what) =>
        BtfSize.SkipModifiers(member.Type) is BtfPointer pointer
            ? pointer.Target
            : throw new ElfException($"{what}: expected __type() (a pointer), found {member.Type.Kind}");

    private static uint CheckSize(uint previous, uint size, string what) =>
        previous == 0 || previous == size ? size : throw new ElfException($"{what}: size {size} conflicts with {previous}");

    /// <summary>Initial <c>values</c> of program arrays and maps of maps: <c>R_BPF_64_ABS64</c> relocations in <c>.rel.maps</c>.</summary>
    private void ReadMapSlots()
    {
        if (elf.Section(BtfMapsSection) is not { } section)
        {
            return;
        }
        var slots = new Dictionary<int, SortedDictionary<uint, string>>();
        foreach (var relocation in RelocationsOf(section.Index))
        {
            var symbol = elf.Symbols[relocation.SymbolIndex];
            var where = $"section '.rel.maps': relocation at {relocation.Offset} against '{symbol.Name}'";
            if (relocation.Type is not (Elf64Layout.RBpf64Abs64 or Elf64Layout.RBpf64_64))
            {
                throw new ElfException($"{where}: relocation type {relocation.Type} is not supported");
            }
            var extent = btfMapExtents.FirstOrDefault(e => relocation.Offset >= e.Offset && relocation.Offset < (ulong)e.Offset + e.Size);
            if (extent.Size == 0 || relocation.Offset < (ulong)extent.Offset + extent.ValuesOffset || extent.ValuesOffset == 0)
            {
                throw new ElfException($"{where}: not inside the 'values' of a map");
            }
            var slotOffset = relocation.Offset - extent.Offset - extent.ValuesOffset;
            if (slotOffset % 8 != 0)
            {
                throw new ElfException($"{where}: not aligned to a 'values' slot");
            }
            var map = maps[extent.Map];
            string target;
            if (map.Type == MapType.ProgArray)
            {
                if (symbol.Type != Elf64Layout.SttFunc || symbol.SectionIndex >= elf.Sections.Count || !elf.Sections[symbol.SectionIndex].IsExecutable
                    || elf.Sections[symbol.SectionIndex].Name == ".text")
                {
                    throw new ElfException($"{where}: a program array slot must refer to a program");
                }
                target = symbol.Name;
            }
            else
            {
                var inner = symbol.SectionIndex == section.Index ? MapAt(section.Index, symbol.Value) : -1;
                if (inner < 0)
                {
                    throw new ElfException($"{where}: a map-in-map slot must refer to a map in '.maps'");
                }
                target = maps[inner].Name;
            }
            if (!slots.TryGetValue(extent.Map, out var list))
            {
                slots[extent.Map] = list = [];
            }
            list[(uint)(slotOffset / 8)] = target;
        }
        foreach (var (index, list) in slots)
        {
            maps[index] = maps[index] with { Slots = list.Select(kv => new MapSlot(kv.Key, kv.Value)).ToEquatableArray() };
        }
    }
}
