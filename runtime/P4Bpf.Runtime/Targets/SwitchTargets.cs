using P4Bpf.Runtime.Switch;

namespace P4Bpf.Runtime.Targets;

/// <summary>Loads a pipeline on a target named on the command line: <c>software</c>, <c>kernel</c> or <c>smartnic</c>.</summary>
public static class SwitchTargets
{
    public static IReadOnlyList<string> Names { get; } = ["software", "kernel", "smartnic"];

    /// <summary>The pipeline loaded on <paramref name="target"/> (<paramref name="workers"/> &gt; 1 selects the multi-core software switch).</summary>
    public static ISwitch Load(string target, CompiledPipeline pipeline, SwitchOptions? options = null, int workers = 1) => target switch
    {
        "software" when workers > 1 => MultiCoreSwitch.Load(pipeline, workers, options),
        "software" => P4Switch.Load(pipeline, options),
        "kernel" => KernelSwitch.Load(pipeline, new KernelTargetOptions { Switch = options ?? SwitchOptions.Default }),
        "smartnic" => SmartNicSwitch.Load(pipeline, options: options),
        _ => throw new SwitchException($"unknown target '{target}' (targets: {string.Join(", ", Names)})"),
    };
}
