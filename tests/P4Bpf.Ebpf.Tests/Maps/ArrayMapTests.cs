using P4Bpf.Ebpf.Maps;
using static P4Bpf.Ebpf.Tests.Maps.MapTestUtil;

namespace P4Bpf.Ebpf.Tests.Maps;

public sealed class ArrayMapTests
{
    [Fact]
    public void Values_start_zeroed_and_update_in_place()
    {
        using var map = Create(MapType.Array, 4, 8, 4);
        map.Count.Should().Be(4);
        LookupU64(map, U32(3)).Should().Be(0);
        map.Update(U32(3), U64(42)).Should().Be(0);
        LookupU64(map, U32(3)).Should().Be(42);
        map.Lookup(U32(3)).Should().Equal(U64(42));
        UpdateDataPath(map, U32(3), U64(7), UpdateFlags.Exist).Should().Be(0);
        LookupU64(map, U32(3)).Should().Be(7);
    }

    [Fact]
    public void Errnos_match_the_kernel()
    {
        using var map = Create(MapType.Array, 4, 8, 4);
        LookupU64(map, U32(4)).Should().BeNull();
        map.Lookup(U32(4)).Should().BeNull();
        map.LookupElem(U32(4), new byte[8]).Should().Be(-Errno.ENOENT);
        map.Update(U32(4), U64(1)).Should().Be(-Errno.E2BIG);
        map.Update(U32(1), U64(1), UpdateFlags.NoExist).Should().Be(-Errno.EEXIST);
        map.Update(U32(1), U64(1), 3).Should().Be(-Errno.EINVAL);
        map.Update(U32(1), U64(1), UpdateFlags.Lock).Should().Be(-Errno.EINVAL);
        map.Delete(U32(1)).Should().Be(-Errno.EINVAL);
        DeleteDataPath(map, U32(1)).Should().Be(-Errno.EINVAL);
        map.Update(new byte[3], U64(1)).Should().Be(-Errno.EINVAL);
        map.Update(U32(1), new byte[2]).Should().Be(-Errno.EINVAL);
    }

    [Fact]
    public void Get_next_key_walks_indices()
    {
        using var map = Create(MapType.Array, 4, 8, 3);
        var next = new byte[4];
        map.GetNextKey(default, next).Should().Be(0);
        ReadU32(next).Should().Be(0);
        map.GetNextKey(U32(1), next).Should().Be(0);
        ReadU32(next).Should().Be(2);
        map.GetNextKey(U32(2), next).Should().Be(-Errno.ENOENT);
        map.GetNextKey(U32(99), next).Should().Be(0);
        ReadU32(next).Should().Be(0);
        map.Keys().Select(k => ReadU32(k)).Should().Equal(0u, 1u, 2u);
        map.Entries().Should().HaveCount(3);
    }

    [Fact]
    public void Odd_value_sizes_are_8_byte_aligned()
    {
        using var map = Create(MapType.Array, 4, 3, 4);
        unsafe
        {
            var k0 = U32(0);
            var k1 = U32(1);
            fixed (byte* a = k0)
            fixed (byte* b = k1)
            {
                ((nint)map.Lookup(a, 0) % 8).Should().Be(0);
                ((nint)map.Lookup(b, 0) - (nint)map.Lookup(a, 0)).Should().Be(8);
            }
        }
        map.Update(U32(2), new byte[] { 1, 2, 3 }).Should().Be(0);
        map.Lookup(U32(2)).Should().Equal(1, 2, 3);
        map.Clear();
        map.Lookup(U32(2)).Should().Equal(0, 0, 0);
    }

    [Fact]
    public void Per_cpu_array_keeps_one_slot_per_cpu()
    {
        using var map = Create(MapType.PercpuArray, 4, 4, 2, cpus: 3);
        map.ControlValueSize.Should().Be(3 * 8);
        UpdateDataPath(map, U32(1), U32(10), cpu: 0).Should().Be(0);
        UpdateDataPath(map, U32(1), U32(12), cpu: 2).Should().Be(0);
        map.LookupPerCpu(U32(1))!.Select(v => ReadU32(v)).Should().Equal(10u, 0u, 12u);
        map.UpdatePerCpu(U32(0), [U32(1), U32(2), U32(3)]).Should().Be(0);
        unsafe
        {
            var key = U32(0);
            fixed (byte* k = key)
            {
                (*(uint*)map.Lookup(k, 1)).Should().Be(2);
                (map.Lookup(k, 3) == null).Should().BeTrue("CPU 3 does not exist");
            }
        }
        map.UpdatePerCpu(U32(0), [U32(1)]).Should().Be(-Errno.EINVAL);
    }
}
