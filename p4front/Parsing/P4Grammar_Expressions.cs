using P4Bpf.Front.Lexing;
using P4Bpf.Front.Syntax;
using Pidgin;
using Pidgin.Expression;
using static Pidgin.Parser;

namespace P4Bpf.Front.Parsing;

internal static partial class P4Grammar
{
    private static Expression IntegerFromToken(Token t) =>
        IntegerLiteral.TryParse(t.Text, out var literal, out _)
            ? new IntegerLiteralExpression(t.Span, literal.Value, literal.Width, literal.IsSigned, t.Text)
            : new IntegerLiteralExpression(t.Span, 0, null, false, t.Text); // already reported by the lexer

    private static string StringValue(Token t) => t.Text.Length >= 2 ? t.Text[1..^1] : "";

    // ---------------- arguments ----------------

    private static Parser<Token, Expression> DontCare => field ??=
        Tok(TokenKind.DontCare).Select(t => (Expression)new DontCareExpression(t.Span));

    /// <summary><c>argument</c>: <c>expr</c>, <c>name = expr</c>, <c>_</c>, <c>name = _</c>.</summary>
    private static Parser<Token, Argument> ArgumentParser => field ??=
        OneOf(
            Map((name, value) => new Argument(name.Span.Cover(value.Span), name, value),
                Try(Name.Before(Tok(TokenKind.Assign))), OneOf(DontCare, Rec(() => Expression!))),
            DontCare.Select(e => new Argument(e.Span, null, e)),
            Rec(() => Expression!).Select(e => new Argument(e.Span, null, e)));

    /// <summary><c>( argumentList )</c> with the closing parenthesis.</summary>
    private static Parser<Token, (EquatableArray<Argument> Arguments, Token Close)> ArgumentList => field ??=
        Map((open, args, close) => (args.ToEquatableArray(), close),
            Tok(TokenKind.LeftParen), ArgumentParser.Separated(Comma), Tok(TokenKind.RightParen));

    // ---------------- primary expressions ----------------

    private static Parser<Token, NamedExpression> KeyValuePair => field ??=
        Map((name, value) => new NamedExpression(name.Span.Cover(value.Span), name, value),
            Try(Name.Before(Tok(TokenKind.Assign))), Rec(() => Expression!));

    /// <summary><c>{ kvList [, ...] }</c> after the opening brace.</summary>
    private static Parser<Token, Func<Token, Expression>> StructBody => field ??=
        Map((first, rest, close) =>
            {
                var fields = new List<NamedExpression> { first };
                var dots = false;
                foreach (var item in rest)
                {
                    if (item is null)
                    {
                        dots = true;
                    }
                    else
                    {
                        fields.Add(item);
                    }
                }
                return (Func<Token, Expression>)(open => new StructExpression(open.Span.Cover(close.Span), fields.ToEquatableArray(), dots));
            },
            KeyValuePair,
            Try(Comma.Then(OneOf(KeyValuePair.Select(kv => (NamedExpression?)kv), Tok(TokenKind.Dots).Select(_ => (NamedExpression?)null)))).Many(),
            Comma.Optional().Then(Tok(TokenKind.RightBrace)));

    /// <summary><c>{ expressionList [,] }</c> after the opening brace.</summary>
    private static Parser<Token, Func<Token, Expression>> ListBody => field ??=
        Map((elements, close) => (Func<Token, Expression>)(open => new ListExpression(open.Span.Cover(close.Span), elements.ToEquatableArray())),
            Rec(() => Expression!).SeparatedAndOptionallyTerminated(Comma), Tok(TokenKind.RightBrace));

    private static Parser<Token, Expression> BraceExpression => field ??=
        Map((open, body) => body(open), Tok(TokenKind.LeftBrace), OneOf(StructBody, ListBody));

    private static Parser<Token, Expression> Primary => field ??=
        OneOf(
            Tok(TokenKind.Integer).Select(IntegerFromToken),
            Tok(TokenKind.String).Select(t => (Expression)new StringLiteralExpression(t.Span, StringValue(t))),
            Tok(TokenKind.True).Select(t => (Expression)new BooleanLiteralExpression(t.Span, true)),
            Tok(TokenKind.False).Select(t => (Expression)new BooleanLiteralExpression(t.Span, false)),
            Tok(TokenKind.This).Select(t => (Expression)new ThisExpression(t.Span)),
            Tok(TokenKind.Dots).Select(t => (Expression)new DotsExpression(t.Span)),
            Tok(TokenKind.InvalidHeader).Select(t => (Expression)new InvalidHeaderExpression(t.Span)),
            Tok(TokenKind.Error).Select(t => (Expression)new TypeExpression(t.Span, new BaseTypeSyntax(t.Span, BaseTypeKeyword.Error))),
            DontCare,
            Name.Select(n => (Expression)new NameExpression(n.Span, n, false)),
            Map((dot, n) => (Expression)new NameExpression(dot.Span.Cover(n.Span), n, true), Tok(TokenKind.Dot), Name),
            BraceExpression,
            Rec(() => Expression!).Between(Tok(TokenKind.LeftParen), Tok(TokenKind.RightParen)));

    // ---------------- operators, one row per precedence level (highest first) ----------------

    private static Parser<Token, Func<Expression, Expression, Expression>> Binary(Parser<Token, Token> op, BinaryOperator kind) =>
        op.Select(_ => (Func<Expression, Expression, Expression>)((l, r) => new BinaryExpression(l.Span.Cover(r.Span), kind, l, r)));

    private static Parser<Token, Func<Expression, Expression>> Prefix(TokenKind op, UnaryOperator kind) =>
        Tok(op).Select(t => (Func<Expression, Expression>)(e => new UnaryExpression(t.Span.Cover(e.Span), kind, e)));

    private static Parser<Token, Func<Expression, Expression>> MemberSuffix => field ??=
        Map((dot, member) => (Func<Expression, Expression>)(e => new MemberExpression(e.Span.Cover(member.Span), e, member)),
            Tok(TokenKind.Dot), Name);

    /// <summary><c>[i]</c>, <c>[hi:lo]</c>, <c>[base +: width]</c>.</summary>
    private static Parser<Token, Func<Expression, Expression>> IndexSuffix => field ??=
        Map((open, first, second, close) => (Func<Expression, Expression>)(e => second.HasValue
                ? new SliceExpression(e.Span.Cover(close.Span), e, first, second.Value.Value, second.Value.BaseWidth)
                : new IndexExpression(e.Span.Cover(close.Span), e, first)),
            Tok(TokenKind.LeftBracket),
            Rec(() => Expression!),
            OneOf(
                Tok(TokenKind.Colon).Then(Rec(() => Expression!)).Select(v => (Value: v, BaseWidth: false)),
                Tok(TokenKind.PlusColon).Then(Rec(() => Expression!)).Select(v => (Value: v, BaseWidth: true))).Optional(),
            Tok(TokenKind.RightBracket));

    private static Parser<Token, Func<Expression, Expression>> CallSuffix => field ??=
        ArgumentList.Select(a => (Func<Expression, Expression>)(e => new CallExpression(e.Span.Cover(a.Close.Span), e, EquatableArray<TypeSyntax>.Empty, a.Arguments)));

    /// <summary><c>&lt;realTypeArgumentList&gt;(args)</c>: only taken when the whole shape matches, so <c>a &lt; b</c> stays a comparison.</summary>
    private static Parser<Token, Func<Expression, Expression>> GenericCallSuffix => field ??=
        Try(Map((types, args) => (Func<Expression, Expression>)(e => new CallExpression(e.Span.Cover(args.Close.Span), e, types.Arguments, args.Arguments)),
            Lookahead(Tok(TokenKind.LessThan).Then(Parser<Token>.Token(IsTypeArgumentStart))).Then(TypeArgumentList),
            ArgumentList));

    /// <summary><c>Name&lt;types&gt;</c> followed by <c>.</c>: a specialized type used as a value (<c>P&lt;bit&gt;.apply()</c>).</summary>
    private static Parser<Token, Func<Expression, Expression>> SpecializedTypeSuffix => field ??=
        Try(Lookahead(Tok(TokenKind.LessThan).Then(Parser<Token>.Token(IsTypeArgumentStart))).Then(TypeArgumentList).Before(Lookahead(Tok(TokenKind.Dot))))
            .Select(types => (Func<Expression, Expression>)(e => e is NameExpression n
                ? new TypeExpression(n.Span.Cover(types.Close.Span), new SpecializedTypeSyntax(n.Span.Cover(types.Close.Span), new NamedTypeSyntax(n.Span, n.Name, n.IsTopLevel), types.Arguments))
                : e));

    private static bool IsTypeArgumentStart(Token t) => t.Kind is TokenKind.TypeIdentifier or TokenKind.Bit or TokenKind.Int or TokenKind.Varbit
        or TokenKind.Bool or TokenKind.StringKeyword or TokenKind.Error or TokenKind.MatchKind or TokenKind.Tuple or TokenKind.List
        or TokenKind.Void or TokenKind.DontCare or TokenKind.Dot or TokenKind.GreaterThan;

    /// <summary><c>(type) operand</c>, as a prefix operator so the operand binds like other prefix operands.</summary>
    private static Parser<Token, Func<Expression, Expression>> CastPrefix => field ??=
        Try(Map((open, type, close) => (Func<Expression, Expression>)(e => new CastExpression(open.Span.Cover(e.Span), type, e)),
            Tok(TokenKind.LeftParen), TypeRef, Tok(TokenKind.RightParen)));

    private static OperatorTableRow<Token, Expression> PostfixRow => field ??=
        Operator.PostfixChainable(MemberSuffix, IndexSuffix, CallSuffix, GenericCallSuffix, SpecializedTypeSuffix);

    private static OperatorTableRow<Token, Expression> PrefixRow => field ??=
        Operator.PrefixChainable(CastPrefix, Prefix(TokenKind.Bang, UnaryOperator.LogicalNot), Prefix(TokenKind.Tilde, UnaryOperator.BitwiseNot),
            Prefix(TokenKind.Minus, UnaryOperator.Negate), Prefix(TokenKind.Plus, UnaryOperator.Plus));

    private static OperatorTableRow<Token, Expression> MultiplicativeRow => field ??=
        Operator.InfixL(OneOf(Binary(Tok(TokenKind.Star), BinaryOperator.Multiply), Binary(Tok(TokenKind.Slash), BinaryOperator.Divide),
            Binary(Tok(TokenKind.Percent), BinaryOperator.Modulo)));

    private static OperatorTableRow<Token, Expression> AdditiveRow => field ??=
        Operator.InfixL(OneOf(Binary(Tok(TokenKind.PlusPlus), BinaryOperator.Concat), Binary(Tok(TokenKind.Plus), BinaryOperator.Add),
            Binary(Tok(TokenKind.Minus), BinaryOperator.Subtract), Binary(Tok(TokenKind.PlusSat), BinaryOperator.AddSaturating),
            Binary(Tok(TokenKind.MinusSat), BinaryOperator.SubtractSaturating)));

    private static OperatorTableRow<Token, Expression> ShiftRow => field ??=
        Operator.InfixL(OneOf(Binary(Tok(TokenKind.ShiftLeft), BinaryOperator.ShiftLeft), Binary(ShiftRightToken, BinaryOperator.ShiftRight)));

    private static OperatorTableRow<Token, Expression> BitwiseAndRow => field ??=
        Operator.InfixL(Binary(Tok(TokenKind.Ampersand), BinaryOperator.BitwiseAnd));

    private static OperatorTableRow<Token, Expression> BitwiseXorRow => field ??=
        Operator.InfixL(Binary(Tok(TokenKind.Caret), BinaryOperator.BitwiseXor));

    private static OperatorTableRow<Token, Expression> BitwiseOrRow => field ??=
        Operator.InfixL(Binary(Tok(TokenKind.Pipe), BinaryOperator.BitwiseOr));

    private static OperatorTableRow<Token, Expression> RelationalRow => field ??=
        Operator.InfixL(OneOf(Binary(Tok(TokenKind.LessEqual), BinaryOperator.LessOrEqual), Binary(Tok(TokenKind.GreaterEqual), BinaryOperator.GreaterOrEqual),
            Binary(Tok(TokenKind.LessThan), BinaryOperator.LessThan), Binary(LoneGreater, BinaryOperator.GreaterThan)));

    private static OperatorTableRow<Token, Expression> EqualityRow => field ??=
        Operator.InfixL(OneOf(Binary(Tok(TokenKind.Equal), BinaryOperator.Equal), Binary(Tok(TokenKind.NotEqual), BinaryOperator.NotEqual)));

    private static OperatorTableRow<Token, Expression> LogicalAndRow => field ??=
        Operator.InfixL(Binary(Tok(TokenKind.AndAnd), BinaryOperator.LogicalAnd));

    private static OperatorTableRow<Token, Expression> LogicalOrRow => field ??=
        Operator.InfixL(Binary(Tok(TokenKind.OrOr), BinaryOperator.LogicalOr));

    /// <summary>The operator table, one row per P4 precedence level, highest first.</summary>
    private static IEnumerable<OperatorTableRow<Token, Expression>> OperatorTable => field ??=
    [
        PostfixRow, PrefixRow, MultiplicativeRow, AdditiveRow, ShiftRow, BitwiseAndRow, BitwiseXorRow, BitwiseOrRow,
        RelationalRow, EqualityRow, LogicalAndRow, LogicalOrRow,
    ];

    private static OperatorTableRow<Token, Expression> ShiftLeftRow => field ??=
        Operator.InfixL(Binary(Tok(TokenKind.ShiftLeft), BinaryOperator.ShiftLeft));

    /// <summary>Comparisons that cannot be mistaken for the closing <c>&gt;</c> of a type argument list.</summary>
    private static OperatorTableRow<Token, Expression> WidthRelationalRow => field ??=
        Operator.InfixL(OneOf(Binary(Tok(TokenKind.LessEqual), BinaryOperator.LessOrEqual), Binary(Tok(TokenKind.LessThan), BinaryOperator.LessThan)));

    private static Parser<Token, Expression> WidthOperatorExpression => field ??=
        ExpressionParser.Build(Primary, [PostfixRow, PrefixRow, MultiplicativeRow, AdditiveRow, ShiftLeftRow, BitwiseAndRow, BitwiseXorRow, BitwiseOrRow,
            WidthRelationalRow, EqualityRow, LogicalAndRow, LogicalOrRow]);

    /// <summary>
    /// The width inside <c>bit&lt;…&gt;</c>: any expression without <c>&gt;</c>, <c>&gt;=</c> or <c>&gt;&gt;</c> (those end the
    /// argument list; parenthesise to use them), e.g. <c>bit&lt;a &lt; 3 ? 5 : 4&gt;</c>.
    /// </summary>
    private static Parser<Token, Expression> WidthExpression => field ??=
        Map((condition, branches) => branches.HasValue
                ? new ConditionalExpression(condition.Span.Cover(branches.Value.WhenFalse.Span), condition, branches.Value.WhenTrue, branches.Value.WhenFalse)
                : condition,
            WidthOperatorExpression,
            Map((q, whenTrue, colon, whenFalse) => (WhenTrue: whenTrue, WhenFalse: whenFalse),
                Tok(TokenKind.Question), Rec(() => WidthExpression!), Tok(TokenKind.Colon), Rec(() => WidthExpression!)).Optional());

    private static Parser<Token, Expression> OperatorExpression => field ??= ExpressionParser.Build(Primary, OperatorTable);

    /// <summary><c>expression</c>: operators, then the (right-nested) conditional <c>? :</c>.</summary>
    private static Parser<Token, Expression> Expression => field ??=
        Map((condition, branches) => branches.HasValue
                ? new ConditionalExpression(condition.Span.Cover(branches.Value.WhenFalse.Span), condition, branches.Value.WhenTrue, branches.Value.WhenFalse)
                : condition,
            OperatorExpression,
            Map((q, whenTrue, colon, whenFalse) => (WhenTrue: whenTrue, WhenFalse: whenFalse),
                Tok(TokenKind.Question), Rec(() => Expression!), Tok(TokenKind.Colon), Rec(() => Expression!)).Optional());

    private static Parser<Token, Expression> WholeExpression => field ??= Expression.Before(Tok(TokenKind.EndOfFile));

    /// <summary>Parses <paramref name="tokens"/> (ending with an end-of-file token) as exactly one expression (an element of a structured annotation); null when they are not one.</summary>
    internal static Expression? TryParseExpression(Token[] tokens)
    {
        var result = WholeExpression.Parse(tokens);
        return result.Success ? result.Value : null;
    }

    // ---------------- keysets ----------------

    /// <summary><c>simpleKeysetExpression</c>: <c>expr</c>, <c>expr &amp;&amp;&amp; mask</c>, <c>lo .. hi</c>, <c>default</c>, <c>_</c>.</summary>
    private static Parser<Token, Expression> SimpleKeyset => field ??=
        OneOf(
            Tok(TokenKind.Default).Select(t => (Expression)new DefaultExpression(t.Span)),
            DontCare,
            Map((left, tail) => tail.HasValue
                    ? new BinaryExpression(left.Span.Cover(tail.Value.Right.Span), tail.Value.Op, left, tail.Value.Right)
                    : left,
                Expression,
                OneOf(
                    Tok(TokenKind.Mask).Then(Expression).Select(r => (Op: BinaryOperator.Mask, Right: r)),
                    Tok(TokenKind.Range).Then(Expression).Select(r => (Op: BinaryOperator.Range, Right: r))).Optional()));

    /// <summary><c>keysetExpression</c>: a tuple <c>(k1, k2)</c> (only when a <c>:</c> follows), or a simple keyset.</summary>
    private static Parser<Token, Expression> Keyset => field ??=
        OneOf(
            Try(Map((open, elements, close) => TupleOrParenthesized(open, elements.ToEquatableArray(), close),
                Tok(TokenKind.LeftParen), SimpleKeyset.SeparatedAtLeastOnce(Comma), Tok(TokenKind.RightParen)).Before(Lookahead(Tok(TokenKind.Colon)))),
            SimpleKeyset);

    /// <summary>A one-element <c>(e)</c> with a plain expression is just a parenthesised expression, not a tuple.</summary>
    private static Expression TupleOrParenthesized(Token open, EquatableArray<Expression> elements, Token close) =>
        elements.Count == 1 && elements[0] is not (DefaultExpression or DontCareExpression or BinaryExpression { Operator: BinaryOperator.Mask or BinaryOperator.Range })
            ? elements[0]
            : new TupleKeysetExpression(open.Span.Cover(close.Span), elements);
}
