using System.Globalization;
using P4Bpf.Ebpf.Isa;

namespace P4Bpf.Ebpf.Assembly;

/// <summary>One parsed instruction line: the instruction, and the label its branch refers to (with that label's column).</summary>
internal readonly record struct ParsedLine(AsmInstruction Instruction, string? Target, int TargetColumn);

/// <summary>Parses the tokens of one line; the kernel syntax is in <c>AsmLineParser_Kernel.cs</c>, the uBPF syntax in <c>AsmLineParser_Ubpf.cs</c>.</summary>
internal sealed partial class AsmLineParser(List<AsmToken> tokens, int line)
{
    private int _pos;

    public bool AtEnd => Peek.Kind == AsmTokenKind.End;

    public int Column => Peek.Column;

    private AsmToken Peek => tokens[_pos];

    private AsmToken PeekAt(int ahead) => tokens[Math.Min(_pos + ahead, tokens.Count - 1)];

    private AsmToken Next() => tokens[_pos < tokens.Count - 1 ? _pos++ : _pos];

    /// <summary>Consumes leading <c>name:</c> label definitions.</summary>
    public List<(string Label, int Column)> ParseLabels()
    {
        var labels = new List<(string, int)>();
        while (Peek.Kind is AsmTokenKind.Ident or AsmTokenKind.Number && PeekAt(1).Is(":"))
        {
            labels.Add((Peek.Text, Peek.Column));
            _pos += 2;
        }
        return labels;
    }

    /// <summary>Parses the instruction on the rest of the line, choosing the syntax from its first tokens.</summary>
    public ParsedLine ParseInstruction()
    {
        var result = IsUbpfLine() ? ParseUbpf() : ParseKernel();
        if (!AtEnd)
        {
            throw Error(Peek, $"unexpected {Peek} after the instruction");
        }
        return result;
    }

    private AssemblyException Error(AsmToken at, string reason) => new(line, at.Column, reason);

    private AsmToken Expect(string text)
    {
        var t = Next();
        if (!t.Is(text))
        {
            throw Error(t, $"expected '{text}' but found {t}");
        }
        return t;
    }

    private bool Accept(string text)
    {
        if (Peek.Is(text))
        {
            _pos++;
            return true;
        }
        return false;
    }

    private AsmToken ExpectIdent(string what)
    {
        var t = Next();
        if (t.Kind != AsmTokenKind.Ident)
        {
            throw Error(t, $"expected {what} but found {t}");
        }
        return t;
    }

    /// <summary>Parses a register token; <paramref name="isW"/> tells whether it was written <c>wN</c>.</summary>
    private Register ParseRegister(out bool isW)
    {
        var t = Next();
        if (!TryRegister(t, out var reg, out isW))
        {
            throw Error(t, $"expected a register but found {t}");
        }
        return reg;
    }

    private Register ParseRegister(bool wantW, string context)
    {
        var at = Peek;
        var reg = ParseRegister(out var isW);
        if (isW != wantW)
        {
            throw Error(at, $"expected a {(wantW ? "32-bit (wN)" : "64-bit (rN)")} register in {context}");
        }
        return reg;
    }

    private static bool TryRegister(AsmToken t, out Register reg, out bool isW)
    {
        reg = default;
        isW = false;
        if (t.Kind != AsmTokenKind.Ident)
        {
            return false;
        }
        var text = t.Text.StartsWith('%') ? t.Text[1..] : t.Text;
        if (text.Length < 2 || (text[0] != 'r' && text[0] != 'w'))
        {
            return false;
        }
        if (!byte.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 10 || (text.Length > 2 && text[1] == '0'))
        {
            return false;
        }
        isW = text[0] == 'w';
        reg = new Register(index);
        return true;
    }

    private bool PeekIsRegister => TryRegister(Peek, out _, out _);

    /// <summary>Parses an optionally signed integer literal within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    private long ParseInteger(long min, ulong max, string what)
    {
        var start = Peek;
        var negative = false;
        if (Accept("-"))
        {
            negative = true;
        }
        else
        {
            Accept("+");
        }
        var t = Next();
        if (t.Kind != AsmTokenKind.Number)
        {
            throw Error(t, $"expected {what} but found {t}");
        }
        ulong magnitude;
        var ok = t.Text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(t.Text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out magnitude)
            : ulong.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude);
        if (!ok)
        {
            throw Error(t, $"invalid number '{t.Text}'");
        }
        if (negative)
        {
            if (magnitude > (ulong)-(min + 1) + 1)
            {
                throw Error(start, $"{what} -{t.Text} is out of range");
            }
            return (long)(0 - magnitude);
        }
        if (magnitude > max)
        {
            throw Error(start, $"{what} {t.Text} is out of range");
        }
        return (long)magnitude;
    }

    /// <summary>A 32-bit immediate: accepts [-2^31, 2^32) and returns it sign-extended from 32 bits.</summary>
    private long ParseImm32(string what = "an immediate") => (int)ParseInteger(int.MinValue, uint.MaxValue, what);

    /// <summary>A 16-bit offset: accepts [-2^15, 2^16) and returns it as a signed short.</summary>
    private short ParseOffset16(string what = "an offset") => unchecked((short)ParseInteger(short.MinValue, ushort.MaxValue, what));

    private long ParseImm64() => ParseInteger(long.MinValue, ulong.MaxValue, "a 64-bit immediate");

    /// <summary>A branch target: <c>+N</c>, <c>-N</c> or a label (an optional <c>&lt;name&gt;</c> annotation is skipped).</summary>
    private (long Offset, string? Label, int Column) ParseTarget(long min, long max)
    {
        var t = Peek;
        (long, string?, int) result;
        if (t.Is("+") || t.Is("-") || t.Kind == AsmTokenKind.Number)
        {
            result = (ParseInteger(min, (ulong)max, "a jump offset"), null, t.Column);
        }
        else if (t.Kind == AsmTokenKind.Ident)
        {
            Next();
            result = (0, t.Text, t.Column);
        }
        else
        {
            throw Error(t, $"expected a jump target but found {t}");
        }
        if (Accept("<"))
        {
            while (!AtEnd && !Peek.Is(">"))
            {
                Next();
            }
            Expect(">");
        }
        return result;
    }

    private static ParsedLine Done(Instruction insn) => new(insn, null, 0);

    private static ParsedLine Branch(Instruction insn, (long Offset, string? Label, int Column) target) =>
        target.Label is null ? new(insn, null, 0) : new(new AsmInstruction(insn, Target: target.Label), target.Label, target.Column);

    private static MemSize SizeFromBits(int bits) => bits switch
    {
        8 => MemSize.B,
        16 => MemSize.H,
        32 => MemSize.W,
        _ => MemSize.DW,
    };
}
