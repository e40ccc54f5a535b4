using P4Bpf.Front.Lexing;
using P4Bpf.Front.Syntax;
using Pidgin;
using static Pidgin.Parser;

namespace P4Bpf.Front.Parsing;

internal static partial class P4Grammar
{
    // ---------------- parameters ----------------

    private static Parser<Token, Direction> DirectionParser => field ??=
        OneOf(
            Tok(TokenKind.In).ThenReturn(Direction.In),
            Tok(TokenKind.Out).ThenReturn(Direction.Out),
            Tok(TokenKind.InOut).ThenReturn(Direction.InOut),
            Parser<Token>.Return(Direction.None));

    private static Parser<Token, Parameter> ParameterParser => field ??=
        Map((anns, direction, type, name, value) =>
                new Parameter(StartOf(anns, type.Span).Cover(value.HasValue ? value.Value.Span : name.Span), anns, direction, type, name, value.HasValue ? value.Value : null),
            OptAnnotations, DirectionParser, TypeOrVoid, Name, Tok(TokenKind.Assign).Then(Expression).Optional());

    /// <summary><c>( parameterList )</c>.</summary>
    private static Parser<Token, EquatableArray<Parameter>> ParameterList => field ??=
        ParameterParser.Separated(Comma).Between(Tok(TokenKind.LeftParen), Tok(TokenKind.RightParen))
            .Select(p => p.ToEquatableArray());

    // ---------------- declarations that start with a keyword (annotations already read) ----------------

    private delegate Declaration Annotated(EquatableArray<Annotation> annotations);

    private static Parser<Token, Annotated> Annotate<T>(Parser<Token, T> parser, Func<EquatableArray<Annotation>, T, Declaration> create) =>
        parser.Select(value => (Annotated)(anns => create(anns, value)));

    /// <summary><c>const type name = value;</c> (with its annotations).</summary>
    private static Parser<Token, ConstantDeclaration> ConstantDeclarationParser => field ??=
        Map((anns, kw, type, name, assign, value, semi) => new ConstantDeclaration(StartOf(anns, kw.Span).Cover(semi.Span), anns, type, name, value),
            OptAnnotations, Tok(TokenKind.Const), TypeRef, Name, Tok(TokenKind.Assign), Expression, Semi);

    private static Parser<Token, Annotated> ConstantTail => field ??=
        Annotate(Map((kw, type, name, assign, value, semi) => (kw, type, name, value, semi), Tok(TokenKind.Const), TypeRef, Name, Tok(TokenKind.Assign), Expression, Semi),
            (anns, d) => new ConstantDeclaration(StartOf(anns, d.kw.Span).Cover(d.semi.Span), anns, d.type, d.name, d.value));

    private static Parser<Token, (EquatableArray<StructField> Fields, Token Close)> StructFields => field ??=
        Map((open, fields, close) => (fields.ToEquatableArray(), close),
            Tok(TokenKind.LeftBrace),
            Map((anns, type, name, array, semi) => new StructField(StartOf(anns, type.Span).Cover(semi.Span), anns, array(type), name), OptAnnotations, TypeRef, Name, OptArrayDeclarator, Semi)
                .Many(),
            Tok(TokenKind.RightBrace));

    private static Parser<Token, Annotated> StructLike(TokenKind keyword, StructFlavor flavor) =>
        Annotate(Map((kw, name, typeParams, fields) => (kw, name, typeParams, fields), Tok(keyword), DeclaredName, OptTypeParameters, StructFields),
            (anns, d) => new StructTypeDeclaration(StartOf(anns, d.kw.Span).Cover(d.fields.Close.Span), anns, flavor, d.name, d.typeParams, d.fields.Fields));

    private static Parser<Token, EnumMember> EnumMemberParser => field ??=
        Map((name, value) => new EnumMember(name.Span.Cover(value.HasValue ? value.Value.Span : name.Span), name, value.HasValue ? value.Value : null),
            Name, Tok(TokenKind.Assign).Then(Expression).Optional());

    private static Parser<Token, Annotated> EnumTail => field ??=
        Annotate(Map((kw, head, open, members, close) => (kw, head, members, close),
                Tok(TokenKind.Enum),
                OneOf(
                    Try(Map((type, name) => (Type: (TypeSyntax?)type, Name: name), TypeRef, Name).Before(Lookahead(Tok(TokenKind.LeftBrace)))),
                    DeclaredName.Select(n => (Type: (TypeSyntax?)null, Name: n))),
                Tok(TokenKind.LeftBrace),
                EnumMemberParser.SeparatedAndOptionallyTerminated(Comma),
                Tok(TokenKind.RightBrace)),
            (anns, d) => new EnumDeclaration(StartOf(anns, d.kw.Span).Cover(d.close.Span), anns, d.head.Type, d.head.Name, d.members.ToEquatableArray()));

    private static Parser<Token, Annotated> DerivedTypeTail => field ??=
        OneOf(
            StructLike(TokenKind.Header, StructFlavor.Header),
            StructLike(TokenKind.HeaderUnion, StructFlavor.HeaderUnion),
            StructLike(TokenKind.Struct, StructFlavor.Struct),
            EnumTail);

    private static Parser<Token, Annotated> TypedefTail => field ??=
        OneOf(
            Annotate(Map((kw, target, name, semi) => (kw, target, name, semi),
                    Tok(TokenKind.Typedef),
                    OneOf(
                        DerivedTypeTail.Select(d => (Type: (TypeSyntax?)null, Inline: (Declaration?)d(EquatableArray<Annotation>.Empty))),
                        TypeRef.Select(t => (Type: (TypeSyntax?)t, Inline: (Declaration?)null))),
                    Name, Semi),
                (anns, d) => new TypedefDeclaration(StartOf(anns, d.kw.Span).Cover(d.semi.Span), anns, false, d.target.Type, d.target.Inline, d.name)),
            Annotate(Map((kw, type, name, semi) => (kw, type, name, semi), Tok(TokenKind.Type), TypeRef, Name, Semi),
                (anns, d) => new TypedefDeclaration(StartOf(anns, d.kw.Span).Cover(d.semi.Span), anns, true, d.type, null, d.name)));

    private static Parser<Token, EquatableArray<Identifier>> IdentifierListInBraces => field ??=
        Name.SeparatedAndOptionallyTerminated(Comma).Between(Tok(TokenKind.LeftBrace), Tok(TokenKind.RightBrace)).Select(n => n.ToEquatableArray());

    private static Parser<Token, Annotated> ErrorTail => field ??=
        Annotate(Map((kw, members) => (kw, members), Try(Tok(TokenKind.Error).Before(Lookahead(Tok(TokenKind.LeftBrace)))), IdentifierListInBraces),
            (anns, d) => new ErrorDeclaration(StartOf(anns, d.kw.Span).Cover(d.members.IsEmpty ? d.kw.Span : d.members[^1].Span), d.members));

    private static Parser<Token, Annotated> MatchKindTail => field ??=
        Annotate(Map((kw, members) => (kw, members), Try(Tok(TokenKind.MatchKind).Before(Lookahead(Tok(TokenKind.LeftBrace)))), IdentifierListInBraces),
            (anns, d) => new MatchKindDeclaration(StartOf(anns, d.kw.Span).Cover(d.members.IsEmpty ? d.kw.Span : d.members[^1].Span), d.members));

    // ---------------- externs ----------------

    /// <summary><c>typeOrVoid name optTypeParameters ( parameterList )</c>.</summary>
    private static Parser<Token, (TypeSyntax ReturnType, Identifier Name, EquatableArray<Identifier> TypeParameters, EquatableArray<Parameter> Parameters)> FunctionPrototype => field ??=
        Map((type, name, typeParams, parameters) => (type, name, typeParams, parameters), TypeOrVoid, Name, OptTypeParameters, ParameterList);

    private static Parser<Token, MethodPrototype> MethodPrototypeParser => field ??=
        Map((anns, isAbstract, method, semi) => new MethodPrototype(StartOf(anns, method.Start.Span).Cover(semi.Span), anns, isAbstract.HasValue,
                method.ReturnType, method.Name, method.TypeParameters, method.Parameters),
            OptAnnotations,
            Tok(TokenKind.Abstract).Optional(),
            OneOf(
                // A constructor: the extern's own name directly followed by '('.
                Try(Map((name, parameters) => (Start: name, ReturnType: (TypeSyntax?)null, Name: name, TypeParameters: EquatableArray<Identifier>.Empty, Parameters: parameters),
                    Name.Before(Lookahead(Tok(TokenKind.LeftParen))), ParameterList)),
                FunctionPrototype.Select(f => (Start: (Identifier)new Identifier(f.ReturnType.Span, ""), ReturnType: (TypeSyntax?)f.ReturnType, f.Name, f.TypeParameters, f.Parameters))),
            Semi);

    private static Parser<Token, Annotated> ExternTail => field ??=
        Map((kw, body) => (Annotated)(anns => body(anns, kw)),
            Tok(TokenKind.Extern),
            OneOf(
                Map((head, open, methods, close) => (Func<EquatableArray<Annotation>, Token, Declaration>)((anns, kw) =>
                        new ExternObjectDeclaration(StartOf(anns, kw.Span).Cover(close.Span), anns, head.Name, head.TypeParameters, methods.ToEquatableArray())),
                    Try(Map((name, typeParams) => (Name: name, TypeParameters: typeParams), Name, OptTypeParameters).Before(Lookahead(Tok(TokenKind.LeftBrace)))),
                    Tok(TokenKind.LeftBrace), MethodPrototypeParser.Many(), Tok(TokenKind.RightBrace)),
                Map((f, semi) => (Func<EquatableArray<Annotation>, Token, Declaration>)((anns, kw) =>
                        new ExternFunctionDeclaration(StartOf(anns, kw.Span).Cover(semi.Span), anns, f.ReturnType, f.Name, f.TypeParameters, f.Parameters)),
                    FunctionPrototype, Semi)));

    // ---------------- actions, parsers, controls, packages ----------------

    private static Parser<Token, Annotated> ActionTail => field ??=
        Annotate(Map((kw, name, parameters, body) => (kw, name, parameters, body), Tok(TokenKind.Action), Name, ParameterList, Block),
            (anns, d) => new ActionDeclaration(StartOf(anns, d.kw.Span).Cover(d.body.Span), anns, d.name, d.parameters, d.body));

    private static Parser<Token, Annotated> ValueSetTail => field ??=
        Annotate(Map((kw, open, type, close, size, name, semi) => (kw, type, size, name, semi),
                Tok(TokenKind.ValueSet), Tok(TokenKind.LessThan), TypeRef, Tok(TokenKind.GreaterThan),
                Expression.Between(Tok(TokenKind.LeftParen), Tok(TokenKind.RightParen)), Name, Semi),
            (anns, d) => new ValueSetDeclaration(StartOf(anns, d.kw.Span).Cover(d.semi.Span), anns, d.type, d.size, d.name));
}
