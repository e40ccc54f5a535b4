using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf conformance-plugin [MEMHEX] [--interp|--jit]</c>: the bpf_conformance_runner plugin protocol.</summary>
/// <remarks>Reads one line of hex bytecode from stdin, runs it with r1 = a copy of MEM, r2 = its length, helper #5 returning its
/// first argument, and prints r0 in hex; failures exit non-zero with the message on stderr.</remarks>
internal static class ConformancePluginCommand
{
    public static Command Create()
    {
        var mem = new Argument<string?>("mem") { Description = "Input memory as hex bytes (\"aa  bb  \").", Arity = ArgumentArity.ZeroOrOne };
        var interp = new Option<bool>("--interp", "--interpret") { Description = "Run on the interpreter (default)." };
        var jit = new Option<bool>("--jit") { Description = "Run on the JIT." };
        var elf = new Option<bool>("--elf") { Description = "stdin holds a hex-encoded ELF object." };
        var command = new Command("conformance-plugin", "Run one program for bpf_conformance_runner (program hex on stdin, r0 on stdout).")
        {
            mem, interp, jit, elf,
        };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            if (parse.GetValue(elf))
            {
                throw new CliException("not supported yet: elf");
            }
            var memory = ParseHex(parse.GetValue(mem) ?? "", "memory");
            var code = ParseHex(Console.In.ReadToEnd(), "program");
            Console.Out.WriteLine(Run(code, memory, parse.GetValue(jit)).ToString("x", CultureInfo.InvariantCulture));
            return 0;
        }));
        return command;
    }

    internal static byte[] ParseHex(string text, string what)
    {
        var parts = text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var bytes = new byte[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i].StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? parts[i][2..] : parts[i];
            if (!byte.TryParse(p, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                throw new CliException($"invalid hex byte '{parts[i]}' in {what}");
            }
        }
        return bytes;
    }

    /// <summary>Runs on the checked interpreter, or with <paramref name="jit"/> on the JIT (trusted: conformance programs are known-good).</summary>
    internal static unsafe ulong Run(byte[] code, byte[] memory, bool jit = false)
    {
        var helpers = new HelperTable().Add(5, "conformance_echo", (r1, _, _, _, _, _) => r1);
        var interpreter = new Interpreter(helpers, new InterpreterOptions(CheckedMemory: true));
        using var ctx = new VmRunContext();
        var buffer = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, memory.Length));
        try
        {
            memory.CopyTo(new Span<byte>(buffer, memory.Length));
            if (memory.Length > 0)
            {
                ctx.AddRegion((nint)buffer, memory.Length, writable: true);
            }
            var program = VmProgram.FromBytes(code);
            var r1 = memory.Length > 0 ? (ulong)buffer : 0;
            return jit
                ? new P4Bpf.Ebpf.Jit.JitCompiler(helpers, P4Bpf.Ebpf.Jit.JitOptions.Trusted).Run(program, ctx, r1, (ulong)memory.Length)
                : interpreter.Run(program, ctx, r1, (ulong)memory.Length);
        }
        catch (VmException e)
        {
            throw new CliException(e.Message);
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }
}
