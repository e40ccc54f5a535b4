using P4Bpf.Ebpf.Isa;

namespace P4Bpf.Ebpf.Assembly;

/// <summary>Assembles eBPF text in either the kernel/LLVM syntax that <see cref="Disassembler"/> prints (<c>r0 = *(u32 *)(r1 + 4)</c>)
/// or the uBPF/bpf_conformance mnemonics (<c>ldxw %r0, [%r1+4]</c>); both may be mixed line by line.</summary>
/// <remarks>
/// A line is <c>label:</c>, an instruction, or both (<c>out: exit</c>); <c>#</c>, <c>//</c> and <c>;</c> start comments.
/// Branch targets are <c>+N</c>/<c>-N</c> (slots from the next instruction) or labels. As in bpf_conformance, the first <c>exit</c>
/// also defines the label <c>exit</c> unless the program defines it.
/// </remarks>
public static class Assembler
{
    /// <summary>Assembles text into normalised instructions; throws <see cref="AssemblyException"/> with line and column.</summary>
    public static Instruction[] Assemble(string text)
    {
        var items = Parse(text, out var lines);
        try
        {
            var program = InstructionEncoder.Resolve(items);
            var scratch = new byte[16];
            var pc = 0;
            for (var i = 0; i < program.Length; i++)
            {
                try
                {
                    InstructionEncoder.EncodeOne(program[i], scratch, pc);
                }
                catch (IsaException e)
                {
                    throw new AssemblyException(lines[i].Line, lines[i].Column, StripPc(e.Message));
                }
                pc += program[i].Width;
            }
            return program;
        }
        catch (IsaException e)
        {
            // Labels were checked while parsing, so only offsets that do not fit remain here.
            var index = IndexOfPc(items, e.Pc);
            throw new AssemblyException(lines[index].Line, lines[index].Column, StripPc(e.Message));
        }
    }

    /// <summary>Assembles text into wire bytes.</summary>
    public static byte[] AssembleToBytes(string text) => InstructionEncoder.Encode(Assemble(text));

    /// <summary>Assembles without throwing.</summary>
    public static bool TryAssemble(string text, out Instruction[] program, out AssemblyException? error)
    {
        try
        {
            program = Assemble(text);
            error = null;
            return true;
        }
        catch (AssemblyException e)
        {
            program = [];
            error = e;
            return false;
        }
    }

    /// <summary>Parses text into instructions with unresolved label references (for tools that keep labels).</summary>
    public static IReadOnlyList<AsmInstruction> Parse(string text) => Parse(text, out _);

    private static List<AsmInstruction> Parse(string text, out List<(int Line, int Column)> lines)
    {
        var items = new List<AsmInstruction>();
        lines = [];
        var labels = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        var pending = new List<string>();
        var references = new List<(string Label, int Line, int Column)>();
        var aliases = new List<(string Alias, string Canonical)>();
        var endLabels = new HashSet<string>(StringComparer.Ordinal);
        int? firstExit = null;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var tokens = AsmLexer.Lex(rawLine.TrimEnd('\r'), lineNumber);
            var parser = new AsmLineParser(tokens, lineNumber);
            foreach (var (label, column) in parser.ParseLabels())
            {
                if (labels.TryGetValue(label, out var previous))
                {
                    throw new AssemblyException(lineNumber, column, $"duplicate label '{label}' (first defined on line {previous.Line})");
                }
                labels[label] = (lineNumber, column);
                pending.Add(label);
            }
            if (parser.AtEnd)
            {
                continue;
            }
            var column0 = parser.Column;
            var parsed = parser.ParseInstruction();
            var item = parsed.Instruction;
            if (parsed.Target is { } target)
            {
                references.Add((target, lineNumber, parsed.TargetColumn));
            }
            if (item.Instruction.Op.Raw == 0x95)
            {
                firstExit ??= items.Count;
            }
            foreach (var label in pending)
            {
                // Several labels on one instruction: the first names it, the others alias it below.
                if (item.Label is null)
                {
                    item = item.WithLabel(label);
                }
                else
                {
                    aliases.Add((label, item.Label));
                }
            }
            pending.Clear();
            items.Add(item);
            lines.Add((lineNumber, column0));
        }
        // Labels after the last instruction name the end of the program, which no branch may target.
        endLabels.UnionWith(pending);
        if (firstExit is { } exitIndex && !labels.ContainsKey("exit"))
        {
            if (items[exitIndex].Label is null)
            {
                items[exitIndex] = items[exitIndex].WithLabel("exit");
            }
            else
            {
                aliases.Add(("exit", items[exitIndex].Label!));
            }
            labels["exit"] = lines[exitIndex];
        }
        foreach (var (label, line, column) in references)
        {
            if (!labels.ContainsKey(label) || endLabels.Contains(label))
            {
                throw new AssemblyException(line, column, endLabels.Contains(label)
                    ? $"label '{label}' is past the last instruction"
                    : $"undefined label '{label}'");
            }
        }
        if (aliases.Count > 0)
        {
            var map = aliases.ToDictionary(a => a.Alias, a => a.Canonical, StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].Target is { } t && map.TryGetValue(t, out var canonical))
                {
                    items[i] = items[i] with { Target = canonical };
                }
            }
        }
        return items;
    }

    private static int IndexOfPc(List<AsmInstruction> items, int pc)
    {
        var slot = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (slot >= pc)
            {
                return i;
            }
            slot += items[i].Instruction.Width;
        }
        return Math.Max(0, items.Count - 1);
    }

    private static string StripPc(string message)
    {
        var at = message.LastIndexOf(" at PC ", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }
}
