namespace P4Bpf.Ebpf.Kernel;

/// <summary>How <see cref="KernelLoader"/> loads an object into the kernel.</summary>
/// <param name="ObjectName">The object's name: data-section maps are called <c>&lt;name&gt;.rodata</c> etc., as libbpf names them.</param>
public sealed record KernelLoaderOptions(string ObjectName = "obj")
{
    public static KernelLoaderOptions Default { get; } = new();

    /// <summary>A directory in a bpf filesystem (e.g. <c>/sys/fs/bpf/p4</c>, created when missing) where maps marked
    /// <c>pinning = LIBBPF_PIN_BY_NAME</c> are pinned under their kernel name, and reused when a compatible pin already exists.
    /// Null: nothing is pinned.</summary>
    public string? PinDirectory { get; init; }

    /// <summary>Pin every map in <see cref="PinDirectory"/>, not only the by-name ones.</summary>
    public bool PinAllMaps { get; init; }

    /// <summary>Remove the pins this load created when the object is disposed (reused pins stay).</summary>
    public bool RemovePinsOnDispose { get; init; } = true;

    /// <summary>Verifier log level for every program (0: a log only when the kernel rejects a program).</summary>
    public uint LogLevel { get; init; }

    /// <summary>The first verifier log buffer size in bytes (it grows as needed).</summary>
    public int LogSize { get; init; } = 1 << 20;

    /// <summary>Give maps their key/value BTF types (as <c>__type(key, …)</c> declared them) when the kernel accepts the BTF;
    /// a map the kernel refuses with BTF is created again without it, as libbpf does.</summary>
    public bool UseBtf { get; init; } = true;
}
