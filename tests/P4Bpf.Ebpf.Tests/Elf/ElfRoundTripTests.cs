using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Tests.Objects;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Elf;

/// <summary>Every clang-compiled test object: read → write → read gives an equal spec, and the written object loads into the kernel.</summary>
public sealed class ElfRoundTripTests
{
    public static TheoryData<string> Names() => ClangObjects.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void Read_write_read_gives_an_equal_spec(string name)
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        var spec = ElfReader.ReadFile(ClangObjects.ObjectPath(name));
        var written = ElfWriter.Write(spec);
        var again = ElfReader.Read(written);
        SpecText.Format(again).Should().Be(SpecText.Format(spec));
        again.Should().Be(spec);
        ElfWriter.Write(again).Should().Equal(written, "writing is deterministic");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Written_object_loads_into_the_kernel(string name)
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var spec = ElfReader.ReadFile(ClangObjects.ObjectPath(name));
        // Pinning by name would pin into /sys/fs/bpf itself; tests keep everything under their own pin directory.
        var unpinned = spec with { Maps = spec.Maps.Select(m => m with { Pinning = MapPinning.None }).ToEquatableArray() };
        var path = ElfWriterTests.WriteTemp(unpinned, name);
        using var kernel = KernelBpf.LoadAll(path);
        kernel.Programs.Should().BeEquivalentTo(spec.Programs.Select(p => p.Name));
        foreach (var map in spec.Maps.Where(m => !m.IsDataSection))
        {
            var shown = kernel.Map(map.Name);
            shown.GetProperty("bytes_key").GetUInt32().Should().Be(map.KeySize, map.Name);
            shown.GetProperty("bytes_value").GetUInt32().Should().Be(map.ValueSize, map.Name);
            shown.GetProperty("max_entries").GetUInt32().Should().Be(map.MaxEntries, map.Name);
            shown.GetProperty("flags").GetUInt32().Should().Be(map.Flags, map.Name);
            shown.GetProperty("type").GetString()!.Replace("_", "").Should().BeEquivalentTo(map.Type.ToString(), map.Name);
            if ((map.Key ?? map.Value) is not null && map.Type is not (MapType.ProgArray or MapType.ArrayOfMaps or MapType.HashOfMaps))
            {
                shown.TryGetProperty("btf_id", out _).Should().BeTrue($"map {map.Name} was created with the written BTF");
            }
        }
        foreach (var data in spec.DataSections)
        {
            var shown = kernel.Map(data.KernelName(name).Replace('.', '_'));
            shown.GetProperty("bytes_value").GetUInt32().Should().Be(data.ValueSize, data.Name);
        }
    }
}
