namespace P4Bpf.Runtime.Stf;

/// <summary>Kinds of STF tokens.</summary>
internal enum StfTokenKind
{
    /// <summary>A name part: <c>[A-Za-z_$][A-Za-z0-9_$]*</c>.</summary>
    Identifier,
    /// <summary>A number: starts with a digit; may hold letters (<c>0x1f</c>), <c>*</c> digits and a decimal point.</summary>
    Number,
    /// <summary>A double-quoted name.</summary>
    String,
    /// <summary>Punctuation: <c>: ( ) , / = . [ ] * - &amp;&amp;&amp; -&gt; == != &lt; &lt;= &gt; &gt;=</c>.</summary>
    Punct,
    /// <summary>End of the line.</summary>
    End,
}

/// <summary>One token of an STF line; Column is 1-based.</summary>
internal readonly record struct StfToken(StfTokenKind Kind, string Text, int Column)
{
    public bool Is(string punct) => Kind == StfTokenKind.Punct && Text == punct;

    public override string ToString() => Kind == StfTokenKind.End ? "end of line" : $"'{Text}'";
}
