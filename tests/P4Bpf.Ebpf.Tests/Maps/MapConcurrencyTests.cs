using System.Diagnostics;
using P4Bpf.Ebpf.Maps;
using static P4Bpf.Ebpf.Tests.Maps.MapTestUtil;

namespace P4Bpf.Ebpf.Tests.Maps;

/// <summary>Several threads use a map at once for a bounded time; readers check invariants on every value they see.</summary>
public sealed unsafe class MapConcurrencyTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(400);

    /// <summary>Runs the bodies on their own threads until <see cref="Duration"/> has passed; rethrows the first failure.</summary>
    private static void RunFor(params Action<Func<bool>>[] bodies)
    {
        var stopwatch = Stopwatch.StartNew();
        Exception? failure = null;
        bool Running() => stopwatch.Elapsed < Duration && Volatile.Read(ref failure) == null;
        var threads = bodies.Select(body => new Thread(() =>
        {
            try
            {
                body(Running);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (failure != null)
        {
            throw new Xunit.Sdk.XunitException("concurrent run failed: " + failure);
        }
    }

    /// <summary>A 16-byte value whose halves are equal and name the key, so a torn or misplaced value is visible.</summary>
    private static byte[] Value(uint key, uint seq) => [.. U64(((ulong)key << 32) | seq), .. U64(((ulong)key << 32) | seq)];

    [Theory]
    [InlineData(MapType.Hash)]
    [InlineData(MapType.LruHash)]
    public void Hash_readers_never_see_torn_or_foreign_values(MapType type)
    {
        const uint keys = 64;
        using var map = Create(type, 4, 16, 128);
        var hash = (HashMap)map;
        long reads = 0;
        Action<Func<bool>> writer = running =>
        {
            var rnd = new Random(Environment.CurrentManagedThreadId);
            uint seq = 0;
            while (running())
            {
                uint key = (uint)rnd.Next((int)keys);
                if (rnd.Next(4) == 0)
                {
                    map.Delete(U32(key));
                }
                else
                {
                    UpdateDataPath(map, U32(key), Value(key, ++seq)).Should().Be(0);
                }
            }
        };
        Action<Func<bool>> dataPathReader = running =>
        {
            var rnd = new Random(7);
            while (running())
            {
                uint key = (uint)rnd.Next((int)keys);
                byte* v = map.Lookup((byte*)&key, 0);
                if (v != null)
                {
                    // The data path gets a raw pointer (as in the kernel): a reader preempted for longer than the free list
                    // lasts can find the element recycled by later updates, and then read half of each value. That is not a
                    // writer bug, so the check is the writer protocol's promise: while the element's sequence is even and
                    // unchanged across the read, the value is whole.
                    int before = hash.SequenceOf(v);
                    ulong a = Volatile.Read(ref ((ulong*)v)[0]);
                    ulong b = Volatile.Read(ref ((ulong*)v)[1]);
                    Interlocked.MemoryBarrier();
                    if ((before & 1) == 0 && hash.SequenceOf(v) == before)
                    {
                        a.Should().Be(b, "a value is never torn while its element is not rewritten");
                        Interlocked.Increment(ref reads);
                    }
                }
            }
        };
        Action<Func<bool>> controlReader = running =>
        {
            var rnd = new Random(8);
            var buffer = new byte[16];
            while (running())
            {
                uint key = (uint)rnd.Next((int)keys);
                if (map.TryLookup(U32(key), buffer))
                {
                    ReadU64(buffer).Should().Be(ReadU64(buffer.AsSpan(8)), "a control-plane read is never torn");
                    (ReadU64(buffer) >> 32).Should().Be(key, "the value belongs to the key");
                }
                // A walk restarts when its current key is deleted (as in the kernel), so only validity is checked.
                map.Keys().Take(256).Should().OnlyContain(k => ReadU32(k) < keys);
            }
        };
        RunFor(writer, writer, dataPathReader, controlReader);
        Interlocked.Read(ref reads).Should().BePositive();
        map.Count.Should().BeLessThanOrEqualTo(type == MapType.LruHash ? 128 : (int)keys);
        map.Keys().Count().Should().Be(map.Count);
        foreach (var entry in map.Entries())
        {
            (ReadU64(entry.Value) >> 32).Should().Be(ReadU32(entry.Key));
        }
    }

    [Fact]
    public void Lpm_readers_always_find_a_covering_prefix()
    {
        using var map = Create(MapType.LpmTrie, 8, 8, 64, MapFlags.NoPrealloc);
        map.Update(Lpm4(8, 10, 0, 0, 0), U64(8)).Should().Be(0);
        Action<Func<bool>> writer = running =>
        {
            var rnd = new Random(Environment.CurrentManagedThreadId);
            while (running())
            {
                byte third = (byte)rnd.Next(16);
                uint len = rnd.Next(2) == 0 ? 16u : 24u;
                var key = Lpm4(len, 10, 1, len == 24 ? third : (byte)0, 0);
                if (rnd.Next(3) == 0)
                {
                    map.Delete(key);
                }
                else
                {
                    map.Update(key, U64(len)).Should().Be(0);
                }
            }
        };
        Action<Func<bool>> reader = running =>
        {
            var rnd = new Random(9);
            while (running())
            {
                var key = Lpm4(32, 10, 1, (byte)rnd.Next(20), 7);
                byte* v = map.Lookup(Pin(key), 0);
                (v != null).Should().BeTrue("10.0.0.0/8 always covers the address");
                ulong len = *(ulong*)v;
                len.Should().BeOneOf(8UL, 16UL, 24UL);
            }
        };
        RunFor(writer, writer, reader, reader);
        map.Keys().Count().Should().Be(map.Count);
    }

    private static byte* Pin(byte[] key)
    {
        // Test-only: keys are short-lived arrays; copy to a thread-static native buffer.
        if (s_keyBuffer == null)
        {
            s_keyBuffer = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc(64);
        }
        key.CopyTo(new Span<byte>(s_keyBuffer, key.Length));
        return s_keyBuffer;
    }

    [ThreadStatic]
    private static byte* s_keyBuffer;

    [Fact]
    public void Per_cpu_counters_lose_no_increments()
    {
        const int cpus = 3;
        using var map = Create(MapType.PercpuArray, 4, 8, 4, cpus: cpus);
        var counts = new long[cpus];
        var bodies = Enumerable.Range(0, cpus).Select(cpu => (Action<Func<bool>>)(running =>
        {
            uint key = 2;
            byte* counter = map.Lookup((byte*)&key, cpu);
            while (running())
            {
                (*(ulong*)counter)++;
                counts[cpu]++;
            }
        })).ToArray();
        RunFor(bodies);
        map.LookupPerCpu(U32(2))!.Select(v => (long)ReadU64(v)).Should().Equal(counts);
    }

    [Fact]
    public void Queue_under_contention_keeps_every_value_once()
    {
        using var map = Create(MapType.Queue, 0, 8, 256);
        long pushed = 0;
        long dropped = 0;
        var popped = new System.Collections.Concurrent.ConcurrentBag<ulong>();
        Action<Func<bool>> producer = running =>
        {
            while (running())
            {
                ulong v = (ulong)Interlocked.Increment(ref pushed);
                while (map.Push((byte*)&v, 0, 0) != 0)
                {
                    if (!running())
                    {
                        Interlocked.Increment(ref dropped);
                        break;
                    }
                    Thread.Yield();
                }
            }
        };
        Action<Func<bool>> consumer = running =>
        {
            ulong v;
            while (running())
            {
                if (map.Pop((byte*)&v, 0) == 0)
                {
                    popped.Add(v);
                }
            }
        };
        RunFor(producer, producer, consumer);
        ulong rest;
        while (map.Pop((byte*)&rest, 0) == 0)
        {
            popped.Add(rest);
        }
        popped.Should().OnlyHaveUniqueItems();
        popped.Count.Should().Be((int)(Interlocked.Read(ref pushed) - Interlocked.Read(ref dropped)));
    }
}
