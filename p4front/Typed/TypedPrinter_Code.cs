using P4Bpf.Front.Syntax;

namespace P4Bpf.Front.Typed;

public sealed partial class TypedPrinter
{
    private void Statements(IEnumerable<TypedStatement> statements)
    {
        foreach (var statement in statements)
        {
            Statement(statement);
        }
    }

    private void Statement(TypedStatement statement)
    {
        switch (statement)
        {
            case AssignmentStatement a:
                Line($"{Expr(a.Target)} = {Expr(a.Value)}; // {a.Target.Type.Display}");
                break;
            case CallStatement c:
                Line($"{Expr(c.Call)}; // {CalleeKind(c.Call.Callee)}");
                break;
            case BlockStatement b:
                Open(Annotations(b.Annotations).TrimEnd());
                Statements(b.Statements);
                Close();
                break;
            case IfStatement i:
                Open($"if ({Expr(i.Condition)})");
                Body(i.Then);
                Close();
                if (i.Else is not null)
                {
                    Open("else");
                    Body(i.Else);
                    Close();
                }
                break;
            case EmptyStatement:
                Line(";");
                break;
            case ReturnStatement r:
                Line(r.Value is null ? "return;" : $"return {Expr(r.Value)};");
                break;
            case ExitStatement:
                Line("exit;");
                break;
            case BreakStatement:
                Line("break;");
                break;
            case ContinueStatement:
                Line("continue;");
                break;
            case DeclarationStatement d:
                Declaration(d.Declaration);
                break;
            case SwitchStatement s:
                Open($"switch ({Expr(s.Expression)})", s.Expression.Type.Display);
                foreach (var c in s.Cases)
                {
                    var label = c.Label.IsDefault ? "default" : c.Label.Action is { } a ? $"action {a.Name}" : Expr(c.Label.Value!);
                    if (c.Body is null)
                    {
                        Line(label + ":");
                        continue;
                    }
                    Open(label + ":");
                    Statements(c.Body.Statements);
                    Close();
                }
                Close();
                break;
            case ForStatement f:
                Open($"for ({string.Join(", ", f.Initializers.Select(Inline))}; {Expr(f.Condition)}; {string.Join(", ", f.Updates.Select(Inline))})");
                Body(f.Body);
                Close();
                break;
            case ForInStatement f:
                Open($"for ({f.Variable.Type.Display} {f.Variable.Name} in {Expr(f.Collection)})");
                Body(f.Body);
                Close();
                break;
            case TransitionStatement t:
                Line($"transition {Expr(t.Target)};");
                break;
            default:
                Line($"/* {statement.GetType().Name} */");
                break;
        }
    }

    /// <summary>The body of an if/else/for: a block's statements go straight under the braces already opened.</summary>
    private void Body(TypedStatement statement)
    {
        if (statement is BlockStatement { Annotations.IsEmpty: true } block)
        {
            Statements(block.Statements);
        }
        else
        {
            Statement(statement);
        }
    }

    private static string Inline(TypedStatement statement) => statement switch
    {
        AssignmentStatement a => $"{Expr(a.Target)} = {Expr(a.Value)}",
        CallStatement c => Expr(c.Call),
        DeclarationStatement { Declaration: VariableDeclaration v } => $"{v.Variable.Type.Display} {v.Variable.Name}{(v.Initializer is null ? "" : " = " + Expr(v.Initializer))}",
        _ => statement.GetType().Name,
    };

    private static string CalleeKind(Callee callee) => callee switch
    {
        FunctionCallee f => f.Function.IsExtern ? "extern function" : "function",
        ActionCallee => "action",
        MethodCallee m => $"method {m.Instance.Type.Display}.{m.Method.Name}",
        ApplyCallee a => $"apply {a.Target.Type.Display}",
        BuiltinCallee b => $"builtin {b.Method}",
        _ => "call",
    };

    private static string Arguments(EquatableArray<TypedArgument> arguments) =>
        string.Join(", ", arguments.Where(a => a.Value is not null).Select(a => $"{a.Parameter.Name}: {Expr(a.Value!)}"));

    /// <summary>An expression as P4-like text; literals carry their width.</summary>
    public static string Expr(TypedExpression expression) => expression switch
    {
        BadExpression => "<bad>",
        IntegerLiteral { Type: BitsType b } i => $"{b.Width}{(b.IsSigned ? "s" : "w")}{i.Value}",
        IntegerLiteral i => i.Value.ToString(),
        BoolLiteral b => b.Value ? "true" : "false",
        StringLiteral s => $"\"{s.Value}\"",
        NameReference n => n.Symbol.Name,
        TypeReference t => t.Referenced.Display,
        FieldAccess f => $"{Expr(f.Target)}.{f.Field}",
        EnumMemberExpression e => $"{e.EnumType.Name}.{e.Member}",
        ErrorMemberExpression e => $"error.{e.Member}",
        MatchKindExpression m => m.Member.Name,
        IndexExpression i => $"{Expr(i.Target)}[{Expr(i.Index)}]",
        StackMemberExpression s => $"{Expr(s.Target)}.{s.Member switch { StackMember.Next => "next", StackMember.Last => "last", _ => "lastIndex" }}",
        SliceExpression s => $"{Expr(s.Target)}[{s.High}:{s.Low}]",
        DynamicSliceExpression s => $"{Expr(s.Target)}[{Expr(s.Low)} +: {s.Width}]",
        UnaryExpression u => $"{UnaryText(u.Operator)}{Expr(u.Operand)}",
        BinaryExpression b => $"({Expr(b.Left)} {Semantics.BinderText.Operator(b.Operator)} {Expr(b.Right)})",
        ConditionalExpression c => $"({Expr(c.Condition)} ? {Expr(c.WhenTrue)} : {Expr(c.WhenFalse)})",
        CastExpression c => $"({c.Type.Display}){(c.IsImplicit ? "/*implicit*/" : "")}{Expr(c.Operand)}",
        CallExpression c => CallText(c),
        ConstructorCallExpression c => $"{c.Type.Display}({Arguments(c.Arguments)})",
        ListExpression l => $"{{{string.Join(", ", l.Elements.Select(Expr))}}}:{l.Type.Display}",
        StructExpression s => $"{{{string.Join(", ", s.Fields.Select(f => $"{f.Name} = {Expr(f.Value)}"))}}}:{(s.Type is StructType { Declaration: null } ? "struct" : s.Type.Display)}",
        InvalidHeaderExpression h => $"{{#}}:{h.Type.Display}",
        DontCareExpression => "_",
        DefaultKeysetExpression => "default",
        TupleKeysetExpression t => $"({string.Join(", ", t.Elements.Select(Expr))})",
        SelectExpression s => $"select({string.Join(", ", s.Keys.Select(k => $"{Expr(k)}: {k.Type.Display}"))}) {{ {string.Join(" ", s.Cases.Select(c => $"{Expr(c.Keyset)}: {c.State.Name};"))} }}",
        _ => expression.GetType().Name,
    };

    private static string UnaryText(UnaryOperator op) => op switch
    {
        UnaryOperator.LogicalNot => "!",
        UnaryOperator.BitwiseNot => "~",
        UnaryOperator.Negate => "-",
        _ => "+",
    };

    private static string BuiltinName(BuiltinMethod method) => method switch
    {
        BuiltinMethod.IsValid => "isValid",
        BuiltinMethod.SetValid => "setValid",
        BuiltinMethod.SetInvalid => "setInvalid",
        BuiltinMethod.PushFront => "push_front",
        BuiltinMethod.PopFront => "pop_front",
        BuiltinMethod.MinSizeInBits => "minSizeInBits",
        BuiltinMethod.MinSizeInBytes => "minSizeInBytes",
        BuiltinMethod.MaxSizeInBits => "maxSizeInBits",
        _ => "maxSizeInBytes",
    };

    private static string CallText(CallExpression call)
    {
        var typeArguments = call.TypeArguments.IsEmpty ? "" : $"<{string.Join(", ", call.TypeArguments.Select(t => t.Display))}>";
        var target = call.Callee switch
        {
            FunctionCallee f => f.Function.Name,
            ActionCallee a => a.Action.Name,
            MethodCallee m => $"{Expr(m.Instance)}.{m.Method.Name}",
            ApplyCallee a => $"{Expr(a.Target)}.apply",
            BuiltinCallee b => $"{Expr(b.Target)}.{BuiltinName(b.Method)}",
            _ => "?",
        };
        return $"{target}{typeArguments}({Arguments(call.Arguments)})";
    }
}
