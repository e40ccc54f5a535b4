using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>Removes parser states no transition from the start state reaches.</summary>
public sealed class UnreachableParserStates : IPass
{
    public string Name => "UnreachableParserStates";

    public string Description => "Every parser state is reachable from the start state.";

    public IrProgram Run(IrProgram program, PassContext context)
    {
        var parsers = program.Parsers.Select(Prune).ToIrList();
        return parsers.Equals(program.Parsers) ? program : program with { Parsers = parsers };
    }

    private static IrParser Prune(IrParser parser)
    {
        var reached = new HashSet<string>();
        var work = new Stack<string>();
        work.Push(parser.Start);
        while (work.Count > 0)
        {
            var name = work.Pop();
            if (!reached.Add(name) || parser.State(name) is not { } state)
            {
                continue;
            }
            foreach (var next in Targets(state.Transition))
            {
                work.Push(next);
            }
        }
        return parser.States.All(s => reached.Contains(s.Name)) ? parser : parser with { States = parser.States.Where(s => reached.Contains(s.Name)).ToIrList() };
    }

    public static IEnumerable<string> Targets(Transition t) => t switch
    {
        GotoTransition g => [g.State],
        SelectTransition s => s.Cases.Select(c => c.State),
        _ => [],
    };
}
