using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Elf;

public sealed partial class ElfReader
{
    /// <summary>The fields of the legacy <c>struct bpf_map_def</c> we read (type, key_size, value_size, max_entries, map_flags).</summary>
    private const int LegacyMapDefMinSize = 20;

    /// <summary>Global data larger than this is refused rather than allocated (the kernel caps array values far lower).</summary>
    private const ulong MaxDataSectionSize = 64 << 20;

    /// <summary>Legacy maps: the <c>maps</c> section holds one <c>struct bpf_map_def</c> per OBJECT symbol.</summary>
    private void ReadLegacyMaps()
    {
        if (elf.Section("maps") is not { } section)
        {
            return;
        }
        var symbols = SymbolsIn(section.Index, Elf64Layout.SttObject).Concat(SymbolsIn(section.Index, Elf64Layout.SttNoType))
            .Where(s => s.Bind != Elf64Layout.StbLocal || s.Name.Length != 0)
            .OrderBy(s => s.Value).ToList();
        if (symbols.Count == 0)
        {
            throw new ElfException("section 'maps': no map symbols");
        }
        if (section.Size % (ulong)symbols.Count != 0)
        {
            throw new ElfException($"section 'maps': size {section.Size} is not a multiple of the {symbols.Count} map definitions");
        }
        var defSize = section.Size / (ulong)symbols.Count;
        if (defSize < LegacyMapDefMinSize)
        {
            throw new ElfException($"section 'maps': map definitions of {defSize} bytes are too small for struct bpf_map_def");
        }
        var r = new SpanReader(elf.SectionData(section), elf.BigEndian);
        foreach (var symbol in symbols)
        {
            if (symbol.Value % defSize != 0 || symbol.Value + defSize > section.Size)
            {
                throw new ElfException($"section 'maps': map '{symbol.Name}' at offset {symbol.Value} is not on a definition boundary");
            }
            var at = (long)symbol.Value;
            var def = new MapSpec(symbol.Name, (MapType)r.U32(at), r.U32(at + 4), r.U32(at + 8), r.U32(at + 12))
            {
                Flags = r.U32(at + 16),
            };
            for (var extra = (long)LegacyMapDefMinSize; extra < (long)defSize; extra++)
            {
                if (r.U8(at + extra) != 0)
                {
                    throw new ElfException($"section 'maps': map '{symbol.Name}' uses fields past map_flags, which are not supported");
                }
            }
            AddMap(def, section.Index, symbol.Value);
        }
    }

    /// <summary>Global data: every <c>.rodata*</c>, <c>.data*</c>, <c>.bss*</c> section becomes a one-entry array map.</summary>
    private void ReadDataSections()
    {
        foreach (var section in elf.Sections)
        {
            if (!MapSpec.IsDataSectionName(section.Name) || section.Size == 0
                || section.Type is not (Elf64Layout.ShtProgBits or Elf64Layout.ShtNoBits))
            {
                continue;
            }
            if (section.Size > MaxDataSectionSize)
            {
                throw new ElfException($"section '{section.Name}': {section.Size} bytes of global data is too large");
            }
            var data = section.Type == Elf64Layout.ShtNoBits ? new byte[section.Size] : elf.SectionData(section);
            AddMap(MapSpec.ForDataSection(section.Name, data), section.Index, 0);
        }
    }

    private void AddMap(MapSpec map, int sectionIndex, ulong offset)
    {
        if (maps.Any(m => m.Name == map.Name))
        {
            throw new ElfException($"map '{map.Name}' is defined twice");
        }
        mapBySectionOffset[(sectionIndex, offset)] = maps.Count;
        maps.Add(map);
    }

    /// <summary>The map whose definition (or data section) starts at <paramref name="offset"/> of <paramref name="sectionIndex"/>, or -1.</summary>
    private int MapAt(int sectionIndex, ulong offset) =>
        mapBySectionOffset.TryGetValue((sectionIndex, offset), out var index) ? index : -1;
}
