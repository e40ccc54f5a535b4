using System.Buffers.Binary;
using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Elf;

/// <summary>Writes an <see cref="ObjectSpec"/> as a relocatable little-endian ELF64 BPF object in libbpf conventions.</summary>
/// <remarks>
/// Output is byte-for-byte deterministic. Layout: <c>.strtab</c>, program sections (one global FUNC symbol per
/// program, <c>.rel&lt;section&gt;</c> for map references and calls), <c>.text</c> with each program's called
/// functions (local FUNC symbols, as libbpf requires subprograms there), global data sections, <c>.maps</c> with
/// BTF-defined maps (and <c>.rel.maps</c> for <c>values</c>), <c>license</c>, <c>.BTF</c>, <c>.symtab</c>.
/// </remarks>
public sealed partial class ElfWriter
{
    private readonly ObjectSpec spec;
    private readonly StringTableBuilder strings = new();
    private readonly List<OutSection> sections = [];
    private readonly List<OutSymbol> symbols = [];
    private readonly List<OutRelocation> relocations = [];
    private readonly Dictionary<string, OutSymbol> mapSymbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OutSymbol> programSymbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OutSymbol> dataSectionSymbols = new(StringComparer.Ordinal);

    private ElfWriter(ObjectSpec spec) => this.spec = spec;

    /// <summary>The bytes of the object file for <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="spec"/> fails <see cref="ObjectSpec.Validate"/> or cannot be expressed in ELF.</exception>
    public static byte[] Write(ObjectSpec spec)
    {
        var errors = spec.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid object spec: " + string.Join("; ", errors), nameof(spec));
        }
        return new ElfWriter(spec).WriteObject();
    }

    /// <summary>Writes <paramref name="spec"/> to <paramref name="path"/>.</summary>
    public static void WriteFile(ObjectSpec spec, string path) => File.WriteAllBytes(path, Write(spec));

    private sealed class OutSection(string name, uint type, ulong flags, ulong align)
    {
        public string Name { get; } = name;
        public uint Type { get; } = type;
        public ulong Flags { get; } = flags;
        public ulong Align { get; } = align;
        public List<byte> Data { get; } = [];
        public ulong NoBitsSize { get; set; }
        public OutSection? Link { get; set; }
        public OutSection? InfoSection { get; set; }
        public uint Info { get; set; }
        public ulong EntrySize { get; set; }
        public int Index { get; set; }
        public ulong Size => Type == Elf64Layout.ShtNoBits ? NoBitsSize : (ulong)Data.Count;
    }

    private sealed record OutSymbol(string Name, byte Bind, byte Type, OutSection? Section, ulong Value, ulong Size)
    {
        public int Index { get; set; }
    }

    private sealed record OutRelocation(OutSection Target, ulong Offset, OutSymbol Symbol, uint Type);

    private OutSection AddSection(string name, uint type, ulong flags, ulong align)
    {
        var section = new OutSection(name, type, flags, align) { Index = sections.Count };
        sections.Add(section);
        return section;
    }

    private OutSymbol AddSymbol(string name, byte bind, byte type, OutSection? section, ulong value, ulong size)
    {
        var symbol = new OutSymbol(name, bind, type, section, value, size);
        symbols.Add(symbol);
        return symbol;
    }

    private byte[] WriteObject()
    {
        AddSection("", Elf64Layout.ShtNull, 0, 0);
        var strtab = AddSection(".strtab", Elf64Layout.ShtStrTab, 0, 1);
        var programs = SplitPrograms();
        var programSections = AddProgramSections(programs);
        var text = AddTextSection(programs);
        AddDataSections();
        var mapsSection = AddMapsSection(out var btf);
        if (spec.License.Length != 0)
        {
            var license = AddSection("license", Elf64Layout.ShtProgBits, Elf64Layout.ShfWrite | Elf64Layout.ShfAlloc, 1);
            license.Data.AddRange(System.Text.Encoding.UTF8.GetBytes(spec.License));
            license.Data.Add(0);
            AddSymbol("_license", Elf64Layout.StbGlobal, Elf64Layout.SttObject, license, 0, license.Size);
        }
        if (spec.KernelVersion != 0)
        {
            var version = AddSection("version", Elf64Layout.ShtProgBits, Elf64Layout.ShfWrite | Elf64Layout.ShfAlloc, 4);
            Span<byte> v = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(v, spec.KernelVersion);
            version.Data.AddRange(v);
            AddSymbol("_version", Elf64Layout.StbGlobal, Elf64Layout.SttObject, version, 0, 4);
        }
        EmitProgramRelocations(programs, programSections, text);
        if (btf is not null)
        {
            var btfSection = AddSection(".BTF", Elf64Layout.ShtProgBits, 0, 4);
            btfSection.Data.AddRange(btf);
        }
        var symtab = AddSection(".symtab", Elf64Layout.ShtSymTab, 0, 8);
        AddRelocationSections(symtab, mapsSection);
        // .symtab last: relocation sections were inserted before it, so fix its index.
        sections.Remove(symtab);
        symtab.Index = sections.Count;
        sections.Add(symtab);
        BuildSymbolTable(symtab, strtab);
        return Emit(strtab);
    }

    private void AddRelocationSections(OutSection symtab, OutSection? mapsSection)
    {
        var targets = relocations.Select(r => r.Target).Distinct().OrderBy(s => s.Index).ToList();
        foreach (var target in targets)
        {
            var rel = new OutSection(".rel" + target.Name, Elf64Layout.ShtRel, 0, 8)
            {
                Link = symtab,
                InfoSection = target,
                EntrySize = Elf64Layout.RelEntrySize,
            };
            rel.Data.AddRange(new byte[relocations.Count(r => r.Target == target) * Elf64Layout.RelEntrySize]);
            // Place each relocation section right after its target, like clang.
            sections.Insert(target.Index + 1, rel);
            for (var i = 0; i < sections.Count; i++)
            {
                sections[i].Index = i;
            }
        }
        _ = mapsSection;
    }

    private void BuildSymbolTable(OutSection symtab, OutSection strtab)
    {
        var ordered = new List<OutSymbol> { new("", 0, 0, null, 0, 0) };
        ordered.AddRange(symbols.Where(s => s.Bind == Elf64Layout.StbLocal));
        var firstGlobal = ordered.Count;
        ordered.AddRange(symbols.Where(s => s.Bind != Elf64Layout.StbLocal));
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Index = i;
        }
        symtab.Link = strtab;
        symtab.Info = (uint)firstGlobal;
        symtab.EntrySize = Elf64Layout.SymbolEntrySize;
        Span<byte> entry = stackalloc byte[Elf64Layout.SymbolEntrySize];
        foreach (var symbol in ordered)
        {
            entry.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(entry[Elf64Layout.SymbolName..], symbol.Type == Elf64Layout.SttSection ? 0 : strings.Add(symbol.Name));
            entry[Elf64Layout.SymbolInfo] = Elf64Layout.SymbolInfoOf(symbol.Bind, symbol.Type);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[Elf64Layout.SymbolSection..], (ushort)(symbol.Section?.Index ?? 0));
            BinaryPrimitives.WriteUInt64LittleEndian(entry[Elf64Layout.SymbolValue..], symbol.Value);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[Elf64Layout.SymbolSize..], symbol.Size);
            symtab.Data.AddRange(entry);
        }
        // Relocation entries now that symbol indices are known.
        Span<byte> e = stackalloc byte[Elf64Layout.RelEntrySize];
        foreach (var rel in sections.Where(s => s.Type == Elf64Layout.ShtRel))
        {
            var position = 0;
            foreach (var relocation in relocations.Where(r => r.Target == rel.InfoSection))
            {
                BinaryPrimitives.WriteUInt64LittleEndian(e[Elf64Layout.RelOffset..], relocation.Offset);
                BinaryPrimitives.WriteUInt64LittleEndian(e[Elf64Layout.RelInfo..], ((ulong)relocation.Symbol.Index << 32) | relocation.Type);
                for (var k = 0; k < e.Length; k++)
                {
                    rel.Data[position + k] = e[k];
                }
                position += e.Length;
            }
        }
    }

    private byte[] Emit(OutSection strtab)
    {
        foreach (var section in sections)
        {
            strings.Add(section.Name);
        }
        strtab.Data.AddRange(strings.ToArray());
        var offsets = new ulong[sections.Count];
        ulong position = Elf64Layout.ElfHeaderSize;
        for (var i = 1; i < sections.Count; i++)
        {
            var align = Math.Max(1UL, sections[i].Align);
            position = (position + align - 1) / align * align;
            offsets[i] = position;
            if (sections[i].Type != Elf64Layout.ShtNoBits)
            {
                position += (ulong)sections[i].Data.Count;
            }
        }
        position = (position + 7) / 8 * 8;
        var headerTable = position;
        var total = checked((int)(headerTable + ((ulong)sections.Count * Elf64Layout.SectionHeaderSize)));
        var output = new byte[total];
        var span = output.AsSpan();
        span[0] = 0x7F;
        span[1] = (byte)'E';
        span[2] = (byte)'L';
        span[3] = (byte)'F';
        span[Elf64Layout.IdentClass] = Elf64Layout.Class64;
        span[Elf64Layout.IdentData] = Elf64Layout.DataLittleEndian;
        span[Elf64Layout.IdentVersion] = Elf64Layout.VersionCurrent;
        BinaryPrimitives.WriteUInt16LittleEndian(span[Elf64Layout.HeaderType..], Elf64Layout.TypeRelocatable);
        BinaryPrimitives.WriteUInt16LittleEndian(span[Elf64Layout.HeaderMachine..], Elf64Layout.MachineBpf);
        BinaryPrimitives.WriteUInt32LittleEndian(span[Elf64Layout.HeaderVersion..], Elf64Layout.VersionCurrent);
        BinaryPrimitives.WriteUInt64LittleEndian(span[Elf64Layout.HeaderSectionHeaderOffset..], headerTable);
        BinaryPrimitives.WriteUInt16LittleEndian(span[Elf64Layout.HeaderSize..], Elf64Layout.ElfHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[Elf64Layout.HeaderSectionHeaderEntrySize..], Elf64Layout.SectionHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[Elf64Layout.HeaderSectionHeaderCount..], (ushort)sections.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(span[Elf64Layout.HeaderSectionNameIndex..], (ushort)strtab.Index);
        for (var i = 1; i < sections.Count; i++)
        {
            var section = sections[i];
            if (section.Type != Elf64Layout.ShtNoBits)
            {
                section.Data.CopyTo(output, (int)offsets[i]);
            }
            var h = span[(int)(headerTable + ((ulong)i * Elf64Layout.SectionHeaderSize))..];
            BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Layout.SectionName..], strings.Add(section.Name));
            BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Layout.SectionType..], section.Type);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Layout.SectionFlags..], section.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Layout.SectionOffset..], offsets[i]);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Layout.SectionSize..], section.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Layout.SectionLink..], (uint)(section.Link?.Index ?? 0));
            BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Layout.SectionInfo..], section.InfoSection is { } info ? (uint)info.Index : section.Info);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Layout.SectionAlign..], section.Align);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Layout.SectionEntrySize..], section.EntrySize);
        }
        return output;
    }
}
