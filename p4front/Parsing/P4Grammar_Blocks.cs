using P4Bpf.Front.Lexing;
using P4Bpf.Front.Syntax;
using Pidgin;
using static Pidgin.Parser;

namespace P4Bpf.Front.Parsing;

internal static partial class P4Grammar
{
    /// <summary>What follows a parser/control type header: <c>;</c>, or optional constructor parameters and a body.</summary>
    private sealed record BlockRest(Token End, EquatableArray<Parameter>? ConstructorParameters, IReadOnlyList<SyntaxNode>? Elements, BlockStatement? Apply);

    private static Parser<Token, (EquatableArray<Parameter> Parameters, Token Close)> ParameterListWithClose => field ??=
        Map((open, parameters, close) => (parameters.ToEquatableArray(), close),
            Tok(TokenKind.LeftParen), ParameterParser.Separated(Comma), Tok(TokenKind.RightParen));

    private static Parser<Token, BlockRest> TypeOnlyRest => field ??=
        Semi.Select(semi => new BlockRest(semi, null, null, null));

    // ---------------- instantiations and functions (declarations that start with a type) ----------------

    /// <summary><c>{ objDeclarations }</c>: abstract method implementations and nested instances.</summary>
    private static Parser<Token, EquatableArray<Declaration>> ObjectInitializer => field ??=
        Rec(() => Map((anns, tail) => tail(anns), OptAnnotations, TypeStartedTail))
            .Many()
            .Between(Tok(TokenKind.LeftBrace), Tok(TokenKind.RightBrace))
            .Select(d => d.ToEquatableArray());

    /// <summary>After a type: <c>(args) name [= initializer];</c> (instantiation) or <c>name&lt;T&gt;(params) { … }</c> (function).</summary>
    private static Parser<Token, Annotated> TypeStartedTail => field ??=
        Map((type, tail) => (Annotated)(anns => tail(anns, type)),
            TypeOrVoid,
            OneOf(
                Map((args, name, init, semi) => (Func<EquatableArray<Annotation>, TypeSyntax, Declaration>)((anns, type) =>
                        new InstantiationDeclaration(StartOf(anns, type.Span).Cover(semi.Span), anns, type, args.Arguments, name, init.HasValue ? init.Value : null)),
                    ArgumentList, Name, Tok(TokenKind.Assign).Then(Rec(() => ObjectInitializer)).Optional(), Semi),
                Map((name, typeParams, parameters, body) => (Func<EquatableArray<Annotation>, TypeSyntax, Declaration>)((anns, type) =>
                        new FunctionDeclaration(StartOf(anns, type.Span).Cover(body.Span), anns, type, name, typeParams, parameters, body)),
                    Name, OptTypeParameters, ParameterList, Block)));

    /// <summary>In a parser or control body: <c>type name [= init];</c> or an instantiation.</summary>
    private static Parser<Token, Annotated> LocalTypeStartedTail => field ??=
        Map((type, tail) => (Annotated)(anns => tail(anns, type)),
            TypeRef,
            OneOf(
                Map((args, name, init, semi) => (Func<EquatableArray<Annotation>, TypeSyntax, Declaration>)((anns, type) =>
                        new InstantiationDeclaration(StartOf(anns, type.Span).Cover(semi.Span), anns, type, args.Arguments, name, init.HasValue ? init.Value : null)),
                    ArgumentList, Name, Tok(TokenKind.Assign).Then(Rec(() => ObjectInitializer)).Optional(), Semi),
                Map((name, array, init, semi) => (Func<EquatableArray<Annotation>, TypeSyntax, Declaration>)((anns, type) =>
                        new VariableDeclaration(StartOf(anns, type.Span).Cover(semi.Span), anns, array(type), name, init.HasValue ? init.Value : null)),
                    Name, OptArrayDeclarator, Tok(TokenKind.Assign).Then(Expression).Optional(), Semi)));

    // ---------------- parsers ----------------

    /// <summary>A parser local element or a state (states are kept apart afterwards).</summary>
    private static Parser<Token, SyntaxNode> ParserElement => field ??=
        Map((anns, element) => element(anns),
            OptAnnotations,
            OneOf(
                Map((kw, name, open, statements, transition, close) => (Func<EquatableArray<Annotation>, SyntaxNode>)(anns =>
                        new ParserState(StartOf(anns, kw.Span).Cover(close.Span), anns, name, statements.ToEquatableArray(), transition.HasValue ? transition.Value : null)),
                    Tok(TokenKind.State), Name, Tok(TokenKind.LeftBrace), Rec(() => Statement!).Many(), Rec(() => Transition).Optional(), Tok(TokenKind.RightBrace)),
                OneOf(ConstantTail, ValueSetTail, LocalTypeStartedTail).Select(d => (Func<EquatableArray<Annotation>, SyntaxNode>)(anns => d(anns)))));

    private static Parser<Token, Annotated> ParserTail => field ??=
        Map((kw, name, typeParams, parameters, rest) => (Annotated)(anns =>
            {
                var type = new ParserTypeDeclaration(StartOf(anns, kw.Span).Cover(parameters.Close.Span), anns, name, typeParams, parameters.Parameters);
                if (rest.Elements is null)
                {
                    return type with { Span = type.Span.Cover(rest.End.Span) };
                }
                return new ParserDeclaration(type.Span.Cover(rest.End.Span), type, rest.ConstructorParameters,
                    rest.Elements.OfType<Declaration>().ToEquatableArray(), rest.Elements.OfType<ParserState>().ToEquatableArray());
            }),
            Tok(TokenKind.Parser), DeclaredName, OptTypeParameters, ParameterListWithClose,
            OneOf(
                TypeOnlyRest,
                Map((ctor, open, elements, close) => new BlockRest(close, ctor.HasValue ? ctor.Value : null, elements.ToList(), null),
                    ParameterList.Optional(), Tok(TokenKind.LeftBrace), ParserElement.Many(), Tok(TokenKind.RightBrace))));

    // ---------------- controls ----------------

    private static Parser<Token, Declaration> ControlLocal => field ??=
        Map((anns, tail) => tail(anns),
            OptAnnotations,
            OneOf(ConstantTail, ActionTail, Rec(() => TableTail), LocalTypeStartedTail));

    private static Parser<Token, Annotated> ControlTail => field ??=
        Map((kw, name, typeParams, parameters, rest) => (Annotated)(anns =>
            {
                var type = new ControlTypeDeclaration(StartOf(anns, kw.Span).Cover(parameters.Close.Span), anns, name, typeParams, parameters.Parameters);
                if (rest.Apply is null)
                {
                    return type with { Span = type.Span.Cover(rest.End.Span) };
                }
                return new ControlDeclaration(type.Span.Cover(rest.End.Span), type, rest.ConstructorParameters,
                    rest.Elements!.OfType<Declaration>().ToEquatableArray(), rest.Apply);
            }),
            Tok(TokenKind.Control), DeclaredName, OptTypeParameters, ParameterListWithClose,
            OneOf(
                TypeOnlyRest,
                Map((ctor, open, locals, apply, close) => new BlockRest(close, ctor.HasValue ? ctor.Value : null, locals.ToList<SyntaxNode>(), apply),
                    ParameterList.Optional(), Tok(TokenKind.LeftBrace), ControlLocal.Many(), Tok(TokenKind.Apply).Then(Block), Tok(TokenKind.RightBrace))));

    private static Parser<Token, Annotated> PackageTail => field ??=
        Annotate(Map((kw, name, typeParams, parameters, semi) => (kw, name, typeParams, parameters, semi),
                Tok(TokenKind.Package), DeclaredName, OptTypeParameters, ParameterListWithClose, Semi),
            (anns, d) => new PackageTypeDeclaration(StartOf(anns, d.kw.Span).Cover(d.semi.Span), anns, d.name, d.typeParams, d.parameters.Parameters));

    // ---------------- top level ----------------

    /// <summary><c>declaration</c> (or the empty declaration <c>;</c>).</summary>
    internal static Parser<Token, Declaration> Declaration => field ??=
        OneOf(
            Semi.Select(t => (Declaration)new EmptyDeclaration(t.Span)),
            Map((anns, tail) => tail(anns),
                OptAnnotations,
                OneOf(ConstantTail, ExternTail, ActionTail, ParserTail, ControlTail, DerivedTypeTail, TypedefTail, PackageTail,
                    ErrorTail, MatchKindTail, TypeStartedTail)));
}
