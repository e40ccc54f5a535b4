using P4Bpf.Front.Syntax;

namespace P4Bpf.Cli.Graphs;

/// <summary>Renders syntax back to short P4 text for labels: expressions, keysets, types and one-line statement summaries.</summary>
/// <remarks>Integer literals keep the text the programmer wrote (<c>0x0800</c>, <c>8w5</c>); operands that are themselves operations get parentheses.</remarks>
internal static class P4Text
{
    /// <summary>Labels longer than this are cut with an ellipsis.</summary>
    public const int MaxLength = 64;

    public static string Expr(Expression expression) => expression switch
    {
        IntegerLiteralExpression i => i.Text,
        BooleanLiteralExpression b => b.Value ? "true" : "false",
        StringLiteralExpression s => "\"" + s.Value + "\"",
        NameExpression n => (n.IsTopLevel ? "." : "") + n.Name.Text,
        ThisExpression => "this",
        DontCareExpression => "_",
        DefaultExpression => "default",
        DotsExpression => "...",
        InvalidHeaderExpression => "{#}",
        TypeExpression t => Type(t.Type),
        MemberExpression m => Operand(m.Target) + "." + m.Member.Text,
        IndexExpression ix => Operand(ix.Target) + "[" + Expr(ix.Index) + "]",
        SliceExpression sl => Operand(sl.Target) + "[" + Expr(sl.First) + (sl.IsBaseWidth ? " +: " : ":") + Expr(sl.Second) + "]",
        CallExpression c => Operand(c.Target) + TypeArguments(c.TypeArguments) + "(" + string.Join(", ", c.Arguments.Select(Arg)) + ")",
        UnaryExpression u => UnaryOp(u.Operator) + Operand(u.Operand),
        BinaryExpression b => Operand(b.Left) + " " + BinaryOp(b.Operator) + " " + Operand(b.Right),
        ConditionalExpression c => Operand(c.Condition) + " ? " + Operand(c.WhenTrue) + " : " + Operand(c.WhenFalse),
        CastExpression c => "(" + Type(c.Type) + ")" + Operand(c.Operand),
        ListExpression l => "{" + string.Join(", ", l.Elements.Select(Expr)) + "}",
        StructExpression s => "{" + string.Join(", ", s.Fields.Select(f => f.Name.Text + " = " + Expr(f.Value))) + (s.HasDots ? ", ..." : "") + "}",
        TupleKeysetExpression t => "(" + string.Join(", ", t.Elements.Select(Expr)) + ")",
        SelectExpression s => "select(" + string.Join(", ", s.Keys.Select(Expr)) + ")",
        _ => expression.Kind.ToString(),
    };

    /// <summary>A keyset of a select case or table entry: value, <c>v &amp;&amp;&amp; m</c>, <c>lo..hi</c>, <c>default</c>, <c>_</c>, or a tuple of these.</summary>
    public static string Keyset(Expression keyset) => keyset switch
    {
        BinaryExpression { Operator: BinaryOperator.Mask } m => Expr(m.Left) + " &&& " + Expr(m.Right),
        BinaryExpression { Operator: BinaryOperator.Range } r => Expr(r.Left) + ".." + Expr(r.Right),
        TupleKeysetExpression t => "(" + string.Join(", ", t.Elements.Select(Keyset)) + ")",
        _ => Expr(keyset),
    };

    public static string Type(TypeSyntax type) => type switch
    {
        BaseTypeSyntax b => b.Keyword switch
        {
            BaseTypeKeyword.MatchKind => "match_kind",
            BaseTypeKeyword.DontCare => "_",
            _ => b.Keyword.ToString().ToLowerInvariant(),
        },
        SizedTypeSyntax s => s.Keyword.ToString().ToLowerInvariant() + "<" + Expr(s.Width) + ">",
        NamedTypeSyntax n => (n.IsTopLevel ? "." : "") + n.Name.Text,
        SpecializedTypeSyntax s => Type(s.BaseType) + "<" + string.Join(", ", s.Arguments.Select(Type)) + ">",
        ArrayTypeSyntax a => Type(a.ElementType) + "[" + Expr(a.Size) + "]",
        TupleTypeSyntax t => "tuple<" + string.Join(", ", t.Elements.Select(Type)) + ">",
        ListTypeSyntax l => "list<" + Type(l.ElementType) + ">",
        _ => type.Kind.ToString(),
    };

    public static string Arg(Argument argument) =>
        argument.Name is null ? Expr(argument.Value) : argument.Name.Text + " = " + Expr(argument.Value);

    /// <summary>One line for a simple statement (assignment, call, declaration, exit, return); compound statements get a keyword.</summary>
    public static string Statement(Statement statement) => statement switch
    {
        AssignmentStatement a => Expr(a.Target) + " " + AssignOp(a.Operator) + " " + Expr(a.Value),
        MethodCallStatement m => Expr(m.Call),
        DeclarationStatement { Declaration: VariableDeclaration v } =>
            Type(v.Type) + " " + v.Name.Text + (v.Initializer is null ? "" : " = " + Expr(v.Initializer)),
        DeclarationStatement { Declaration: ConstantDeclaration c } => "const " + Type(c.Type) + " " + c.Name.Text + " = " + Expr(c.Value),
        DeclarationStatement d => d.Declaration.Kind.ToString(),
        ExitStatement => "exit",
        ReturnStatement r => r.Value is null ? "return" : "return " + Expr(r.Value),
        EmptyStatement => ";",
        BreakStatement => "break",
        ContinueStatement => "continue",
        IfStatement i => "if (" + Expr(i.Condition) + ") …",
        SwitchStatement s => "switch (" + Expr(s.Expression) + ") …",
        ForStatement => "for (…) …",
        ForInStatement f => "for (" + f.Name.Text + " in " + Expr(f.Collection) + ") …",
        BlockStatement => "{ … }",
        TransitionStatement t => "transition " + Expr(t.Target),
        _ => statement.Kind.ToString(),
    };

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters with a trailing ellipsis.</summary>
    public static string Shorten(string text, int max = MaxLength) =>
        text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Operand(Expression e) => e switch
    {
        BinaryExpression or ConditionalExpression or CastExpression or UnaryExpression => "(" + Expr(e) + ")",
        _ => Expr(e),
    };

    private static string TypeArguments(EquatableArray<TypeSyntax> types) =>
        types.IsEmpty ? "" : "<" + string.Join(", ", types.Select(Type)) + ">";

    private static string UnaryOp(UnaryOperator op) => op switch
    {
        UnaryOperator.LogicalNot => "!",
        UnaryOperator.BitwiseNot => "~",
        UnaryOperator.Negate => "-",
        _ => "+",
    };

    private static string BinaryOp(BinaryOperator op) => op switch
    {
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.AddSaturating => "|+|",
        BinaryOperator.SubtractSaturating => "|-|",
        BinaryOperator.Concat => "++",
        BinaryOperator.ShiftLeft => "<<",
        BinaryOperator.ShiftRight => ">>",
        BinaryOperator.BitwiseAnd => "&",
        BinaryOperator.BitwiseXor => "^",
        BinaryOperator.BitwiseOr => "|",
        BinaryOperator.LessThan => "<",
        BinaryOperator.GreaterThan => ">",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.LogicalAnd => "&&",
        BinaryOperator.LogicalOr => "||",
        BinaryOperator.Mask => "&&&",
        _ => "..",
    };

    private static string AssignOp(AssignmentOperator op) => op switch
    {
        AssignmentOperator.Assign => "=",
        AssignmentOperator.Multiply => "*=",
        AssignmentOperator.Divide => "/=",
        AssignmentOperator.Modulo => "%=",
        AssignmentOperator.Add => "+=",
        AssignmentOperator.Subtract => "-=",
        AssignmentOperator.AddSaturating => "|+|=",
        AssignmentOperator.SubtractSaturating => "|-|=",
        AssignmentOperator.ShiftLeft => "<<=",
        AssignmentOperator.ShiftRight => ">>=",
        AssignmentOperator.BitwiseAnd => "&=",
        AssignmentOperator.BitwiseOr => "|=",
        _ => "^=",
    };
}
