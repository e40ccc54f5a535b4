using P4Bpf.Front.Lexing;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;
using Pidgin;
using static Pidgin.Parser;

namespace P4Bpf.Front.Parsing;

internal static partial class P4Grammar
{
    private static Parser<Token, AssignmentOperator> AssignmentOperatorParser => field ??=
        OneOf(
            Tok(TokenKind.Assign).ThenReturn(AssignmentOperator.Assign),
            Tok(TokenKind.StarAssign).ThenReturn(AssignmentOperator.Multiply),
            Tok(TokenKind.SlashAssign).ThenReturn(AssignmentOperator.Divide),
            Tok(TokenKind.PercentAssign).ThenReturn(AssignmentOperator.Modulo),
            Tok(TokenKind.PlusAssign).ThenReturn(AssignmentOperator.Add),
            Tok(TokenKind.MinusAssign).ThenReturn(AssignmentOperator.Subtract),
            Tok(TokenKind.PlusSatAssign).ThenReturn(AssignmentOperator.AddSaturating),
            Tok(TokenKind.MinusSatAssign).ThenReturn(AssignmentOperator.SubtractSaturating),
            Tok(TokenKind.ShiftLeftAssign).ThenReturn(AssignmentOperator.ShiftLeft),
            ShiftRightAssignToken.ThenReturn(AssignmentOperator.ShiftRight),
            Tok(TokenKind.AmpersandAssign).ThenReturn(AssignmentOperator.BitwiseAnd),
            Tok(TokenKind.PipeAssign).ThenReturn(AssignmentOperator.BitwiseOr),
            Tok(TokenKind.CaretAssign).ThenReturn(AssignmentOperator.BitwiseXor))
        .Labelled("assignment operator");

    /// <summary>
    /// <c>assignmentOrMethodCallStatementWithoutSemicolon</c>: an expression followed by an assignment operator, or
    /// a call expression on its own. A bare non-call expression is rejected with "a call or an assignment".
    /// </summary>
    private static Parser<Token, Statement?> AssignmentOrCall => field ??=
        Map((target, assignment) => assignment.HasValue
                ? new AssignmentStatement(target.Span.Cover(assignment.Value.Value.Span), assignment.Value.Op, target, assignment.Value.Value)
                : target is CallExpression call ? new MethodCallStatement(call.Span, call) : (Statement?)null,
            Expression,
            Map((op, value) => (Op: op, Value: value), AssignmentOperatorParser, Expression).Optional());

    private static Parser<Token, Statement> AssignmentOrCallWithoutSemicolon => field ??=
        // The one Bind in the grammar: Pidgin's Assert drops the inner "expected" set, which ruins error messages.
        AssignmentOrCall.Then(s => s is null ? Parser<Token>.Fail<Statement>("a call or an assignment") : Parser<Token>.Return(s));

    private static Parser<Token, Statement> AssignmentOrCallStatement => field ??=
        Map((statement, semi) => statement switch
            {
                AssignmentStatement a => (Statement)(a with { Span = a.Span.Cover(semi.Span) }),
                MethodCallStatement m => m with { Span = m.Span.Cover(semi.Span) },
                _ => statement,
            },
            AssignmentOrCallWithoutSemicolon, Semi);

    /// <summary><c>typeRef name [= initializer]</c> — tried before expression statements, since both may start with a name.</summary>
    private static Parser<Token, VariableDeclaration> VariableDeclarationWithoutSemicolon(EquatableArray<Annotation> annotations) =>
        Map((head, array, init) => new VariableDeclaration(StartOf(annotations, head.Type.Span).Cover(init.HasValue ? init.Value.Span : head.Name.Span), annotations, array(head.Type), head.Name, init.HasValue ? init.Value : null),
            Try(Map((type, name) => (Type: type, Name: name), TypeRef, Name).Before(Lookahead(OneOf(Tok(TokenKind.Assign), Semi, Comma, Tok(TokenKind.RightParen), Tok(TokenKind.In), Tok(TokenKind.LeftBracket))))),
            OptArrayDeclarator,
            Tok(TokenKind.Assign).Then(Expression).Optional());

    private static Parser<Token, Statement> VariableDeclarationStatement => field ??=
        Map((anns, decl, semi) => (Statement)new DeclarationStatement(StartOf(anns, decl.Span).Cover(semi.Span), decl with { Annotations = anns, Span = StartOf(anns, decl.Span).Cover(semi.Span) }),
            OptAnnotations, Rec(() => VariableDeclarationWithoutSemicolon(EquatableArray<Annotation>.Empty)), Semi);

    /// <summary><c>optAnnotations { statOrDeclList }</c>.</summary>
    private static Parser<Token, BlockStatement> Block => field ??=
        Map((anns, open, statements, close) => new BlockStatement(StartOf(anns, open.Span).Cover(close.Span), anns, statements.ToEquatableArray()),
            OptAnnotations, Tok(TokenKind.LeftBrace), Rec(() => Statement!).Many(), Tok(TokenKind.RightBrace));

    private static Parser<Token, Statement> IfStatementParser => field ??=
        Map((kw, condition, then, otherwise) => (Statement)new IfStatement(kw.Span.Cover(otherwise.HasValue ? otherwise.Value.Span : then.Span), condition, then, otherwise.HasValue ? otherwise.Value : null),
            Tok(TokenKind.If),
            Expression.Between(Tok(TokenKind.LeftParen), Tok(TokenKind.RightParen)),
            Rec(() => Statement!),
            Tok(TokenKind.Else).Then(Rec(() => Statement!)).Optional());

    private static Parser<Token, Statement> ReturnStatementParser => field ??=
        Map((kw, value, semi) => (Statement)new ReturnStatement(kw.Span.Cover(semi.Span), value.HasValue ? value.Value : null),
            Tok(TokenKind.Return), Expression.Optional(), Semi);

    private static Parser<Token, Statement> KeywordStatement(TokenKind keyword, Func<TextSpan, Statement> create) =>
        Map((kw, semi) => create(kw.Span.Cover(semi.Span)), Tok(keyword), Semi);

    private static Parser<Token, SwitchCase> SwitchCaseParser => field ??=
        Map((label, colon, body) => new SwitchCase(label.Span.Cover(body.HasValue ? body.Value.Span : colon.Span), label, body.HasValue ? body.Value : null),
            OneOf(Tok(TokenKind.Default).Select(t => (Expression)new DefaultExpression(t.Span)), Expression),
            Tok(TokenKind.Colon),
            Block.Optional());

    private static Parser<Token, Statement> SwitchStatementParser => field ??=
        Map((kw, expression, open, cases, close) => (Statement)new SwitchStatement(kw.Span.Cover(close.Span), expression, cases.ToEquatableArray()),
            Tok(TokenKind.Switch),
            Expression.Between(Tok(TokenKind.LeftParen), Tok(TokenKind.RightParen)),
            Tok(TokenKind.LeftBrace),
            SwitchCaseParser.Many(),
            Tok(TokenKind.RightBrace));

    private static Parser<Token, Statement> ForInitializer => field ??=
        OneOf(
            Rec(() => VariableDeclarationWithoutSemicolon(EquatableArray<Annotation>.Empty)).Select(d => (Statement)new DeclarationStatement(d.Span, d)),
            AssignmentOrCallWithoutSemicolon);

    /// <summary><c>for (type name in collection)</c> after <c>for (</c>.</summary>
    private static Parser<Token, (EquatableArray<Annotation> Annotations, TypeSyntax Type, Identifier Name, Expression Collection)> ForInHead => field ??=
        Map((head, collection) => (head.Annotations, head.Type, head.Name, collection),
            Try(Map((anns, type, name, kw) => (Annotations: anns, Type: type, Name: name), OptAnnotations, TypeRef, Name, Tok(TokenKind.In))),
            Map((low, high) => high.HasValue ? new BinaryExpression(low.Span.Cover(high.Value.Span), BinaryOperator.Range, low, high.Value) : low,
                Expression, Tok(TokenKind.Range).Then(Expression).Optional()));

    private static Parser<Token, Func<EquatableArray<Annotation>, Token, Statement>> ForInTail => field ??=
        Map((head, close, body) => (Func<EquatableArray<Annotation>, Token, Statement>)((anns, kw) =>
                new ForInStatement(StartOf(anns, kw.Span).Cover(body.Span), anns, head.Annotations, head.Type, head.Name, head.Collection, body)),
            ForInHead, Tok(TokenKind.RightParen), Rec(() => Statement!));

    private static Parser<Token, Func<EquatableArray<Annotation>, Token, Statement>> ForClassicTail => field ??=
        Map((init, semi1, condition, semi2, updates, close, body) => (Func<EquatableArray<Annotation>, Token, Statement>)((anns, kw) =>
                new ForStatement(StartOf(anns, kw.Span).Cover(body.Span), anns, init.ToEquatableArray(), condition, updates.ToEquatableArray(), body)),
            ForInitializer.Separated(Comma), Semi, Expression, Semi, AssignmentOrCallWithoutSemicolon.Separated(Comma),
            Tok(TokenKind.RightParen), Rec(() => Statement!));

    private static Parser<Token, Statement> ForStatementParser => field ??=
        Map((anns, kw, open, tail) => tail(anns, kw),
            OptAnnotations, Tok(TokenKind.For), Tok(TokenKind.LeftParen), OneOf(ForInTail, ForClassicTail));

    private static Parser<Token, Statement> ConstantDeclarationStatement => field ??=
        Rec(() => ConstantDeclarationParser).Select(d => (Statement)new DeclarationStatement(d.Span, d));

    /// <summary><c>statementOrDeclaration</c> (also used for the statements of parser states).</summary>
    private static Parser<Token, Statement> Statement => field ??=
        OneOf(
            Tok(TokenKind.Semicolon).Select(t => (Statement)new EmptyStatement(t.Span)),
            IfStatementParser,
            ReturnStatementParser,
            KeywordStatement(TokenKind.Exit, span => new ExitStatement(span)),
            KeywordStatement(TokenKind.Break, span => new BreakStatement(span)),
            KeywordStatement(TokenKind.Continue, span => new ContinueStatement(span)),
            SwitchStatementParser,
            Try(Lookahead(OptAnnotations.Then(Tok(TokenKind.For)))).Then(ForStatementParser),
            Try(Lookahead(OptAnnotations.Then(Tok(TokenKind.Const)))).Then(ConstantDeclarationStatement),
            Try(Lookahead(OptAnnotations.Then(Tok(TokenKind.LeftBrace)))).Then(Block.Select(b => (Statement)b)),
            VariableDeclarationStatement,
            AssignmentOrCallStatement);

    // ---------------- parser states ----------------

    private static Parser<Token, SelectCase> SelectCaseParser => field ??=
        Map((keyset, colon, state, semi) => new SelectCase(keyset.Span.Cover(semi.Span), keyset, state),
            Keyset, Tok(TokenKind.Colon), Name, Semi);

    private static Parser<Token, Expression> SelectExpressionParser => field ??=
        Map((kw, keys, open, cases, close) => (Expression)new SelectExpression(kw.Span.Cover(close.Span), keys.ToEquatableArray(), cases.ToEquatableArray()),
            Tok(TokenKind.Select),
            Expression.Separated(Comma).Between(Tok(TokenKind.LeftParen), Tok(TokenKind.RightParen)),
            Tok(TokenKind.LeftBrace),
            SelectCaseParser.Many(),
            Tok(TokenKind.RightBrace));

    private static Parser<Token, TransitionStatement> Transition => field ??=
        Map((kw, target) => new TransitionStatement(kw.Span.Cover(target.Span), target.Expression),
            Tok(TokenKind.Transition),
            OneOf(
                SelectExpressionParser.Select(s => (Expression: s, Span: s.Span)),
                Map((name, semi) => (Expression: (Expression)new NameExpression(name.Span, name, false), Span: semi.Span), Name, Semi)));

    private static Parser<Token, ParserState> ParserStateParser => field ??=
        Map((anns, kw, name, open, statements, transition, close) =>
                new ParserState(StartOf(anns, kw.Span).Cover(close.Span), anns, name, statements.ToEquatableArray(), transition.HasValue ? transition.Value : null),
            OptAnnotations, Tok(TokenKind.State), Name, Tok(TokenKind.LeftBrace), Statement.Many(), Transition.Optional(), Tok(TokenKind.RightBrace));
}
