using P4Bpf.Ebpf.Maps;
using static P4Bpf.Ebpf.Tests.Maps.MapTestUtil;

namespace P4Bpf.Ebpf.Tests.Maps;

public sealed class FdMapTests
{
    private sealed record FakeProgram(uint Id) : IHasObjectId;

    [Fact]
    public void Prog_array_holds_programs_for_tail_calls()
    {
        using var map = (ProgArrayMap)Create(MapType.ProgArray, 4, 4, 4);
        var prog = new FakeProgram(77);
        map.SetProgram(1, prog).Should().Be(0);
        map.SetProgram(4, prog).Should().Be(-Errno.E2BIG);
        map.SetProgram(1, prog, UpdateFlags.NoExist).Should().Be(-Errno.EINVAL);
        map.GetProgram(1).Should().BeSameAs(prog);
        map.GetProgram(2).Should().BeNull();
        map.GetProgram(99).Should().BeNull();
        map.Count.Should().Be(1);
        var value = new byte[4];
        map.LookupElem(U32(1), value).Should().Be(0);
        ReadU32(value).Should().Be(77);
        map.Update(U32(1), U32(3)).Should().Be(-Errno.EOPNOTSUPP);
        map.Delete(U32(1)).Should().Be(0);
        map.Delete(U32(1)).Should().Be(-Errno.ENOENT);
        map.Delete(U32(9)).Should().Be(-Errno.E2BIG);
        unsafe
        {
            uint k = 1;
            (map.Lookup((byte*)&k, 0) == null).Should().BeTrue();
        }
    }

    [Theory]
    [InlineData(MapType.ArrayOfMaps)]
    [InlineData(MapType.HashOfMaps)]
    public unsafe void Map_in_map_returns_the_inner_map_handle(MapType type)
    {
        var template = new MapDefinition(MapType.Hash, 4, 8, 16);
        using var outer = (MapOfMaps)Create(type, 4, 4, 4, inner: template);
        using var inner = Create(MapType.Hash, 4, 8, 16);
        using var wrongSize = Create(MapType.Hash, 4, 8, 32);
        using var wrongType = Create(MapType.Array, 4, 8, 16);
        outer.SetMap(U32(2), inner).Should().Be(0);
        outer.SetMap(U32(3), wrongSize).Should().Be(-Errno.EINVAL);
        outer.SetMap(U32(3), wrongType).Should().Be(-Errno.EINVAL);
        outer.GetMap(U32(2)).Should().BeSameAs(inner);
        outer.Count.Should().Be(1);
        inner.Update(U32(5), U64(55)).Should().Be(0);
        uint key = 2;
        byte* handle = outer.Lookup((byte*)&key, 0);
        var resolved = BpfMap.FromHandle((nint)handle);
        resolved.Should().BeSameAs(inner);
        LookupU64(resolved!, U32(5)).Should().Be(55);
        var id = new byte[4];
        outer.LookupElem(U32(2), id).Should().Be(0);
        ReadU32(id).Should().Be(inner.Id);
        outer.Keys().Select(k => ReadU32(k)).Should().Contain(2u);
        outer.Delete(U32(2)).Should().Be(0);
        outer.GetMap(U32(2)).Should().BeNull();
        outer.Delete(U32(2)).Should().Be(-Errno.ENOENT);
    }

    [Fact]
    public void Inner_map_flag_relaxes_max_entries()
    {
        var template = new MapDefinition(MapType.Array, 4, 4, 1, MapFlags.InnerMap);
        using var outer = (MapOfMaps)Create(MapType.ArrayOfMaps, 4, 4, 2, inner: template);
        using var bigger = Create(MapType.Array, 4, 4, 100, MapFlags.InnerMap);
        outer.SetMap(U32(0), bigger).Should().Be(0);
        outer.SetMap(U32(2), bigger).Should().Be(-Errno.E2BIG);
    }

    [Fact]
    public void Devmap_stores_redirect_targets()
    {
        using var devmap = (DevMap)Create(MapType.Devmap, 4, 4, 8);
        devmap.TryGetTarget(3, out _).Should().BeFalse();
        devmap.SetTarget(3, 12).Should().Be(0);
        devmap.TryGetTarget(3, out uint ifindex).Should().BeTrue();
        ifindex.Should().Be(12);
        devmap.Update(U32(8), U32(1)).Should().Be(-Errno.E2BIG);
        devmap.Update(U32(3), U32(1), UpdateFlags.NoExist).Should().Be(-Errno.EEXIST);
        devmap.Lookup(U32(3)).Should().Equal(U32(12));
        devmap.Update(U32(3), U32(0)).Should().Be(0);
        devmap.Lookup(U32(3)).Should().BeNull();
        devmap.Delete(U32(3)).Should().Be(0);
        devmap.Delete(U32(8)).Should().Be(-Errno.EINVAL);

        using var devhash = (DevMap)Create(MapType.DevmapHash, 4, 8, 2);
        devhash.Update(U32(100), [.. U32(5), .. U32(0)]).Should().Be(0);
        devhash.Update(U32(100), [.. U32(6), .. U32(0)], UpdateFlags.NoExist).Should().Be(-Errno.EEXIST);
        devhash.Update(U32(101), U64(0)).Should().Be(-Errno.EINVAL);
        devhash.TryGetTarget(100, out ifindex).Should().BeTrue();
        ifindex.Should().Be(5);
        devhash.Delete(U32(100)).Should().Be(0);
        devhash.Delete(U32(100)).Should().Be(-Errno.ENOENT);
    }

    [Fact]
    public unsafe void Perf_event_array_queues_records_per_slot()
    {
        using var perf = (PerfEventArrayMap)Create(MapType.PerfEventArray, 4, 4, 2);
        ulong data = 0x1122334455667788;
        perf.Output(PerfEventArrayMap.CurrentCpu, (byte*)&data, 8, cpu: 1).Should().Be(-Errno.ENOENT);
        perf.Open(1, pages: 1).Should().Be(0);
        perf.Output(PerfEventArrayMap.CurrentCpu, (byte*)&data, 8, cpu: 1).Should().Be(0);
        perf.Output(1, (byte*)&data, 4, cpu: 0).Should().Be(0);
        perf.Output(2, (byte*)&data, 4, cpu: 0).Should().Be(-Errno.E2BIG);
        perf.Output(1UL << 40, (byte*)&data, 4, cpu: 0).Should().Be(-Errno.EINVAL);
        var records = perf.DrainAll();
        records.Select(r => r.Index).Should().Equal(1u, 1u);
        records[0].Record.Should().Equal(MapTestUtil.U64(data));
        records[1].Record.Should().HaveCount(4);
        var big = new byte[3000];
        fixed (byte* p = big)
        {
            perf.Output(1, p, 3000, 0).Should().Be(0);
            perf.Output(1, p, 3000, 0).Should().Be(-Errno.ENOSPC);
        }
        perf.Lost(1).Should().Be(1);
        perf.Close(1).Should().Be(0);
        perf.Close(1).Should().Be(-Errno.ENOENT);
    }
}
