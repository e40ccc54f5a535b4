using System.Globalization;
using System.Numerics;
using P4Bpf.Midend.Ir;

namespace P4Bpf.EbpfGen.Layout;

/// <summary>Decides the eBPF map and byte layout of every table, extern and state slot of a program; the code generator and the manifest both read the result.</summary>
public static class LayoutPlanner
{
    public const string StateMapName = "p4bpf_state";

    /// <summary>The <c>PROG_ARRAY</c> of a program compiled with <see cref="EbpfGenOptions.TailCallOnPass"/>.</summary>
    public const string ChainMapName = "p4bpf_chain";

    /// <summary>Prefix of the state slots the code generator adds: one per action with parameters.</summary>
    public const string ActionArgsSlotPrefix = "$args.";

    public static LayoutPlan Plan(IrProgram program, EbpfGenOptions options)
    {
        if (options.TailCallOnPass && program.Architecture is not ("xdp_model" or "ebpf_model"))
        {
            throw CodeGen.CodegenException.NotSupported($"tail-call chaining on {program.Architecture} (xdp_model and ebpf_model programs chain on their pass verdict)");
        }
        if (options.TailCallOnPass && options.SmartNic)
        {
            throw CodeGen.CodegenException.NotSupported("tail-call chaining on the smartnic target (NIC offload has no prog arrays or tail calls)");
        }
        var state = program.State.Add(program.Actions
            .Where(a => a.Params.Count > 0)
            .Select(a => (ActionArgsSlotPrefix + a.Name, (IrType)StructType.Create("args_" + a.Name, a.Params.Select(p => (p.Name, p.Type)).ToArray()), SlotRole.Local)));
        var tables = program.Tables.Select((t, i) => PlanTable(program, t, i, options)).ToList();
        var counters = new List<CounterLayout>();
        var registers = new List<RegisterLayout>();
        var meters = new List<MeterLayout>();
        var digests = new List<DigestLayout>();
        var valueSets = new List<ValueSetLayout>();
        for (var i = 0; i < program.Externs.Count; i++)
        {
            var e = program.Externs[i];
            switch (e.Kind)
            {
                case ExternKind.Counter:
                    counters.Add(new CounterLayout(e.Name, MapName('c', i, e.Name), e.Unit.ToString().ToLowerInvariant(), e.Size, 16, 0, 8, true));
                    break;
                case ExternKind.CounterArray:
                    counters.Add(new CounterLayout(e.Name, MapName('c', i, e.Name), "packets", e.Size, 4, 0, null, false));
                    break;
                case ExternKind.Register:
                    var cell = e.ElementType ?? BitType.Bit32;
                    registers.Add(new RegisterLayout(e.Name, MapName('r', i, e.Name), e.Size, Math.Max(4, cell.StorageSize), cell is BitType b ? b.Width : 8 * cell.StorageSize));
                    break;
                case ExternKind.Meter:
                    meters.Add(new MeterLayout(e.Name, MapName('e', i, e.Name), e.Size, MeterState.Size, e.Unit.ToString().ToLowerInvariant(), MeterState.Fields));
                    break;
                case ExternKind.Digest:
                    var type = e.ElementType ?? throw new InvalidOperationException($"digest {e.Name} has no element type");
                    digests.Add(new DigestLayout(e.Name, MapName('g', i, e.Name), type.StorageSize, AggregateFields(type)));
                    break;
                case ExternKind.ValueSet:
                    var vt = e.ElementType ?? BitType.Bit32;
                    valueSets.Add(new ValueSetLayout(e.Name, MapName('v', i, e.Name), e.Size, Math.Max(4, vt.StorageSize), vt is BitType vb ? vb.Width : 8 * vt.StorageSize));
                    break;
            }
        }
        var profiles = new List<ActionProfileLayout>();
        for (var i = 0; i < program.Externs.Count; i++)
        {
            var e = program.Externs[i];
            if (e.Kind is not (ExternKind.ActionProfile or ExternKind.ActionSelector))
            {
                continue;
            }
            var users = program.Tables.Where(t => t.Implementation == e.Name).ToList();
            if (users.Count == 0)
            {
                continue;
            }
            var actions = users.SelectMany(u => u.Actions).ToList();
            if (actions.GroupBy(a => a.Action).Any(g => g.Select(a => a.Id).Distinct().Count() > 1))
            {
                throw CodeGen.CodegenException.NotSupported($"tables sharing {e.Name} that number the same action differently");
            }
            var memberValue = IrType.AlignUp(8 + actions.Select(a => program.Action(a.Action).ParamBytes).DefaultIfEmpty(0).Max(), 8);
            var selector = e.Kind == ExternKind.ActionSelector;
            profiles.Add(new ActionProfileLayout(e.Name, selector ? "selector" : "profile", MapName('p', i, e.Name), selector ? MapName('s', i, e.Name) : null,
                Math.Max(1, e.Size), memberValue, selector ? GroupSlots(e, options) : 0, selector ? e.Algorithm : null, users.Select(u => u.Name).ToList()));
        }
        var manifest = new LayoutManifest
        {
            ActionProfiles = profiles,
            Program = program.Name,
            Architecture = program.Architecture,
            State = new StateLayoutInfo(StateMapName, state.Size, state.Slots.Select(SlotInfo).ToList()),
            Programs = program.Stages.Select(s => new ProgramLayout(s.Name, s.Section, s.Hook.ToString().ToLowerInvariant(), s.Blocks.ToList(), s.Deparser)
            {
                Reset = s.Reset switch { StateReset.All => "all", StateReset.NonPipeline => "non-pipeline", _ => "none" },
                DropCode = s.DropCode,
            }).ToList(),
            Tables = tables,
            Counters = counters,
            Registers = registers,
            Meters = meters,
            Digests = digests,
            ValueSets = valueSets,
            Errors = program.Errors.ToList(),
            ChainMap = options.TailCallOnPass ? ChainMapName : null,
        };
        if (options.SmartNic)
        {
            manifest = manifest with { Target = "smartnic", Tables = tables = tables.Select((t, i) => SmartNicLayout.Adapt(t, i)).ToList(), Counters = counters.Select(c => SmartNicLayout.Adapt(c)).ToList() };
            SmartNicLayout.CheckLimits(manifest);
        }
        return new LayoutPlan(program, state, manifest with { InitialWrites = InitialWrites(program, tables) }) { SmartNic = options.SmartNic };
    }

    /// <summary>Most selection slots a selector group may have (its map value is 8 + 4 × slots bytes, one per possible group).</summary>
    public const int MaxSelectorGroupSlots = 256;

    /// <summary>Selection slots per group of an action selector: its <c>@max_group_size</c> (the sum of a group's weights) up to
    /// <see cref="MaxSelectorGroupSlots"/>, else the option's default.</summary>
    /// <remarks>A larger <c>@max_group_size</c> still compiles (and runs STF tests); the P4Runtime server refuses a P4Info whose
    /// max_group_size exceeds the layout's slots when the pipeline is pushed.</remarks>
    private static int GroupSlots(IrExtern selector, EbpfGenOptions options) =>
        selector.MaxGroupSize == 0 ? options.MaxGroupSize : Math.Min(selector.MaxGroupSize, MaxSelectorGroupSlots);

    /// <summary>The program's own entries of tables that live in maps, encoded for the loader.</summary>
    private static List<InitialWrite> InitialWrites(IrProgram program, List<TableLayout> tables)
    {
        var writes = new List<InitialWrite>();
        foreach (var (t, layout) in program.Tables.Zip(tables))
        {
            if (layout.Kind == TableKind.Const || t.Entries.Count == 0)
            {
                continue;
            }
            var masks = new TernaryMaskSet();
            var lookupKeys = t.Keys.Select((k, i) => (k, i)).Where(x => x.k.Match != MatchKind.Selector).Select(x => x.i).ToList();
            for (var i = 0; i < t.Entries.Count; i++)
            {
                var entry = t.Entries[i];
                var keys = lookupKeys.Select(k => entry.Keys[k]).ToList();
                // Entries without an explicit priority: earlier entries win.
                var priority = entry.Priority > 0 ? entry.Priority : t.Entries.Count - i;
                foreach (var w in TableEntryEncoder.EncodeEntry(layout, keys, entry.Action, entry.Arguments, priority, masks))
                {
                    writes.Add(new InitialWrite(w.Map, Convert.ToHexString(w.Key).ToLowerInvariant(), Convert.ToHexString(w.Value).ToLowerInvariant()));
                }
            }
        }
        return writes;
    }

    /// <summary>A kernel-legal map name (at most 15 characters) that is unique by its kind letter and index.</summary>
    public static string MapName(char kind, int index, string p4Name)
    {
        var last = p4Name[(p4Name.LastIndexOf('.') + 1)..];
        var clean = new string(last.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
        var name = kind + index.ToString(CultureInfo.InvariantCulture) + "_" + clean;
        return name.Length > 15 ? name[..15] : name;
    }

    private static TableLayout PlanTable(IrProgram program, IrTable t, int index, EbpfGenOptions options)
    {
        // Const entries are compiled into code; a non-const default still gets its default map (consulted on a miss).
        if (t.Implementation is not null && !program.Externs.Any(x => x.Name == t.Implementation && x.Kind is ExternKind.ActionProfile or ExternKind.ActionSelector))
        {
            throw new CodeGen.CodegenException(5021, $"table {t.Name}: implementation {t.Implementation} is not an action profile or selector");
        }
        if (t.Implementation is not null && t.Entries.Count > 0)
        {
            throw CodeGen.CodegenException.NotSupported($"table {t.Name}: entries in the P4 source of a table with an action profile");
        }
        var isConst = t.EntriesConst && t.DirectCounter is null && t.DirectMeter is null && t.Implementation is null && options.CompileConstTables
            && t.Keys.All(k => k.Match == MatchKind.Selector || k.Width <= 64);
        var kind = isConst ? TableKind.Const
            : t.NeedsPriority ? TableKind.Ternary
            : t.Keys.Any(k => k.Match == MatchKind.Lpm) ? TableKind.Lpm
            : TableKind.Exact;
        var keys = new List<KeyFieldLayout>();
        int keySize, lpmBase = 0;
        var lookupKeys = t.Keys.Where(k => k.Match != MatchKind.Selector).ToList();
        switch (kind)
        {
            case TableKind.Lpm:
            {
                var offset = 4;
                foreach (var k in lookupKeys.Where(k => k.Match != MatchKind.Lpm))
                {
                    offset = AddKey(keys, k, offset, FieldEncodingFor(k.Expr.Type));
                }
                var lpm = lookupKeys.Single(k => k.Match == MatchKind.Lpm);
                lpmBase = (offset - 4) * 8;
                offset = AddKey(keys, lpm, offset, FieldEncoding.BigEndianLeftAligned, align: false);
                keySize = IrType.AlignUp(offset, 4);
                break;
            }
            case TableKind.Ternary:
            {
                var offset = 8;
                foreach (var k in lookupKeys)
                {
                    offset = AddKey(keys, k, offset, FieldEncodingFor(k.Expr.Type));
                }
                keySize = IrType.AlignUp(offset, 8);
                break;
            }
            default:
            {
                var offset = 0;
                foreach (var k in lookupKeys)
                {
                    offset = AddKey(keys, k, offset, FieldEncodingFor(k.Expr.Type));
                }
                keySize = Math.Max(4, IrType.AlignUp(offset, 4));
                break;
            }
        }
        var actions = t.Actions.Select(a =>
        {
            var action = program.Action(a.Action);
            var (offsets, _) = action.ParamOffsets();
            var ps = action.Params.Select((p, i) => new FieldLayout(p.Name, 8 + offsets[i], p.Type.StorageSize, Width(p.Type), FieldEncodingFor(p.Type))).ToList();
            return new ActionLayout(a.Action, a.Id, a.Scope.ToString().ToLowerInvariant(), ps);
        }).ToList();
        var paramBytes = t.Actions.Select(a => program.Action(a.Action).ParamBytes).DefaultIfEmpty(0).Max();
        var valueSize = IrType.AlignUp(8 + paramBytes, 8);
        if (t.Implementation is not null)
        {
            // Entries hold a member/group reference at offset 8; the default map still holds an action value.
            valueSize = Math.Max(valueSize, 16);
        }
        int? counterOffset = null;
        if (t.DirectCounter is not null)
        {
            counterOffset = valueSize;
            valueSize += 16;
        }
        int? meterOffset = null;
        if (t.DirectMeter is not null)
        {
            meterOffset = valueSize;
            valueSize += MeterState.Size;
        }
        var hasMap = kind != TableKind.Const && lookupKeys.Count > 0;
        return new TableLayout
        {
            Name = t.Name,
            Kind = kind,
            Map = hasMap ? MapName('t', index, t.Name) : null,
            DefaultMap = kind == TableKind.Const && t.Default.IsConst ? null : MapName('d', index, t.Name),
            MasksMap = kind == TableKind.Ternary ? MapName('m', index, t.Name) : null,
            MaxMasks = kind == TableKind.Ternary ? options.MaxTernaryMasks : 0,
            Size = t.Size,
            KeySize = keySize,
            Key = keys,
            LpmPrefixBase = lpmBase,
            ValueSize = valueSize,
            ActionIdOffset = 0,
            PriorityOffset = 4,
            ParamsOffset = 8,
            DirectCounterOffset = counterOffset,
            DirectMeterOffset = meterOffset,
            ActionProfile = t.Implementation,
            MemberRefOffset = t.Implementation is null ? null : 8,
            Actions = actions,
            DefaultAction = new DefaultActionLayout(t.Default.Action, t.Default.Arguments.Select(Hex).ToList(), t.Default.IsConst),
            Entries = t.Entries.Select(e => new EntryLayout(e.Keys.Select(MatchText).ToList(), e.Action, e.Arguments.Select(Hex).ToList(), e.Priority)).ToList(),
            EntriesConst = t.EntriesConst,
        };
    }

    private static int AddKey(List<KeyFieldLayout> keys, TableKey k, int offset, FieldEncoding encoding, bool align = true)
    {
        var width = k.Width;
        var size = encoding is FieldEncoding.BigEndian or FieldEncoding.BigEndianLeftAligned ? (width + 7) / 8 : IrType.ScalarBytes(width);
        if (align && encoding is FieldEncoding.LittleEndian)
        {
            offset = IrType.AlignUp(offset, size);
        }
        keys.Add(new KeyFieldLayout(k.Name, k.Match.ToString().ToLowerInvariant(), offset, size, width, encoding));
        return offset + size;
    }

    public static FieldEncoding FieldEncodingFor(IrType type) => type switch
    {
        BoolType => FieldEncoding.Bool,
        BitType { IsWide: true } => FieldEncoding.BigEndian,
        _ => FieldEncoding.LittleEndian,
    };

    private static int Width(IrType type) => type switch
    {
        BitType b => b.Width,
        BoolType => 1,
        _ => 8 * type.StorageSize,
    };

    private static SlotLayout SlotInfo(IrSlot slot) =>
        new(slot.Name, TypeName(slot.Type), slot.Role.ToString().ToLowerInvariant(), slot.Offset, slot.Size) { Fields = AggregateFieldsOrNull(slot.Type) };

    private static string TypeName(IrType type) => type switch
    {
        HeaderType h => "header " + h.Name,
        StructType s => "struct " + s.Name,
        HeaderUnionType u => "header_union " + u.Name,
        HeaderStackType st => st.ElementName + "[" + st.Size + "]",
        _ => type.ToString(),
    };

    private static IReadOnlyList<FieldLayout>? AggregateFieldsOrNull(IrType type) =>
        type is HeaderType or StructType or HeaderUnionType or HeaderStackType ? AggregateFields(type) : null;

    /// <summary>Field layouts of an aggregate in storage (nested aggregates carry their own fields, offsets relative to the parent).</summary>
    public static IReadOnlyList<FieldLayout> AggregateFields(IrType type)
    {
        switch (type)
        {
            case HeaderType h:
                return new[] { new FieldLayout("$valid", HeaderType.ValidOffset, 1, 1, FieldEncoding.Bool) }
                    .Concat(h.Fields.Select(f => Field(f))).ToList();
            case StructType s:
                return s.Fields.Select(f => Field(f)).ToList();
            case HeaderUnionType u:
                return u.Members.Select(f => Field(f)).ToList();
            case HeaderStackType st:
                return new[] { new FieldLayout("$next", HeaderStackType.NextIndexOffset, 4, 32, FieldEncoding.LittleEndian) }
                    .Concat(Enumerable.Range(0, st.Size).Select(i => new FieldLayout(i.ToString(CultureInfo.InvariantCulture), st.ElementOffset(i), st.ElementBytes, 8 * st.ElementBytes, FieldEncoding.BigEndian) { Fields = AggregateFields(st.Element) }))
                    .ToList();
            default:
                return [];
        }
    }

    private static FieldLayout Field(IrField f) =>
        new(f.Name, f.StorageOffset, f.Type.StorageSize, Width(f.Type), f.Type is VarbitType ? FieldEncoding.BigEndian : FieldEncodingFor(f.Type))
        {
            Fields = AggregateFieldsOrNull(f.Type),
        };

    private static string Hex(BigInteger v) => v.Sign < 0 ? v.ToString(CultureInfo.InvariantCulture) : "0x" + v.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0');

    private static string MatchText(KeyMatch m) => m switch
    {
        ExactMatch e => Hex(e.Value),
        LpmMatch l => $"{Hex(l.Value)}/{l.PrefixLength}",
        TernaryMatch t => $"{Hex(t.Value)} &&& {Hex(t.Mask)}",
        RangeMatch r => $"{Hex(r.Low)}..{Hex(r.High)}",
        OptionalMatch { Value: { } v } => Hex(v),
        _ => "_",
    };
}

/// <summary>The planned layout: the program, the full state area (with the generator's own slots) and the manifest.</summary>
public sealed record LayoutPlan(IrProgram Program, StateLayout State, LayoutManifest Manifest)
{
    /// <summary>Compiled for the SmartNIC offload profile (<see cref="EbpfGenOptions.SmartNic"/>).</summary>
    public bool SmartNic { get; init; }
}

/// <summary>Token-bucket state of one meter cell (two-rate three-colour, RFC 2698), in host layout.</summary>
public static class MeterState
{
    public const int Size = 56;
    public const int PirOffset = 0, PburstOffset = 8, CirOffset = 16, CburstOffset = 24, PtokensOffset = 32, CtokensOffset = 40, LastNsOffset = 48;

    /// <summary>Colours written by <c>execute</c>/<c>execute_meter</c> (v1model numbering).</summary>
    public const int Green = 0, Yellow = 1, Red = 2;

    /// <summary>Rates in units per second and bursts in units; the token counts are maintained by the program.</summary>
    public static readonly IReadOnlyList<FieldLayout> Fields =
    [
        new("pir", PirOffset, 8, 64, FieldEncoding.LittleEndian),
        new("pburst", PburstOffset, 8, 64, FieldEncoding.LittleEndian),
        new("cir", CirOffset, 8, 64, FieldEncoding.LittleEndian),
        new("cburst", CburstOffset, 8, 64, FieldEncoding.LittleEndian),
        new("ptokens", PtokensOffset, 8, 64, FieldEncoding.LittleEndian),
        new("ctokens", CtokensOffset, 8, 64, FieldEncoding.LittleEndian),
        new("last_ns", LastNsOffset, 8, 64, FieldEncoding.LittleEndian),
    ];
}
