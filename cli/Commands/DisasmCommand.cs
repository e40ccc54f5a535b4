using System.CommandLine;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Isa;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf disasm FILE.bin</c>: prints raw bytecode in the kernel/LLVM syntax.</summary>
internal static class DisasmCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("file") { Description = "Raw bytecode (little-endian, 8 bytes per slot)." };
        var labels = new Option<bool>("--labels") { Description = "Name branch targets instead of printing relative offsets." };
        var pcs = new Option<bool>("--pc") { Description = "Prefix each instruction with its slot number." };
        var command = new Command("disasm", "Disassemble raw eBPF bytecode into kernel/LLVM syntax.") { input, labels, pcs };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var file = parse.GetValue(input)!;
            if (!file.Exists)
            {
                throw new CliException($"no such file: {file.FullName}");
            }
            Instruction[] program;
            try
            {
                program = InstructionDecoder.Decode(File.ReadAllBytes(file.FullName));
            }
            catch (IsaException e)
            {
                throw new CliException($"{file.Name}: {e.Message}");
            }
            Console.Out.Write(Disassembler.Disassemble(program, new DisassemblyOptions(parse.GetValue(labels), parse.GetValue(pcs))));
            return 0;
        }));
        return command;
    }
}
