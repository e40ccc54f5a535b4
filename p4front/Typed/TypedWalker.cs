namespace P4Bpf.Front.Typed;

/// <summary>Visits every node of a typed program in source order (pre-order): declarations, statements, expressions, keys, entries.</summary>
/// <remarks>The read-only walker of the typed tree; passes that rewrite build new nodes with <c>with</c> expressions.</remarks>
public static class TypedWalker
{
    /// <summary>Calls <paramref name="visit"/> on every node of <paramref name="program"/>.</summary>
    public static void Walk(TypedProgram program, Action<TypedNode> visit)
    {
        foreach (var declaration in program.Declarations)
        {
            Walk(declaration, visit);
        }
    }

    /// <summary>Calls <paramref name="visit"/> on <paramref name="node"/> and everything below it.</summary>
    public static void Walk(TypedNode? node, Action<TypedNode> visit)
    {
        if (node is null)
        {
            return;
        }
        visit(node);
        foreach (var child in Children(node))
        {
            Walk(child, visit);
        }
    }

    /// <summary>The direct children of a node, in source order.</summary>
    public static IEnumerable<TypedNode> Children(TypedNode node)
    {
        switch (node)
        {
            case ConstantDeclaration c: yield return c.Value; break;
            case VariableDeclaration v when v.Initializer is not null: yield return v.Initializer; break;
            case InstanceDeclaration i:
                foreach (var a in Values(i.Arguments)) { yield return a; }
                foreach (var d in i.Initializer) { yield return d; }
                break;
            case ActionDeclaration a: yield return a.Body; break;
            case FunctionDeclaration f: yield return f.Body; break;
            case ParserDeclaration p:
                foreach (var d in p.Locals) { yield return d; }
                foreach (var s in p.States) { yield return s; }
                break;
            case ParserStateDeclaration s:
                foreach (var st in s.Statements) { yield return st; }
                if (s.Transition is not null) { yield return s.Transition; }
                break;
            case ControlDeclaration c:
                foreach (var d in c.Locals) { yield return d; }
                yield return c.Apply;
                break;
            case TableDeclaration t:
                foreach (var k in t.Keys) { yield return k.Expression; }
                foreach (var a in t.Actions) { foreach (var v in Values(a.Arguments)) { yield return v; } }
                if (t.DefaultAction is not null) { foreach (var v in Values(t.DefaultAction.Arguments)) { yield return v; } }
                foreach (var e in t.Entries)
                {
                    yield return e.Keyset;
                    foreach (var v in Values(e.Action.Arguments)) { yield return v; }
                    if (e.Priority is not null) { yield return e.Priority; }
                }
                foreach (var p in t.Properties) { yield return p.Value; }
                break;
            case AssignmentStatement a: yield return a.Target; yield return a.Value; break;
            case CallStatement c: yield return c.Call; break;
            case BlockStatement b: foreach (var s in b.Statements) { yield return s; } break;
            case IfStatement i:
                yield return i.Condition;
                yield return i.Then;
                if (i.Else is not null) { yield return i.Else; }
                break;
            case ReturnStatement { Value: not null } r: yield return r.Value; break;
            case DeclarationStatement d: yield return d.Declaration; break;
            case SwitchStatement s:
                yield return s.Expression;
                foreach (var c in s.Cases)
                {
                    if (c.Label.Value is not null) { yield return c.Label.Value; }
                    if (c.Body is not null) { yield return c.Body; }
                }
                break;
            case ForStatement f:
                foreach (var s in f.Initializers) { yield return s; }
                yield return f.Condition;
                foreach (var s in f.Updates) { yield return s; }
                yield return f.Body;
                break;
            case ForInStatement f: yield return f.Collection; yield return f.Body; break;
            case TransitionStatement t: yield return t.Target; break;
            case FieldAccess f: yield return f.Target; break;
            case IndexExpression i: yield return i.Target; yield return i.Index; break;
            case StackMemberExpression s: yield return s.Target; break;
            case SliceExpression s: yield return s.Target; break;
            case DynamicSliceExpression s: yield return s.Target; yield return s.Low; break;
            case UnaryExpression u: yield return u.Operand; break;
            case BinaryExpression b: yield return b.Left; yield return b.Right; break;
            case ConditionalExpression c: yield return c.Condition; yield return c.WhenTrue; yield return c.WhenFalse; break;
            case CastExpression c: yield return c.Operand; break;
            case CallExpression c:
                switch (c.Callee)
                {
                    case MethodCallee m: yield return m.Instance; break;
                    case ApplyCallee a: yield return a.Target; break;
                    case BuiltinCallee b: yield return b.Target; break;
                }
                foreach (var v in Values(c.Arguments)) { yield return v; }
                break;
            case ConstructorCallExpression c: foreach (var v in Values(c.Arguments)) { yield return v; } break;
            case ListExpression l: foreach (var e in l.Elements) { yield return e; } break;
            case StructExpression s: foreach (var f in s.Fields) { yield return f.Value; } break;
            case TupleKeysetExpression t: foreach (var e in t.Elements) { yield return e; } break;
            case SelectExpression s:
                foreach (var k in s.Keys) { yield return k; }
                foreach (var c in s.Cases) { yield return c.Keyset; }
                break;
        }
    }

    private static IEnumerable<TypedExpression> Values(IEnumerable<TypedArgument> arguments) =>
        arguments.Where(a => a.Value is not null).Select(a => a.Value!);
}
