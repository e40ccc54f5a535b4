using Annotation = P4Bpf.Front.Syntax.Annotation;
using BinaryOperator = P4Bpf.Front.Syntax.BinaryOperator;
using Direction = P4Bpf.Front.Syntax.Direction;
using UnaryOperator = P4Bpf.Front.Syntax.UnaryOperator;
using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    private readonly HashSet<LoweringScope> declaredScopes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, string> actionInstances = new(StringComparer.Ordinal);
    private readonly Dictionary<LoweringScope, int> scopeIds = new(ReferenceEqualityComparer.Instance);

    /// <summary>A control's body for one instance: its local declarations (once per instance), variable initializers and the apply block.</summary>
    private Block LowerControlBody(ControlDeclaration control, LoweringScope scope)
    {
        var output = new List<IrStmt>();
        DeclareLocals(control.Locals, scope, output);
        output.Add(LowerBody(control.Apply, scope));
        return new Block(output.ToIrList());
    }

    /// <summary>
    /// Instantiates the locals of a parser or control: variables become slots (their initializers go to
    /// <paramref name="output"/> on every application), instances become externs or block instances, tables are lowered.
    /// </summary>
    private void DeclareLocals(IReadOnlyList<TypedDeclaration> locals, LoweringScope scope, List<IrStmt> output)
    {
        var first = declaredScopes.Add(scope);
        foreach (var local in locals)
        {
            switch (local)
            {
                case VariableDeclaration v:
                {
                    var slot = scope.Lookup(v.Variable) as SlotRef;
                    if (slot is null)
                    {
                        slot = NewSlot(scope.Qualify(v.Variable.Name), LowerType(v.Variable.Type, v.Span), SlotRole.Local);
                        scope.Bind(v.Variable, slot);
                    }
                    if (v.Initializer is not null)
                    {
                        Assign(slot, v.Initializer, output, scope);
                    }
                    else if (slot.Type is HeaderType)
                    {
                        output.Add(new SetValidityStmt(slot, false));
                    }
                    break;
                }
                case ActionDeclaration a when first:
                    scope.BindInstance(a.Action, scope);
                    break;
                case InstanceDeclaration i when first:
                    DeclareInstance(i, scope);
                    break;
                case ValueSetDeclaration vs when first:
                {
                    var name = UniqueName(scope.Qualify(vs.ValueSet.Name));
                    externs.Add(new IrExtern(name, ExternKind.ValueSet, vs.Size, LowerType(vs.ValueSet.ElementType, vs.Span)));
                    scope.BindInstance(vs.ValueSet, name);
                    break;
                }
                case TableDeclaration t when first:
                    // Tables are lowered after every other local: their keys and actions may refer to any of them.
                    break;
                case ConstantDeclaration or FunctionDeclaration or ActionDeclaration or InstanceDeclaration or ValueSetDeclaration or TableDeclaration:
                    break;
                default:
                    throw new LoweringException(local.Span, $"local declaration {local.GetType().Name}");
            }
        }
        if (first)
        {
            foreach (var t in locals.OfType<TableDeclaration>())
            {
                DeclareTable(t, scope);
            }
        }
    }

    private void DeclareInstance(InstanceDeclaration instance, LoweringScope scope)
    {
        switch (instance.TypeDeclaration.Declaration)
        {
            case ControlDeclaration control:
            {
                var name = UniqueName(scope.Qualify(instance.Instance.Name));
                var inner = new LoweringScope(root, name);
                BindConstructorArguments(inner, control.ConstructorParameters, instance.Arguments, instance.Span, scope);
                scope.BindInstance(instance.Instance, new BlockInstance(name, control, inner));
                break;
            }
            case ParserDeclaration parser:
            {
                var name = UniqueName(scope.Qualify(instance.Instance.Name));
                scope.BindInstance(instance.Instance, new BlockInstance(name, parser, new LoweringScope(root, name)));
                break;
            }
            default:
                DeclareExtern(instance, scope);
                break;
        }
    }

    /// <summary>
    /// Direct call of an action: inlined at the call site like a function (copy-in/copy-out through fresh slots), so
    /// that an action called from another action may receive the caller's action parameters.
    /// </summary>
    private void CallAction(CallExpression call, ActionSymbol action, List<IrStmt> output, LoweringScope scope)
    {
        if (action.Declaration is not ActionDeclaration declaration)
        {
            throw new LoweringException(call.Span, $"action '{action.Name}' without a body");
        }
        if (++inlineDepth > 32)
        {
            throw new LoweringException(call.Span, "recursive action calls");
        }
        try
        {
            var declScope = scope.LookupInstance(action) as LoweringScope ?? root;
            var inner = new LoweringScope(declScope, declScope.Prefix);
            var copyOut = BindArguments(action.Parameters, call.Arguments, output, scope, inner, p => Temp(LowerType(p.Type, call.Span), action.Name + "_" + p.Name));
            output.Add(WithCopyOutOnExit(LowerBody(declaration.Body, inner), copyOut));
            output.AddRange(copyOut);
        }
        finally
        {
            inlineDepth--;
        }
    }

    /// <summary>
    /// The IR action for an action symbol in a given instance with given directional arguments (bound by reference:
    /// the body reads and writes the argument lvalues; an <c>in</c> argument the body writes is copied first).
    /// Control-plane parameters become <see cref="ParamRef"/>s.
    /// </summary>
    private string ActionInstance(ActionSymbol action, LoweringScope caller, IReadOnlyList<TypedArgument> directional, Front.Text.TextSpan span)
    {
        if (action.Declaration is not ActionDeclaration declaration)
        {
            throw new LoweringException(span, $"action '{action.Name}' without a body");
        }
        var declScope = caller.LookupInstance(action) as LoweringScope ?? root;
        var bindings = new List<(ParameterSymbol Parameter, IrExpr Value)>();
        foreach (var argument in directional)
        {
            var p = action.Parameters.First(q => q.Name == argument.Parameter.Name);
            if (argument.Value is null)
            {
                continue;
            }
            var pre = new List<IrStmt>();
            var value = Expr(argument.Value, pre, caller);
            if (pre.Count > 0)
            {
                throw new LoweringException(argument.Span, "an action argument with side effects");
            }
            bindings.Add((p, Coerce(value, LowerType(p.Type, argument.Span))));
        }
        var key = $"{ScopeId(declScope)}|{action.Name}|{RuntimeHelpers(action)}|" + string.Join(";", bindings.Select(b => b.Parameter.Name + "=" + IrPrinter.Print(b.Value)));
        if (actionInstances.TryGetValue(key, out var existing))
        {
            return existing;
        }
        var name = UniqueName(declScope.Qualify(action.Name));
        actionInstances[key] = name;
        var inner = new LoweringScope(declScope, declScope.Prefix);
        var prologue = new List<IrStmt>();
        foreach (var (p, value) in bindings)
        {
            if (p.Direction == Direction.In && (!value.IsLValue || Writes(declaration.Body, p)))
            {
                var copy = Temp(value.Type, action.Name + "_" + p.Name);
                prologue.Add(new AssignStmt(copy, value));
                inner.Bind(p, copy);
            }
            else
            {
                inner.Bind(p, value);
            }
        }
        var parameters = new List<ActionParam>();
        foreach (var p in action.Parameters.Where(p => p.Direction == Direction.None))
        {
            var type = LowerType(p.Type, span);
            parameters.Add(new ActionParam(p.Name, type));
            inner.Bind(p, new ParamRef(p.Name, type));
        }
        // Reserve the slot in declaration order; the body may instantiate further actions.
        var index = actions.Count;
        actions.Add(new IrAction(name, parameters.ToIrList(), Block.Empty));
        var body = LowerBody(declaration.Body, inner);
        if (prologue.Count > 0)
        {
            body = new Block(prologue.Concat(body.Statements).ToIrList());
        }
        actions[index] = new IrAction(name, parameters.ToIrList(), body);
        return name;
    }

    private static int RuntimeHelpers(object o) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(o);

    private int ScopeId(LoweringScope scope)
    {
        if (!scopeIds.TryGetValue(scope, out var id))
        {
            scopeIds[scope] = id = scopeIds.Count + 1;
        }
        return id;
    }

    /// <summary>True when the body assigns the parameter or passes it as an out/inout argument.</summary>
    private static bool Writes(TypedStatement body, ParameterSymbol p) => body switch
    {
        AssignmentStatement a => RootIs(a.Target, p),
        CallStatement c => c.Call.Arguments.Any(a => a.Parameter.Direction is Direction.Out or Direction.InOut && a.Value is not null && RootIs(a.Value, p))
            || c.Call.Callee is BuiltinCallee b && RootIs(b.Target, p),
        BlockStatement b => b.Statements.Any(s => Writes(s, p)),
        IfStatement i => Writes(i.Then, p) || (i.Else is not null && Writes(i.Else, p)),
        SwitchStatement sw => sw.Cases.Any(c => c.Body is not null && Writes(c.Body, p)),
        _ => false,
    };

    private static bool RootIs(TypedExpression e, Symbol symbol) => e switch
    {
        NameReference n => ReferenceEquals(n.Symbol, symbol),
        FieldAccess f => RootIs(f.Target, symbol),
        IndexExpression i => RootIs(i.Target, symbol),
        SliceExpression s => RootIs(s.Target, symbol),
        StackMemberExpression m => RootIs(m.Target, symbol),
        _ => false,
    };
}
