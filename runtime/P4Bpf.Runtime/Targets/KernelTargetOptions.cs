using P4Bpf.Runtime.Switch;

namespace P4Bpf.Runtime.Targets;

/// <summary>How <see cref="KernelSwitch"/> loads a pipeline into Linux.</summary>
public sealed record KernelTargetOptions
{
    public static KernelTargetOptions Default { get; } = new();

    /// <summary>The switch options (CPU port, trace); the engine options do not apply to the kernel.</summary>
    public SwitchOptions Switch { get; init; } = SwitchOptions.Default;

    /// <summary>Pin every map under this bpffs directory (e.g. <c>/sys/fs/bpf/p4bpf/prog</c>); null pins nothing.</summary>
    public string? PinDirectory { get; init; }

    /// <summary>Remove the pins when the switch is disposed (off keeps the maps, and their entries, for the next load).</summary>
    public bool RemovePinsOnDispose { get; init; } = true;

    /// <summary>The CPU PROG_TEST_RUN runs on (the per-CPU slot of the state map the harness reads).</summary>
    public int Cpu { get; init; }

    /// <summary>The object name the kernel shows (map names are prefixed with it, 15 characters at most).</summary>
    public string? ObjectName { get; init; }
}
