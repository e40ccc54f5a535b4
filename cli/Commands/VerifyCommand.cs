using System.CommandLine;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Verifier;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf verify OBJ.o</c>: runs the eBPF verifier on each program of an object (or a raw <c>.bin</c> / assembly <c>.s</c> file).</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "An ELF object (.o), raw bytecode (.bin) or kernel-syntax assembly (.s)." };
        var section = new Option<string?>("--section") { Description = "Verify only the program in this section (or with this name)." };
        var type = new Option<string?>("--type") { Description = "Program type: xdp, tc or socket (required for .bin/.s without a '# type:' header; overrides the section's type)." };
        var profile = new Option<string>("--profile") { Description = "kernel or smartnic.", DefaultValueFactory = _ => "kernel" };
        var log = new Option<bool>("--log") { Description = "Print the verifier log (states on the failing path)." };
        var command = new Command("verify", "Prove eBPF programs safe with the verifier (kernel or SmartNIC offload rules).") { file, section, type, profile, log };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(section), parse.GetValue(type), parse.GetValue(profile)!, parse.GetValue(log)));
        return command;
    }

    private static int Run(string path, string? section, string? typeName, string profileName, bool log)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file");
        }
        var profile = VerifierProfile.Named(profileName) ?? throw new CliException($"unknown profile '{profileName}' (kernel or smartnic)");
        ProgramType? type = null;
        if (typeName is not null)
        {
            type = AsmHeader.ParseProgramType(typeName) ?? throw new CliException($"unknown program type '{typeName}' (xdp, tc or socket)");
        }
        var programs = Load(path, type);
        if (section is not null)
        {
            programs = programs.Where(p => p.Name == section || p.Section == section).ToList();
            if (programs.Count == 0)
            {
                throw new CliException($"{path}: no program in section '{section}'");
            }
        }
        var failed = false;
        foreach (var (name, sect, input) in programs)
        {
            var options = new VerifierOptions { Profile = profile, Log = log, ProgramType = type ?? ProgramType.Unspec };
            var result = Verifier.Instance.Verify(input, options);
            if (log)
            {
                foreach (var line in result.Log)
                {
                    Console.Error.WriteLine(line);
                }
            }
            if (result.Accepted)
            {
                Console.WriteLine($"{path}:{sect}: accepted ({result.InstructionsProcessed} insns processed, {result.Elapsed.TotalMilliseconds:F1} ms)");
            }
            else
            {
                failed = true;
                Console.WriteLine($"{path}:{sect}: rejected at insn {result.Error!.Pc}: {result.Error.Message}");
            }
            _ = name;
        }
        return failed ? 1 : 0;
    }

    private static List<(string Name, string Section, VerifierInput Input)> Load(string path, ProgramType? type)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            switch (ext)
            {
                case ".s" or ".asm":
                {
                    var text = File.ReadAllText(path);
                    var headerType = AsmHeader.Value(text, "type") is { } h ? AsmHeader.ParseProgramType(h) : null;
                    var t = type ?? headerType ?? throw new CliException($"{path}: give --type (xdp, tc or socket)");
                    var bytes = Assembler.AssembleToBytes(text);
                    return [(Path.GetFileNameWithoutExtension(path), "text", new VerifierInput(EquatableArray.Create<byte>(bytes), t, AsmHeader.ParseMaps(text)))];
                }
                case ".bin":
                {
                    var t = type ?? throw new CliException($"{path}: give --type (xdp, tc or socket)");
                    return [(Path.GetFileNameWithoutExtension(path), "text", new VerifierInput(EquatableArray.Create<byte>(File.ReadAllBytes(path)), t, []))];
                }
                default:
                {
                    var obj = ElfReader.ReadFile(path);
                    return obj.Programs.Select(p => (p.Name, p.SectionName, VerifierInput.FromSpec(p, obj.Maps))).ToList();
                }
            }
        }
        catch (AssemblyException e)
        {
            throw new CliException($"{path}:{e.Message}");
        }
        catch (ElfException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
        catch (FormatException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
    }
}
