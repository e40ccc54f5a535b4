using P4Bpf.Ebpf.Maps;
using P4Bpf.Runtime.Stf;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Targets;
using P4Bpf.Runtime.Tests.StfRun;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Runtime.Tests.Targets;

/// <summary>The kernel target: the same STF files give the same outputs as the software switch; table writes land in the kernel's maps.</summary>
public sealed class KernelTargetTests
{
    private static string Folder => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.Runtime.Tests", "testdata", "stf");

    private static string PipelineOf(string text) => text.Split('\n')[0].Replace("# pipeline:", "", StringComparison.Ordinal).Trim();

    public static TheoryData<string> Files => new(Directory.GetFiles(Folder, "*.stf").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Files))]
    public void Stf_file_gives_the_same_outputs_on_software_and_kernel(string file)
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var text = File.ReadAllText(Path.Combine(Folder, file));
        var pipeline = StfRunnerTests.Pipeline(PipelineOf(text));
        StfRunResult software, kernel;
        using (var sw = P4Switch.Load(pipeline))
        {
            software = new StfRunner(sw).Run(StfParser.Parse(text));
        }
        using (var k = KernelSwitch.Load(pipeline))
        {
            kernel = new StfRunner(k).Run(StfParser.Parse(text));
        }
        kernel.Failures.Should().BeEmpty(string.Join("\n", kernel.Failures.Select(f => f.Format(file))));
        kernel.PacketsReceived.Should().Be(software.PacketsReceived).And.BeGreaterThan(0);
        kernel.Log.Should().Equal(software.Log);
    }

    [Fact]
    public void Outputs_are_byte_identical_to_the_software_switch_packet_by_packet()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var pipeline = StfRunnerTests.Pipeline("xdp-lpm");
        using var sw = P4Switch.Load(pipeline);
        using var k = KernelSwitch.Load(pipeline);
        foreach (var s in new ISwitch[] { sw, k })
        {
            s.Control.AddEntry(new Control.TableEntry("fwd", [new Control.FieldMatch.Lpm(0x0a000000, 8)], "set_port", [6]));
        }
        var packet = Convert.FromHexString("001122334455667788990aab0800" + "4500001c000000004011" + "0000" + "0a000001" + "0a020304" + "a0a1a2a3a4a5a6a7");
        var miss = (byte[])packet.Clone();
        miss[30] = 0x0b;
        foreach (var p in new[] { packet, miss })
        {
            var a = sw.Inject(1, p);
            var b = k.Inject(1, p);
            b.Outputs.Select(o => (o.Port, Convert.ToHexString(o.Data))).Should().Equal(a.Outputs.Select(o => (o.Port, Convert.ToHexString(o.Data))));
            b.Drops.Select(d => d.Reason).Should().Equal(a.Drops.Select(d => d.Reason));
        }
        k.FindMap(pipeline.Layout.Tables.Single().Map!).Should().BeOfType<Ebpf.Kernel.KernelMap>()
            .Which.Keys().Should().ContainSingle("the LPM entry was written into the kernel's trie");
    }

    [Fact]
    public void V1model_runs_its_stages_in_the_kernel_but_is_not_attached()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        using var k = KernelSwitch.Load(StfRunnerTests.Pipeline("v1router"));
        k.Object.Programs.Should().HaveCount(2);
        var act = () => k.AttachXdp("lo");
        act.Should().Throw<SwitchException>().WithMessage("not supported yet: attaching v1model to an interface*");
    }

    [Fact]
    public void Maps_are_pinned_when_asked_and_unpinned_on_dispose()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var dir = $"/sys/fs/bpf/p4bpf-test-{Environment.ProcessId}-{Guid.NewGuid():N}"[..44];
        using (var k = KernelSwitch.Load(StfRunnerTests.Pipeline("xdp-lpm"), new KernelTargetOptions { PinDirectory = dir }))
        {
            Directory.GetFileSystemEntries(dir).Should().NotBeEmpty();
            k.Object.Maps.Should().OnlyContain(m => m.PinPath != null);
        }
        (Directory.Exists(dir) ? Directory.GetFileSystemEntries(dir) : []).Should().BeEmpty();
    }

    [Fact]
    public void In_process_and_kernel_maps_share_the_control_plane_interface()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var pipeline = StfRunnerTests.Pipeline("xdp-ternary");
        using var sw = P4Switch.Load(pipeline);
        using var k = KernelSwitch.Load(pipeline);
        foreach (IMapAccess map in new[] { sw.FindMap(pipeline.Layout.State.Map)!, k.FindMap(pipeline.Layout.State.Map)! })
        {
            map.IsPerCpu.Should().BeTrue();
            var slices = Enumerable.Range(0, map.PossibleCpus).Select(i => Enumerable.Repeat((byte)(i + 1), map.ValueSize).ToArray()).ToList();
            map.UpdatePerCpu(new byte[4], slices).Should().Be(0);
            map.LookupPerCpu(new byte[4])!.Select(s => s[0]).Should().Equal(slices.Select(s => s[0]));
            map.Delete(new byte[4]).Should().Be(-Errno.EINVAL, "array elements cannot be deleted");
            map.Keys().Should().HaveCount(map.MaxEntries);
            map.Clear();
            map.LookupPerCpu(new byte[4])!.Should().OnlyContain(s => s.All(b => b == 0));
        }
    }
}
