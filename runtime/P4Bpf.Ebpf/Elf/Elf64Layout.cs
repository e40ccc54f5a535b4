namespace P4Bpf.Ebpf.Elf;

/// <summary>ELF64 offsets, sizes and constants used by BPF relocatable objects.</summary>
internal static class Elf64Layout
{
    // e_ident
    public const int IdentClass = 4;
    public const int IdentData = 5;
    public const int IdentVersion = 6;
    public const int IdentOsAbi = 7;
    public const byte Class64 = 2;
    public const byte DataLittleEndian = 1;
    public const byte DataBigEndian = 2;
    public const byte VersionCurrent = 1;

    // Elf64_Ehdr
    public const int HeaderType = 16;
    public const int HeaderMachine = HeaderType + 2;
    public const int HeaderVersion = HeaderMachine + 2;
    public const int HeaderEntry = HeaderVersion + 4;
    public const int HeaderProgramHeaderOffset = HeaderEntry + 8;
    public const int HeaderSectionHeaderOffset = HeaderProgramHeaderOffset + 8;
    public const int HeaderFlags = HeaderSectionHeaderOffset + 8;
    public const int HeaderSize = HeaderFlags + 4;
    public const int HeaderProgramHeaderEntrySize = HeaderSize + 2;
    public const int HeaderProgramHeaderCount = HeaderProgramHeaderEntrySize + 2;
    public const int HeaderSectionHeaderEntrySize = HeaderProgramHeaderCount + 2;
    public const int HeaderSectionHeaderCount = HeaderSectionHeaderEntrySize + 2;
    public const int HeaderSectionNameIndex = HeaderSectionHeaderCount + 2;
    public const int ElfHeaderSize = HeaderSectionNameIndex + 2;

    // Elf64_Shdr
    public const int SectionName = 0;
    public const int SectionType = SectionName + 4;
    public const int SectionFlags = SectionType + 4;
    public const int SectionAddress = SectionFlags + 8;
    public const int SectionOffset = SectionAddress + 8;
    public const int SectionSize = SectionOffset + 8;
    public const int SectionLink = SectionSize + 8;
    public const int SectionInfo = SectionLink + 4;
    public const int SectionAlign = SectionInfo + 4;
    public const int SectionEntrySize = SectionAlign + 8;
    public const int SectionHeaderSize = SectionEntrySize + 8;

    // Elf64_Sym
    public const int SymbolName = 0;
    public const int SymbolInfo = SymbolName + 4;
    public const int SymbolOther = SymbolInfo + 1;
    public const int SymbolSection = SymbolOther + 1;
    public const int SymbolValue = SymbolSection + 2;
    public const int SymbolSize = SymbolValue + 8;
    public const int SymbolEntrySize = SymbolSize + 8;

    // Elf64_Rel
    public const int RelOffset = 0;
    public const int RelInfo = RelOffset + 8;
    public const int RelEntrySize = RelInfo + 8;

    public const ushort TypeRelocatable = 1;
    public const ushort MachineBpf = 247;

    public const uint ShtNull = 0;
    public const uint ShtProgBits = 1;
    public const uint ShtSymTab = 2;
    public const uint ShtStrTab = 3;
    public const uint ShtRela = 4;
    public const uint ShtNoBits = 8;
    public const uint ShtRel = 9;

    public const ulong ShfWrite = 0x1;
    public const ulong ShfAlloc = 0x2;
    public const ulong ShfExecInstr = 0x4;

    public const ushort ShnUndef = 0;
    public const ushort ShnLoReserve = 0xFF00;
    public const ushort ShnAbs = 0xFFF1;
    public const ushort ShnXIndex = 0xFFFF;

    public const byte StbLocal = 0;
    public const byte StbGlobal = 1;
    public const byte StbWeak = 2;
    public const byte SttNoType = 0;
    public const byte SttObject = 1;
    public const byte SttFunc = 2;
    public const byte SttSection = 3;
    public const byte SttFile = 4;

    public const uint RBpf64_64 = 1;
    public const uint RBpf64Abs64 = 2;
    public const uint RBpf64Abs32 = 3;
    public const uint RBpf64NoDyld32 = 4;
    public const uint RBpf64_32 = 10;

    public static byte SymbolInfoOf(byte bind, byte type) => (byte)((bind << 4) | (type & 0xF));
}
