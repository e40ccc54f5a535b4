using System.Text.Json;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Objects;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Runtime.Switch;

/// <summary>A compiled P4 program as the switch loads it: the eBPF object (one program per stage) and its layout manifest.</summary>
public sealed record CompiledPipeline(ObjectSpec Object, LayoutManifest Layout)
{
    /// <summary>Reads <c>OUT/prog.o</c> and <c>OUT/prog.layout.json</c>; throws <see cref="SwitchException"/> naming the file on bad input.</summary>
    public static CompiledPipeline LoadFiles(string objectPath, string? layoutPath = null)
    {
        layoutPath ??= Path.ChangeExtension(objectPath, null) + ".layout.json";
        if (!File.Exists(objectPath))
        {
            throw new SwitchException($"no such file: {objectPath}");
        }
        if (!File.Exists(layoutPath))
        {
            throw new SwitchException($"no layout manifest: {layoutPath}");
        }
        LayoutManifest layout;
        try
        {
            layout = LayoutManifest.FromJson(File.ReadAllText(layoutPath));
        }
        catch (JsonException e)
        {
            throw new SwitchException($"{layoutPath}: bad layout manifest: {e.Message}");
        }
        ObjectSpec spec;
        try
        {
            spec = ElfReader.Read(File.ReadAllBytes(objectPath));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new SwitchException($"{objectPath}: {e.Message}");
        }
        return new CompiledPipeline(spec, layout);
    }
}
