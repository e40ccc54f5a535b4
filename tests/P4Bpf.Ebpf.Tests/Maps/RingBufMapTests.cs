using System.Buffers.Binary;
using P4Bpf.Ebpf.Maps;

namespace P4Bpf.Ebpf.Tests.Maps;

public sealed unsafe class RingBufMapTests
{
    private static RingBufMap NewRing(uint size = 4096) => (RingBufMap)MapTestUtil.Create(MapType.Ringbuf, 0, 0, size);

    [Fact]
    public void Reserve_submit_discard_output_and_drain_in_order()
    {
        using var rb = NewRing();
        byte* a = rb.Reserve(5, 0);
        byte* b = rb.Reserve(3, 0);
        (a != null && b != null).Should().BeTrue();
        (b - a).Should().Be(16, "records are 8-byte headers plus 8-byte-aligned samples");
        BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(a - 8, 4)).Should().Be(5u | RecordRing.BusyBit);
        new Span<byte>(a, 5).Fill(0xaa);
        new Span<byte>(b, 3).Fill(0xbb);
        rb.Submit(b, 0);
        rb.DrainAll().Should().BeEmpty("the first record is still busy");
        rb.Discard(a, RingbufFlags.NoWakeup);
        BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(a - 8, 4)).Should().Be(5u | RecordRing.DiscardBit);
        byte[] payload = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        fixed (byte* p = payload)
        {
            rb.Output(p, 9, RingbufFlags.ForceWakeup).Should().Be(0);
            rb.Output(p, 9, 4).Should().Be(-Errno.EINVAL);
        }
        rb.Query(RingbufFlags.QueryAvailData).Should().Be(16 + 16 + 24);
        rb.Query(RingbufFlags.QueryRingSize).Should().Be(4096);
        var records = rb.DrainAll();
        records.Should().HaveCount(2);
        records[0].Should().Equal(0xbb, 0xbb, 0xbb);
        records[1].Should().Equal(payload);
        rb.Query(RingbufFlags.QueryConsPos).Should().Be(rb.Query(RingbufFlags.QueryProdPos));
        rb.Wakeups.Should().Be(2);
        (rb.Reserve(1, 1) == null).Should().BeTrue("reserve takes no flags");
    }

    [Fact]
    public void Full_ring_refuses_and_records_wrap_intact()
    {
        using var rb = NewRing();
        var payload = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        int produced = 0;
        var seen = new List<byte[]>();
        for (int round = 0; round < 50; round++)
        {
            fixed (byte* p = payload)
            {
                while (rb.Output(p, (ulong)payload.Length, 0) == 0)
                {
                    produced++;
                }
                rb.Output(p, (ulong)payload.Length, 0).Should().Be(-Errno.EAGAIN);
            }
            seen.AddRange(rb.DrainAll());
        }
        seen.Should().HaveCount(produced);
        seen.Should().AllSatisfy(r => r.Should().Equal(payload));
        ((ulong)rb.Query(RingbufFlags.QueryProdPos)).Should().BeGreaterThan(4096 * 10);
        (rb.Reserve(4096, 0) == null).Should().BeTrue("a record must fit with its header");
    }

    [Fact]
    public void Concurrent_producers_deliver_every_record_once()
    {
        using var rb = NewRing(1 << 16);
        const int perThread = 5000;
        var seen = new HashSet<(int, int)>();
        var producers = Enumerable.Range(0, 3).Select(t => new Thread(() =>
        {
            for (int i = 0; i < perThread; i++)
            {
                long v = ((long)t << 32) | (uint)i;
                while (rb.Output((byte*)&v, 8, 0) != 0)
                {
                    Thread.Yield();
                }
            }
        })).ToArray();
        foreach (var p in producers)
        {
            p.Start();
        }
        while (producers.Any(p => p.IsAlive) || rb.AvailableData > 0)
        {
            rb.Drain(r =>
            {
                long v = BinaryPrimitives.ReadInt64LittleEndian(r);
                seen.Add(((int)(v >> 32), (int)v)).Should().BeTrue();
            });
        }
        foreach (var p in producers)
        {
            p.Join();
        }
        seen.Should().HaveCount(3 * perThread);
    }
}
