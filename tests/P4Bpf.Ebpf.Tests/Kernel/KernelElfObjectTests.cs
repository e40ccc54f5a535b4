using System.Buffers.Binary;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Kernel;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Tests.Elf;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Kernel;

/// <summary>The ELF test objects (every map kind a pipeline uses, legacy maps, pinning attributes, several program types), as clang wrote
/// them and as our ElfWriter re-writes them, load through <see cref="KernelLoader"/> with the kernel agreeing on every map definition.</summary>
public sealed class KernelElfObjectTests
{
    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var file in Directory.GetFiles(ClangObjects.SourceDir, "*.c").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file), false);
            data.Add(Path.GetFileNameWithoutExtension(file), true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LoadsWithMatchingMaps(string name, bool rewrittenByElfWriter)
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var spec = ElfReader.ReadFile(ClangObjects.ObjectPath(name));
        if (rewrittenByElfWriter)
        {
            spec = ElfReader.Read(ElfWriter.Write(spec));
        }
        var pinDir = "/sys/fs/bpf/p4bpf-kernel-elf-" + Guid.NewGuid().ToString("N")[..12];
        using (var loaded = KernelLoader.Load(spec, new KernelLoaderOptions(name) { PinDirectory = pinDir }))
        {
            loaded.Notes.Should().BeEmpty();
            loaded.Programs.Select(p => p.Name).Should().Equal(spec.Programs.Select(p => p.Name));
            loaded.Programs.Should().OnlyContain(p => p.Info.Type == p.Type && p.Info.VerifiedInstructions > 0);
            foreach (var (mapSpec, map) in spec.Maps.Zip(loaded.Maps))
            {
                var info = map.QueryInfo();
                (info.Type, info.KeySize, info.ValueSize, info.MaxEntries, info.Flags).Should()
                    .Be((mapSpec.Type, mapSpec.KeySize, mapSpec.ValueSize, mapSpec.MaxEntries, mapSpec.Flags), mapSpec.Name);
                info.Name.Should().Be(mapSpec.KernelName(name));
                if (mapSpec.Value is not null && mapSpec.Type is MapType.Hash or MapType.Array or MapType.LpmTrie or MapType.PercpuHash or MapType.LruHash)
                {
                    info.BtfValueTypeId.Should().NotBe(0u, $"map {mapSpec.Name} carries its value type");
                }
                File.Exists(Path.Combine(pinDir, mapSpec.KernelName(name))).Should().Be(mapSpec.Pinning == MapPinning.ByName, mapSpec.Name);
            }
            foreach (var mapSpec in spec.Maps.Where(m => m.Slots.Length > 0 && m.IsMapInMap))
            {
                var outer = loaded.GetMap(mapSpec.Name);
                foreach (var slot in mapSpec.Slots)
                {
                    var key = new byte[4];
                    BinaryPrimitives.WriteUInt32LittleEndian(key, slot.Index);
                    BinaryPrimitives.ReadUInt32LittleEndian(outer.Lookup(key)).Should().Be(loaded.GetMap(slot.Target).Id,
                        $"{mapSpec.Name}[{slot.Index}] holds {slot.Target} (a map-in-map lookup from user space reads the inner map's id)");
                }
            }
        }
        Directory.Exists(pinDir).Should().BeFalse("the object removes its pins and the pin directory it created");
    }
}
