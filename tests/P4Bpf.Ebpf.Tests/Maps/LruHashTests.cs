using P4Bpf.Ebpf.Maps;
using static P4Bpf.Ebpf.Tests.Maps.MapTestUtil;

namespace P4Bpf.Ebpf.Tests.Maps;

public sealed class LruHashTests
{
    [Fact]
    public void Full_lru_evicts_instead_of_failing()
    {
        using var map = (HashMap)Create(MapType.LruHash, 4, 8, 100);
        for (uint i = 0; i < 1000; i++)
        {
            map.Update(U32(i), U64(i)).Should().Be(0);
            map.Count.Should().BeLessThanOrEqualTo(100);
        }
        map.Count.Should().Be(100);
        map.Evictions.Should().Be(900);
        map.Keys().Should().HaveCount(100);
    }

    [Fact]
    public void Recently_used_entries_survive_eviction()
    {
        using var map = (HashMap)Create(MapType.LruHash, 4, 8, 64);
        for (uint i = 0; i < 64; i++)
        {
            map.Update(U32(i), U64(i)).Should().Be(0);
        }
        // The hot set is looked up between every insertion of a cold key.
        for (uint i = 1000; i < 1200; i++)
        {
            for (uint hot = 0; hot < 8; hot++)
            {
                LookupU64(map, U32(hot)).Should().Be(hot, "hot key {0} must stay", hot);
            }
            map.Update(U32(i), U64(i)).Should().Be(0);
        }
        map.Count.Should().Be(64);
    }

    [Fact]
    public void Lru_flags_and_per_cpu_variant()
    {
        using var map = Create(MapType.LruPercpuHash, 4, 4, 4, cpus: 2);
        map.Update(U32(1), new byte[16], UpdateFlags.Exist).Should().Be(-Errno.ENOENT);
        UpdateDataPath(map, U32(1), U32(3), cpu: 1).Should().Be(0);
        UpdateDataPath(map, U32(1), U32(3), UpdateFlags.NoExist, cpu: 1).Should().Be(-Errno.EEXIST);
        map.LookupPerCpu(U32(1))!.Select(v => ReadU32(v)).Should().Equal(0u, 3u);
        for (uint i = 2; i < 20; i++)
        {
            UpdateDataPath(map, U32(i), U32(i), cpu: 0).Should().Be(0);
        }
        map.Count.Should().Be(4);
    }
}
