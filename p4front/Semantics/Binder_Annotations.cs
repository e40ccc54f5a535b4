using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Lexing;
using P4Bpf.Front.Parsing;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;
using P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    /// <summary>Annotations whose (unstructured) body must be one string: <c>@name("x")</c>, <c>@deprecated("why")</c>.</summary>
    private static readonly HashSet<string> StringAnnotations = ["name", "deprecated"];

    /// <summary>
    /// Checks the annotations of one element (spec §18.1, §18.3): a structured annotation's name is not used by another
    /// annotation of the same element; its body is either expressions or <c>key=value</c> pairs (not both, keys unique), each
    /// a compile-time int, string or bool; <c>@name</c> and <c>@deprecated</c> contain a string.
    /// </summary>
    private void CheckAnnotations(EquatableArray<Annotation> annotations)
    {
        for (var i = 0; i < annotations.Count; i++)
        {
            var annotation = annotations[i];
            var name = annotation.Name.Text;
            for (var j = 0; j < i; j++)
            {
                if (annotations[j].Name.Text == name && (annotation.BodyKind == AnnotationBodyKind.Structured || annotations[j].BodyKind == AnnotationBodyKind.Structured))
                {
                    Error(ErrorCode.ERR_InvalidAnnotation, annotation.Span, name, "duplicate name for a structured annotation");
                    break;
                }
            }
            if (annotation.BodyKind == AnnotationBodyKind.Structured)
            {
                CheckStructuredBody(annotation);
            }
            else if (name == "match" && annotation.BodyKind == AnnotationBodyKind.Unstructured
                && !(annotation.Body.Count == 1 && Lookup(annotation.Body[0].Text, false)?.FirstOrDefault() is MatchKindSymbol))
            {
                var span = annotation.Body.Count > 0 ? annotation.Body[0].Span.Cover(annotation.Body[^1].Span) : annotation.Span;
                Error(ErrorCode.ERR_InvalidAnnotation, span, name, $"{TextOf(span)}: the value must be a match_kind");
            }
            else if (name == "p4runtime_translation" && annotation.BodyKind == AnnotationBodyKind.Unstructured
                && SplitTopLevel(annotation.Body) is { Count: 2 } parts && !IsTranslatedType(parts[1]))
            {
                var span = parts[1].Count > 0 ? parts[1][0].Span.Cover(parts[1][^1].Span) : annotation.Span;
                Error(ErrorCode.ERR_InvalidAnnotation, span, name, $"{TextOf(span)}: the controller type must be bit<W> (W an integer literal), string or a width");
            }
            else if (StringAnnotations.Contains(name) && annotation.BodyKind == AnnotationBodyKind.Unstructured && !IsStringConcatenation(annotation.Body))
            {
                Error(ErrorCode.ERR_InvalidAnnotation, annotation.Span, name, "should contain a string");
            }
        }
    }

    /// <summary>
    /// <c>@length(e)</c> on a header field (spec §8.9.2): the names in <c>e</c> are fields declared before this one (or
    /// declarations in scope); a later field cannot be used.
    /// </summary>
    private void CheckLengthAnnotation(EquatableArray<Annotation> annotations, List<FieldInfo> earlierFields)
    {
        foreach (var annotation in annotations)
        {
            if (annotation.Name.Text != "length" || annotation.BodyKind != AnnotationBodyKind.Unstructured)
            {
                continue;
            }
            for (var i = 0; i < annotation.Body.Count; i++)
            {
                var token = annotation.Body[i];
                if (token.Kind != TokenKind.Identifier || i > 0 && annotation.Body[i - 1].Kind == TokenKind.Dot)
                {
                    continue;
                }
                if (earlierFields.Any(f => f.Name == token.Text) || Lookup(token.Text, false) is not null)
                {
                    continue;
                }
                Error(ErrorCode.ERR_UndeclaredName, token.Span, token.Text);
                return;
            }
        }
    }

    /// <summary>The second argument of <c>@p4runtime_translation</c>: <c>bit&lt;W&gt;</c>, <c>string</c> or a width (or a name).</summary>
    private static bool IsTranslatedType(List<Token> tokens) => tokens.Select(t => t.Kind).ToList() switch
    {
        [TokenKind.Integer] or [TokenKind.StringKeyword] or [TokenKind.Identifier] => true,
        [TokenKind.Bit, TokenKind.LessThan, TokenKind.Integer, TokenKind.GreaterThan] => true,
        _ => false,
    };

    /// <summary>A string literal, or string literals joined by <c>++</c>.</summary>
    private static bool IsStringConcatenation(EquatableArray<Token> body)
    {
        if (body.Count == 0 || body.Count % 2 == 0)
        {
            return false;
        }
        for (var i = 0; i < body.Count; i++)
        {
            var expected = i % 2 == 0 ? TokenKind.String : TokenKind.PlusPlus;
            if (body[i].Kind != expected)
            {
                return false;
            }
        }
        return true;
    }

    private void CheckStructuredBody(Annotation annotation)
    {
        var elements = SplitTopLevel(annotation.Body);
        var keys = new HashSet<string>();
        var keyValue = 0;
        foreach (var element in elements)
        {
            var tokens = element;
            if (tokens.Count >= 2 && tokens[0].Kind == TokenKind.Identifier && tokens[1].Kind == TokenKind.Assign)
            {
                keyValue++;
                if (!keys.Add(tokens[0].Text))
                {
                    Error(ErrorCode.ERR_InvalidAnnotation, tokens[0].Span, annotation.Name.Text, $"duplicate key '{tokens[0].Text}'");
                    return;
                }
                tokens = tokens.GetRange(2, tokens.Count - 2);
            }
            var span = tokens.Count > 0 ? tokens[0].Span.Cover(tokens[^1].Span) : element.Count > 0 ? element[^1].Span : annotation.Span;
            var expression = tokens.Count == 0 ? null : P4Grammar.TryParseExpression([.. tokens, new Token(TokenKind.EndOfFile, new TextSpan(span.End, 0), "")]);
            if (expression is null)
            {
                Error(ErrorCode.ERR_InvalidAnnotation, span, annotation.Name.Text, "expected an expression or a key=value pair");
                return;
            }
            var bound = BindExpression(expression, null);
            if (bound.Type.IsError)
            {
                return;
            }
            if (bound.Type is not (IntType or BitsType or StringType or BoolType))
            {
                Error(ErrorCode.ERR_InvalidAnnotation, span, annotation.Name.Text, $"{TextOf(span)}: illegal type '{bound.Type.Display}' for a structured annotation; must be int, string or bool");
                return;
            }
            if (!ConstantFolder.IsConstant(bound))
            {
                Error(ErrorCode.ERR_NotConstant, span, $"the value '{TextOf(span)}' of @{annotation.Name.Text}");
                return;
            }
        }
        if (keyValue > 0 && keyValue < elements.Count)
        {
            Error(ErrorCode.ERR_InvalidAnnotation, annotation.Span, annotation.Name.Text, "a structured annotation contains either expressions or key=value pairs, not both");
        }
    }

    /// <summary>The comma-separated elements of a bracketed body (commas inside parentheses, brackets and braces do not split).</summary>
    private static List<List<Token>> SplitTopLevel(EquatableArray<Token> body)
    {
        var result = new List<List<Token>>();
        if (body.Count == 0)
        {
            return result;
        }
        var current = new List<Token>();
        var depth = 0;
        foreach (var token in body)
        {
            switch (token.Kind)
            {
                case TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.LeftBrace:
                    depth++;
                    break;
                case TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace:
                    depth--;
                    break;
                case TokenKind.Comma when depth == 0:
                    result.Add(current);
                    current = [];
                    continue;
            }
            current.Add(token);
        }
        if (current.Count > 0)
        {
            result.Add(current); // a trailing comma is allowed
        }
        return result;
    }
}
