using System.Numerics;
using Annotation = P4Bpf.Front.Syntax.Annotation;
using BinaryOperator = P4Bpf.Front.Syntax.BinaryOperator;
using Direction = P4Bpf.Front.Syntax.Direction;
using UnaryOperator = P4Bpf.Front.Syntax.UnaryOperator;
using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;
using IrBit = P4Bpf.Midend.Ir.BitType;
using IrBool = P4Bpf.Midend.Ir.BoolType;
using IrTableEntry = P4Bpf.Midend.Ir.TableEntry;
using IrTableKey = P4Bpf.Midend.Ir.TableKey;
using TypedBinary = P4Bpf.Front.Typed.BinaryExpression;

namespace P4Bpf.Midend.Lowering;

/// <summary>A table of a control instance: its IR name and the id of each of its actions.</summary>
internal sealed record TableInstance(string Name, IReadOnlyDictionary<ActionSymbol, int> ActionIds)
{
    /// <summary>Statements every apply runs first: keys with side effects are computed into temporaries here.</summary>
    public IReadOnlyList<IrStmt> KeyPrelude { get; init; } = [];
}

internal sealed partial class ProgramLowering
{
    private const long DefaultTableSize = 1024;

    /// <summary>An apply of a table: its key prelude, then the apply.</summary>
    private static void ApplyTable(TableInstance table, IrExpr? hit, IrExpr? actionRun, List<IrStmt> output)
    {
        output.AddRange(table.KeyPrelude);
        output.Add(new ApplyTableStmt(table.Name, hit, actionRun));
    }

    private TableInstance TableOf(CallExpression call, LoweringScope scope)
    {
        var target = call.Callee switch
        {
            ApplyCallee a => a.Target,
            _ => null,
        };
        if (target is NameReference { Symbol: TableSymbol table } && scope.LookupInstance(table) is TableInstance instance)
        {
            return instance;
        }
        throw new LoweringException(call.Span, $"applying {TextOf(call)}");
    }

    /// <summary>Lowers a table of a control instance: keys, actions (ids from 1 in list order), default action, entries and properties.</summary>
    private void DeclareTable(TableDeclaration t, LoweringScope scope)
    {
        var name = UniqueName(scope.Qualify(t.Table.Name));
        var keys = new List<IrTableKey>();
        var prelude = new List<IrStmt>();
        foreach (var key in t.Keys)
        {
            var pre = new List<IrStmt>();
            var expr = Expr(key.Expression, pre, scope);
            if (pre.Count > 0)
            {
                // Side effects (a function call, a nested apply …): run them at each apply, the key reads the result.
                var temp = Temp(expr.Type, "key");
                prelude.AddRange(pre);
                prelude.Add(new AssignStmt(temp, expr));
                expr = temp;
            }
            if (expr.Type is not (IrBit or IrBool))
            {
                throw new LoweringException(key.Span, $"a table key of type {expr.Type}");
            }
            var match = key.MatchKind.Name switch
            {
                "exact" => MatchKind.Exact,
                "lpm" => MatchKind.Lpm,
                "ternary" => MatchKind.Ternary,
                "range" => MatchKind.Range,
                "optional" => MatchKind.Optional,
                "selector" => MatchKind.Selector,
                var other => throw new LoweringException(key.Span, $"match kind '{other}'"),
            };
            keys.Add(new IrTableKey(KeyName(key), expr, match));
        }
        var ids = new Dictionary<ActionSymbol, int>(ReferenceEqualityComparer.Instance);
        var refs = new List<TableActionRef>();
        var irNames = new Dictionary<ActionSymbol, string>(ReferenceEqualityComparer.Instance);
        foreach (var a in t.Actions)
        {
            var irName = ActionInstance(a.Action, scope, Directional(a.Arguments), a.Span);
            var actionScope = HasAnnotation(a.Annotations, "defaultonly") || a.Action.HasAnnotation("defaultonly") ? ActionScope.DefaultOnly
                : HasAnnotation(a.Annotations, "tableonly") || a.Action.HasAnnotation("tableonly") ? ActionScope.TableOnly
                : ActionScope.TableAndDefault;
            if (refs.Any(r => r.Action == irName))
            {
                continue;
            }
            ids[a.Action] = refs.Count + 1;
            irNames[a.Action] = irName;
            refs.Add(new TableActionRef(irName, refs.Count + 1, actionScope));
        }
        var defaultAction = DefaultActionOf(t, scope, irNames);
        if (!refs.Any(r => r.Action == defaultAction.Action))
        {
            // The spec's implicit default (NoAction) need not be listed: it joins the table as a default-only action.
            refs.Add(new TableActionRef(defaultAction.Action, refs.Count + 1, ActionScope.DefaultOnly));
        }
        var entries = new List<IrTableEntry>();
        var priorities = EntryPriorities(t, scope);
        for (var i = 0; i < t.Entries.Count; i++)
        {
            entries.Add(Entry(t.Entries[i], keys, scope, irNames, priorities[i]));
        }
        var size = DefaultTableSize;
        string? directCounter = null, directMeter = null, implementation = null;
        foreach (var property in t.Properties)
        {
            switch (property.Name)
            {
                case "size":
                    size = (long)Constant(property.Value, scope);
                    break;
                case "implementation" or "psa_implementation":
                    (size, implementation) = Implementation(property, scope, size, name);
                    break;
                case "counters" or "psa_direct_counter":
                    directCounter = ExternName(property.Value, scope);
                    break;
                case "meters" or "psa_direct_meter":
                    directMeter = ExternName(property.Value, scope);
                    break;
                case "support_timeout" or "psa_idle_timeout" or "psa_empty_group_action" or "largest_priority_wins" or "priority_delta":
                    break;
                default:
                    break;
            }
        }
        if (implementation is not null)
        {
            // Tables sharing an action profile number their actions profile-wide, so a member's action id means the same in each.
            if (!profileActionIds.TryGetValue(implementation, out var registry))
            {
                profileActionIds[implementation] = registry = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            int ProfileId(string action) => registry.TryGetValue(action, out var id) ? id : registry[action] = registry.Count + 1;
            var remap = refs.ToDictionary(r => r.Id, r => ProfileId(r.Action));
            refs = refs.Select(r => r with { Id = remap[r.Id] }).ToList();
            foreach (var symbol in ids.Keys.ToList())
            {
                ids[symbol] = remap[ids[symbol]];
            }
        }
        tables.Add(new IrTable(name, keys.ToIrList(), refs.ToIrList(), defaultAction, entries.ToIrList(), t.AreEntriesConst && t.Entries.Count > 0, size,
            directCounter, directMeter, implementation));
        scope.BindInstance(t.Table, new TableInstance(name, ids) { KeyPrelude = prelude });
    }

    private static List<TypedArgument> Directional(IEnumerable<TypedArgument> arguments) =>
        arguments.Where(a => a.Parameter.Direction != Direction.None).ToList();

    private static bool HasAnnotation(IEnumerable<Annotation> annotations, string name) => annotations.Any(a => a.Name.Text == name);

    /// <summary>The control-plane name of a key: its <c>@name</c>, or the key expression as written.</summary>
    private string KeyName(Front.Typed.TableKey key)
    {
        foreach (var annotation in key.Annotations)
        {
            if (annotation.Name.Text == "name" && annotation.Body.Count > 0 && annotation.Body[0].Text is { Length: >= 2 } text && text[0] == '"')
            {
                return text[1..^1];
            }
        }
        return TextOf(key.Expression).Replace(" ", "", StringComparison.Ordinal);
    }

    private DefaultAction DefaultActionOf(TableDeclaration t, LoweringScope scope, Dictionary<ActionSymbol, string> irNames)
    {
        var reference = t.DefaultAction;
        if (reference is null)
        {
            var noAction = typed.Declarations.OfType<ActionDeclaration>().FirstOrDefault(a => a.Action.Name == "NoAction")
                ?? throw new LoweringException(t.Span, $"table '{t.Table.Name}' without a default action (and no NoAction declared)");
            return new DefaultAction(ActionInstance(noAction.Action, scope, [], t.Span), IrList<BigInteger>.Empty, false);
        }
        var name = irNames.TryGetValue(reference.Action, out var n) ? n : ActionInstance(reference.Action, scope, Directional(reference.Arguments), reference.Span);
        return new DefaultAction(name, ControlPlaneArguments(reference, name, scope), t.IsDefaultActionConst);
    }

    /// <summary>The constant values of an action reference's directionless arguments, in parameter order.</summary>
    private IrList<BigInteger> ControlPlaneArguments(TableActionReference reference, string irName, LoweringScope scope)
    {
        var action = actions.First(a => a.Name == irName);
        var values = new List<BigInteger>();
        foreach (var p in action.Params)
        {
            var argument = reference.Arguments.FirstOrDefault(a => a.Parameter.Name == p.Name && a.Parameter.Direction == Direction.None)?.Value
                ?? throw new LoweringException(reference.Span, $"no value for action parameter '{p.Name}'");
            values.Add(Constant(argument, scope, p.Type));
        }
        return values.ToIrList();
    }

    private IrTableEntry Entry(Front.Typed.TableEntry entry, List<IrTableKey> keys, LoweringScope scope, Dictionary<ActionSymbol, string> irNames, int priority)
    {
        var elements = entry.Keyset is TupleKeysetExpression tuple ? tuple.Elements.ToList() : [entry.Keyset];
        if (elements is [DefaultKeysetExpression or DontCareExpression] && keys.Count > 1)
        {
            elements = keys.Select(_ => elements[0]).ToList();
        }
        if (elements.Count != keys.Count)
        {
            throw new LoweringException(entry.Span, $"an entry with {elements.Count} keysets for {keys.Count} keys");
        }
        var matches = new List<KeyMatch>();
        for (var i = 0; i < keys.Count; i++)
        {
            matches.Add(KeyMatchOf(elements[i], keys[i], scope));
        }
        var name = irNames.TryGetValue(entry.Action.Action, out var n) ? n : ActionInstance(entry.Action.Action, scope, Directional(entry.Action.Arguments), entry.Span);
        var lpm = keys.FindIndex(k => k.Match == MatchKind.Lpm);
        if (lpm >= 0 && !keys.Any(k => k.Match is MatchKind.Ternary or MatchKind.Range or MatchKind.Optional))
        {
            // Exact and lpm keys only: the longest prefix wins (spec "Entry priorities").
            priority = ((LpmMatch)matches[lpm]).PrefixLength + 1;
        }
        return new IrTableEntry(matches.ToIrList(), name, ControlPlaneArguments(entry.Action, name, scope), priority);
    }

    private KeyMatch KeyMatchOf(TypedExpression e, IrTableKey key, LoweringScope scope)
    {
        var type = key.Expr.Type;
        var width = type is IrBit b ? b.Width : 1;
        var wildcard = e is DefaultKeysetExpression or DontCareExpression;
        switch (key.Match)
        {
            case MatchKind.Exact:
                return wildcard ? throw new LoweringException(e.Span, "a wildcard for an exact key") : new ExactMatch(Constant(e, scope, type));
            case MatchKind.Lpm:
                if (wildcard)
                {
                    return new LpmMatch(0, 0);
                }
                if (e is TypedBinary { Operator: BinaryOperator.Mask } lm)
                {
                    var mask = Constant(lm.Right, scope, type);
                    var length = PrefixLength(mask, width) ?? throw new LoweringException(e.Span, "an lpm mask that is not a prefix");
                    return new LpmMatch(Constant(lm.Left, scope, type) & mask, length);
                }
                return new LpmMatch(Constant(e, scope, type), width);
            case MatchKind.Ternary:
                if (wildcard)
                {
                    return WildcardMatch.Instance;
                }
                if (e is TypedBinary { Operator: BinaryOperator.Mask } tm)
                {
                    var mask = Constant(tm.Right, scope, type);
                    return new TernaryMatch(Constant(tm.Left, scope, type) & mask, mask);
                }
                return new TernaryMatch(Constant(e, scope, type), AllOnes(width));
            case MatchKind.Range:
                if (wildcard)
                {
                    return WildcardMatch.Instance;
                }
                if (e is TypedBinary { Operator: BinaryOperator.Range } r)
                {
                    return new RangeMatch(Constant(r.Left, scope, type), Constant(r.Right, scope, type));
                }
                var v = Constant(e, scope, type);
                return new RangeMatch(v, v);
            case MatchKind.Optional:
                return wildcard ? new OptionalMatch(null) : new OptionalMatch(Constant(e, scope, type));
            default:
                throw new LoweringException(e.Span, $"entries of a table with a {key.Match} key");
        }
    }

    private static int? PrefixLength(BigInteger mask, int width)
    {
        for (var length = 0; length <= width; length++)
        {
            if (mask == (AllOnes(width) ^ AllOnes(width - length)))
            {
                return length;
            }
        }
        return null;
    }

    /// <summary>Action ids per action profile (by IR action name), shared by the tables the profile implements.</summary>
    private readonly Dictionary<string, Dictionary<string, int>> profileActionIds = new(StringComparer.Ordinal);

    private (long Size, string? Implementation) Implementation(TableProperty property, LoweringScope scope, long size, string table)
    {
        switch (property.Value)
        {
            case NameReference { Symbol: InstanceSymbol instance } when ExternInstanceOf(instance, scope) is { Extern: { Kind: ExternKind.ActionProfile or ExternKind.ActionSelector } profile }:
                return (size, profile.Name);
            case ConstructorCallExpression { Declaration.Name: "action_profile" or "ActionProfile" or "action_selector" or "ActionSelector" } call:
            {
                // An anonymous profile of this table alone.
                var args = call.Arguments.Where(a => a.Value is not null).Select(a => a.Value!).ToList();
                var selector = call.Declaration.Name is "action_selector" or "ActionSelector";
                var sizeArg = selector ? 1 : 0;
                var count = sizeArg < args.Count ? (long)Constant(args[sizeArg], scope) : DefaultTableSize;
                var algorithm = selector ? HashAlgorithmName(args.FirstOrDefault() is EnumMemberExpression m ? m.Member : null)
                    ?? throw new LoweringException(property.Span, $"action selector algorithm {TextOf(args[0])}") : null;
                var ext = WithMaxGroupSize(new IrExtern(UniqueName(table + "$profile"), selector ? ExternKind.ActionSelector : ExternKind.ActionProfile, count, Algorithm: algorithm), property.Annotations);
                externs.Add(ext);
                return (size, ext.Name);
            }
            case ConstructorCallExpression { Declaration.Name: "hash_table" or "array_table" } call when call.Arguments.FirstOrDefault()?.Value is { } n:
                return ((long)Constant(n, scope), null);
            case NameReference { Symbol: InstanceSymbol instance } when scope.LookupInstance(instance) is ExternInstance { TypeName: "hash_table" or "array_table" } ext:
                return (ext.Extern?.Size ?? size, null);
            default:
                throw new LoweringException(property.Span, $"table implementation {TextOf(property.Value)}");
        }
    }

    private string ExternName(TypedExpression e, LoweringScope scope) =>
        e is NameReference { Symbol: InstanceSymbol instance } && ExternInstanceOf(instance, scope) is ExternInstance { Extern: { } ext } ? ext.Name
            : throw new LoweringException(e.Span, $"a direct extern reference {TextOf(e)}");
}
