using P4Bpf.Ebpf.Maps;

namespace P4Bpf.Ebpf.Tests.Maps;

public sealed class MapCreateTests
{
    public static TheoryData<string, MapDefinition, int> Invalid => new()
    {
        { "array key 8", new(MapType.Array, 8, 4, 10), -Errno.EINVAL },
        { "array value 0", new(MapType.Array, 4, 0, 10), -Errno.EINVAL },
        { "array 0 entries", new(MapType.Array, 4, 4, 0), -Errno.EINVAL },
        { "array no_prealloc", new(MapType.Array, 4, 4, 10, MapFlags.NoPrealloc), -Errno.EINVAL },
        { "array huge value", new(MapType.Array, 4, 5u << 20, 1), -Errno.E2BIG },
        { "percpu array mmapable", new(MapType.PercpuArray, 4, 8, 1, MapFlags.Mmapable), -Errno.EINVAL },
        { "percpu array value 40K", new(MapType.PercpuArray, 4, 40_000, 1), -Errno.E2BIG },
        { "hash key 0", new(MapType.Hash, 0, 4, 10), -Errno.EINVAL },
        { "hash key 513", new(MapType.Hash, 513, 4, 10), -Errno.E2BIG },
        { "hash common lru flag", new(MapType.Hash, 4, 4, 10, MapFlags.NoCommonLru), -Errno.EINVAL },
        { "hash mmapable", new(MapType.Hash, 4, 4, 10, MapFlags.Mmapable), -Errno.EINVAL },
        { "lru no_prealloc", new(MapType.LruHash, 4, 4, 10, MapFlags.NoPrealloc), -Errno.ENOTSUPP },
        { "both prog access flags", new(MapType.Hash, 4, 4, 10, MapFlags.RdonlyProg | MapFlags.WronlyProg), -Errno.EINVAL },
        { "lpm without no_prealloc", new(MapType.LpmTrie, 8, 4, 10), -Errno.EINVAL },
        { "lpm key 4", new(MapType.LpmTrie, 4, 4, 10, MapFlags.NoPrealloc), -Errno.EINVAL },
        { "lpm key 261", new(MapType.LpmTrie, 261, 4, 10, MapFlags.NoPrealloc), -Errno.EINVAL },
        { "lpm value 0", new(MapType.LpmTrie, 8, 0, 10, MapFlags.NoPrealloc), -Errno.EINVAL },
        { "queue key 4", new(MapType.Queue, 4, 4, 10), -Errno.EINVAL },
        { "stack value 0", new(MapType.Stack, 0, 0, 10), -Errno.EINVAL },
        { "ringbuf not pow2", new(MapType.Ringbuf, 0, 0, 3 * 4096), -Errno.EINVAL },
        { "ringbuf not page multiple", new(MapType.Ringbuf, 0, 0, 1024), -Errno.EINVAL },
        { "ringbuf value", new(MapType.Ringbuf, 0, 4, 4096), -Errno.EINVAL },
        { "prog array value 8", new(MapType.ProgArray, 4, 8, 4), -Errno.EINVAL },
        { "prog array rdonly_prog", new(MapType.ProgArray, 4, 4, 4, MapFlags.RdonlyProg), -Errno.EINVAL },
        { "array of maps without inner", new(MapType.ArrayOfMaps, 4, 4, 4), -Errno.EBADF },
        { "hash of maps nested", new(MapType.HashOfMaps, 4, 4, 4, InnerMap: new(MapType.ArrayOfMaps, 4, 4, 4, InnerMap: new(MapType.Array, 4, 4, 1))), -Errno.EINVAL },
        { "devmap value 6", new(MapType.Devmap, 4, 6, 4), -Errno.EINVAL },
        { "bad name", new(MapType.Array, 4, 4, 1, Name: "a-b"), -Errno.EINVAL },
        { "unsupported type", new(MapType.Sockmap, 4, 4, 1), -Errno.EINVAL },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_like_the_kernel(string what, MapDefinition definition, int errno)
    {
        var result = BpfMap.Create(definition, 2);
        result.Succeeded.Should().BeFalse(what);
        result.Error!.Errno.Should().Be(errno, $"{what}: {result.Error}");
        result.Error.Message.Should().NotBeEmpty();
        var act = () => result.Unwrap();
        act.Should().Throw<MapCreateException>().Which.Error.Should().Be(result.Error);
    }

    public static TheoryData<MapDefinition, Type> Valid => new()
    {
        { new(MapType.Array, 4, 3, 10, MapFlags.RdonlyProg), typeof(ArrayMap) },
        { new(MapType.PercpuArray, 4, 8, 10), typeof(ArrayMap) },
        { new(MapType.Hash, 16, 64, 100, MapFlags.NoPrealloc), typeof(HashMap) },
        { new(MapType.LruPercpuHash, 4, 8, 100, MapFlags.NoCommonLru), typeof(HashMap) },
        { new(MapType.LpmTrie, 20, 8, 100, MapFlags.NoPrealloc), typeof(LpmTrieMap) },
        { new(MapType.ProgArray, 4, 4, 8), typeof(ProgArrayMap) },
        { new(MapType.ArrayOfMaps, 4, 4, 8, InnerMap: new(MapType.Hash, 4, 4, 8)), typeof(MapOfMaps) },
        { new(MapType.Queue, 0, 12, 8), typeof(QueueStackMap) },
        { new(MapType.Ringbuf, 0, 0, 8192), typeof(RingBufMap) },
        { new(MapType.DevmapHash, 4, 8, 8), typeof(DevMap) },
        { new(MapType.PerfEventArray, 4, 4, 2), typeof(PerfEventArrayMap) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Creates_each_supported_type(MapDefinition definition, Type expected)
    {
        using var map = BpfMap.Create(definition, 2).Unwrap();
        map.Should().BeOfType(expected);
        map.Type.Should().Be(definition.Type);
        map.KeySize.Should().Be((int)definition.KeySize);
        map.ValueSize.Should().Be((int)definition.ValueSize);
        map.PossibleCpus.Should().Be(2);
        BpfMap.FromHandle(map.Handle).Should().BeSameAs(map);
    }

    [Fact]
    public void Records_program_access_flags_and_rounds_per_cpu_lru()
    {
        using var ro = MapTestUtil.Create(MapType.Array, 4, 4, 1, MapFlags.RdonlyProg);
        ro.ReadOnlyForPrograms.Should().BeTrue();
        ro.WriteOnlyForPrograms.Should().BeFalse();
        using var lru = MapTestUtil.Create(MapType.LruHash, 4, 4, 5, MapFlags.NoCommonLru, cpus: 4);
        lru.MaxEntries.Should().Be(8);
    }

    [Fact]
    public void Handle_of_a_disposed_map_resolves_to_nothing()
    {
        var map = MapTestUtil.Create(MapType.Array, 4, 4, 1);
        BpfMap.FromHandle(map.Handle).Should().BeSameAs(map);
        map.Dispose();
        map.Handle.Should().Be(0);
        BpfMap.FromHandle(0).Should().BeNull();
    }
}
