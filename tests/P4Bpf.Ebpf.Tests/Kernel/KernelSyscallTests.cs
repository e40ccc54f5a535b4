using System.Buffers.Binary;
using P4Bpf.Ebpf.Kernel;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Kernel;

/// <summary>The raw <c>bpf()</c> commands against the running kernel: map element operations, per-CPU values, queues, pins, object info, errors.</summary>
public sealed class KernelSyscallTests
{
    private static byte[] U32(uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return b;
    }

    private static byte[] U64(ulong v)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        return b;
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("0-1\n", 2)]
    [InlineData("0-3,8-11", 12)]
    [InlineData("0,2", 3)]
    public void CpuListParsesLikeLibbpf(string text, int expected) => BpfSyscall.ParseCpuList(text).Should().Be(expected);

    [Fact]
    public void HashMapElementCommands()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        using var map = BpfSyscall.MapCreate(new MapCreateAttributes(MapType.Hash, 4, 8, 4) { Name = "p4bpf-test/hash!" });
        var info = BpfSyscall.GetMapInfo(map);
        info.Type.Should().Be(MapType.Hash);
        info.Name.Should().Be("p4bpf_test_hash", "names are sanitised and cut to 15 characters");
        (info.KeySize, info.ValueSize, info.MaxEntries).Should().Be((4u, 8u, 4u));

        var value = new byte[8];
        BpfSyscall.MapLookupElem(map, U32(1), value).Should().Be(-Errno.ENOENT);
        BpfSyscall.MapUpdateElem(map, U32(1), U64(11)).Should().Be(0);
        BpfSyscall.MapUpdateElem(map, U32(2), U64(22), UpdateFlags.NoExist).Should().Be(0);
        BpfSyscall.MapUpdateElem(map, U32(2), U64(23), UpdateFlags.NoExist).Should().Be(-Errno.EEXIST);
        BpfSyscall.MapUpdateElem(map, U32(3), U64(33), UpdateFlags.Exist).Should().Be(-Errno.ENOENT);
        BpfSyscall.MapLookupElem(map, U32(2), value).Should().Be(0);
        BinaryPrimitives.ReadUInt64LittleEndian(value).Should().Be(22);

        var keys = new List<uint>();
        var next = new byte[4];
        var key = Array.Empty<byte>();
        while (BpfSyscall.MapGetNextKey(map, key, next) == 0)
        {
            keys.Add(BinaryPrimitives.ReadUInt32LittleEndian(next));
            key = next.ToArray();
        }
        keys.Should().BeEquivalentTo([1u, 2u]);

        BpfSyscall.MapLookupAndDeleteElem(map, U32(1), value).Should().Be(0);
        BinaryPrimitives.ReadUInt64LittleEndian(value).Should().Be(11);
        BpfSyscall.MapDeleteElem(map, U32(1)).Should().Be(-Errno.ENOENT);
        BpfSyscall.MapDeleteElem(map, U32(2)).Should().Be(0);
        BpfSyscall.MapGetNextKey(map, [], next).Should().Be(-Errno.ENOENT);
    }

    [Fact]
    public void BatchLookupReadsAHashMapInChunks()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        using var map = BpfSyscall.MapCreate(new MapCreateAttributes(MapType.Hash, 4, 8, 64) { Name = "batch" });
        for (uint i = 0; i < 40; i++)
        {
            BpfSyscall.MapUpdateElem(map, U32(i), U64(i * 3)).Should().Be(0);
        }
        var keys = new byte[4 * 64];
        var values = new byte[8 * 64];
        var position = new byte[8];
        var count = 64u;
        BpfSyscall.MapLookupBatch(map, [], position, keys, values, ref count).Should().Be(-Errno.ENOENT, "one batch covers the whole map");
        count.Should().Be(40);
        for (var i = 0; i < 40; i++)
        {
            var key = BinaryPrimitives.ReadUInt32LittleEndian(keys.AsSpan(i * 4));
            BinaryPrimitives.ReadUInt64LittleEndian(values.AsSpan(i * 8)).Should().Be(key * 3);
        }
    }

    [Fact]
    public void QueuePushPeekPop()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        using var queue = BpfSyscall.MapCreate(new MapCreateAttributes(MapType.Queue, 0, 4, 2) { Name = "q" });
        BpfSyscall.MapUpdateElem(queue, [], U32(5)).Should().Be(0);
        BpfSyscall.MapUpdateElem(queue, [], U32(6)).Should().Be(0);
        BpfSyscall.MapUpdateElem(queue, [], U32(7)).Should().Be(-Errno.E2BIG);
        var value = new byte[4];
        BpfSyscall.MapLookupElem(queue, [], value).Should().Be(0);
        value.Should().Equal(U32(5));
        BpfSyscall.MapLookupAndDeleteElem(queue, [], value).Should().Be(0);
        BpfSyscall.MapLookupAndDeleteElem(queue, [], value).Should().Be(0);
        value.Should().Equal(U32(6));
        BpfSyscall.MapLookupAndDeleteElem(queue, [], value).Should().Be(-Errno.ENOENT);
    }

    [Fact]
    public void PerCpuValuesHaveOneStridePerPossibleCpu()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var cpus = BpfSyscall.PossibleCpus;
        cpus.Should().BeGreaterThan(0);
        using var map = BpfSyscall.MapCreate(new MapCreateAttributes(MapType.PercpuArray, 4, 4, 1) { Name = "pc" });
        var value = new byte[8 * cpus];
        for (var cpu = 0; cpu < cpus; cpu++)
        {
            value[cpu * 8] = (byte)(cpu + 1);
        }
        BpfSyscall.MapUpdateElem(map, U32(0), value).Should().Be(0);
        var back = new byte[8 * cpus];
        BpfSyscall.MapLookupElem(map, U32(0), back).Should().Be(0);
        back.Should().Equal(value);
    }

    [Fact]
    public void PinAndReopen()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var path = "/sys/fs/bpf/p4bpf-kernel-pin-" + Guid.NewGuid().ToString("N");
        using var map = BpfSyscall.MapCreate(new MapCreateAttributes(MapType.Array, 4, 4, 2) { Name = "pinned" });
        try
        {
            BpfSyscall.ObjPin(map, path);
            File.Exists(path).Should().BeTrue();
            BpfSyscall.MapUpdateElem(map, U32(1), U32(42)).Should().Be(0);
            using var again = BpfSyscall.ObjGet(path);
            BpfSyscall.GetMapInfo(again).Id.Should().Be(BpfSyscall.GetMapInfo(map).Id);
            var value = new byte[4];
            BpfSyscall.MapLookupElem(again, U32(1), value).Should().Be(0);
            value.Should().Equal(U32(42));
        }
        finally
        {
            File.Delete(path);
        }
        var missing = () => BpfSyscall.ObjGet(path);
        missing.Should().Throw<KernelBpfException>().Which.Errno.Should().Be(Errno.ENOENT);
    }

    [Fact]
    public void ErrorsAreTypedAndDescriptorsClose()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var bad = () => BpfSyscall.MapCreate(new MapCreateAttributes(MapType.Array, 4, 0, 1) { Name = "bad" });
        var error = bad.Should().Throw<KernelBpfException>().Which;
        error.Command.Should().Be(BpfCommand.MapCreate);
        error.Errno.Should().Be(Errno.EINVAL);
        error.ErrnoName.Should().Be("EINVAL");
        error.Message.Should().Contain("'bad'").And.Contain("EINVAL");

        var fd = BpfSyscall.MapCreate(new MapCreateAttributes(MapType.Array, 4, 4, 1) { Name = "closes" });
        fd.Dispose();
        fd.IsClosed.Should().BeTrue();
        var use = () => BpfSyscall.GetMapInfo(fd);
        use.Should().Throw<ObjectDisposedException>();
    }
}
