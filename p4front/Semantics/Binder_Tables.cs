using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Typed;
using S = P4Bpf.Front.Syntax;
using T = P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    private TypedDeclaration BindTable(S.TableDeclaration t)
    {
        var symbol = new TableSymbol(t.Name.Text, t.Name.Span, t.Annotations);
        if (_context.Body != BodyKind.Control)
        {
            Error(ErrorCode.ERR_InvalidDeclaration, t.Name.Span, "invalid declaration: tables can only be declared in a control");
        }
        var keys = new List<TableKey>();
        var actions = new List<TableActionReference>();
        var entries = new List<T.TableEntry>();
        var properties = new List<T.TableProperty>();
        TableActionReference? defaultAction = null;
        var defaultConst = false;
        var entriesConst = false;
        var seen = new HashSet<string>();
        var errorsBefore = _diagnostics.ErrorCount;
        var reportedNoKey = false;
        var reportedExactPriority = false;
        // keys and actions first: default_action and entries refer to them wherever they are written
        foreach (var property in t.Properties.OrderBy(p => p is KeyProperty ? 0 : p is ActionsProperty ? 1 : 2))
        {
            var propertyName = property switch
            {
                KeyProperty => "key",
                ActionsProperty => "actions",
                EntriesProperty => "entries",
                ValueProperty v => v.Name.Text,
                _ => "?",
            };
            if (!seen.Add(propertyName))
            {
                Error(ErrorCode.ERR_InvalidTableProperty, property.Span, $"table '{t.Name.Text}' has more than one '{propertyName}' property");
                continue;
            }
            switch (property)
            {
                case KeyProperty key:
                    foreach (var element in key.Elements)
                    {
                        if (RootName(element.Expression) is { } root && root.Text == t.Name.Text)
                        {
                            // the table's own name is in scope inside it (p4c resolves it so): a key cannot read the table
                            Error(ErrorCode.ERR_InvalidTableProperty, root.Span, $"{root.Text}: a key cannot refer to the containing table '{t.Name.Text}'");
                        }
                        var expression = BindExpression(element.Expression, null);
                        if (!expression.Type.IsError && expression.Type is not (BitsType or BoolType or EnumType or ErrorCodeType or NewType or VarbitType))
                        {
                            Error(ErrorCode.ERR_InvalidTableProperty, element.Expression.Span, $"a key cannot have type '{expression.Type.Display}'");
                        }
                        var matchKind = Lookup(element.MatchKind.Text, false)?.FirstOrDefault() as MatchKindSymbol;
                        if (matchKind is null)
                        {
                            Error(ErrorCode.ERR_UnknownMatchKind, element.MatchKind.Span, element.MatchKind.Text);
                            matchKind = new MatchKindSymbol(element.MatchKind.Text, element.MatchKind.Span);
                        }
                        keys.Add(new TableKey(element.Span, expression, matchKind, element.Annotations));
                    }
                    break;
                case ActionsProperty list:
                    foreach (var reference in list.Actions)
                    {
                        var bound = BindActionListEntry(reference);
                        if (bound is null)
                        {
                            continue;
                        }
                        if (actions.Any(a => ReferenceEquals(a.Action, bound.Action)))
                        {
                            Error(ErrorCode.ERR_DuplicateDeclaration, reference.Name.Span, reference.Name.Text);
                            continue;
                        }
                        actions.Add(bound);
                    }
                    symbol.Actions = actions.Select(a => a.Action).ToEquatableArray();
                    break;
                case EntriesProperty list:
                {
                    entriesConst = list.IsConst;
                    var keyTypes = keys.Select(k => k.Expression.Type).ToList();
                    foreach (var entry in list.Entries)
                    {
                        TypedExpression keyset;
                        if (keyTypes.Count > 0)
                        {
                            keyset = BindSelectKeyset(entry.Keyset, keyTypes);
                        }
                        else if (reportedNoKey)
                        {
                            keyset = new BadExpression(entry.Keyset.Span);
                        }
                        else
                        {
                            reportedNoKey = true;
                            keyset = Bad(ErrorCode.ERR_InvalidTableProperty, t.Name.Span, $"table '{t.Name.Text}' has entries but no key");
                        }
                        CheckEntryKeyset(keyset, keys);
                        var action = BindActionCall(entry.Action.Name, entry.Action.Arguments ?? [], entry.Action.Span, actions, "an entry");
                        var priority = entry.Priority is null ? null : BindExpression(entry.Priority, null);
                        if (priority is not null && keys.Count > 0 && keys.All(k => k.MatchKind.Name is "exact") && !reportedExactPriority)
                        {
                            // reported once, at the key (as p4c does): the key is what makes priorities meaningless
                            reportedExactPriority = true;
                            var keySpan = t.Properties.FirstOrDefault(p => p is KeyProperty)?.Span ?? entry.Priority!.Span;
                            Error(ErrorCode.ERR_InvalidTableProperty, keySpan, $"the keys of table '{t.Name.Text}' are all exact, so its entries cannot have priorities");
                        }
                        if (priority is not null && ConstantFolder.AsLiteral(priority) is not IntegerLiteral && !priority.Type.IsError)
                        {
                            Error(ErrorCode.ERR_NotConstant, entry.Priority!.Span, "an entry priority");
                        }
                        if (action is not null && actions.FirstOrDefault(a => ReferenceEquals(a.Action, action.Action)) is { } listedAction
                            && (listedAction.Annotations.Any(a => a.Name.Text == "defaultonly") || action.Action.HasAnnotation("defaultonly")))
                        {
                            Error(ErrorCode.ERR_ActionArguments, entry.Action.Span, $"action '{action.Action.Name}' is marked @defaultonly and cannot be used in an entry");
                        }
                        if (action is not null)
                        {
                            entries.Add(new T.TableEntry(entry.Span, keyset, action, priority, entry.IsConst || list.IsConst, entry.Annotations));
                        }
                    }
                    break;
                }
                case ValueProperty { Name.Text: "default_action" } value:
                {
                    defaultConst = value.IsConst;
                    var (name, arguments) = value.Value switch
                    {
                        S.CallExpression { Target: NameExpression n } c => (n.Name, c.Arguments),
                        NameExpression n => (n.Name, (EquatableArray<Argument>?)null),
                        _ => (null, null),
                    };
                    var topLevel = value.Value is S.CallExpression { Target: NameExpression { IsTopLevel: true } } or NameExpression { IsTopLevel: true };
                    if (name is null)
                    {
                        BindExpression(value.Value, null);
                        Error(ErrorCode.ERR_NotAnAction, value.Value.Span, TextOf(value.Value.Span));
                        break;
                    }
                    defaultAction = BindActionCall(name, arguments, value.Value.Span, actions, "the default action", topLevel);
                    break;
                }
                case ValueProperty value:
                {
                    var bound = BindExpression(value.Value, null);
                    if (value.Name.Text == "size" && !bound.Type.IsError && (!ConstantFolder.IsConstant(bound) || bound.Type is not (IntType or BitsType)))
                    {
                        Error(ErrorCode.ERR_NotConstant, value.Value.Span, "the table size");
                    }
                    properties.Add(new T.TableProperty(value.Span, value.Name.Text, bound, value.IsConst, value.Annotations));
                    break;
                }
            }
        }
        CheckEntryPriorities(t, entries, properties);
        // a table whose properties already had errors is not checked for completeness (the errors would be cascades)
        var propertiesOk = _diagnostics.ErrorCount == errorsBefore;
        if (!seen.Contains("actions") && propertiesOk)
        {
            Error(ErrorCode.ERR_InvalidTableProperty, t.Name.Span, $"table '{t.Name.Text}' has no 'actions' property");
        }
        if (defaultAction is null && !seen.Contains("default_action"))
        {
            var noAction = Lookup("NoAction", true)?.FirstOrDefault();
            if (noAction is ActionSymbol { Parameters.IsEmpty: true } action)
            {
                defaultAction = new TableActionReference(t.Name.Span, action, EquatableArray<TypedArgument>.Empty, EquatableArray<Annotation>.Empty);
            }
            else if (noAction is not null)
            {
                // NoAction is the implicit default action: a declaration of that name must be core.p4's
                if (_reportedBadNoAction.Add(noAction))
                {
                    Error(ErrorCode.ERR_InvalidTableProperty, noAction.Span, noAction is ActionSymbol
                        ? "NoAction: expected an action with no parameters (the implicit default action of tables); did you include core.p4?"
                        : "NoAction: expected to be an action (the implicit default action of tables); did you include core.p4?");
                }
            }
            else if (propertiesOk)
            {
                Error(ErrorCode.ERR_InvalidTableProperty, t.Name.Span, $"table '{t.Name.Text}' has no default_action and no action NoAction is declared; did you include core.p4?");
            }
        }
        var keyIndex = t.Properties.AsImmutableArray().IndexOf(t.Properties.FirstOrDefault(p => p is KeyProperty)!);
        var entriesIndex = t.Properties.AsImmutableArray().IndexOf(t.Properties.FirstOrDefault(p => p is EntriesProperty)!);
        var actionsIndex = t.Properties.AsImmutableArray().IndexOf(t.Properties.FirstOrDefault(p => p is ActionsProperty)!);
        var defaultIndex = t.Properties.AsImmutableArray().IndexOf(t.Properties.FirstOrDefault(p => p is ValueProperty { Name.Text: "default_action" })!);
        if (defaultIndex >= 0 && actionsIndex > defaultIndex)
        {
            Error(ErrorCode.ERR_InvalidTableProperty, t.Properties[defaultIndex].Span, $"the default_action of table '{t.Name.Text}' must come after its actions list");
        }
        if (keyIndex >= 0 && entriesIndex >= 0 && entriesIndex < keyIndex)
        {
            Error(ErrorCode.ERR_InvalidTableProperty, t.Properties[entriesIndex].Span, "the entries list must come after the table key");
        }
        Declare(symbol, t.Name.Span);
        return Complete(symbol, new T.TableDeclaration(t.Span, symbol, keys.ToEquatableArray(), actions.ToEquatableArray(), defaultAction, defaultConst,
            entries.ToEquatableArray(), entriesConst, properties.ToEquatableArray()));
    }

    /// <summary>The name a place expression starts from (<c>h</c> in <c>h.a[1].b</c>).</summary>
    private static Identifier? RootName(Expression expression) => expression switch
    {
        NameExpression n => n.Name,
        MemberExpression m => RootName(m.Target),
        S.IndexExpression i => RootName(i.Target),
        S.SliceExpression s => RootName(s.Target),
        _ => null,
    };

    private ActionSymbol? LookupAction(Identifier name, bool topLevel)
    {
        var symbols = Lookup(name.Text, topLevel);
        if (symbols is null)
        {
            Error(ErrorCode.ERR_UndeclaredName, name.Span, name.Text);
            return null;
        }
        if (symbols[0] is ActionSymbol action)
        {
            return action;
        }
        Error(ErrorCode.ERR_NotAnAction, name.Span, name.Text);
        return null;
    }

    /// <summary>True when two bound arguments certainly denote different values (places by text, constants by value, structures field by field).</summary>
    private bool Differ(TypedExpression a, TypedExpression b) => (a, b) switch
    {
        (T.StructExpression sa, T.StructExpression sb) => sa.Fields.Any(f => sb.Fields.FirstOrDefault(g => g.Name == f.Name) is { } g && Differ(f.Value, g.Value)),
        (T.ListExpression la, T.ListExpression lb) => la.Elements.Count == lb.Elements.Count && la.Elements.Zip(lb.Elements).Any(p => Differ(p.First, p.Second)),
        _ when IsPlace(a) && IsPlace(b) => TextOf(a.Span) != TextOf(b.Span),
        _ when ConstantFolder.AsLiteral(a) is IntegerLiteral x && ConstantFolder.AsLiteral(b) is IntegerLiteral y => x.Value != y.Value,
        (T.ConstructorCallExpression ca, T.ConstructorCallExpression cb) => !ReferenceEquals(ca.Declaration, cb.Declaration),
        (T.CallExpression ca, T.CallExpression cb) => (ca.Callee, cb.Callee) switch
        {
            (FunctionCallee fa, FunctionCallee fb) => !ReferenceEquals(fa.Function, fb.Function) || ArgumentsDiffer(ca, cb),
            (MethodCallee ma, MethodCallee mb) => !ReferenceEquals(ma.Method, mb.Method) || TextOf(ma.Instance.Span) != TextOf(mb.Instance.Span) || ArgumentsDiffer(ca, cb),
            _ => false,
        },
        _ => false,
    };

    private bool ArgumentsDiffer(T.CallExpression a, T.CallExpression b) =>
        a.Arguments.Count == b.Arguments.Count && a.Arguments.Zip(b.Arguments).Any(p => p.First.Value is { } x && p.Second.Value is { } y && Differ(x, y));

    private static bool IsPlace(TypedExpression e) => e is NameReference or FieldAccess or T.IndexExpression or T.SliceExpression;

    /// <summary>An entry of the actions list: the arguments given bind the directional parameters, in order.</summary>
    private TableActionReference? BindActionListEntry(ActionReference reference)
    {
        var action = LookupAction(reference.Name, reference.IsTopLevel);
        if (action is null)
        {
            if (reference.Arguments is { } args)
            {
                BindArgumentsLoosely(args);
            }
            return null;
        }
        var directional = action.Signature.Parameters.Where(p => p.Direction != Direction.None).ToEquatableArray();
        var given = reference.Arguments ?? EquatableArray<Argument>.Empty;
        if (given.Count != directional.Count && (reference.Arguments is not null || directional.Count > 0))
        {
            if (given.Count > directional.Count)
            {
                BindArgumentsLoosely(given);
                Error(ErrorCode.ERR_ActionArguments, reference.Span, $"'{action.Name}' in an actions list may only bind its {directional.Count} directional parameter(s), got {given.Count} argument(s)");
                return null;
            }
            Error(ErrorCode.ERR_ActionArguments, reference.Span, $"the directional parameters of '{action.Name}' must be bound in the actions list");
            return null;
        }
        var signature = new Signature(EquatableArray<TypeVariable>.Empty, directional, VoidType.Instance);
        var (_, arguments, _) = BindArgumentList(action.Name, signature, given, null, reference.Span, []);
        return new TableActionReference(reference.Span, action, arguments, reference.Annotations);
    }

    /// <summary>A <c>default_action</c> or entry action: must be in the actions list; every parameter is given, directional ones as in the list.</summary>
    private TableActionReference? BindActionCall(Identifier name, EquatableArray<Argument>? arguments, Text.TextSpan span, List<TableActionReference> list, string what, bool topLevel = false)
    {
        var action = LookupAction(name, topLevel);
        if (action is null)
        {
            if (arguments is { } args)
            {
                BindArgumentsLoosely(args);
            }
            return null;
        }
        var listed = list.FirstOrDefault(a => ReferenceEquals(a.Action, action));
        if (listed is null)
        {
            if (arguments is { } args)
            {
                BindArgumentsLoosely(args);
            }
            if (what == "the default action")
            {
                Error(ErrorCode.ERR_DefaultActionNotInList, name.Span, name.Text);
            }
            else
            {
                Error(ErrorCode.ERR_ActionArguments, name.Span, $"action '{name.Text}' of {what} is not in the table's actions list");
            }
            return null;
        }
        if (arguments is null)
        {
            if (action.Parameters.Any(p => p.Direction == Direction.None))
            {
                Error(ErrorCode.ERR_ActionArguments, span, $"{what} '{name.Text}' must give values for the action's parameters");
                return null;
            }
            return listed with { Span = span };
        }
        var (_, bound, _) = BindArgumentList(action.Name, action.Signature, arguments.Value, null, span, []);
        for (var i = 0; i < bound.Count && i < listed.Arguments.Count; i++)
        {
            var mine = bound[i].Value;
            var theirs = listed.Arguments[i].Value;
            var differ = mine is not null && theirs is not null && !mine.Type.IsError && Differ(mine, theirs);
            if (differ)
            {
                Error(ErrorCode.ERR_ActionArguments, mine!.Span, $"{TextOf(mine.Span)}: argument does not match declaration in actions list: {TextOf(theirs!.Span)}");
            }
        }
        foreach (var argument in bound)
        {
            if (argument.Parameter.Direction == Direction.None && argument.Value is { } value && !value.Type.IsError && !ConstantFolder.IsConstant(value))
            {
                Error(ErrorCode.ERR_NotConstant, value.Span, $"the argument for '{argument.Parameter.Name}' of {what}");
            }
        }
        return new TableActionReference(span, action, bound, EquatableArray<Annotation>.Empty);
    }
}
