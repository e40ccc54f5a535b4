using System.Buffers.Binary;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Kernel;
using P4Bpf.Ebpf.Tests.Differential;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Kernel;

/// <summary><see cref="KernelRingBuffer"/>: records a kernel program commits are read from the mapped pages in order.</summary>
public sealed class KernelRingBufferTests
{
    [Fact]
    public void RecordsComeOutInCommitOrder()
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        using var kernel = KernelEngine.Load(ElfReader.ReadFile(Corpus.Compile("xdp_maps.c")), new KernelLoaderOptions("xdp_maps"), cpu: 0);
        var packet = Corpus.Packets()[0].Bytes;
        using var reader = kernel.Map("rb").OpenRingBuffer();
        reader.AvailableData.Should().Be(0);
        reader.WaitForData(TimeSpan.FromMilliseconds(20)).Should().BeFalse();
        for (var i = 0; i < 3; i++)
        {
            kernel.Run("xdp_maps", packet);
        }
        // Each run reserves+submits {n, key} (8 bytes) and outputs n (4 bytes): headers and padding make 16 + 16 bytes.
        reader.AvailableData.Should().Be(3 * 32);
        reader.WaitForData(TimeSpan.Zero).Should().BeTrue();
        var records = reader.DrainAll();
        records.Select(r => r.Length).Should().Equal(8, 4, 8, 4, 8, 4);
        records.Where((_, i) => i % 2 == 1).Select(r => BinaryPrimitives.ReadUInt32LittleEndian(r)).Should().Equal(1u, 2u, 3u);
        records.Where((_, i) => i % 2 == 0).Select(r => BinaryPrimitives.ReadUInt32LittleEndian(r)).Should().Equal(1u, 2u, 3u);
        reader.AvailableData.Should().Be(0);
        reader.DrainAll().Should().BeEmpty();

        var notARing = () => kernel.Map("h").OpenRingBuffer();
        notARing.Should().Throw<InvalidOperationException>();
    }
}
