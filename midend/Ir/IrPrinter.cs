using System.Globalization;
using System.Numerics;
using System.Text;

namespace P4Bpf.Midend.Ir;

/// <summary>Renders an <see cref="IrProgram"/> as stable, readable text (for <c>--dump-ir-after</c> and golden tests).</summary>
public sealed class IrPrinter
{
    private readonly StringBuilder sb = new();
    private int indent;

    public static string Print(IrProgram program)
    {
        var printer = new IrPrinter();
        printer.PrintProgram(program);
        return printer.sb.ToString();
    }

    public static string Print(IrExpr expr) => Expr(expr);

    public static string Print(IrStmt stmt)
    {
        var printer = new IrPrinter();
        printer.Stmt(stmt);
        return printer.sb.ToString();
    }

    private void Line(string text) => sb.Append(' ', indent * 2).Append(text).Append('\n');

    private void PrintProgram(IrProgram p)
    {
        Line($"program {p.Name} arch {p.Architecture}");
        Line($"errors {string.Join(", ", p.Errors)}");
        Line($"state size {p.State.Size}");
        indent++;
        foreach (var slot in p.State.Slots)
        {
            Line($"slot {slot.Name}: {TypeText(slot.Type)} @{slot.Offset} size {slot.Size} {slot.Role.ToString().ToLowerInvariant()}");
        }
        indent--;
        foreach (var type in CollectTypes(p))
        {
            PrintType(type);
        }
        foreach (var e in p.Externs)
        {
            var extra = e.ElementType is null ? "" : " of " + TypeText(e.ElementType);
            var algo = e.Algorithm is null ? "" : " algorithm " + e.Algorithm;
            Line($"extern {e.Kind} {e.Name} size {e.Size} unit {e.Unit}{extra}{algo}");
        }
        foreach (var a in p.Actions)
        {
            Line($"action {a.Name}({string.Join(", ", a.Params.Select(x => TypeText(x.Type) + " " + x.Name))})");
            BlockBody(a.Body);
        }
        foreach (var t in p.Tables)
        {
            PrintTable(t);
        }
        foreach (var parser in p.Parsers)
        {
            Line($"parser {parser.Name} start {parser.Start}");
            indent++;
            foreach (var state in parser.States)
            {
                Line($"state {state.Name}");
                BlockBody(state.Body);
                indent++;
                Line(TransitionText(state.Transition));
                indent--;
            }
            indent--;
        }
        foreach (var c in p.Controls)
        {
            Line($"control {c.Name}");
            BlockBody(c.Body);
        }
        foreach (var s in p.Stages)
        {
            var verdict = s.Verdict switch
            {
                BoolVerdict b => $"bool {Expr(b.Condition)} ? {b.IfTrue} : {b.IfFalse}",
                ValueVerdict v => $"value {Expr(v.Value)}",
                ConstantVerdict c => $"constant {c.Value}",
                _ => "?",
            };
            Line($"stage {s.Name} section \"{s.Section}\" hook {s.Hook.ToString().ToLowerInvariant()} blocks [{string.Join(", ", s.Blocks)}]" +
                 $" verdict {verdict} drop {s.DropCode} reject {s.OnReject.ToString().ToLowerInvariant()}" +
                 (s.Reset == StateReset.None ? "" : " reset " + s.Reset.ToString().ToLowerInvariant()) + (s.Deparser is null ? "" : " deparser " + s.Deparser));
        }
    }

    private static List<IrType> CollectTypes(IrProgram p)
    {
        var seen = new List<IrType>();
        void Visit(IrType t)
        {
            switch (t)
            {
                case HeaderType or StructType or HeaderUnionType when !seen.Contains(t):
                    var fields = t switch { HeaderType h => h.Fields, StructType s => s.Fields, HeaderUnionType u => u.Members, _ => IrList<IrField>.Empty };
                    foreach (var f in fields)
                    {
                        Visit(f.Type);
                    }
                    seen.Add(t);
                    break;
                case HeaderStackType st:
                    Visit(st.Element);
                    break;
            }
        }
        foreach (var slot in p.State.Slots)
        {
            Visit(slot.Type);
        }
        return seen;
    }

    private void PrintType(IrType type)
    {
        switch (type)
        {
            case HeaderType h:
                Line($"header {h.Name} wire {h.WireBits} bits storage {h.StorageBytes}");
                indent++;
                foreach (var f in h.Fields)
                {
                    Line($"{TypeText(f.Type)} {f.Name} bit {f.BitOffset} @{f.StorageOffset}");
                }
                indent--;
                break;
            case StructType s:
                Line($"struct {s.Name} storage {s.StorageBytes}");
                indent++;
                foreach (var f in s.Fields)
                {
                    Line($"{TypeText(f.Type)} {f.Name} @{f.StorageOffset}");
                }
                indent--;
                break;
            case HeaderUnionType u:
                Line($"header_union {u.Name} storage {u.StorageBytes}");
                indent++;
                foreach (var f in u.Members)
                {
                    Line($"{TypeText(f.Type)} {f.Name} @{f.StorageOffset}");
                }
                indent--;
                break;
        }
    }

    private void PrintTable(IrTable t)
    {
        Line($"table {t.Name} size {t.Size}" + (t.DirectCounter is null ? "" : " counter " + t.DirectCounter) +
             (t.DirectMeter is null ? "" : " meter " + t.DirectMeter) + (t.Implementation is null ? "" : " implementation " + t.Implementation));
        indent++;
        foreach (var k in t.Keys)
        {
            Line($"key {k.Name}: {Expr(k.Expr)} {k.Match.ToString().ToLowerInvariant()}");
        }
        foreach (var a in t.Actions)
        {
            Line($"action {a.Id} {a.Action}" + (a.Scope == ActionScope.TableAndDefault ? "" : " " + a.Scope.ToString().ToLowerInvariant()));
        }
        Line($"{(t.Default.IsConst ? "const " : "")}default {t.Default.Action}({string.Join(", ", t.Default.Arguments.Select(Num))})");
        foreach (var e in t.Entries)
        {
            Line($"{(t.EntriesConst ? "const " : "")}entry priority {e.Priority} ({string.Join(", ", e.Keys.Select(MatchText))}) -> {e.Action}({string.Join(", ", e.Arguments.Select(Num))})");
        }
        indent--;
    }

    private static string MatchText(KeyMatch m) => m switch
    {
        ExactMatch e => Num(e.Value),
        LpmMatch l => $"{Num(l.Value)}/{l.PrefixLength}",
        TernaryMatch t => $"{Num(t.Value)} &&& {Num(t.Mask)}",
        RangeMatch r => $"{Num(r.Low)} .. {Num(r.High)}",
        OptionalMatch { Value: null } => "_",
        OptionalMatch o => Num(o.Value!.Value),
        WildcardMatch => "_",
        _ => "?",
    };

    private static string Num(BigInteger v) =>
        v.Sign >= 0 && v > 9 ? "0x" + v.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0') : v.ToString(CultureInfo.InvariantCulture);

    private static string TransitionText(Transition t) => t switch
    {
        GotoTransition g => $"transition {g.State}",
        SelectTransition s => $"transition select({string.Join(", ", s.Keys.Select(Expr))}) {{ " +
                              string.Join("; ", s.Cases.Select(c => $"({string.Join(", ", c.Keysets.Select(KeysetText))}): {c.State}")) + " }",
        _ => "?",
    };

    private static string KeysetText(Keyset k) => k switch
    {
        ExactKeyset e => Num(e.Value),
        MaskKeyset m => $"{Num(m.Value)} &&& {Num(m.Mask)}",
        RangeKeyset r => $"{Num(r.Low)} .. {Num(r.High)}",
        DefaultKeyset => "default",
        ValueSetKeyset v => v.ValueSet,
        _ => "?",
    };

    private void BlockBody(Block b)
    {
        indent++;
        foreach (var s in b.Statements)
        {
            Stmt(s);
        }
        indent--;
    }

    private void Stmt(IrStmt s)
    {
        switch (s)
        {
            case Block b:
                Line("{");
                BlockBody(b);
                Line("}");
                break;
            case ScopeStmt sc:
                Line($"scope {sc.Name}");
                BlockBody(sc.Body);
                break;
            case AssignStmt a:
                Line($"{Expr(a.Target)} = {Expr(a.Value)}");
                break;
            case IfStmt i:
                Line($"if {Expr(i.Condition)}");
                BlockBody(i.Then);
                if (!i.Else.IsEmpty)
                {
                    Line("else");
                    BlockBody(i.Else);
                }
                break;
            case SwitchStmt sw:
                Line($"switch {Expr(sw.Selector)}");
                indent++;
                foreach (var c in sw.Cases)
                {
                    Line($"case {string.Join(", ", c.Values.Select(Num))}:");
                    BlockBody(c.Body);
                }
                if (sw.Default is not null)
                {
                    Line("default:");
                    BlockBody(sw.Default);
                }
                indent--;
                break;
            case ApplyTableStmt t:
                Line($"apply {t.Table}" + (t.HitTarget is null ? "" : $" hit -> {Expr(t.HitTarget)}") +
                     (t.ActionRunTarget is null ? "" : $" action_run -> {Expr(t.ActionRunTarget)}"));
                break;
            case CallActionStmt c:
                Line($"call {c.Action}({string.Join(", ", c.Arguments.Select(Expr))})");
                break;
            case ExternCallStmt e:
                Line((e.Result is null ? "" : Expr(e.Result) + " = ") + $"{e.Instance}.{e.Method}({string.Join(", ", e.Arguments.Select(Expr))})");
                break;
            case ExtractStmt x:
                Line($"extract {Expr(x.Header)}" + (x.VarbitBits is null ? "" : $" varbit {Expr(x.VarbitBits)}"));
                break;
            case LookaheadStmt l:
                Line($"{Expr(l.Target)} = lookahead");
                break;
            case AdvanceStmt a:
                Line($"advance {Expr(a.Bits)}");
                break;
            case EmitStmt e:
                Line($"emit {Expr(e.Header)}");
                break;
            case VerifyStmt v:
                Line($"verify {Expr(v.Condition)} error {v.ErrorCode}");
                break;
            case SetValidityStmt v:
                Line($"{(v.Valid ? "setValid" : "setInvalid")} {Expr(v.Header)}");
                break;
            case ExitStmt:
                Line("exit");
                break;
            case ReturnStmt:
                Line("return");
                break;
            case DropStmt:
                Line("drop");
                break;
            default:
                Line("?" + s.GetType().Name);
                break;
        }
    }

    private static string TypeText(IrType t) => t switch
    {
        HeaderType h => h.Name,
        StructType s => s.Name,
        HeaderUnionType u => u.Name,
        HeaderStackType st => st.ElementName + "[" + st.Size + "]",
        _ => t.ToString(),
    };

    private static string Expr(IrExpr e) => e switch
    {
        IrConstant { Type: BoolType } c => c.IsTrue ? "true" : "false",
        IrConstant c => $"{Num(c.Value)}:{c.Type}",
        SlotRef s => s.Slot,
        FieldRef f => $"{Expr(f.Base)}.{f.Field}",
        StackElementRef s => $"{Expr(s.Stack)}[{Expr(s.Index)}]",
        StackNextIndexRef n => $"{Expr(n.Stack)}.$next",
        VarbitLengthRef v => $"{Expr(v.Field)}.$length",
        IsValidExpr v => $"{Expr(v.Header)}.isValid()",
        ParamRef p => "$" + p.Name,
        IntrinsicValue i => "%" + i.Kind,
        UnaryExpr u => (u.Op switch { UnaryOp.Negate => "-", UnaryOp.Complement => "~", _ => "!" }) + Atom(u.Operand),
        BinaryExpr b => $"{Atom(b.Left)} {OpText(b.Op)} {Atom(b.Right)}",
        SliceExpr s => $"{Atom(s.Operand)}[{s.Hi}:{s.Lo}]",
        ConcatExpr c => $"{Atom(c.Left)} ++ {Atom(c.Right)}",
        CastExpr c => $"({c.Type}){Atom(c.Operand)}",
        MuxExpr m => $"{Atom(m.Condition)} ? {Atom(m.WhenTrue)} : {Atom(m.WhenFalse)}",
        _ => "?" + e.GetType().Name,
    };

    private static string Atom(IrExpr e) => e is BinaryExpr or MuxExpr ? "(" + Expr(e) + ")" : Expr(e);

    public static string OpText(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Mul => "*",
        BinaryOp.Div => "/",
        BinaryOp.Mod => "%",
        BinaryOp.Shl => "<<",
        BinaryOp.Shr => ">>",
        BinaryOp.BitAnd => "&",
        BinaryOp.BitOr => "|",
        BinaryOp.BitXor => "^",
        BinaryOp.AddSat => "|+|",
        BinaryOp.SubSat => "|-|",
        BinaryOp.Eq => "==",
        BinaryOp.Ne => "!=",
        BinaryOp.Lt => "<",
        BinaryOp.Le => "<=",
        BinaryOp.Gt => ">",
        BinaryOp.Ge => ">=",
        BinaryOp.And => "&&",
        BinaryOp.Or => "||",
        _ => "?",
    };
}
