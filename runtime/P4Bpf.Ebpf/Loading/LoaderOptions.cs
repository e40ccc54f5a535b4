namespace P4Bpf.Ebpf.Loading;

/// <summary>How <see cref="Loader"/> creates an object's maps.</summary>
/// <param name="PossibleCpus">CPU slots of per-CPU maps (the worker count); 0 means <see cref="Environment.ProcessorCount"/>.</param>
/// <param name="ObjectName">The object's name, from which libbpf derives data-section map names (<c>&lt;obj&gt;.rodata</c>); lookups accept those names too.</param>
public sealed record LoaderOptions(int PossibleCpus = 0, string ObjectName = "obj")
{
    public static LoaderOptions Default { get; } = new();
}
