namespace P4Bpf.Ebpf.Elf;

/// <summary>One section header of an ELF file.</summary>
internal sealed record ElfSection(int Index, string Name, uint Type, ulong Flags, ulong Offset, ulong Size, uint Link, uint Info, ulong EntrySize)
{
    public bool IsExecutable => Type == Elf64Layout.ShtProgBits && (Flags & Elf64Layout.ShfExecInstr) != 0;
}

/// <summary>One symbol of the ELF symbol table.</summary>
internal sealed record ElfSymbol(int Index, string Name, byte Info, byte Other, ushort SectionIndex, ulong Value, ulong Size)
{
    public byte Type => (byte)(Info & 0xF);

    public byte Bind => (byte)(Info >> 4);
}

/// <summary>One <c>Elf64_Rel</c> entry.</summary>
internal readonly record struct ElfRelocation(ulong Offset, int SymbolIndex, uint Type);

/// <summary>The raw structure of a relocatable ELF64 BPF object: sections, symbols and relocations, all bounds-checked.</summary>
internal sealed class ElfFile
{
    private readonly byte[] data;

    private ElfFile(byte[] data, bool bigEndian)
    {
        this.data = data;
        BigEndian = bigEndian;
    }

    public bool BigEndian { get; }

    public List<ElfSection> Sections { get; } = [];

    public List<ElfSymbol> Symbols { get; } = [];

    /// <summary>Relocations by the index of the section they apply to.</summary>
    public Dictionary<int, List<ElfRelocation>> Relocations { get; } = [];

    public SpanReader Reader => new(data, BigEndian);

    /// <summary>The bytes of <paramref name="section"/> (empty for SHT_NOBITS).</summary>
    public ReadOnlySpan<byte> SectionData(ElfSection section) =>
        section.Type == Elf64Layout.ShtNoBits ? [] : data.AsSpan((int)section.Offset, (int)section.Size);

    public ElfSection? Section(string name) => Sections.FirstOrDefault(s => s.Name == name);

    public static ElfFile Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Elf64Layout.ElfHeaderSize || bytes[0] != 0x7F || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
        {
            throw new ElfException("not an ELF file (bad magic or shorter than the ELF header)");
        }
        if (bytes[Elf64Layout.IdentClass] != Elf64Layout.Class64)
        {
            throw new ElfException($"ELF class {bytes[Elf64Layout.IdentClass]} is not supported: BPF objects are ELF64");
        }
        var bigEndian = bytes[Elf64Layout.IdentData] switch
        {
            Elf64Layout.DataLittleEndian => false,
            Elf64Layout.DataBigEndian => true,
            var other => throw new ElfException($"unknown ELF data encoding {other}"),
        };
        var file = new ElfFile(bytes.ToArray(), bigEndian);
        file.ReadHeaderAndSections();
        file.ReadSymbols();
        file.ReadRelocations();
        return file;
    }

    private void ReadHeaderAndSections()
    {
        var r = Reader;
        var type = r.U16(Elf64Layout.HeaderType);
        if (type != Elf64Layout.TypeRelocatable)
        {
            throw new ElfException($"ELF type {type} is not supported: expected a relocatable object (ET_REL)");
        }
        var machine = r.U16(Elf64Layout.HeaderMachine);
        if (machine != Elf64Layout.MachineBpf)
        {
            throw new ElfException($"ELF machine {machine} is not BPF ({Elf64Layout.MachineBpf})");
        }
        var shoff = r.U64(Elf64Layout.HeaderSectionHeaderOffset);
        var shentsize = r.U16(Elf64Layout.HeaderSectionHeaderEntrySize);
        var shnum = r.U16(Elf64Layout.HeaderSectionHeaderCount);
        var shstrndx = r.U16(Elf64Layout.HeaderSectionNameIndex);
        if (shnum == 0 || shstrndx == Elf64Layout.ShnXIndex)
        {
            throw new ElfException("extended section numbering (more than 65279 sections) is not supported");
        }
        if (shentsize != Elf64Layout.SectionHeaderSize)
        {
            throw new ElfException($"section header entry size {shentsize} is not {Elf64Layout.SectionHeaderSize}");
        }
        if (shoff > (ulong)r.Length || !r.Fits((long)shoff, (long)shnum * shentsize))
        {
            throw new ElfException($"section header table ({shnum} entries at offset {shoff}) is outside the file");
        }
        if (shstrndx >= shnum)
        {
            throw new ElfException($"section name table index {shstrndx} is out of range ({shnum} sections)");
        }
        var raw = new (uint Name, uint Type, ulong Flags, ulong Offset, ulong Size, uint Link, uint Info, ulong EntSize)[shnum];
        for (var i = 0; i < shnum; i++)
        {
            var at = (long)shoff + (i * Elf64Layout.SectionHeaderSize);
            raw[i] = (r.U32(at + Elf64Layout.SectionName), r.U32(at + Elf64Layout.SectionType), r.U64(at + Elf64Layout.SectionFlags),
                r.U64(at + Elf64Layout.SectionOffset), r.U64(at + Elf64Layout.SectionSize), r.U32(at + Elf64Layout.SectionLink),
                r.U32(at + Elf64Layout.SectionInfo), r.U64(at + Elf64Layout.SectionEntrySize));
            if (raw[i].Type != Elf64Layout.ShtNoBits && raw[i].Type != Elf64Layout.ShtNull
                && (raw[i].Offset > (ulong)r.Length || raw[i].Size > (ulong)r.Length || !r.Fits((long)raw[i].Offset, (long)raw[i].Size)))
            {
                throw new ElfException($"section {i} (offset {raw[i].Offset}, size {raw[i].Size}) is outside the file");
            }
        }
        var names = raw[shstrndx];
        if (names.Type != Elf64Layout.ShtStrTab)
        {
            throw new ElfException($"section name table (section {shstrndx}) is not a string table");
        }
        var nameTable = new SpanReader(r.Slice((long)names.Offset, (long)names.Size), BigEndian);
        for (var i = 0; i < shnum; i++)
        {
            var name = i == 0 ? "" : StringAt(nameTable, raw[i].Name, $"name of section {i}");
            Sections.Add(new ElfSection(i, name, raw[i].Type, raw[i].Flags, raw[i].Offset, raw[i].Size, raw[i].Link, raw[i].Info, raw[i].EntSize));
        }
    }

    private void ReadSymbols()
    {
        var symtabs = Sections.Where(s => s.Type == Elf64Layout.ShtSymTab).ToList();
        if (symtabs.Count == 0)
        {
            throw new ElfException("no symbol table (.symtab)");
        }
        if (symtabs.Count > 1)
        {
            throw new ElfException("more than one symbol table");
        }
        var symtab = symtabs[0];
        if (symtab.Link >= Sections.Count || Sections[(int)symtab.Link].Type != Elf64Layout.ShtStrTab)
        {
            throw new ElfException($"symbol table '{symtab.Name}' links to section {symtab.Link}, which is not a string table");
        }
        if (symtab.Size % Elf64Layout.SymbolEntrySize != 0)
        {
            throw new ElfException($"symbol table size {symtab.Size} is not a multiple of {Elf64Layout.SymbolEntrySize}");
        }
        var strtab = Sections[(int)symtab.Link];
        var strings = new SpanReader(SectionData(strtab), BigEndian);
        var r = new SpanReader(SectionData(symtab), BigEndian);
        var count = (int)(symtab.Size / Elf64Layout.SymbolEntrySize);
        for (var i = 0; i < count; i++)
        {
            var at = i * Elf64Layout.SymbolEntrySize;
            var shndx = r.U16(at + Elf64Layout.SymbolSection);
            var name = StringAt(strings, r.U32(at + Elf64Layout.SymbolName), $"name of symbol {i}");
            var info = r.U8(at + Elf64Layout.SymbolInfo);
            if ((info & 0xF) == Elf64Layout.SttSection && name.Length == 0 && shndx < Sections.Count)
            {
                name = Sections[shndx].Name;
            }
            if (shndx != Elf64Layout.ShnUndef && shndx < Elf64Layout.ShnLoReserve && shndx >= Sections.Count)
            {
                throw new ElfException($"symbol '{name}' refers to section {shndx}, which does not exist");
            }
            Symbols.Add(new ElfSymbol(i, name, info, r.U8(at + Elf64Layout.SymbolOther), shndx,
                r.U64(at + Elf64Layout.SymbolValue), r.U64(at + Elf64Layout.SymbolSize)));
        }
    }

    private void ReadRelocations()
    {
        foreach (var section in Sections)
        {
            if (section.Type == Elf64Layout.ShtRela)
            {
                throw new ElfException($"section '{section.Name}': RELA relocations are not supported (BPF objects use REL)");
            }
            if (section.Type != Elf64Layout.ShtRel)
            {
                continue;
            }
            if (section.Info == 0 || section.Info >= Sections.Count)
            {
                throw new ElfException($"relocation section '{section.Name}' applies to section {section.Info}, which does not exist");
            }
            if (section.Size % Elf64Layout.RelEntrySize != 0)
            {
                throw new ElfException($"relocation section '{section.Name}' size {section.Size} is not a multiple of {Elf64Layout.RelEntrySize}");
            }
            var r = new SpanReader(SectionData(section), BigEndian);
            var list = new List<ElfRelocation>();
            for (long at = 0; at < r.Length; at += Elf64Layout.RelEntrySize)
            {
                var info = r.U64(at + Elf64Layout.RelInfo);
                var symbol = info >> 32;
                if (symbol >= (ulong)Symbols.Count)
                {
                    throw new ElfException($"relocation section '{section.Name}': entry at {at} refers to symbol {symbol}, which does not exist");
                }
                list.Add(new ElfRelocation(r.U64(at + Elf64Layout.RelOffset), (int)symbol, (uint)(info & 0xFFFFFFFF)));
            }
            if (!Relocations.TryAdd((int)section.Info, list))
            {
                Relocations[(int)section.Info].AddRange(list);
            }
        }
    }

    private static string StringAt(SpanReader strings, uint offset, string what)
    {
        if (offset >= strings.Length)
        {
            throw new ElfException($"{what}: string offset {offset} is outside the string table ({strings.Length} bytes)");
        }
        try
        {
            return strings.CString(offset);
        }
        catch (TruncatedDataException)
        {
            throw new ElfException($"{what}: string at offset {offset} is not NUL-terminated");
        }
    }
}
