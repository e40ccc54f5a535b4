using P4Bpf.Ebpf.Maps;
using static P4Bpf.Ebpf.Tests.Maps.MapTestUtil;

namespace P4Bpf.Ebpf.Tests.Maps;

public sealed class QueueStackMapTests
{
    private static unsafe int Push(BpfMap map, uint v, ulong flags = UpdateFlags.Any) => map.Push((byte*)&v, flags, 0);

    private static unsafe uint? Pop(BpfMap map)
    {
        uint v;
        return map.Pop((byte*)&v, 0) == 0 ? v : null;
    }

    [Fact]
    public void Queue_is_fifo_and_stack_is_lifo()
    {
        using var queue = Create(MapType.Queue, 0, 4, 3);
        using var stack = Create(MapType.Stack, 0, 4, 3);
        foreach (var map in new[] { queue, stack })
        {
            Push(map, 1).Should().Be(0);
            Push(map, 2).Should().Be(0);
            Push(map, 3).Should().Be(0);
            Push(map, 4).Should().Be(-Errno.E2BIG);
            map.Count.Should().Be(3);
        }
        new[] { Pop(queue), Pop(queue), Pop(queue), Pop(queue) }.Should().Equal(1u, 2u, 3u, null);
        new[] { Pop(stack), Pop(stack), Pop(stack), Pop(stack) }.Should().Equal(3u, 2u, 1u, null);
    }

    [Fact]
    public void Exist_flag_overwrites_the_oldest_when_full()
    {
        using var queue = Create(MapType.Queue, 0, 4, 2);
        using var stack = Create(MapType.Stack, 0, 4, 2);
        foreach (var map in new[] { queue, stack })
        {
            Push(map, 1).Should().Be(0);
            Push(map, 2).Should().Be(0);
            Push(map, 3, UpdateFlags.Exist).Should().Be(0);
            Push(map, 4, UpdateFlags.NoExist).Should().Be(-Errno.EINVAL);
            Push(map, 4, 7).Should().Be(-Errno.EINVAL);
        }
        new[] { Pop(queue), Pop(queue) }.Should().Equal(2u, 3u);
        new[] { Pop(stack), Pop(stack) }.Should().Equal(3u, 2u);
    }

    [Fact]
    public void Control_plane_maps_to_push_peek_pop()
    {
        using var queue = Create(MapType.Queue, 0, 4, 4);
        queue.Update([], U32(7)).Should().Be(0);
        queue.Update([], U32(8)).Should().Be(0);
        var value = new byte[4];
        queue.LookupElem([], value).Should().Be(0);
        ReadU32(value).Should().Be(7);
        queue.LookupAndDelete([], value).Should().Be(0);
        ReadU32(value).Should().Be(7);
        queue.Delete([]).Should().Be(-Errno.EINVAL);
        queue.GetNextKey([], []).Should().Be(-Errno.EINVAL);
        queue.Clear();
        queue.LookupElem([], value).Should().Be(-Errno.ENOENT);
    }
}
