using P4Bpf.Ebpf.Maps;
using static P4Bpf.Ebpf.Tests.Maps.MapTestUtil;

namespace P4Bpf.Ebpf.Tests.Maps;

public sealed class HashMapTests
{
    [Fact]
    public void Update_flags_follow_the_kernel()
    {
        using var map = Create(MapType.Hash, 4, 8, 4);
        map.Update(U32(1), U64(10), UpdateFlags.Exist).Should().Be(-Errno.ENOENT);
        map.Update(U32(1), U64(10), UpdateFlags.NoExist).Should().Be(0);
        map.Update(U32(1), U64(11), UpdateFlags.NoExist).Should().Be(-Errno.EEXIST);
        map.Update(U32(1), U64(12), UpdateFlags.Exist).Should().Be(0);
        map.Update(U32(1), U64(13), 3).Should().Be(-Errno.EINVAL);
        map.Update(U32(1), U64(13), UpdateFlags.Lock).Should().Be(-Errno.EINVAL);
        LookupU64(map, U32(1)).Should().Be(12);
        map.Count.Should().Be(1);
        map.Delete(U32(1)).Should().Be(0);
        map.Delete(U32(1)).Should().Be(-Errno.ENOENT);
        map.Lookup(U32(1)).Should().BeNull();
        map.Count.Should().Be(0);
    }

    [Fact]
    public void Full_map_rejects_new_keys_but_replaces_existing_ones()
    {
        using var map = Create(MapType.Hash, 4, 8, 3);
        for (uint i = 0; i < 3; i++)
        {
            map.Update(U32(i), U64(i)).Should().Be(0);
        }
        map.Update(U32(3), U64(3)).Should().Be(-Errno.E2BIG);
        for (int round = 0; round < 500; round++)
        {
            map.Update(U32(1), U64((ulong)round)).Should().Be(0);
        }
        LookupU64(map, U32(1)).Should().Be(499);
        map.Delete(U32(0)).Should().Be(0);
        map.Update(U32(3), U64(3)).Should().Be(0);
        map.Count.Should().Be(3);
    }

    [Fact]
    public void Iteration_is_complete_and_starts_over_for_a_missing_key()
    {
        using var map = Create(MapType.Hash, 8, 4, 1000, MapFlags.NoPrealloc);
        for (uint i = 0; i < 1000; i++)
        {
            map.Update(U64(i * 7919UL), U32(i)).Should().Be(0);
        }
        var keys = map.Keys().Select(k => ReadU64(k)).ToList();
        keys.Should().HaveCount(1000).And.OnlyHaveUniqueItems();
        keys.Should().BeEquivalentTo(Enumerable.Range(0, 1000).Select(i => (ulong)i * 7919UL));
        var first = new byte[8];
        map.GetNextKey(default, first).Should().Be(0);
        var next = new byte[8];
        map.GetNextKey(U64(123456789), next).Should().Be(0);
        next.Should().Equal(first);
        map.GetNextKey(U64(keys[^1]), next).Should().Be(-Errno.ENOENT);
        map.Entries().Select(e => ReadU32(e.Value)).Should().BeEquivalentTo(Enumerable.Range(0, 1000).Select(i => (uint)i));
        map.Clear();
        map.Count.Should().Be(0);
        map.GetNextKey(default, next).Should().Be(-Errno.ENOENT);
        map.Update(U64(5), U32(5)).Should().Be(0);
        map.Keys().Should().HaveCount(1);
    }

    [Fact]
    public void Zero_seed_uses_the_kernels_jhash_buckets()
    {
        using var map = (HashMap)Create(MapType.Hash, 4, 4, 100, MapFlags.ZeroSeed);
        map.BucketCount.Should().Be(128);
        // Bucket order with seed 0 is checked against the kernel in KernelDifferentialTests.
        map.Update(U32(1), U32(1)).Should().Be(0);
        map.Keys().Should().ContainSingle();
    }

    [Fact]
    public void Value_pointer_stays_readable_after_delete()
    {
        using var map = Create(MapType.Hash, 4, 8, 16);
        map.Update(U32(9), U64(99)).Should().Be(0);
        unsafe
        {
            var key = U32(9);
            fixed (byte* k = key)
            {
                byte* v = map.Lookup(k, 0);
                map.Delete(U32(9)).Should().Be(0);
                (*(ulong*)v).Should().Be(99);
                (map.Lookup(k, 0) == null).Should().BeTrue();
            }
        }
    }

    [Fact]
    public void Lookup_and_delete_is_atomic_pop()
    {
        using var map = Create(MapType.Hash, 4, 8, 16);
        map.Update(U32(2), U64(20)).Should().Be(0);
        var value = new byte[8];
        map.LookupAndDelete(U32(2), value).Should().Be(0);
        ReadU64(value).Should().Be(20);
        map.LookupAndDelete(U32(2), value).Should().Be(-Errno.ENOENT);
    }

    [Fact]
    public void Per_cpu_hash_updates_one_cpu_from_programs_and_all_from_the_control_plane()
    {
        using var map = Create(MapType.PercpuHash, 4, 4, 8, cpus: 2);
        UpdateDataPath(map, U32(1), U32(5), cpu: 1).Should().Be(0);
        map.LookupPerCpu(U32(1))!.Select(v => ReadU32(v)).Should().Equal(0u, 5u);
        UpdateDataPath(map, U32(1), U32(6), cpu: 0).Should().Be(0);
        map.LookupPerCpu(U32(1))!.Select(v => ReadU32(v)).Should().Equal(6u, 5u);
        map.UpdatePerCpu(U32(1), [U32(7), U32(8)]).Should().Be(0);
        map.LookupPerCpu(U32(1))!.Select(v => ReadU32(v)).Should().Equal(7u, 8u);
        UpdateDataPath(map, U32(1), U32(6), cpu: 2).Should().Be(-Errno.EINVAL);
    }

    [Fact]
    public void Long_and_odd_keys_work()
    {
        using var map = Create(MapType.Hash, 13, 3, 64);
        var rnd = new Random(1);
        var keys = Enumerable.Range(0, 64).Select(_ => { var k = new byte[13]; rnd.NextBytes(k); return k; }).ToList();
        foreach (var (k, i) in keys.Select((k, i) => (k, i)))
        {
            map.Update(k, [(byte)i, 1, 2]).Should().Be(0);
        }
        foreach (var (k, i) in keys.Select((k, i) => (k, i)))
        {
            map.Lookup(k).Should().Equal((byte)i, 1, 2);
        }
    }
}
