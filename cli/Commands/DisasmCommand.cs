using System.CommandLine;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Isa;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf disasm OBJ.o|FILE.bin</c>: prints an ELF object's programs, or raw bytecode, in the kernel/LLVM syntax.</summary>
internal static class DisasmCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("file") { Description = "An eBPF ELF object (every program, by section), or raw bytecode (little-endian, 8 bytes per slot)." };
        var labels = new Option<bool>("--labels") { Description = "Name branch targets instead of printing relative offsets." };
        var pcs = new Option<bool>("--pc") { Description = "Prefix each instruction with its slot number." };
        var command = new Command("disasm", "Disassemble an eBPF object or raw bytecode into kernel/LLVM syntax.") { input, labels, pcs };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var file = parse.GetValue(input)!;
            if (!file.Exists)
            {
                throw new CliException($"no such file: {file.FullName}");
            }
            var bytes = File.ReadAllBytes(file.FullName);
            var options = new DisassemblyOptions(parse.GetValue(labels), parse.GetValue(pcs));
            try
            {
                if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x7f, (byte)'E', (byte)'L', (byte)'F']))
                {
                    foreach (var program in ElfReader.Read(bytes).Programs)
                    {
                        Console.Out.WriteLine($"{program.SectionName}/{program.Name}:");
                        Console.Out.Write(Disassembler.Disassemble(InstructionDecoder.Decode(program.Bytecode.Items.AsSpan()), options));
                        Console.Out.WriteLine();
                    }
                    return 0;
                }
                Console.Out.Write(Disassembler.Disassemble(InstructionDecoder.Decode(bytes), options));
            }
            catch (Exception e) when (e is IsaException or ElfException)
            {
                throw new CliException($"{file.Name}: {e.Message}");
            }
            return 0;
        }));
        return command;
    }
}
