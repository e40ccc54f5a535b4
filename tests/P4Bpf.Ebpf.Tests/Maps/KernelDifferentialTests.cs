using System.Globalization;
using System.Text.Json;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Tests.Shared;
using static P4Bpf.Ebpf.Tests.Maps.MapTestUtil;

namespace P4Bpf.Ebpf.Tests.Maps;

/// <summary>Runs the same operations on our maps and on kernel maps created with bpftool, and compares results, errno classes, contents and iteration order.</summary>
public sealed class KernelDifferentialTests
{
    private enum Op { Update, Delete, GetNext }

    private sealed record Step(Op Op, byte[] Key, byte[]? Value, ulong Flags);

    [Fact]
    public void Hash_with_zero_seed_matches_the_kernel_including_order() =>
        Compare(new MapDefinition(MapType.Hash, 4, 8, 16, MapFlags.ZeroSeed, "p4bh"), HashSteps(seed: 1, keySize: 4, keys: 24));

    [Fact]
    public void Hash_with_odd_key_size_matches_the_kernel_including_order() =>
        Compare(new MapDefinition(MapType.Hash, 6, 4, 32, MapFlags.ZeroSeed, "p4bh6"), HashSteps(seed: 2, keySize: 6, keys: 40));

    [Fact]
    public void Hash_without_prealloc_matches_the_kernel() =>
        Compare(new MapDefinition(MapType.Hash, 12, 8, 8, MapFlags.ZeroSeed | MapFlags.NoPrealloc, "p4bhn"), HashSteps(seed: 3, keySize: 12, keys: 12));

    [Fact]
    public void Array_matches_the_kernel() =>
        Compare(new MapDefinition(MapType.Array, 4, 8, 8, MapFlags.None, "p4ba"), ArraySteps());

    [Fact]
    public void Lpm_trie_matches_the_kernel_including_order() =>
        Compare(new MapDefinition(MapType.LpmTrie, 8, 4, 12, MapFlags.NoPrealloc, "p4bl"), LpmSteps(seed: 4));

    private static IEnumerable<Step> HashSteps(int seed, int keySize, int keys)
    {
        var rnd = new Random(seed);
        var keyPool = Enumerable.Range(0, keys).Select(_ => { var k = new byte[keySize]; rnd.NextBytes(k); return k; }).ToArray();
        for (int i = 0; i < 90; i++)
        {
            var key = keyPool[rnd.Next(keys)];
            int r = rnd.Next(10);
            yield return r switch
            {
                < 6 => new Step(Op.Update, key, null, (ulong)rnd.Next(3)),
                < 9 => new Step(Op.Delete, key, null, 0),
                _ => new Step(Op.GetNext, key, null, 0),
            };
        }
    }

    private static IEnumerable<Step> ArraySteps()
    {
        var rnd = new Random(5);
        for (int i = 0; i < 30; i++)
        {
            var key = U32((uint)rnd.Next(10));
            int r = rnd.Next(10);
            yield return r switch
            {
                < 7 => new Step(Op.Update, key, null, (ulong)rnd.Next(4)),
                < 9 => new Step(Op.Delete, key, null, 0),
                _ => new Step(Op.GetNext, key, null, 0),
            };
        }
    }

    private static IEnumerable<Step> LpmSteps(int seed)
    {
        var rnd = new Random(seed);
        uint[] lengths = [0, 8, 16, 20, 24, 32];
        byte[][] addresses = [[10, 0, 0, 0], [10, 1, 0, 0], [10, 1, 2, 0], [10, 1, 2, 3], [10, 1, 3, 0], [10, 128, 0, 1], [192, 168, 0, 1], [10, 1, 2, 200]];
        for (int i = 0; i < 120; i++)
        {
            var a = addresses[rnd.Next(addresses.Length)];
            uint len = lengths[rnd.Next(lengths.Length)];
            var key = Lpm4(len, a[0], a[1], a[2], a[3]);
            int r = rnd.Next(10);
            yield return r switch
            {
                < 6 => new Step(Op.Update, key, null, (ulong)rnd.Next(3)),
                < 9 => new Step(Op.Delete, key, null, 0),
                _ => new Step(Op.GetNext, key, null, 0),
            };
        }
    }

    private static void Compare(MapDefinition definition, IEnumerable<Step> steps)
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        string dir = $"/sys/fs/bpf/p4bpf-test-{Guid.NewGuid():N}";
        string pin = dir + "/m";
        Directory.CreateDirectory(dir);
        try
        {
            string create = $"map create {pin} type {TypeName(definition.Type)} key {definition.KeySize} value {definition.ValueSize} entries {definition.MaxEntries} name {definition.Name} flags {(uint)definition.Flags}";
            var (rc, _, err) = Tooling.Run("bpftool", create);
            rc.Should().Be(0, $"bpftool {create}: {err}");
            using var map = BpfMap.Create(definition, 2).Unwrap();
            int index = 0;
            uint counter = 0;
            var errnos = new HashSet<int>();
            foreach (var step in steps)
            {
                index++;
                string what = $"step {index}: {step.Op} key {Hex(step.Key)} flags {step.Flags}";
                switch (step.Op)
                {
                    case Op.Update:
                        var value = new byte[definition.ValueSize];
                        counter++;
                        value[0] = (byte)counter;
                        value[^1] = (byte)(counter >> 8);
                        string flag = step.Flags switch { 0 => "any", 1 => "noexist", 2 => "exist", _ => "3" };
                        int expectedUpdate = step.Flags > 2 ? -Errno.EINVAL : Kernel($"map update pinned {pin} key hex {Hex(step.Key)} value hex {Hex(value)} {flag}");
                        map.Update(step.Key, value, step.Flags).Should().Be(expectedUpdate, what);
                        errnos.Add(expectedUpdate);
                        break;
                    case Op.Delete:
                        int expectedDelete = Kernel($"map delete pinned {pin} key hex {Hex(step.Key)}");
                        map.Delete(step.Key).Should().Be(expectedDelete, what);
                        errnos.Add(expectedDelete);
                        break;
                    case Op.GetNext:
                        var (kernelRc, kernelNext) = KernelGetNext(pin, step.Key);
                        var next = new byte[definition.KeySize];
                        int ours = map.GetNextKey(step.Key, next);
                        ours.Should().Be(kernelRc, what);
                        if (ours == 0)
                        {
                            Hex(next).Should().Be(Hex(kernelNext!), what);
                        }
                        break;
                }
            }
            errnos.Should().Contain(0).And.HaveCountGreaterThan(2, "the sequence exercises failing operations too");
            var kernelDump = KernelDump(pin);
            var ourDump = map.Entries().Select(e => (Hex(e.Key), Hex(e.Value))).ToList();
            kernelDump.Should().NotBeEmpty("the sequence leaves entries behind");
            ourDump.Should().Equal(kernelDump, "contents and get_next_key order must match the kernel's");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string TypeName(MapType type) => type switch
    {
        MapType.Hash => "hash",
        MapType.Array => "array",
        MapType.LpmTrie => "lpm_trie",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static string Hex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>Runs a bpftool command; 0 or the negated errno its error message names.</summary>
    private static int Kernel(string args)
    {
        var (rc, stdout, stderr) = Tooling.Run("bpftool", args);
        return rc == 0 ? 0 : ErrnoOf(stdout + stderr);
    }

    private static int ErrnoOf(string message) =>
        message.Contains("File exists", StringComparison.Ordinal) ? -Errno.EEXIST
        : message.Contains("No such file or directory", StringComparison.Ordinal) ? -Errno.ENOENT
        : message.Contains("Argument list too long", StringComparison.Ordinal) ? -Errno.E2BIG
        : message.Contains("No space left", StringComparison.Ordinal) ? -Errno.ENOSPC
        : message.Contains("Cannot allocate memory", StringComparison.Ordinal) ? -Errno.ENOMEM
        : message.Contains("Invalid argument", StringComparison.Ordinal) ? -Errno.EINVAL
        : throw new InvalidOperationException("unrecognised bpftool error: " + message);

    private static (int Rc, byte[]? Next) KernelGetNext(string pin, byte[] key)
    {
        var (rc, stdout, stderr) = Tooling.Run("bpftool", $"-j map getnext pinned {pin} key hex {Hex(key)}");
        if (rc != 0)
        {
            return (ErrnoOf(stdout + stderr), null);
        }
        using var doc = JsonDocument.Parse(stdout);
        return (0, Bytes(doc.RootElement.GetProperty("next_key")));
    }

    private static List<(string, string)> KernelDump(string pin)
    {
        var (rc, stdout, stderr) = Tooling.Run("bpftool", $"-j map dump pinned {pin}");
        rc.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.EnumerateArray()
            .Select(e => (Hex(Bytes(e.GetProperty("key"))), Hex(Bytes(e.GetProperty("value")))))
            .ToList();
    }

    private static byte[] Bytes(JsonElement array) =>
        array.EnumerateArray().Select(x => Convert.ToByte(x.GetString()!, 16)).ToArray();
}
