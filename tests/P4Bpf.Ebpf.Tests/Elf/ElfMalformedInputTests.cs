using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Elf;

/// <summary>Truncated and bit-flipped objects give <see cref="ElfException"/> or a spec, never another exception.</summary>
public sealed class ElfMalformedInputTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var name in ClangObjects.Names())
        {
            data.Add("clang:" + name.Data);
        }
        foreach (var name in ElfWriterTests.Specs())
        {
            data.Add("written:" + name.Data);
        }
        return data;
    }

    private static byte[] Load(string input)
    {
        var (kind, name) = (input[..input.IndexOf(':')], input[(input.IndexOf(':') + 1)..]);
        if (kind == "clang")
        {
            Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
            return ClangObjects.Bytes(name);
        }
        var spec = name switch
        {
            "XdpPass" => ElfWriterTests.XdpPass(),
            "XdpMapLookup" => ElfWriterTests.XdpMapLookup(),
            _ => ElfWriterTests.XdpEverything(),
        };
        return ElfWriter.Write(spec);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Truncated_objects_give_typed_errors(string input)
    {
        var bytes = Load(input);
        ElfReader.Read(bytes);
        var lengths = Enumerable.Range(0, 80).Select(i => (int)((long)bytes.Length * i / 80))
            .Concat([1, 4, 16, 63, 64, 65, bytes.Length - 1]).Distinct();
        foreach (var length in lengths)
        {
            var act = () => ElfReader.Read(bytes.AsSpan(0, length));
            act.Should().Throw<ElfException>($"an object cut to {length} of {bytes.Length} bytes is incomplete");
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Bit_flipped_objects_give_typed_errors_or_a_spec(string input)
    {
        var original = Load(input);
        var structure = StructuralRanges(original);
        var random = new Random(input.GetHashCode(StringComparison.Ordinal) & 0x7FFF ^ 0x4242);
        var accepted = 0;
        for (var round = 0; round < 600; round++)
        {
            var bytes = (byte[])original.Clone();
            var flips = 1 + random.Next(3);
            for (var f = 0; f < flips; f++)
            {
                // Two thirds of the flips land in headers, symbols, relocations, BTF, maps and code; the rest anywhere.
                int position;
                if (round % 3 != 0)
                {
                    var (start, length) = structure[random.Next(structure.Count)];
                    position = start + random.Next(Math.Max(1, length));
                }
                else
                {
                    position = random.Next(bytes.Length);
                }
                position = Math.Min(position, bytes.Length - 1);
                if (random.Next(4) == 0)
                {
                    bytes[position] = (byte)random.Next(256);
                }
                else
                {
                    bytes[position] ^= (byte)(1 << random.Next(8));
                }
            }
            try
            {
                var spec = ElfReader.Read(bytes);
                _ = spec.Validate();
                accepted++;
            }
            catch (ElfException)
            {
            }
        }
        accepted.Should().BeLessThan(600, "some flips must break the object");
    }

    /// <summary>The byte ranges that carry structure: ELF header, section headers, and the non-debug sections.</summary>
    private static List<(int Start, int Length)> StructuralRanges(byte[] bytes)
    {
        var elf = ElfFile.Parse(bytes);
        var ranges = new List<(int, int)> { (0, 64) };
        var r = elf.Reader;
        var shoff = (int)r.U64(40);
        ranges.Add((shoff, elf.Sections.Count * 64));
        foreach (var section in elf.Sections)
        {
            if (section.Type != 8 && section.Size > 0 && !section.Name.StartsWith(".debug", StringComparison.Ordinal)
                && !section.Name.StartsWith(".rel.debug", StringComparison.Ordinal))
            {
                ranges.Add(((int)section.Offset, (int)section.Size));
            }
        }
        return ranges;
    }
}
