using System.Numerics;
using Annotation = P4Bpf.Front.Syntax.Annotation;
using BinaryOperator = P4Bpf.Front.Syntax.BinaryOperator;
using Direction = P4Bpf.Front.Syntax.Direction;
using UnaryOperator = P4Bpf.Front.Syntax.UnaryOperator;
using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;
using IrSelectCase = P4Bpf.Midend.Ir.SelectCase;
using ParserState = P4Bpf.Midend.Ir.ParserState;
using TypedBinary = P4Bpf.Front.Typed.BinaryExpression;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    /// <summary>A top-level parser: locals, then one IR state per P4 state (variable initializers run in the start state).</summary>
    private IrParser LowerParser(string name, ParserDeclaration parser, LoweringScope scope)
    {
        var init = new List<IrStmt>();
        DeclareLocals(parser.Locals, scope, init);
        var states = new List<ParserState>();
        var start = parser.States.FirstOrDefault(s => s.State.Name == "start")
            ?? throw new LoweringException(parser.Span, "a parser without a start state");
        var startName = "start";
        if (init.Count > 0)
        {
            // Local initializers run once, before the start state.
            startName = "$init";
            states.Add(new ParserState(startName, new Block(init.ToIrList()), new GotoTransition("start")));
        }
        foreach (var state in parser.States)
        {
            states.AddRange(LowerState(state, scope));
        }
        _ = start;
        return new IrParser(name, startName, states.ToIrList());
    }

    /// <summary>
    /// One P4 state as IR states: a sub-parser call (<c>p.apply(...)</c>) ends the current IR state with a jump to the callee's
    /// inlined states (renamed with a unique prefix); its accept continues in a new state that copies out and runs the rest.
    /// </summary>
    private List<ParserState> LowerState(ParserStateDeclaration state, LoweringScope scope)
    {
        var states = new List<ParserState>();
        var name = state.State.Name;
        var body = new List<IrStmt>();
        var ret = new ReturnTarget(null, null);
        foreach (var statement in state.Statements)
        {
            if (statement is CallStatement { Call: { Callee: ApplyCallee { Target: NameReference { Symbol: InstanceSymbol symbol } } } call }
                && scope.LookupInstance(symbol) is BlockInstance { Declaration: ParserDeclaration sub } instance)
            {
                if (++inlineDepth > 32)
                {
                    throw new LoweringException(call.Span, "recursive sub-parser calls");
                }
                try
                {
                    var prefix = UniqueName(instance.Name.Replace('.', '_') + "$call");
                    var copyOut = BindArguments(sub.ApplyParameters, call.Arguments, body, scope, instance.Scope,
                        p => instance.Scope.Lookup(p) as SlotRef ?? NewSlot(instance.Scope.Qualify(p.Name), LowerType(p.Type, call.Span), SlotRole.Local));
                    DeclareLocals(sub.Locals, instance.Scope, body);
                    var after = prefix + "$after";
                    string Rename(string target) => target switch
                    {
                        IrParser.Accept => after,
                        IrParser.Reject => IrParser.Reject,
                        _ => prefix + "$" + target,
                    };
                    states.Add(new ParserState(name, new Block(body.ToIrList()), new GotoTransition(Rename("start"))));
                    foreach (var inner in sub.States.SelectMany(st => LowerState(st, instance.Scope)))
                    {
                        states.Add(RenameState(inner, Rename));
                    }
                    name = after;
                    body = [.. copyOut];
                }
                finally
                {
                    inlineDepth--;
                }
                continue;
            }
            Statement(statement, body, scope, ret);
        }
        Transition transition = state.Transition?.Target switch
        {
            null => new GotoTransition(IrParser.Reject),
            NameReference { Symbol: StateSymbol target } => new GotoTransition(target.Name),
            SelectExpression select => Select(select, body, scope),
            var other => throw new LoweringException(other.Span, "this transition"),
        };
        states.Add(new ParserState(name, new Block(body.ToIrList()), transition));
        return states;
    }

    private static ParserState RenameState(ParserState state, Func<string, string> rename) => state with
    {
        Name = rename(state.Name),
        Transition = state.Transition switch
        {
            GotoTransition g => new GotoTransition(rename(g.State)),
            SelectTransition sel => sel with { Cases = sel.Cases.Select(c => c with { State = rename(c.State) }).ToIrList() },
            var t => t,
        },
    };

    private SelectTransition Select(SelectExpression select, List<IrStmt> body, LoweringScope scope)
    {
        var keys = new List<IrExpr>();
        foreach (var key in select.Keys)
        {
            var k = Expr(key, body, scope);
            if (!IsScalar(k.Type))
            {
                throw new LoweringException(key.Span, $"a select key of type {k.Type}");
            }
            keys.Add(k);
        }
        var cases = new List<IrSelectCase>();
        foreach (var c in select.Cases)
        {
            var elements = c.Keyset is TupleKeysetExpression tuple ? tuple.Elements.ToList() : [c.Keyset];
            List<Keyset> keysets;
            if (elements is [DefaultKeysetExpression or DontCareExpression] && keys.Count != 1)
            {
                keysets = keys.Select(_ => (Keyset)DefaultKeyset.Instance).ToList();
            }
            else if (elements.Count == 1 && keys.Count > 1 && elements[0] is ListExpression list)
            {
                keysets = list.Elements.Select((e, i) => SelectKeyset(e, keys[Math.Min(i, keys.Count - 1)].Type, scope)).ToList();
            }
            else
            {
                if (elements.Count != keys.Count)
                {
                    throw new LoweringException(c.Span, $"a select case with {elements.Count} keysets for {keys.Count} keys");
                }
                keysets = elements.Select((e, i) => SelectKeyset(e, keys[i].Type, scope)).ToList();
            }
            cases.Add(new IrSelectCase(keysets.ToIrList(), c.State.Name));
        }
        return new SelectTransition(keys.ToIrList(), cases.ToIrList());
    }

    private Keyset SelectKeyset(TypedExpression e, IrType keyType, LoweringScope scope)
    {
        switch (e)
        {
            case DefaultKeysetExpression or DontCareExpression:
                return DefaultKeyset.Instance;
            case TypedBinary { Operator: BinaryOperator.Mask } mask:
                return new MaskKeyset(Constant(mask.Left, scope, keyType), Constant(mask.Right, scope, keyType));
            case TypedBinary { Operator: BinaryOperator.Range } range:
                return new RangeKeyset(Constant(range.Left, scope, keyType), Constant(range.Right, scope, keyType));
            case NameReference { Symbol: ValueSetSymbol vs }:
                return scope.LookupInstance(vs) is string name ? new ValueSetKeyset(name) : throw new LoweringException(e.Span, $"value set '{vs.Name}' here");
            default:
                return new ExactKeyset(Constant(e, scope, keyType));
        }
    }

    private static BigInteger AllOnes(int width) => (BigInteger.One << width) - 1;
}
