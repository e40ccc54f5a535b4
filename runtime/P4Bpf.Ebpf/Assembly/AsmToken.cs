namespace P4Bpf.Ebpf.Assembly;

/// <summary>Token kinds of the assembly lexer.</summary>
internal enum AsmTokenKind
{
    /// <summary>Identifier, register (<c>r1</c>, <c>w1</c>, <c>%r1</c>) or mnemonic.</summary>
    Ident,
    /// <summary>Unsigned decimal or <c>0x</c> hex literal (signs are separate tokens).</summary>
    Number,
    /// <summary>Operator or punctuation (<c>+=</c>, <c>s>>=</c>, <c>(</c>, <c>,</c>…).</summary>
    Punct,
    /// <summary>End of line.</summary>
    End,
}

/// <summary>One token with its 1-based column.</summary>
internal readonly record struct AsmToken(AsmTokenKind Kind, string Text, int Column)
{
    public bool Is(string text) => Kind != AsmTokenKind.End && Text == text;

    public override string ToString() => Kind == AsmTokenKind.End ? "end of line" : $"'{Text}'";
}
