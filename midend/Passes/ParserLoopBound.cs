using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>
/// Bounds the parser loops that ParserUnroll left (loops that do not extract into a header stack, e.g. IPv4-in-UDP): each
/// state is specialised by how many loop back edges the path to it has taken, and the back edge that would start iteration
/// <see cref="MidendOptions.MaxParserLoopIterations"/> + 1 rejects with <c>error.ParserTimeout</c> instead.
/// </summary>
/// <remarks>
/// The state graph afterwards is acyclic: every cycle holds a DFS back edge, and each back edge raises the count. eBPF
/// verifiers explore a cyclic parser one iteration at a time with no bound they can prove (the kernel gives up with
/// "sequence of 8193 jumps is too complex"); P4 lets a target bound parser execution with ParserTimeout.
/// </remarks>
public sealed class ParserLoopBound : IPass
{
    /// <summary>The name of the state that rejects with ParserTimeout.</summary>
    public const string TimeoutState = "$parser_timeout";

    public string Name => "ParserLoopBound";

    public string Description => "No parser state graph has a cycle; a loop past its bound rejects with ParserTimeout.";

    public IrProgram Run(IrProgram program, PassContext context)
    {
        var parsers = program.Parsers.Select(p => Bound(p, program, context.Options.MaxParserLoopIterations)).ToIrList();
        return parsers.Equals(program.Parsers) ? program : program with { Parsers = parsers };
    }

    private static IrParser Bound(IrParser parser, IrProgram program, int maxIterations)
    {
        var backEdges = BackEdges(parser);
        if (backEdges.Count == 0)
        {
            return parser;
        }
        var result = new List<ParserState>();
        var names = new Dictionary<(string, int), string>();
        var work = new Queue<(string State, int Count)>();
        var timeout = false;
        string NameOf(string state, int count)
        {
            if (state is IrParser.Accept or IrParser.Reject)
            {
                return state;
            }
            if (count > maxIterations)
            {
                timeout = true;
                return TimeoutState;
            }
            if (!names.TryGetValue((state, count), out var name))
            {
                name = count == 0 ? state : state + "$loop" + count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                names[(state, count)] = name;
                work.Enqueue((state, count));
            }
            return name;
        }
        var start = NameOf(parser.Start, 0);
        while (work.Count > 0)
        {
            var (stateName, count) = work.Dequeue();
            var state = parser.State(stateName)!;
            string Next(string target) => NameOf(target, backEdges.Contains((stateName, target)) ? count + 1 : count);
            var transition = state.Transition switch
            {
                GotoTransition g => new GotoTransition(Next(g.State)),
                SelectTransition s => s with { Cases = s.Cases.Select(c => c with { State = Next(c.State) }).ToIrList() },
                var t => t,
            };
            result.Add(state with { Name = names[(stateName, count)], Transition = transition });
        }
        if (timeout)
        {
            var code = program.Errors.AsImmutableArray().IndexOf("ParserTimeout");
            result.Add(new ParserState(TimeoutState, Block.Of(new VerifyStmt(IrConstant.Bool(false), Math.Max(0, code))), new GotoTransition(IrParser.Reject)));
        }
        return parser with { Start = start, States = result.ToIrList() };
    }

    /// <summary>The edges (from, to) that close a cycle in a depth-first walk from the start state.</summary>
    private static HashSet<(string From, string To)> BackEdges(IrParser parser)
    {
        var edges = new HashSet<(string, string)>();
        var mark = new Dictionary<string, int>();
        var stack = new Stack<(string State, IEnumerator<string> Next)>();
        void Enter(string name)
        {
            mark[name] = 1;
            stack.Push((name, UnreachableParserStates.Targets(parser.State(name)!.Transition).Distinct().ToList().GetEnumerator()));
        }
        if (parser.State(parser.Start) is null)
        {
            return edges;
        }
        Enter(parser.Start);
        while (stack.Count > 0)
        {
            var (name, next) = stack.Peek();
            if (!next.MoveNext())
            {
                mark[name] = 2;
                stack.Pop();
                continue;
            }
            var target = next.Current;
            if (parser.State(target) is null)
            {
                continue;
            }
            if (!mark.TryGetValue(target, out var m))
            {
                Enter(target);
            }
            else if (m == 1)
            {
                edges.Add((name, target));
            }
        }
        return edges;
    }
}
