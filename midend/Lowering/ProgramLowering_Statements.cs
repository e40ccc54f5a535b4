using System.Numerics;
using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;
using IrBit = P4Bpf.Midend.Ir.BitType;
using IrBool = P4Bpf.Midend.Ir.BoolType;
using IrStruct = P4Bpf.Midend.Ir.StructType;
using IrSwitchCase = P4Bpf.Midend.Ir.SwitchCase;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    /// <summary>How <c>return</c> leaves the body being inlined: an optional "returned" flag guarding the statements after it, and where the value goes.</summary>
    private sealed class ReturnTarget(SlotRef? flag, IrExpr? result)
    {
        public SlotRef? Flag { get; } = flag;

        public IrExpr? Result { get; } = result;
    }

    /// <summary>Lowers a body that <c>return</c> may leave early; returns go to <paramref name="result"/> (functions) and skip the rest through a flag.</summary>
    private Block LowerBody(BlockStatement body, LoweringScope scope, IrExpr? result = null)
    {
        var output = new List<IrStmt>();
        SlotRef? flag = null;
        if (NeedsReturnFlag(body.Statements))
        {
            flag = Temp(IrBool.Instance, "returned");
            output.Add(new AssignStmt(flag, IrConstant.Bool(false)));
        }
        Statements(body.Statements, output, scope, new ReturnTarget(flag, result));
        return new Block(output.ToIrList());
    }

    private static bool NeedsReturnFlag(IReadOnlyList<TypedStatement> statements)
    {
        var count = statements.Sum(CountReturns);
        return count > 1 || (count == 1 && statements is not [.., ReturnStatement]);
    }

    private static int CountReturns(TypedStatement s) => s switch
    {
        ReturnStatement => 1,
        BlockStatement b => b.Statements.Sum(CountReturns),
        IfStatement i => CountReturns(i.Then) + (i.Else is null ? 0 : CountReturns(i.Else)),
        SwitchStatement sw => sw.Cases.Sum(c => c.Body is null ? 0 : CountReturns(c.Body)),
        _ => 0,
    };

    private void Statements(IReadOnlyList<TypedStatement> statements, List<IrStmt> output, LoweringScope scope, ReturnTarget ret)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            Statement(statements[i], output, scope, ret);
            if (ret.Flag is not null && i < statements.Count - 1 && CountReturns(statements[i]) > 0 && statements[i] is not ReturnStatement)
            {
                var rest = new List<IrStmt>();
                Statements(statements.Skip(i + 1).ToList(), rest, scope, ret);
                output.Add(new IfStmt(new UnaryExpr(UnaryOp.Not, ret.Flag, IrBool.Instance), new Block(rest.ToIrList()), Block.Empty));
                return;
            }
            if (statements[i] is ReturnStatement or ExitStatement)
            {
                return;
            }
        }
    }

    private void Statement(TypedStatement statement, List<IrStmt> output, LoweringScope scope, ReturnTarget ret)
    {
        switch (statement)
        {
            case AssignmentStatement { Target: SliceExpression slice } a:
                AssignSlice(slice, Expr(a.Value, output, scope), output, scope);
                break;
            case AssignmentStatement a:
            {
                var targetPre = new List<IrStmt>();
                var target = Expr(a.Target, targetPre, scope);
                output.AddRange(targetPre);
                if (targetPre.Count > 0 && CompoundLeft(a) is { } left)
                {
                    // `t op= v` with side effects in t (an index that calls a function): t is evaluated once.
                    loweredOnce = (left, target);
                    try
                    {
                        Assign(target, a.Value, output, scope);
                    }
                    finally
                    {
                        loweredOnce = null;
                    }
                    break;
                }
                Assign(target, a.Value, output, scope);
                break;
            }
            case CallStatement c:
                LowerCall(c.Call, output, scope);
                break;
            case BlockStatement b:
                Statements(b.Statements, output, scope, ret);
                break;
            case IfStatement i:
            {
                var condition = Coerce(Expr(i.Condition, output, scope), IrBool.Instance);
                var then = new List<IrStmt>();
                Statement(i.Then, then, scope, ret);
                var els = new List<IrStmt>();
                if (i.Else is not null)
                {
                    Statement(i.Else, els, scope, ret);
                }
                output.Add(new IfStmt(condition, new Block(then.ToIrList()), new Block(els.ToIrList())));
                break;
            }
            case EmptyStatement:
                break;
            case ReturnStatement r:
                if (r.Value is not null)
                {
                    if (ret.Result is null)
                    {
                        throw new LoweringException(r.Span, "a return value outside a function");
                    }
                    Assign(ret.Result, r.Value, output, scope);
                }
                if (ret.Flag is not null)
                {
                    output.Add(new AssignStmt(ret.Flag, IrConstant.Bool(true)));
                }
                break;
            case ExitStatement:
                output.Add(ExitStmt.Instance);
                break;
            case DeclarationStatement d:
                LocalDeclaration(d.Declaration, output, scope);
                break;
            case SwitchStatement sw:
                Switch(sw, output, scope, ret);
                break;
            case ForStatement loop:
                ForLoop(loop, output, scope, ret);
                break;
            default:
                throw new LoweringException(statement.Span, $"statement {statement.GetType().Name.Replace("Statement", "", StringComparison.Ordinal).ToLowerInvariant()}");
        }
    }

    /// <summary>A variable or constant declared in a block: a slot named after the instance, initialized when it has an initializer.</summary>
    private void LocalDeclaration(TypedDeclaration declaration, List<IrStmt> output, LoweringScope scope)
    {
        switch (declaration)
        {
            case VariableDeclaration v:
            {
                var type = LowerType(v.Variable.Type, v.Span);
                var slot = NewSlot(scope.Qualify(v.Variable.Name), type, SlotRole.Local);
                scope.Bind(v.Variable, slot);
                if (v.Initializer is not null)
                {
                    Assign(slot, v.Initializer, output, scope);
                }
                else if (type is HeaderType)
                {
                    output.Add(new SetValidityStmt(slot, false));
                }
                break;
            }
            case ConstantDeclaration:
                break;
            default:
                throw new LoweringException(declaration.Span, $"a local {declaration.GetType().Name.Replace("Declaration", "", StringComparison.Ordinal).ToLowerInvariant()} declaration in a block");
        }
    }

    /// <summary><c>target = value</c>: aggregates written field by field from structure/list expressions, scalars converted to the target type.</summary>
    private void Assign(IrExpr target, TypedExpression value, List<IrStmt> output, LoweringScope scope)
    {
        if (!target.IsLValue)
        {
            throw new LoweringException(value.Span, "an assignment to a value that is not stored");
        }
        if (value is StructExpression or ListExpression or InvalidHeaderExpression)
        {
            AssignAggregate(target, value, output, scope);
            return;
        }
        var v = Expr(value, output, scope);
        output.Add(new AssignStmt(target, Coerce(v, target.Type)));
    }

    private void AssignAggregate(IrExpr target, TypedExpression value, List<IrStmt> output, LoweringScope scope)
    {
        switch (value, target.Type)
        {
            case (InvalidHeaderExpression, HeaderType):
                output.Add(new SetValidityStmt(target, false));
                return;
            case (InvalidHeaderExpression, HeaderUnionType u):
                foreach (var m in u.Members)
                {
                    output.Add(new SetValidityStmt(FieldRef.Of(target, m.Name), false));
                }
                return;
            case (StructExpression s, HeaderType or IrStruct):
            {
                // Evaluate every field first so that the target's own fields read old values.
                var values = s.Fields.Select(f => (f.Name, Value: f.Value)).ToList();
                AssignFields(target, values, output, scope, value.Span);
                return;
            }
            case (ListExpression l, HeaderType or IrStruct):
            {
                var fields = target.Type is HeaderType h ? h.Fields : ((IrStruct)target.Type).Fields;
                if (fields.Count != l.Elements.Count)
                {
                    throw new LoweringException(value.Span, $"a list of {l.Elements.Count} values assigned to {target.Type} with {fields.Count} fields");
                }
                AssignFields(target, fields.Select((f, i) => (f.Name, l.Elements[i])).ToList(), output, scope, value.Span);
                return;
            }
            case (ListExpression l, HeaderStackType st):
                for (var i = 0; i < l.Elements.Count && i < st.Size; i++)
                {
                    Assign(new StackElementRef(target, IrConstant.Of(i, IrBit.Bit32), st.Element), l.Elements[i], output, scope);
                }
                return;
            default:
                throw new LoweringException(value.Span, $"assigning {value.GetType().Name} to {target.Type}");
        }
    }

    private void AssignFields(IrExpr target, List<(string Name, TypedExpression Value)> values, List<IrStmt> output, LoweringScope scope, Front.Text.TextSpan span)
    {
        var staged = new List<(IrExpr Target, IrExpr Value)>();
        foreach (var (name, v) in values)
        {
            IrExpr fieldTarget;
            try
            {
                fieldTarget = FieldRef.Of(target, name);
            }
            catch (Exception ex) when (ex is KeyNotFoundException or ArgumentException)
            {
                throw new LoweringException(span, $"field '{name}' of {target.Type}");
            }
            if (v is StructExpression or ListExpression or InvalidHeaderExpression)
            {
                var temp = Temp(fieldTarget.Type);
                AssignAggregate(temp, v, output, scope);
                staged.Add((fieldTarget, temp));
                continue;
            }
            var lowered = Coerce(Expr(v, output, scope), fieldTarget.Type);
            if (lowered is not IrConstant && values.Count > 1)
            {
                var temp = Temp(fieldTarget.Type);
                output.Add(new AssignStmt(temp, lowered));
                lowered = temp;
            }
            staged.Add((fieldTarget, lowered));
        }
        if (target.Type is HeaderType)
        {
            output.Add(new SetValidityStmt(target, true));
        }
        foreach (var (t, v) in staged)
        {
            output.Add(new AssignStmt(t, v));
        }
    }

    private void Switch(SwitchStatement sw, List<IrStmt> output, LoweringScope scope, ReturnTarget ret)
    {
        IrExpr selector;
        TableInstance? table = null;
        if (sw.Expression is FieldAccess { Field: "action_run", Target: CallExpression applyCall } && sw.Expression.Type is ActionEnumType)
        {
            table = TableOf(applyCall, scope);
            var run = Temp(IrBit.Bit32, "action_run");
            ApplyTable(table, null, run, output);
            selector = run;
        }
        else
        {
            selector = Expr(sw.Expression, output, scope);
        }
        var cases = new List<IrSwitchCase>();
        Block? defaultBody = null;
        var pending = new List<BigInteger>();
        var pendingDefault = false;
        foreach (var c in sw.Cases)
        {
            if (c.Label.IsDefault)
            {
                pendingDefault = true;
            }
            else if (c.Label.Action is not null)
            {
                var id = table?.ActionIds.GetValueOrDefault(c.Label.Action) ?? throw new LoweringException(c.Span, $"switch label '{c.Label.Action.Name}' outside a switch on action_run");
                pending.Add(id);
            }
            else
            {
                pending.Add(Constant(c.Label.Value!, scope, selector.Type));
            }
            if (c.Body is null)
            {
                continue;
            }
            var body = new List<IrStmt>();
            Statement(c.Body, body, scope, ret);
            var block = body.Count == 0 ? Block.Of(Block.Empty) : new Block(body.ToIrList());
            if (pendingDefault)
            {
                defaultBody = block;
            }
            else
            {
                cases.Add(new IrSwitchCase(pending.ToIrList(), block));
            }
            pending.Clear();
            pendingDefault = false;
        }
        output.Add(new SwitchStmt(selector, cases.ToIrList(), defaultBody));
    }

    /// <summary><c>x[h:l] = v</c> as <c>x = (x &amp; ~mask) | ((v &lt;&lt; l) &amp; mask)</c>; nested slices assign their base in turn.</summary>
    private void AssignSlice(SliceExpression slice, IrExpr value, List<IrStmt> output, LoweringScope scope)
    {
        var current = Expr(slice.Target, output, scope);
        if (current.Type is not IrBit { Width: <= 64 } type)
        {
            throw new LoweringException(slice.Span, $"assigning a slice of a {current.Type} value");
        }
        var width = slice.High - slice.Low + 1;
        var mask = ((BigInteger.One << width) - 1) << slice.Low;
        var all = (BigInteger.One << type.Width) - 1;
        var unsigned = new IrBit(type.Width);
        var widened = Coerce(Coerce(value, new IrBit(width)), unsigned);
        var shifted = slice.Low == 0 ? widened : new BinaryExpr(BinaryOp.Shl, widened, IrConstant.Of(slice.Low, IrBit.Bit32), unsigned);
        var kept = BinaryExpr.Make(BinaryOp.BitAnd, Coerce(current, unsigned), IrConstant.Of(all ^ mask, unsigned));
        var inserted = BinaryExpr.Make(BinaryOp.BitAnd, shifted, IrConstant.Of(mask, unsigned));
        var updated = Coerce(BinaryExpr.Make(BinaryOp.BitOr, kept, inserted), type);
        if (slice.Target is SliceExpression inner)
        {
            AssignSlice(inner, updated, output, scope);
            return;
        }
        if (!current.IsLValue)
        {
            throw new LoweringException(slice.Span, "an assignment to a slice of a value that is not stored");
        }
        output.Add(new AssignStmt(current, updated));
    }
}
