using System.Buffers.Binary;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Contexts;
using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Kernel;
using P4Bpf.Ebpf.Maps;
using Errno = P4Bpf.Ebpf.Maps.Errno;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Tests.Differential;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Kernel;

/// <summary><see cref="KernelEngine"/> as a runner: repeat counts and durations, context in/out, CPU pinning of per-CPU state, program selection.</summary>
public sealed class KernelEngineTests
{
    private static ObjectSpec Single(string name, string section, ProgramType type, string asm, params MapSpec[] maps) =>
        new("GPL", EquatableArray.Create(new ProgramSpec(name, section, type, EquatableArray.Create<byte>(Assembler.AssembleToBytes(asm)))),
            EquatableArray.Create(maps));

    [Fact]
    public void RepeatReportsTheKernelsMeanDuration()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        using var kernel = KernelEngine.Load(Single("pass", "xdp", ProgramType.Xdp, "r0 = 2\nexit"));
        var packet = Corpus.Packets()[0].Bytes;
        var result = kernel.Run((string?)null, packet, repeat: 10_000);
        result.ReturnValue.Should().Be(2);
        result.Packet.Should().Equal(packet);
        result.NanosecondsPerRun.Should().BeGreaterThan(0);
        result.Redirect.Should().BeNull();
        kernel.Program().Name.Should().Be("pass");
        kernel.Program("xdp").Name.Should().Be("pass");
        var missing = () => kernel.Program("nope");
        missing.Should().Throw<EngineException>().WithMessage("*pass in xdp*");
    }

    [Fact]
    public void SkBuffContextGoesInAndComesBack()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        // return skb->mark + 1, and write skb->priority = 7
        using var kernel = KernelEngine.Load(Single("mark", "tc", ProgramType.SchedCls, """
            r0 = *(u32 *)(r1 + 8)
            r0 += 1
            r2 = 7
            *(u32 *)(r1 + 32) = r2
            exit
            """));
        var context = new byte[SkBuffLayout.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(SkBuffLayout.Mark), 0x1234);
        var result = kernel.Run(kernel.Program(), Corpus.Packets()[0].Bytes, context: context);
        result.ReturnValue.Should().Be(0x1235);
        result.Context.Should().HaveCount(SkBuffLayout.Size);
        BinaryPrimitives.ReadUInt32LittleEndian(result.Context.AsSpan(SkBuffLayout.Priority)).Should().Be(7);
        BinaryPrimitives.ReadUInt32LittleEndian(result.Context.AsSpan(SkBuffLayout.Mark)).Should().Be(0x1234);
    }

    [Fact]
    public void KernelRejectsBadInputWithATypedError()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        using var kernel = KernelEngine.Load(Single("pass", "xdp", ProgramType.Xdp, "r0 = 2\nexit"));
        var act = () => kernel.Run((string?)null, new byte[4]);
        var error = act.Should().Throw<KernelBpfException>().Which;
        error.Command.Should().Be(BpfCommand.ProgTestRun);
        error.Errno.Should().Be(Errno.EINVAL, "test_run needs at least an Ethernet header");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PinnedRunsUpdateThatCpusSlot(int cpu)
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        Assert.SkipUnless(cpu < Environment.ProcessorCount, "needs that many CPUs");
        // pc[0] += 1 on the running CPU
        var spec = Single("count", "xdp", ProgramType.Xdp, """
            *(u32 *)(r10 - 4) = 0
            r2 = r10
            r2 += -4
            r1 = map_by_fd(0) ll
            call 1
            if r0 == 0 goto +2
            r1 = 1
            lock *(u64 *)(r0 + 0) += r1
            r0 = 2
            exit
            """, new MapSpec("pc", MapType.PercpuArray, 4, 8, 1));
        using var kernel = KernelEngine.Load(spec, cpu: cpu);
        kernel.Run((string?)null, Corpus.Packets()[0].Bytes, repeat: 5);
        var map = kernel.Map("pc");
        var slices = map.LookupPerCpu(new byte[4])!;
        slices.Should().HaveCount(BpfSyscall.PossibleCpus);
        for (var i = 0; i < slices.Length; i++)
        {
            BinaryPrimitives.ReadUInt64LittleEndian(slices[i]).Should().Be(i == cpu ? 5UL : 0UL, $"CPU {i}");
        }
        map.UpdatePerCpu(new byte[4], [.. Enumerable.Range(0, map.PossibleCpus).Select(i => BitConverter.GetBytes((ulong)(100 + i)))]).Should().Be(0);
        BinaryPrimitives.ReadUInt64LittleEndian(map.LookupPerCpu(new byte[4])![cpu]).Should().Be((ulong)(100 + cpu));
        map.Entries().Should().ContainSingle();
        map.Delete(new byte[4]).Should().Be(-Errno.EINVAL, "array elements cannot be deleted");
    }
}
