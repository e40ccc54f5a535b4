using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>Checks that every name in the program resolves (slots, tables, actions, externs, states, blocks) and that assignments and keys are well-typed.</summary>
public sealed class IrValidation : IPass
{
    public string Name => "IrValidation";

    public string Description => "All references resolve and types agree (reports P4E41xx errors, changes nothing).";

    public IrProgram Run(IrProgram program, PassContext context)
    {
        new Checker(program, context).Check();
        return program;
    }

    private sealed class Checker(IrProgram p, PassContext context) : IrWalker
    {
        private string where = "";

        public void Check()
        {
            foreach (var a in p.Actions)
            {
                where = "action " + a.Name;
                WalkStmt(a.Body);
            }
            foreach (var t in p.Tables)
            {
                where = "table " + t.Name;
                CheckTable(t);
            }
            foreach (var parser in p.Parsers)
            {
                where = "parser " + parser.Name;
                if (parser.State(parser.Start) is null)
                {
                    context.Error(4104, $"{where}: start state {parser.Start} does not exist");
                }
                foreach (var s in parser.States)
                {
                    where = $"parser {parser.Name} state {s.Name}";
                    WalkStmt(s.Body);
                    foreach (var target in UnreachableParserStates.Targets(s.Transition))
                    {
                        if (target is not (IrParser.Accept or IrParser.Reject) && parser.State(target) is null)
                        {
                            context.Error(4104, $"{where}: transition to unknown state {target}");
                        }
                    }
                    if (s.Transition is SelectTransition sel)
                    {
                        foreach (var k in sel.Keys)
                        {
                            WalkExpr(k);
                        }
                        foreach (var c in sel.Cases)
                        {
                            if (c.Keysets.Count != sel.Keys.Count && c.Keysets is not [DefaultKeyset])
                            {
                                context.Error(4105, $"{where}: select case has {c.Keysets.Count} keysets for {sel.Keys.Count} keys");
                            }
                        }
                    }
                }
            }
            foreach (var c in p.Controls)
            {
                where = "control " + c.Name;
                WalkStmt(c.Body);
            }
            foreach (var s in p.Stages)
            {
                foreach (var b in s.Blocks.Append(s.Deparser).OfType<string>())
                {
                    if (p.Parser(b) is null && p.Control(b) is null)
                    {
                        context.Error(4106, $"stage {s.Name}: unknown block {b}");
                    }
                }
            }
        }

        private void CheckTable(IrTable t)
        {
            foreach (var k in t.Keys)
            {
                WalkExpr(k.Expr);
                if (!k.Expr.Type.IsScalar && k.Expr.Type is not BitType)
                {
                    context.Error(4107, $"{where}: key {k.Name} has non-scalar type {k.Expr.Type}");
                }
            }
            if (t.Keys.Count(k => k.Match == MatchKind.Lpm) > 1)
            {
                context.Error(4108, $"{where}: at most one lpm key is allowed");
            }
            foreach (var a in t.Actions)
            {
                if (!p.Actions.Any(x => x.Name == a.Action))
                {
                    context.Error(4102, $"{where}: unknown action {a.Action}");
                }
            }
            if (!t.Actions.Any(a => a.Action == t.Default.Action))
            {
                context.Error(4102, $"{where}: default action {t.Default.Action} is not in the action list");
            }
            foreach (var e in t.Entries)
            {
                if (e.Keys.Count != t.Keys.Count)
                {
                    context.Error(4109, $"{where}: entry has {e.Keys.Count} key values for {t.Keys.Count} keys");
                }
                if (!t.Actions.Any(a => a.Action == e.Action))
                {
                    context.Error(4102, $"{where}: entry action {e.Action} is not in the action list");
                }
            }
        }

        protected override bool PreStmt(IrStmt s)
        {
            switch (s)
            {
                case AssignStmt a when !a.Target.IsLValue:
                    context.Error(4110, $"{where}: assignment target {IrPrinter.Print(a.Target)} is not storage");
                    break;
                case AssignStmt a when !SameShape(a.Target.Type, a.Value.Type):
                    context.Error(4111, $"{where}: cannot assign {a.Value.Type} to {a.Target.Type}");
                    break;
                case ApplyTableStmt t when !p.Tables.Any(x => x.Name == t.Table):
                    context.Error(4101, $"{where}: unknown table {t.Table}");
                    break;
                case CallActionStmt c:
                    var action = p.Actions.FirstOrDefault(x => x.Name == c.Action);
                    if (action is null)
                    {
                        context.Error(4102, $"{where}: unknown action {c.Action}");
                    }
                    else if (action.Params.Count != c.Arguments.Count)
                    {
                        context.Error(4112, $"{where}: action {c.Action} takes {action.Params.Count} arguments, not {c.Arguments.Count}");
                    }
                    break;
                case ExternCallStmt e when !p.Externs.Any(x => x.Name == e.Instance):
                    context.Error(4103, $"{where}: unknown extern instance {e.Instance}");
                    break;
            }
            return true;
        }

        protected override bool PreExpr(IrExpr e)
        {
            if (e is SlotRef s)
            {
                var slot = p.State.Find(s.Slot);
                if (slot is null)
                {
                    context.Error(4100, $"{where}: unknown slot {s.Slot}");
                }
                else if (!slot.Type.Equals(s.Type))
                {
                    context.Error(4111, $"{where}: slot {s.Slot} has type {slot.Type}, referenced as {s.Type}");
                }
            }
            return true;
        }

        private static bool SameShape(IrType a, IrType b) => a.Equals(b) || (a is BitType x && b is BitType y && x.Width == y.Width);
    }
}
