using P4Bpf.Front.Lexing;
using P4Bpf.Front.Syntax;
using Pidgin;
using static Pidgin.Parser;

namespace P4Bpf.Front.Parsing;

internal static partial class P4Grammar
{
    private static Parser<Token, KeyElement> KeyElementParser => field ??=
        Map((expression, colon, matchKind, anns, semi) => new KeyElement(expression.Span.Cover(semi.Span), expression, matchKind, anns),
            Expression, Tok(TokenKind.Colon), Name, OptAnnotations, Semi);

    /// <summary><c>actionRef</c>: <c>[.]name [(args)]</c>, without annotations.</summary>
    private static Parser<Token, ActionReference> ActionRef => field ??=
        Map((dot, name, args) => new ActionReference((dot.HasValue ? dot.Value.Span : name.Span).Cover(args.HasValue ? args.Value.Close.Span : name.Span),
                EquatableArray<Annotation>.Empty, name, dot.HasValue, args.HasValue ? args.Value.Arguments : null),
            Tok(TokenKind.Dot).Optional(), Name, ArgumentList.Optional());

    private static Parser<Token, ActionReference> ActionListItem => field ??=
        Map((anns, action, semi) => action with { Annotations = anns, Span = StartOf(anns, action.Span).Cover(semi.Span) },
            OptAnnotations, ActionRef, Semi);

    /// <summary><c>priority = INTEGER :</c> or <c>priority = (expression) :</c></summary>
    private static Parser<Token, Expression> EntryPriority => field ??=
        Map((kw, assign, value, colon) => value,
            Tok(TokenKind.Priority), Tok(TokenKind.Assign),
            OneOf(Tok(TokenKind.Integer).Select(IntegerFromToken), Expression.Between(Tok(TokenKind.LeftParen), Tok(TokenKind.RightParen))),
            Tok(TokenKind.Colon));

    private static Parser<Token, TableEntry> Entry => field ??=
        Map((isConst, priority, keyset, colon, action, anns, semi) =>
                new TableEntry((isConst.HasValue ? isConst.Value.Span : priority.HasValue ? priority.Value.Span : keyset.Span).Cover(semi.Span),
                    isConst.HasValue, priority.HasValue ? priority.Value : null, keyset, action, anns),
            Tok(TokenKind.Const).Optional(), EntryPriority.Optional(), Keyset, Tok(TokenKind.Colon), ActionRef, OptAnnotations, Semi);

    private delegate TableProperty AnnotatedProperty(EquatableArray<Annotation> annotations, Token? constKeyword);

    private static Parser<Token, AnnotatedProperty> KeyPropertyTail => field ??=
        Map((kw, assign, open, elements, close) => (AnnotatedProperty)((anns, c) => new KeyProperty(StartOf(anns, kw.Span).Cover(close.Span), elements.ToEquatableArray())),
            Tok(TokenKind.Key), Tok(TokenKind.Assign), Tok(TokenKind.LeftBrace), KeyElementParser.Many(), Tok(TokenKind.RightBrace));

    private static Parser<Token, AnnotatedProperty> ActionsPropertyTail => field ??=
        Map((kw, assign, open, actions, close) => (AnnotatedProperty)((anns, c) => new ActionsProperty(StartOf(anns, kw.Span).Cover(close.Span), actions.ToEquatableArray())),
            Tok(TokenKind.Actions), Tok(TokenKind.Assign), Tok(TokenKind.LeftBrace), ActionListItem.Many(), Tok(TokenKind.RightBrace));

    private static Parser<Token, AnnotatedProperty> EntriesPropertyTail => field ??=
        Map((kw, assign, open, entries, close) => (AnnotatedProperty)((anns, c) =>
                new EntriesProperty(StartOf(anns, c?.Span ?? kw.Span).Cover(close.Span), anns, c is not null, entries.ToEquatableArray())),
            Tok(TokenKind.Entries), Tok(TokenKind.Assign), Tok(TokenKind.LeftBrace), Entry.Many(), Tok(TokenKind.RightBrace));

    private static Parser<Token, AnnotatedProperty> ValuePropertyTail => field ??=
        Map((name, assign, value, semi) => (AnnotatedProperty)((anns, c) =>
                new ValueProperty(StartOf(anns, c?.Span ?? name.Span).Cover(semi.Span), anns, c is not null, name, value)),
            NonTableKeywordName, Tok(TokenKind.Assign), Expression, Semi);

    private static Parser<Token, TableProperty> TableProperty => field ??=
        Map((anns, isConst, tail) => tail(anns, isConst.HasValue ? isConst.Value : null),
            OptAnnotations, Tok(TokenKind.Const).Optional(), OneOf(KeyPropertyTail, ActionsPropertyTail, EntriesPropertyTail, ValuePropertyTail));

    private static Parser<Token, Annotated> TableTail => field ??=
        Annotate(Map((kw, name, open, properties, close) => (kw, name, properties, close),
                Tok(TokenKind.Table), Name, Tok(TokenKind.LeftBrace), TableProperty.Many(), Tok(TokenKind.RightBrace)),
            (anns, d) => new TableDeclaration(StartOf(anns, d.kw.Span).Cover(d.close.Span), anns, d.name, d.properties.ToEquatableArray()));
}
