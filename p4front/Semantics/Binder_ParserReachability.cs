using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    /// <summary>
    /// A parser whose states, followed from <c>start</c>, can never end in <c>accept</c> or <c>reject</c> loops forever
    /// (every path is an unconditional transition cycle). Conservative: a state without a transition, a <c>select</c>
    /// (which rejects when no case matches) and a state that calls <c>verify</c> all count as reaching <c>reject</c>.
    /// </summary>
    private void CheckParserTerminates(Identifier parserName, EquatableArray<ParserState> states)
    {
        var byName = new Dictionary<string, ParserState>();
        foreach (var state in states)
        {
            byName.TryAdd(state.Name.Text, state);
        }
        if (!byName.ContainsKey("start"))
        {
            return;
        }
        var seen = new HashSet<string>();
        var work = new Stack<string>();
        work.Push("start");
        while (work.Count > 0)
        {
            var name = work.Pop();
            if (name is "accept" or "reject")
            {
                return;
            }
            if (!seen.Add(name))
            {
                continue;
            }
            if (!byName.TryGetValue(name, out var state))
            {
                return; // an unknown state has been reported already
            }
            if (state.Transition is null || state.Statements.Any(CallsVerify))
            {
                return;
            }
            switch (state.Transition.Target)
            {
                case NameExpression n:
                    work.Push(n.Name.Text);
                    break;
                default:
                    return; // a select can reject (no case matched); anything else was reported
            }
        }
        Error(ErrorCode.ERR_InvalidDeclaration, parserName.Span, $"parser {parserName.Text}: the parser never reaches the accept or reject state");
    }

    private static bool CallsVerify(Statement statement) =>
        statement is MethodCallStatement { Call.Target: NameExpression { Name.Text: "verify" } }
        || statement is BlockStatement b && b.Statements.Any(CallsVerify)
        || statement is IfStatement i && (CallsVerify(i.Then) || i.Else is { } e && CallsVerify(e));
}
