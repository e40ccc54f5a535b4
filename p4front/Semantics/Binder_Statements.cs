using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Typed;
using S = P4Bpf.Front.Syntax;
using T = P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    /// <summary>True when the expression can be assigned; <paramref name="reason"/> says why not.</summary>
    private bool IsLValue(TypedExpression expression, out string reason)
    {
        reason = "";
        switch (expression)
        {
            case BadExpression:
                return true;
            case NameReference { Symbol: VariableSymbol }:
                return true;
            case NameReference { Symbol: ParameterSymbol p }:
                if (p.Direction is Direction.Out or Direction.InOut)
                {
                    return true;
                }
                reason = p.Direction == Direction.In ? $"parameter '{p.Name}' has direction 'in'" : $"parameter '{p.Name}' has no direction";
                return false;
            case NameReference r:
                reason = $"'{r.Symbol.Name}' is not a variable";
                return false;
            case FieldAccess f when f.Target.Type is StructType:
                return IsLValue(f.Target, out reason);
            case T.IndexExpression i when i.Target.Type is StackType or TupleType:
                return IsLValue(i.Target, out reason);
            case T.SliceExpression s:
                return IsLValue(s.Target, out reason);
            case DynamicSliceExpression s:
                return IsLValue(s.Target, out reason);
            case StackMemberExpression { Member: StackMember.Next or StackMember.Last } m:
                return IsLValue(m.Target, out reason);
            case T.DontCareExpression:
                return true;
            default:
                reason = "it is not a variable, field, element or slice";
                return false;
        }
    }

    private void RequireLValue(TypedExpression expression, string what)
    {
        if (!expression.Type.IsError && !IsLValue(expression, out var reason))
        {
            Error(ErrorCode.ERR_NotLValue, expression.Span, TextOf(expression.Span), reason.Length > 0 ? reason : what);
        }
    }

    private T.BlockStatement BindBlock(S.BlockStatement block) =>
        InScope(() => new T.BlockStatement(block.Span, block.Annotations, block.Statements.Select(BindStatement).ToEquatableArray()));

    private TypedStatement BindStatement(Statement statement)
    {
        switch (statement)
        {
            case S.AssignmentStatement a:
                return BindAssignment(a);
            case MethodCallStatement m:
            {
                var bound = BindExpression(m.Call, null);
                return bound switch
                {
                    T.CallExpression call => new CallStatement(m.Span, call),
                    BoolLiteral => new T.EmptyStatement(m.Span),
                    _ when bound.Type.IsError => new T.EmptyStatement(m.Span),
                    _ => new T.EmptyStatement(m.Span),
                };
            }
            case S.DeclarationStatement d:
            {
                if (d.Declaration is InstantiationDeclaration && _context.Body is BodyKind.Action or BodyKind.Function)
                {
                    Error(ErrorCode.ERR_InvalidDeclaration, d.Span, $"invalid declaration: instantiations cannot be in {ContextName()}");
                    return new T.EmptyStatement(d.Span);
                }
                var declaredName = d.Declaration switch { S.VariableDeclaration v => v.Name, S.ConstantDeclaration c => c.Name, _ => null };
                if (declaredName is not null && _scope.LookupLocal(declaredName.Text) is null && _scope.Lookup(declaredName.Text)?.FirstOrDefault() is ParameterSymbol shadowed)
                {
                    // p4c makes this an error: the parameter could no longer be read or written in the rest of the body
                    Error(ErrorCode.ERR_InvalidDeclaration, declaredName.Span, $"declaration of '{declaredName.Text}' shadows a parameter '{shadowed.Name}'");
                }
                var declaration = BindDeclaration(d.Declaration, topLevel: false);
                return declaration is null ? new T.EmptyStatement(d.Span) : new T.DeclarationStatement(d.Span, declaration);
            }
            case S.BlockStatement b:
                return BindBlock(b);
            case S.IfStatement i:
            {
                var condition = BindCondition(i.Condition);
                var then = InScope(() => BindStatement(i.Then));
                var otherwise = i.Else is null ? null : InScope(() => BindStatement(i.Else));
                return new T.IfStatement(i.Span, condition, then, otherwise);
            }
            case S.EmptyStatement e:
                return new T.EmptyStatement(e.Span);
            case S.ReturnStatement r:
                return BindReturn(r);
            case S.ExitStatement e:
                if (_context.Body is BodyKind.Parser or BodyKind.Function or BodyKind.TopLevel)
                {
                    Error(ErrorCode.ERR_ExitNotAllowed, e.Span, "exit", $"in {ContextName()}");
                }
                return new T.ExitStatement(e.Span);
            case S.BreakStatement b:
                if (_context.LoopDepth == 0)
                {
                    Error(ErrorCode.ERR_ExitNotAllowed, b.Span, "break", "outside a loop");
                }
                return new T.BreakStatement(b.Span);
            case S.ContinueStatement c:
                if (_context.LoopDepth == 0)
                {
                    Error(ErrorCode.ERR_ExitNotAllowed, c.Span, "continue", "outside a loop");
                }
                return new T.ContinueStatement(c.Span);
            case S.SwitchStatement s:
                return BindSwitch(s);
            case S.ForStatement f:
                return InScope(() =>
                {
                    var init = f.Initializers.Select(BindStatement).ToEquatableArray();
                    var condition = BindCondition(f.Condition);
                    return WithContext(_context with { LoopDepth = _context.LoopDepth + 1 }, () =>
                    {
                        var updates = f.Updates.Select(BindStatement).ToEquatableArray();
                        var body = BindStatement(f.Body);
                        return (TypedStatement)new T.ForStatement(f.Span, init, condition, updates, body);
                    });
                });
            case S.ForInStatement f:
                return InScope(() =>
                {
                    var type = ResolveType(f.Type);
                    var collection = f.Collection is S.BinaryExpression { Operator: BinaryOperator.Range } range
                        ? BindRange(range, type)
                        : BindExpression(f.Collection, null);
                    var variable = new VariableSymbol(f.Name.Text, f.Name.Span, f.VariableAnnotations, type);
                    Declare(variable, f.Name.Span);
                    return WithContext(_context with { LoopDepth = _context.LoopDepth + 1 }, () =>
                        (TypedStatement)new T.ForInStatement(f.Span, variable, collection, BindStatement(f.Body)));
                });
            case S.TransitionStatement t:
                return Bad(ErrorCode.ERR_InvalidContext, t.Span, "'transition' must be the last statement of a parser state") is var _ ? new T.EmptyStatement(t.Span) : null!;
            default:
                Error(ErrorCode.ERR_NotSupported, statement.Span, $"statement {statement.Kind}");
                return new T.EmptyStatement(statement.Span);
        }
    }

    private TypedExpression BindRange(S.BinaryExpression range, P4Type elementType)
    {
        var low = BindValue(range.Left, elementType);
        var high = BindValue(range.Right, elementType);
        return new T.BinaryExpression(range.Span, new SetType(elementType), BinaryOperator.Range, low, high);
    }

    private TypedStatement BindAssignment(S.AssignmentStatement assignment)
    {
        var target = BindExpression(assignment.Target, null);
        if (target.Type.IsError)
        {
            BindExpression(assignment.Value, null);
            return new T.EmptyStatement(assignment.Span);
        }
        RequireLValue(target, "");
        if (assignment.Operator == AssignmentOperator.Assign)
        {
            return new T.AssignmentStatement(assignment.Span, target, BindValue(assignment.Value, target.Type));
        }
        var op = assignment.Operator switch
        {
            AssignmentOperator.Multiply => BinaryOperator.Multiply,
            AssignmentOperator.Divide => BinaryOperator.Divide,
            AssignmentOperator.Modulo => BinaryOperator.Modulo,
            AssignmentOperator.Add => BinaryOperator.Add,
            AssignmentOperator.Subtract => BinaryOperator.Subtract,
            AssignmentOperator.AddSaturating => BinaryOperator.AddSaturating,
            AssignmentOperator.SubtractSaturating => BinaryOperator.SubtractSaturating,
            AssignmentOperator.ShiftLeft => BinaryOperator.ShiftLeft,
            AssignmentOperator.ShiftRight => BinaryOperator.ShiftRight,
            AssignmentOperator.BitwiseAnd => BinaryOperator.BitwiseAnd,
            AssignmentOperator.BitwiseOr => BinaryOperator.BitwiseOr,
            _ => BinaryOperator.BitwiseXor,
        };
        var combined = BindBinary(new S.BinaryExpression(assignment.Span, op, assignment.Target, assignment.Value), target.Type);
        return new T.AssignmentStatement(assignment.Span, target, Convert(combined, target.Type));
    }

    private TypedStatement BindReturn(S.ReturnStatement statement)
    {
        switch (_context.Body)
        {
            case BodyKind.Parser or BodyKind.TopLevel:
                Error(ErrorCode.ERR_ExitNotAllowed, statement.Span, "return", $"in {ContextName()}");
                return new T.ReturnStatement(statement.Span, null);
            case BodyKind.Function when _context.ReturnType is not VoidType:
                if (statement.Value is null)
                {
                    Error(ErrorCode.ERR_ReturnMismatch, statement.Span, $"return without a value in a function returning '{_context.ReturnType.Display}'");
                    return new T.ReturnStatement(statement.Span, null);
                }
                return new T.ReturnStatement(statement.Span, BindValue(statement.Value, _context.ReturnType));
            default:
                if (statement.Value is not null)
                {
                    BindExpression(statement.Value, null);
                    Error(ErrorCode.ERR_ReturnMismatch, statement.Value.Span, $"return with a value in {(_context.Body == BodyKind.Function ? "a function returning 'void'" : ContextName())}");
                }
                return new T.ReturnStatement(statement.Span, null);
        }
    }

    private TypedStatement BindSwitch(S.SwitchStatement statement)
    {
        _bindingSwitchExpression = statement.Expression is MemberExpression { Member.Text: "action_run" };
        TypedExpression expression;
        try
        {
            expression = BindExpression(statement.Expression, null);
        }
        finally
        {
            _bindingSwitchExpression = false;
        }
        var cases = new List<T.SwitchCase>();
        var seen = new HashSet<string>();
        var sawDefault = false;
        var actionEnum = expression.Type as ActionEnumType;
        if (!expression.Type.IsError && actionEnum is null && expression.Type is not (BitsType or EnumType or ErrorCodeType or IntType))
        {
            Error(ErrorCode.ERR_InvalidContext, statement.Expression.Span, $"cannot switch on a value of type '{expression.Type.Display}'");
        }
        if (expression.Type is IntType)
        {
            Error(ErrorCode.ERR_InvalidContext, statement.Expression.Span, $"could not infer a width for '{TextOf(statement.Expression.Span)}'");
        }
        foreach (var c in statement.Cases)
        {
            SwitchLabel label;
            if (sawDefault)
            {
                Error(ErrorCode.ERR_InvalidContext, c.Label.Span, "'default' must be the last switch label");
            }
            if (c.Label is S.DefaultExpression)
            {
                sawDefault = true;
                label = new SwitchLabel(c.Label.Span, null, null);
            }
            else if (actionEnum is not null)
            {
                var name = c.Label is NameExpression n ? n.Name.Text : TextOf(c.Label.Span);
                var action = actionEnum.Table.Actions.FirstOrDefault(a => a.Name == name);
                if (action is null)
                {
                    Error(ErrorCode.ERR_NotTableAction, c.Label.Span, name, actionEnum.Table.Name);
                }
                else if (!seen.Add(name))
                {
                    Error(ErrorCode.ERR_DuplicateLabel, c.Label.Span, name);
                }
                label = new SwitchLabel(c.Label.Span, action, null);
            }
            else
            {
                var value = expression.Type.IsError ? BindExpression(c.Label, null) : BindValue(c.Label, expression.Type);
                if (expression.Type is EnumType && value is T.CastExpression { IsImplicit: true })
                {
                    Error(ErrorCode.ERR_TypeMismatch, c.Label.Span, ((T.CastExpression)value).Operand.Type.Display, expression.Type.Display);
                }
                if (!value.Type.IsError && ConstantFolder.AsLiteral(value) is null)
                {
                    Error(ErrorCode.ERR_NotConstant, c.Label.Span, "a switch label");
                }
                else if (ConstantFolder.AsLiteral(value) is { } literal && !seen.Add(LiteralKey(literal)))
                {
                    Error(ErrorCode.ERR_DuplicateLabel, c.Label.Span, TextOf(c.Label.Span));
                }
                label = new SwitchLabel(c.Label.Span, null, value);
            }
            cases.Add(new T.SwitchCase(c.Span, label, c.Body is null ? null : BindBlock(c.Body)));
        }
        return new T.SwitchStatement(statement.Span, expression, cases.ToEquatableArray());
    }

    private static string LiteralKey(TypedExpression literal) => literal switch
    {
        IntegerLiteral i => i.Value.ToString(),
        BoolLiteral b => b.Value.ToString(),
        EnumMemberExpression e => e.Member,
        ErrorMemberExpression e => e.Member,
        _ => literal.ToString(),
    };
}
