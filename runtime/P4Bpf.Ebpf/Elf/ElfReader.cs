using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Elf;

/// <summary>Reads eBPF objects in libbpf conventions (clang <c>-target bpf</c> output, or ours) into an <see cref="ObjectSpec"/>.</summary>
/// <remarks>
/// The work is split like cilium's <c>elf_reader.go</c>: sections (this file), legacy and global-data maps
/// (<c>_Maps</c>), BTF maps (<c>_BtfMaps</c>), then programs with their relocations and linked subprograms
/// (<c>_Programs</c>). Maps are indexed in that order: legacy <c>maps</c>, <c>.maps</c>, data sections.
/// </remarks>
public sealed partial class ElfReader
{
    private readonly ElfFile elf;
    private readonly List<MapSpec> maps = [];
    private readonly Dictionary<(int Section, ulong Offset), int> mapBySectionOffset = [];
    private BtfSpec? btf;

    private ElfReader(ElfFile elf) => this.elf = elf;

    /// <summary>Reads an object from its bytes.</summary>
    /// <exception cref="ElfException">The object is malformed or uses an unsupported feature; the message names the section or symbol.</exception>
    public static ObjectSpec Read(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new ElfReader(ElfFile.Parse(bytes)).ReadObject();
        }
        catch (TruncatedDataException e)
        {
            throw new ElfException("truncated object: " + e.Message, e);
        }
    }

    /// <summary>Reads an object file.</summary>
    /// <exception cref="ElfException">The object is malformed or uses an unsupported feature.</exception>
    public static ObjectSpec ReadFile(string path) => Read(File.ReadAllBytes(path));

    private ObjectSpec ReadObject()
    {
        ReadBtf();
        ReadLegacyMaps();
        ReadBtfMaps();
        ReadDataSections();
        var programs = ReadPrograms();
        ReadMapSlots();
        return new ObjectSpec(ReadLicense(), programs.ToEquatableArray(), maps.ToEquatableArray())
        {
            KernelVersion = ReadVersion(),
        };
    }

    private void ReadBtf()
    {
        if (elf.Section(".BTF") is { } section)
        {
            try
            {
                btf = BtfSpec.Parse(elf.SectionData(section));
            }
            catch (BtfException e)
            {
                throw new ElfException($"section '.BTF': {e.Message}", e);
            }
        }
        if (elf.Section(".BTF.ext") is { } ext)
        {
            var info = BtfExtInfo.Parse(elf.SectionData(ext), elf.BigEndian);
            if (info.CoreRelocationLength > 0)
            {
                throw new ElfException("section '.BTF.ext': CO-RE relocations are not supported yet");
            }
        }
    }

    private string ReadLicense()
    {
        if (elf.Section("license") is not { } section)
        {
            return "";
        }
        var data = elf.SectionData(section);
        var end = data.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? data : data[..end]);
    }

    private uint ReadVersion()
    {
        if (elf.Section("version") is not { } section)
        {
            return 0;
        }
        if (section.Size != 4)
        {
            throw new ElfException($"section 'version' has {section.Size} bytes, expected 4");
        }
        return new SpanReader(elf.SectionData(section), elf.BigEndian).U32(0);
    }

    private IEnumerable<ElfSymbol> SymbolsIn(int sectionIndex, byte type) =>
        elf.Symbols.Where(s => s.SectionIndex == sectionIndex && s.Type == type && s.Index != 0);

    private List<ElfRelocation> RelocationsOf(int sectionIndex) =>
        elf.Relocations.TryGetValue(sectionIndex, out var list) ? list : [];
}
