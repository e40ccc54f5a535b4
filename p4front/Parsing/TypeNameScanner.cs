using P4Bpf.Front.Lexing;

namespace P4Bpf.Front.Parsing;

/// <summary>
/// Answers P4's type-versus-identifier question before parsing: collects every name declared as a type
/// (header, header_union, struct, enum, typedef, type, extern object, parser, control, package, and type
/// parameters) and turns those identifiers into <see cref="TokenKind.TypeIdentifier"/> tokens.
/// </summary>
/// <remarks>
/// p4c does this inside its lexer with scopes; we do it globally, which is enough because the grammar accepts a
/// type identifier wherever a plain name may stand (declared names, fields, expressions).
/// </remarks>
internal static class TypeNameScanner
{
    public static Token[] Classify(IReadOnlyList<Token> tokens, IEnumerable<string>? knownTypes = null)
    {
        var names = new HashSet<string>(knownTypes ?? [], StringComparer.Ordinal);
        Collect(tokens, names);
        var result = new Token[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            result[i] = token.Kind == TokenKind.Identifier && names.Contains(token.Text) ? token with { Kind = TokenKind.TypeIdentifier } : token;
        }
        return result;
    }

    private static bool IsName(Token t) => t.Kind is TokenKind.Identifier or TokenKind.TypeIdentifier;

    private static void Collect(IReadOnlyList<Token> t, HashSet<string> names)
    {
        Token At(int i) => i < t.Count ? t[i] : t[^1];

        for (var i = 0; i < t.Count; i++)
        {
            switch (t[i].Kind)
            {
                case TokenKind.Header:
                case TokenKind.HeaderUnion:
                case TokenKind.Struct:
                case TokenKind.Parser:
                case TokenKind.Control:
                case TokenKind.Package:
                    if (IsName(At(i + 1)))
                    {
                        names.Add(At(i + 1).Text);
                        AddTypeParameters(t, i + 2, names);
                    }
                    break;
                case TokenKind.Extern:
                    // extern Name { … } or extern Name<T> { … } declare an object type; anything else is a function.
                    if (IsName(At(i + 1)) && At(i + 2).Kind is TokenKind.LeftBrace or TokenKind.LessThan)
                    {
                        names.Add(At(i + 1).Text);
                        AddTypeParameters(t, i + 2, names);
                    }
                    break;
                case TokenKind.Enum:
                    // enum Name { … } or enum bit<8> Name { … }: the name stands right before the brace.
                    for (var j = i + 1; j < t.Count && j < i + 16; j++)
                    {
                        if (t[j].Kind == TokenKind.LeftBrace)
                        {
                            if (IsName(t[j - 1]))
                            {
                                names.Add(t[j - 1].Text);
                            }
                            break;
                        }
                        if (t[j].Kind is TokenKind.Semicolon or TokenKind.RightBrace)
                        {
                            break;
                        }
                    }
                    break;
                case TokenKind.Typedef:
                case TokenKind.Type:
                    AddTypedefName(t, i, names);
                    break;
                case TokenKind.LessThan:
                    AddGenericFunctionTypeParameters(t, i, names);
                    break;
            }
        }
    }

    /// <summary><c>typedef … Name;</c> and <c>type … Name;</c>: the identifier before the <c>;</c> at nesting depth 0.</summary>
    private static void AddTypedefName(IReadOnlyList<Token> t, int i, HashSet<string> names)
    {
        var next = i + 1 < t.Count ? t[i + 1] : default;
        // `type` is also a valid field or variable name: only a type may follow the keyword here.
        if (t[i].Kind == TokenKind.Type && !(next.Kind is TokenKind.Identifier or TokenKind.TypeIdentifier or TokenKind.Bit or TokenKind.Int
            or TokenKind.Varbit or TokenKind.Bool or TokenKind.StringKeyword or TokenKind.Tuple or TokenKind.Dot or TokenKind.Error))
        {
            return;
        }
        var depth = 0;
        for (var j = i + 1; j < t.Count && j < i + 4096; j++)
        {
            switch (t[j].Kind)
            {
                case TokenKind.LeftBrace:
                case TokenKind.LeftParen:
                case TokenKind.LeftBracket:
                    depth++;
                    break;
                case TokenKind.RightBrace:
                case TokenKind.RightParen:
                case TokenKind.RightBracket:
                    depth--;
                    break;
                case TokenKind.Semicolon when depth <= 0:
                    if (IsName(t[j - 1]))
                    {
                        names.Add(t[j - 1].Text);
                    }
                    return;
            }
            if (depth < 0)
            {
                return;
            }
        }
    }

    /// <summary>Adds <c>A, B</c> of a <c>&lt;A, B&gt;</c> type parameter list starting at <paramref name="i"/>.</summary>
    private static void AddTypeParameters(IReadOnlyList<Token> t, int i, HashSet<string> names)
    {
        if (i >= t.Count || t[i].Kind != TokenKind.LessThan)
        {
            return;
        }
        for (var j = i + 1; j < t.Count; j += 2)
        {
            if (!IsName(t[j]))
            {
                return;
            }
            names.Add(t[j].Text);
            if (j + 1 >= t.Count || t[j + 1].Kind != TokenKind.Comma)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Generic functions and methods: <c>R name&lt;A, B&gt;(</c> where R is a type-ish token. A call with type
    /// arguments (<c>f&lt;T&gt;(x)</c>) is preceded by an operator or punctuation instead, so it is left alone.
    /// </summary>
    private static void AddGenericFunctionTypeParameters(IReadOnlyList<Token> t, int i, HashSet<string> names)
    {
        if (i < 2 || !IsName(t[i - 1]))
        {
            return;
        }
        var before = t[i - 2];
        var typeish = before.Kind is TokenKind.Identifier or TokenKind.TypeIdentifier or TokenKind.Void or TokenKind.GreaterThan
            or TokenKind.Bool or TokenKind.Bit or TokenKind.Int or TokenKind.StringKeyword or TokenKind.Error or TokenKind.MatchKind
            or TokenKind.RightBracket;
        if (!typeish)
        {
            return;
        }
        var candidates = new List<string>();
        var j = i + 1;
        while (j < t.Count && IsName(t[j]))
        {
            candidates.Add(t[j].Text);
            if (j + 1 < t.Count && t[j + 1].Kind == TokenKind.Comma)
            {
                j += 2;
                continue;
            }
            j++;
            break;
        }
        if (candidates.Count > 0 && j + 1 < t.Count && t[j].Kind == TokenKind.GreaterThan && t[j + 1].Kind == TokenKind.LeftParen)
        {
            names.UnionWith(candidates);
        }
    }
}
