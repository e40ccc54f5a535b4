using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>
/// Unrolls parser loops over header stacks: each state is specialised per combination of stack next-indices reached, so every
/// <c>extract(stack.next)</c>, <c>stack.last</c> and next-index read uses a constant index, and an extract past the end becomes a
/// StackOutOfBounds rejection. The resulting state graph is acyclic whenever every loop extracts into a stack (eBPF verifiers need bounded loops).
/// </summary>
public sealed class ParserUnroll : IPass
{
    /// <summary>Specialised states one parser may grow to before the pass gives up and leaves it unchanged.</summary>
    public const int MaxStates = 1024;

    public string Name => "ParserUnroll";

    public string Description => "Parser loops over header stacks are unrolled; stack indices in parsers are constants.";

    public IrProgram Run(IrProgram program, PassContext context)
    {
        var parsers = program.Parsers.Select(p => HasCycle(p) ? Unroll(p, program, context) : p).ToIrList();
        return parsers.Equals(program.Parsers) ? program : program with { Parsers = parsers };
    }

    private static bool HasCycle(IrParser parser)
    {
        var state = new Dictionary<string, int>();
        bool Visit(string name)
        {
            if (parser.State(name) is not { } s)
            {
                return false;
            }
            if (state.TryGetValue(name, out var mark))
            {
                return mark == 1;
            }
            state[name] = 1;
            foreach (var next in UnreachableParserStates.Targets(s.Transition))
            {
                if (Visit(next))
                {
                    return true;
                }
            }
            state[name] = 2;
            return false;
        }
        return Visit(parser.Start);
    }

    private static IrParser Unroll(IrParser parser, IrProgram program, PassContext context)
    {
        var stacks = new StackCollector();
        foreach (var s in parser.States)
        {
            stacks.WalkStmt(s.Body);
            if (s.Transition is SelectTransition sel)
            {
                foreach (var k in sel.Keys)
                {
                    stacks.WalkExpr(k);
                }
            }
        }
        if (stacks.Keys.Count == 0 || stacks.WritesNextIndex)
        {
            return parser;
        }
        var keys = stacks.Keys.ToList();
        var result = new List<ParserState>();
        var names = new Dictionary<string, string>();
        var work = new Queue<(string State, int[] Indices)>();
        string NameOf(string state, int[] indices)
        {
            if (state is IrParser.Accept or IrParser.Reject)
            {
                return state;
            }
            var key = state + "|" + string.Join(",", indices);
            if (!names.TryGetValue(key, out var name))
            {
                name = indices.All(i => i == 0) ? state : state + "$" + string.Join("_", indices);
                names[key] = name;
                work.Enqueue((state, indices));
            }
            return name;
        }
        var start = NameOf(parser.Start, new int[keys.Count]);
        while (work.Count > 0)
        {
            if (names.Count > MaxStates)
            {
                context.Error(4200, $"parser {parser.Name}: unrolling its loops needs more than {MaxStates} states");
                return parser;
            }
            var (stateName, indices) = work.Dequeue();
            var state = parser.State(stateName)!;
            var current = (int[])indices.Clone();
            var body = new List<IrStmt>();
            var rewriter = new IndexRewriter(keys, current);
            var outOfBounds = false;
            foreach (var stmt in Flatten(state.Body.Statements))
            {
                // The invalidation of a union's other members before extract(stack.next.member): dropped when that extract
                // is past the end (it becomes the StackOutOfBounds rejection below).
                if (stmt is SetValidityStmt { Valid: false } sv && NextElement(sv.Header) is ({ Index: StackNextIndexRef sn } sel, not null)
                    && current[keys.IndexOf(IrPrinter.Print(sn.Stack))] >= ((HeaderStackType)sel.Stack.Type).Size)
                {
                    continue;
                }
                if (stmt is ExtractStmt x && NextElement(x.Header) is ({ Index: StackNextIndexRef n } el, var member))
                {
                    var k = keys.IndexOf(IrPrinter.Print(n.Stack));
                    var size = ((HeaderStackType)el.Stack.Type).Size;
                    if (current[k] >= size)
                    {
                        body.Add(new VerifyStmt(IrConstant.Bool(false), program.Errors.AsImmutableArray().IndexOf("StackOutOfBounds")));
                        outOfBounds = true;
                        break;
                    }
                    var stackExpr = rewriter.RewriteExpr(el.Stack);
                    IrExpr element = el with { Stack = stackExpr, Index = IrConstant.Of(current[k], BitType.Bit32) };
                    body.Add(x with { Header = member is null ? element : member with { Base = element }, VarbitBits = x.VarbitBits is null ? null : rewriter.RewriteExpr(x.VarbitBits) });
                    current[k]++;
                    body.Add(new AssignStmt(new StackNextIndexRef(stackExpr), IrConstant.Of(current[k], BitType.Bit32)));
                    continue;
                }
                body.Add(rewriter.RewriteStmt(stmt)!);
                if (stmt is AssignStmt assign)
                {
                    CopyIndices(keys, current, assign);
                }
            }
            var transition = outOfBounds ? new GotoTransition(IrParser.Reject) : state.Transition switch
            {
                GotoTransition g => new GotoTransition(NameOf(g.State, current)),
                SelectTransition s => new SelectTransition(s.Keys.Select(rewriter.RewriteExpr).ToIrList(),
                    s.Cases.Select(c => c with { State = NameOf(c.State, current) }).ToIrList()),
                var t => t,
            };
            result.Add(new ParserState(NameOf(stateName, indices), new Block(body.ToIrList()), transition));
        }
        return parser with { Start = start, States = result.ToIrList() };
    }

    /// <summary>An assignment that copies a struct or stack holding tracked stacks (a sub-parser's copy-in or copy-out of the
    /// headers) copies their next indices too.</summary>
    private static void CopyIndices(List<string> keys, int[] current, AssignStmt assign)
    {
        if (!assign.Value.IsLValue)
        {
            return;
        }
        var target = IrPrinter.Print(assign.Target);
        var source = IrPrinter.Print(assign.Value);
        var copied = (int[])current.Clone();
        for (var k = 0; k < keys.Count; k++)
        {
            string? suffix = keys[k] == target ? "" : keys[k].StartsWith(target + ".", StringComparison.Ordinal) ? keys[k][target.Length..] : null;
            if (suffix is not null && keys.IndexOf(source + suffix) is var from and >= 0)
            {
                current[k] = copied[from];
            }
        }
    }

    /// <summary>The statements with nested plain blocks spliced in (HeaderUnionLowering wraps an extract into a union member in one).</summary>
    private static IEnumerable<IrStmt> Flatten(IEnumerable<IrStmt> statements) =>
        statements.SelectMany(s => s is Block b ? Flatten(b.Statements) : [s]);

    /// <summary>The stack element an extract writes (<c>stack.next</c>) and, for a stack of unions, the member within it (<c>stack.next.m</c>).</summary>
    internal static (StackElementRef Element, FieldRef? Member)? NextElement(IrExpr header) => header switch
    {
        StackElementRef el => (el, null),
        FieldRef { Base: StackElementRef el } f => (el, f),
        _ => null,
    };

    private sealed class StackCollector : IrWalker
    {
        public readonly HashSet<string> Keys = [];
        public bool WritesNextIndex;

        protected override bool PreStmt(IrStmt s)
        {
            if (s is AssignStmt { Target: StackNextIndexRef })
            {
                WritesNextIndex = true;
            }
            return true;
        }

        protected override bool PreExpr(IrExpr e)
        {
            if (e is StackNextIndexRef n)
            {
                Keys.Add(IrPrinter.Print(n.Stack));
            }
            return true;
        }
    }

    /// <summary>Replaces next-index reads with the constants of the current specialisation.</summary>
    private sealed class IndexRewriter(List<string> keys, int[] indices) : IrRewriter
    {
        protected override IrExpr PostExpr(IrExpr e) =>
            e is StackNextIndexRef n && keys.IndexOf(IrPrinter.Print(n.Stack)) is var k and >= 0 ? IrConstant.Of(indices[k], BitType.Bit32) : e;
    }
}
