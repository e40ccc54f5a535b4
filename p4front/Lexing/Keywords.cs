namespace P4Bpf.Front.Lexing;

/// <summary>The keyword set of the current P4_16 spec, and the printed form of every fixed token.</summary>
public static class Keywords
{
    private static readonly Dictionary<string, TokenKind> Map = new(StringComparer.Ordinal)
    {
        ["abstract"] = TokenKind.Abstract, ["action"] = TokenKind.Action, ["actions"] = TokenKind.Actions,
        ["apply"] = TokenKind.Apply, ["bool"] = TokenKind.Bool, ["bit"] = TokenKind.Bit, ["break"] = TokenKind.Break,
        ["const"] = TokenKind.Const, ["continue"] = TokenKind.Continue, ["control"] = TokenKind.Control,
        ["default"] = TokenKind.Default, ["else"] = TokenKind.Else, ["entries"] = TokenKind.Entries,
        ["enum"] = TokenKind.Enum, ["error"] = TokenKind.Error, ["exit"] = TokenKind.Exit, ["extern"] = TokenKind.Extern,
        ["false"] = TokenKind.False, ["for"] = TokenKind.For, ["header"] = TokenKind.Header,
        ["header_union"] = TokenKind.HeaderUnion, ["if"] = TokenKind.If, ["in"] = TokenKind.In,
        ["inout"] = TokenKind.InOut, ["int"] = TokenKind.Int, ["key"] = TokenKind.Key, ["list"] = TokenKind.List,
        ["match_kind"] = TokenKind.MatchKind, ["out"] = TokenKind.Out, ["package"] = TokenKind.Package,
        ["parser"] = TokenKind.Parser, ["priority"] = TokenKind.Priority,
        ["return"] = TokenKind.Return, ["select"] = TokenKind.Select, ["state"] = TokenKind.State,
        ["string"] = TokenKind.StringKeyword, ["struct"] = TokenKind.Struct, ["switch"] = TokenKind.Switch,
        ["table"] = TokenKind.Table, ["this"] = TokenKind.This, ["transition"] = TokenKind.Transition,
        ["true"] = TokenKind.True, ["tuple"] = TokenKind.Tuple, ["type"] = TokenKind.Type,
        ["typedef"] = TokenKind.Typedef, ["varbit"] = TokenKind.Varbit, ["value_set"] = TokenKind.ValueSet,
        ["void"] = TokenKind.Void,
    };

    public static IReadOnlyCollection<string> All => Map.Keys;

    public static bool TryGet(string text, out TokenKind kind) => Map.TryGetValue(text, out kind);

    public static bool IsKeyword(TokenKind kind) => kind >= TokenKind.Abstract && kind <= TokenKind.Void;
}
