using P4.Config.V1;
using P4Bpf.Midend.Ir;
using P4InfoMessage = P4.Config.V1.P4Info;
using Prefix = P4.Config.V1.P4Ids.Types.Prefix;

namespace P4Bpf.P4Runtime.P4InfoGen;

public static partial class P4InfoBuilder
{
    private static Table Table(IrProgram program, IrTable t, P4IdAllocator ids, P4InfoExtras extras, Preamble preamble)
    {
        var table = new Table { Preamble = preamble, Size = t.Size };
        var fieldId = 0u;
        foreach (var k in t.Keys.Where(k => k.Match != MatchKind.Selector))
        {
            fieldId++;
            var annotations = extras.For(t.Name + "/" + k.Name);
            var explicitId = annotations.FirstOrDefault(a => a.Name == "id")?.IntegerBody;
            var field = new MatchField
            {
                Id = explicitId ?? fieldId,
                Name = k.Name,
                Bitwidth = k.Width,
                MatchType = k.Match switch
                {
                    MatchKind.Exact => MatchField.Types.MatchType.Exact,
                    MatchKind.Lpm => MatchField.Types.MatchType.Lpm,
                    MatchKind.Ternary => MatchField.Types.MatchType.Ternary,
                    MatchKind.Range => MatchField.Types.MatchType.Range,
                    _ => MatchField.Types.MatchType.Optional,
                },
            };
            field.Annotations.AddRange(annotations.Where(a => !PreambleSkipped.Contains(a.Name)).Select(a => a.ToString()));
            table.MatchFields.Add(field);
        }
        foreach (var a in t.Actions)
        {
            var r = new ActionRef { Id = ids[Prefix.Action, a.Action] };
            switch (a.Scope)
            {
                case ActionScope.TableOnly:
                    r.Scope = ActionRef.Types.Scope.TableOnly;
                    r.Annotations.Add("@tableonly");
                    break;
                case ActionScope.DefaultOnly:
                    r.Scope = ActionRef.Types.Scope.DefaultOnly;
                    r.Annotations.Add("@defaultonly");
                    break;
            }
            table.ActionRefs.Add(r);
        }
        if (ids.TryGet(Prefix.Action, t.Default.Action, out var defaultId))
        {
            if (t.Default.IsConst)
            {
                table.ConstDefaultActionId = defaultId;
            }
            var call = new TableActionCall { ActionId = defaultId };
            for (var i = 0; i < t.Default.Arguments.Count; i++)
            {
                call.Arguments.Add(new TableActionCall.Types.Argument { ParamId = (uint)(i + 1), Value = Bytes(t.Default.Arguments[i]) });
            }
            table.InitialDefaultAction = call;
        }
        if (t.Implementation is { } impl && ids.TryGet(Prefix.ActionProfile, impl, out var profileId))
        {
            table.ImplementationId = profileId;
        }
        if (t.DirectCounter is { } dc && ids.TryGet(Prefix.DirectCounter, dc, out var dcId))
        {
            table.DirectResourceIds.Add(dcId);
        }
        if (t.DirectMeter is { } dm && ids.TryGet(Prefix.DirectMeter, dm, out var dmId))
        {
            table.DirectResourceIds.Add(dmId);
        }
        if (extras.For(t.Name).Any(a => a.Name == "support_timeout"))
        {
            table.IdleTimeoutBehavior = P4.Config.V1.Table.Types.IdleTimeoutBehavior.NotifyControl;
        }
        table.IsConstTable = t.EntriesConst && t.Entries.Count > 0;
        table.HasInitialEntries = t.Entries.Count > 0;
        return table;
    }

    private static P4.Config.V1.Action Action(IrAction action, P4InfoExtras extras, Preamble preamble)
    {
        var result = new P4.Config.V1.Action { Preamble = preamble };
        for (var i = 0; i < action.Params.Count; i++)
        {
            var p = action.Params[i];
            var annotations = extras.For(action.Name + "/" + p.Name);
            var param = new P4.Config.V1.Action.Types.Param
            {
                Id = annotations.FirstOrDefault(a => a.Name == "id")?.IntegerBody ?? (uint)(i + 1),
                Name = p.Name,
                Bitwidth = p.Type switch { BitType b => b.Width, BoolType => 1, _ => 8 * p.Type.StorageSize },
            };
            if (annotations.FirstOrDefault(a => a.Name == "brief") is { } brief)
            {
                param.Doc = new Documentation { Brief = brief.StringBody };
            }
            result.Params.Add(param);
        }
        return result;
    }

    private static void AddExtern(P4InfoMessage info, IrProgram program, IrExtern e, P4IdAllocator ids, TypeInfoBuilder types, P4InfoExtras extras, Preamble? preamble)
    {
        if (preamble is null)
        {
            return;
        }
        var tableOf = program.Tables.FirstOrDefault(t => t.DirectCounter == e.Name || t.DirectMeter == e.Name || t.Implementation == e.Name);
        uint TableId() => tableOf is not null && ids.TryGet(Prefix.Table, tableOf.Name, out var id) ? id : 0;
        var counterUnit = e.Unit switch
        {
            CounterUnit.Packets => CounterSpec.Types.Unit.Packets,
            CounterUnit.Bytes => CounterSpec.Types.Unit.Bytes,
            _ => CounterSpec.Types.Unit.Both,
        };
        var meterSpec = new MeterSpec
        {
            Unit = e.Unit == CounterUnit.Bytes ? MeterSpec.Types.Unit.Bytes : MeterSpec.Types.Unit.Packets,
            Type = extras.For(e.Name).Any(a => a.Name == "single_rate_three_color") ? MeterSpec.Types.Type.SingleRateThreeColor
                : extras.For(e.Name).Any(a => a.Name == "single_rate_two_color") ? MeterSpec.Types.Type.SingleRateTwoColor
                : MeterSpec.Types.Type.TwoRateThreeColor,
        };
        switch (e.Kind)
        {
            case ExternKind.Counter:
            case ExternKind.CounterArray:
                info.Counters.Add(new Counter
                {
                    Preamble = preamble,
                    Spec = new CounterSpec { Unit = e.Kind == ExternKind.CounterArray ? CounterSpec.Types.Unit.Packets : counterUnit },
                    Size = e.Size,
                });
                break;
            case ExternKind.DirectCounter:
                info.DirectCounters.Add(new DirectCounter { Preamble = preamble, Spec = new CounterSpec { Unit = counterUnit }, DirectTableId = TableId() });
                break;
            case ExternKind.Meter:
                info.Meters.Add(new Meter { Preamble = preamble, Spec = meterSpec, Size = e.Size });
                break;
            case ExternKind.DirectMeter:
                info.DirectMeters.Add(new DirectMeter { Preamble = preamble, Spec = meterSpec, DirectTableId = TableId() });
                break;
            case ExternKind.Register:
                info.Registers.Add(new Register { Preamble = preamble, Size = (int)Math.Min(e.Size, int.MaxValue), TypeSpec = types.Spec(e.ElementType ?? BitType.Bit32) });
                break;
            case ExternKind.Digest:
                info.Digests.Add(new Digest { Preamble = preamble, TypeSpec = types.Spec(e.ElementType ?? throw new InvalidOperationException($"digest {e.Name} has no type")) });
                break;
            case ExternKind.ValueSet:
            {
                var vs = new ValueSet { Preamble = preamble, Size = (int)Math.Min(e.Size, int.MaxValue) };
                var element = e.ElementType ?? BitType.Bit32;
                if (element is StructType s)
                {
                    for (var i = 0; i < s.Fields.Count; i++)
                    {
                        vs.Match.Add(new MatchField { Id = (uint)(i + 1), Name = s.Fields[i].Name, Bitwidth = s.Fields[i].Width, MatchType = MatchField.Types.MatchType.Exact });
                    }
                }
                else
                {
                    vs.Match.Add(new MatchField { Id = 1, Bitwidth = element is BitType b ? b.Width : 8 * element.StorageSize, MatchType = MatchField.Types.MatchType.Exact });
                }
                info.ValueSets.Add(vs);
                break;
            }
            case ExternKind.ActionProfile:
            case ExternKind.ActionSelector:
            {
                var ap = new ActionProfile { Preamble = preamble, WithSelector = e.Kind == ExternKind.ActionSelector, Size = e.Size };
                ap.TableIds.AddRange(program.Tables.Where(t => t.Implementation == e.Name).Select(t => ids[Prefix.Table, t.Name]));
                if (e.MaxGroupSize > 0)
                {
                    ap.MaxGroupSize = e.MaxGroupSize;
                }
                else if (ap.WithSelector && extras.For(e.Name).FirstOrDefault(a => a.Name == "max_group_size")?.IntegerBody is { } max)
                {
                    ap.MaxGroupSize = (int)max;
                }
                // p4c: @selector_size_semantics("sum_of_weights" | "sum_of_members"), the latter with @max_member_weight(N).
                switch (extras.For(e.Name).FirstOrDefault(a => a.Name == "selector_size_semantics")?.StringBody)
                {
                    case "sum_of_weights" when ap.WithSelector:
                        ap.SumOfWeights = new ActionProfile.Types.SumOfWeights();
                        break;
                    case "sum_of_members" when ap.WithSelector:
                        ap.SumOfMembers = new ActionProfile.Types.SumOfMembers
                        {
                            MaxMemberWeight = (int)Math.Min(extras.For(e.Name).FirstOrDefault(a => a.Name == "max_member_weight")?.IntegerBody ?? 0, int.MaxValue),
                        };
                        break;
                }
                info.ActionProfiles.Add(ap);
                break;
            }
        }
    }
}
