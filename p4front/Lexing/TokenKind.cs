namespace P4Bpf.Front.Lexing;

/// <summary>The terminals of the P4_16 grammar (grammar.adoc), keywords and punctuation included.</summary>
public enum TokenKind
{
    EndOfFile,
    Identifier,
    /// <summary>An identifier that names a type (decided by the parser's type-name pre-scan).</summary>
    TypeIdentifier,
    Integer,
    String,

    // keywords
    Abstract, Action, Actions, Apply, Bool, Bit, Break, Const, Continue, Control, Default, Else, Entries, Enum, Error,
    Exit, Extern, False, For, Header, HeaderUnion, If, In, InOut, Int, Key, List, MatchKind, Out, Package, Parser,
    Priority, Return, Select, State, StringKeyword, Struct, Switch, Table, This, Transition, True, Tuple,
    Type, Typedef, Varbit, ValueSet, Void,

    // punctuation
    /// <summary><c>_</c>, the don't-care.</summary>
    DontCare,
    LeftBrace, RightBrace, LeftParen, RightParen, LeftBracket, RightBracket,
    Semicolon, Comma, Dot, Colon, Question, At,
    /// <summary><c>{#}</c>, the invalid header / header union value.</summary>
    InvalidHeader,
    /// <summary><c>..</c></summary>
    Range,
    /// <summary><c>...</c></summary>
    Dots,
    Assign, Equal, NotEqual, LessThan, GreaterThan, LessEqual, GreaterEqual, ShiftLeft,
    Plus, Minus, Star, Slash, Percent, PlusPlus, PlusSat, MinusSat,
    Ampersand, Pipe, Caret, Tilde, Bang, AndAnd, OrOr, Mask,
    PlusAssign, MinusAssign, StarAssign, SlashAssign, PercentAssign, ShiftLeftAssign, AmpersandAssign, PipeAssign,
    CaretAssign, PlusSatAssign, MinusSatAssign,
    /// <summary><c>+:</c> in the slice <c>[base +: width]</c>.</summary>
    PlusColon,

    /// <summary>A character sequence the lexer could not recognise (already reported).</summary>
    Bad,
}
