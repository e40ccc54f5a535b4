using P4Bpf.Ebpf.Maps;
using static P4Bpf.Ebpf.Tests.Maps.MapTestUtil;

namespace P4Bpf.Ebpf.Tests.Maps;

public sealed class LpmTrieTests
{
    private static BpfMap NewTrie(uint max = 100) => Create(MapType.LpmTrie, 8, 8, max, MapFlags.NoPrealloc);

    private static ulong? Match(BpfMap map, byte a, byte b, byte c, byte d, uint len = 32) => LookupU64(map, Lpm4(len, a, b, c, d));

    [Fact]
    public void Longest_prefix_wins_across_nested_prefixes()
    {
        using var map = NewTrie();
        map.Update(Lpm4(8, 10, 0, 0, 0), U64(8)).Should().Be(0);
        map.Update(Lpm4(16, 10, 1, 0, 0), U64(16)).Should().Be(0);
        map.Update(Lpm4(24, 10, 1, 2, 0), U64(24)).Should().Be(0);
        map.Update(Lpm4(32, 10, 1, 2, 3), U64(32)).Should().Be(0);
        Match(map, 10, 1, 2, 3).Should().Be(32);
        Match(map, 10, 1, 2, 4).Should().Be(24);
        Match(map, 10, 1, 3, 3).Should().Be(16);
        Match(map, 10, 2, 2, 3).Should().Be(8);
        Match(map, 11, 1, 2, 3).Should().BeNull();
        // The key's own prefix length bounds the match.
        Match(map, 10, 1, 2, 3, len: 20).Should().Be(16);
        Match(map, 10, 1, 2, 3, len: 7).Should().BeNull();
        Match(map, 10, 1, 2, 3, len: 33).Should().BeNull();
        map.Count.Should().Be(4);
    }

    [Fact]
    public void Default_route_and_host_routes()
    {
        using var map = NewTrie();
        map.Update(Lpm4(0, 0, 0, 0, 0), U64(0)).Should().Be(0);
        map.Update(Lpm4(32, 192, 168, 0, 1), U64(1)).Should().Be(0);
        map.Update(Lpm4(32, 192, 168, 0, 2), U64(2)).Should().Be(0);
        Match(map, 1, 2, 3, 4).Should().Be(0);
        Match(map, 192, 168, 0, 1).Should().Be(1);
        Match(map, 192, 168, 0, 2).Should().Be(2);
        Match(map, 192, 168, 0, 3).Should().Be(0);
        Match(map, 0, 0, 0, 0, len: 0).Should().Be(0);
        map.Delete(Lpm4(0, 0, 0, 0, 0)).Should().Be(0);
        Match(map, 1, 2, 3, 4).Should().BeNull();
        Match(map, 192, 168, 0, 2).Should().Be(2);
    }

    [Fact]
    public void Deletes_are_exact_and_keep_the_rest_reachable()
    {
        using var map = NewTrie();
        map.Update(Lpm4(16, 192, 168, 0, 0), U64(16)).Should().Be(0);
        map.Update(Lpm4(24, 192, 168, 0, 0), U64(240)).Should().Be(0);
        map.Update(Lpm4(24, 192, 168, 1, 0), U64(241)).Should().Be(0);
        map.Delete(Lpm4(24, 192, 168, 2, 0)).Should().Be(-Errno.ENOENT);
        map.Delete(Lpm4(20, 192, 168, 0, 0)).Should().Be(-Errno.ENOENT);
        map.Delete(Lpm4(23, 192, 168, 0, 0)).Should().Be(-Errno.ENOENT, "the 192.168.0.0/23 node is intermediate");
        map.Delete(Lpm4(16, 192, 168, 0, 0)).Should().Be(0, "a node with two children becomes intermediate");
        Match(map, 192, 168, 1, 9).Should().Be(241);
        Match(map, 192, 168, 5, 9).Should().BeNull();
        map.Delete(Lpm4(24, 192, 168, 0, 0)).Should().Be(0);
        Match(map, 192, 168, 0, 9).Should().BeNull();
        Match(map, 192, 168, 1, 9).Should().Be(241);
        map.Delete(Lpm4(24, 192, 168, 1, 99)).Should().Be(0, "bits past the prefix length do not matter");
        map.Count.Should().Be(0);
        map.GetNextKey(default, new byte[8]).Should().Be(-Errno.ENOENT);
    }

    [Fact]
    public void Update_errnos()
    {
        using var map = NewTrie(max: 2);
        map.Update(Lpm4(33, 1, 2, 3, 4), U64(1)).Should().Be(-Errno.EINVAL);
        map.Update(Lpm4(8, 1, 0, 0, 0), U64(1), 4).Should().Be(-Errno.EINVAL);
        map.Update(Lpm4(8, 1, 0, 0, 0), U64(1), UpdateFlags.Exist).Should().Be(-Errno.ENOENT);
        map.Update(Lpm4(8, 1, 0, 0, 0), U64(1), UpdateFlags.NoExist).Should().Be(0);
        map.Update(Lpm4(8, 1, 0, 0, 0), U64(2), UpdateFlags.NoExist).Should().Be(-Errno.EEXIST);
        map.Update(Lpm4(8, 1, 0, 0, 0), U64(3), UpdateFlags.Exist).Should().Be(0);
        map.Update(Lpm4(16, 2, 2, 0, 0), U64(4)).Should().Be(0);
        map.Update(Lpm4(16, 3, 3, 0, 0), U64(5)).Should().Be(-Errno.ENOSPC);
        map.Update(Lpm4(16, 2, 2, 0, 0), U64(6)).Should().Be(0, "replacing is allowed when full");
        Match(map, 1, 9, 9, 9).Should().Be(3);
        Match(map, 2, 2, 9, 9).Should().Be(6);
    }

    [Fact]
    public void Get_next_key_is_post_order_like_the_kernel()
    {
        // The example from the kernel's lpm_trie.c comment.
        using var map = NewTrie();
        map.Update(Lpm4(16, 192, 168, 0, 0), U64(1)).Should().Be(0);
        map.Update(Lpm4(24, 192, 168, 0, 0), U64(2)).Should().Be(0);
        map.Update(Lpm4(24, 192, 168, 1, 0), U64(3)).Should().Be(0);
        map.Update(Lpm4(24, 192, 168, 128, 0), U64(4)).Should().Be(0);
        map.Keys().Select(LpmText).Should().Equal("192.168.0.0/24", "192.168.1.0/24", "192.168.128.0/24", "192.168.0.0/16");
        var next = new byte[8];
        map.GetNextKey(Lpm4(24, 10, 0, 0, 0), next).Should().Be(0, "a missing key starts over");
        LpmText(next).Should().Be("192.168.0.0/24");
        map.GetNextKey(Lpm4(99, 0, 0, 0, 0), next).Should().Be(0);
        LpmText(next).Should().Be("192.168.0.0/24");
        map.GetNextKey(Lpm4(16, 192, 168, 0, 0), next).Should().Be(-Errno.ENOENT);
    }

    [Fact]
    public void Stores_key_bytes_as_given()
    {
        using var map = NewTrie();
        map.Update(Lpm4(8, 10, 1, 2, 3), U64(1)).Should().Be(0);
        map.Keys().Single().Should().Equal(Lpm4(8, 10, 1, 2, 3));
        map.Update(Lpm4(8, 10, 9, 9, 9), U64(2)).Should().Be(0);
        map.Keys().Single().Should().Equal(Lpm4(8, 10, 9, 9, 9));
        map.Count.Should().Be(1);
    }

    [Fact]
    public void Matches_a_brute_force_model_on_random_operations()
    {
        using var map = Create(MapType.LpmTrie, 6, 4, 300, MapFlags.NoPrealloc);
        var model = new Dictionary<(uint Len, uint Bits), uint>();
        var rnd = new Random(42);
        for (int step = 0; step < 4000; step++)
        {
            uint len = (uint)rnd.Next(0, 17);
            uint bits = (uint)rnd.Next(0, 1 << 16) & Mask(len);
            byte[] key = [.. U32(len), (byte)(bits >> 8), (byte)bits];
            if (rnd.Next(3) == 0)
            {
                int rc = map.Delete(key);
                rc.Should().Be(model.Remove((len, bits)) ? 0 : -Errno.ENOENT);
            }
            else
            {
                uint value = (uint)step;
                int rc = map.Update(key, U32(value));
                if (model.Count == 300 && !model.ContainsKey((len, bits)))
                {
                    rc.Should().Be(-Errno.ENOSPC);
                }
                else
                {
                    rc.Should().Be(0);
                    model[(len, bits)] = value;
                }
            }
            uint probe = (uint)rnd.Next(0, 1 << 16);
            uint? expected = null;
            int best = -1;
            foreach (var ((l, b), v) in model)
            {
                if ((probe & Mask(l)) == b && (int)l > best)
                {
                    best = (int)l;
                    expected = v;
                }
            }
            var got = map.Lookup([.. U32(16), (byte)(probe >> 8), (byte)probe]);
            (got == null ? (uint?)null : ReadU32(got)).Should().Be(expected, $"step {step} probe {probe:x4}");
        }
        map.Count.Should().Be(model.Count);
        map.Keys().Should().HaveCount(model.Count);
    }

    private static uint Mask(uint len) => len == 0 ? 0 : (0xffffu << (int)(16 - len)) & 0xffff;
}
