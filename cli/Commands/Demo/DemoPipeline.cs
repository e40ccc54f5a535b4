using P4Bpf.Ebpf.Elf;
using P4Bpf.EbpfGen;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.P4InfoGen;
using P4InfoMessage = P4.Config.V1.P4Info;

namespace P4Bpf.Cli.Demo;

/// <summary>An example's program compiled for the demo: the compilation, its P4Info and the packed <c>p4_device_config</c>.</summary>
internal sealed record DemoPipeline(string Path, CompilationResult Result, P4InfoMessage P4Info, byte[] DeviceConfig)
{
    /// <summary>The program of an example folder: <c>NAME.p4</c> with the folder's dashes as underscores.</summary>
    public static string ProgramOf(string exampleDir) =>
        System.IO.Path.Combine(exampleDir, System.IO.Path.GetFileName(exampleDir.TrimEnd('/', '\\')).Replace('-', '_') + ".p4");

    /// <summary>Compiles and builds the P4Info; throws <see cref="CliException"/> with the compiler's errors.</summary>
    public static DemoPipeline Compile(string p4Path)
    {
        if (!File.Exists(p4Path))
        {
            throw new CliException($"{p4Path}: no such file");
        }
        var result = P4Compiler.CompileFile(p4Path);
        if (!result.Success)
        {
            throw new CliException($"{p4Path} does not compile:\n{string.Join("\n", result.Errors)}");
        }
        var info = P4InfoBuilder.Build(result.Ir!, FrontEndExtras.From(result.Front!, result.Ir!));
        if (!info.Success)
        {
            throw new CliException($"{p4Path}: no P4Info:\n{string.Join("\n", info.Errors)}");
        }
        var package = new DeviceConfigPackage(ElfWriter.Write(result.Object!), result.Layout!.ToJson());
        return new DemoPipeline(p4Path, result, info.Info!, package.ToBytes());
    }
}
