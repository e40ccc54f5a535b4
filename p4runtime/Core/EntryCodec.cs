using System.Numerics;
using System.Text;
using Google.Protobuf;
using P4.Config.V1;
using P4.V1;
using P4Bpf.Midend.Ir;
using MatchType = P4.Config.V1.MatchField.Types.MatchType;

namespace P4Bpf.P4Runtime.Core;

/// <summary>A decoded table key: the canonical match (sorted by field id), the P4 key in key order and a lookup string.</summary>
public sealed record DecodedMatch(IReadOnlyList<FieldMatch> Canonical, IReadOnlyList<KeyMatch> Keys, string Key);

/// <summary>Validates P4Runtime matches and actions against the schema (§9.1.1 Match Format, §9.1.2 Action Specification) and converts them to P4 terms.</summary>
public static class EntryCodec
{
    /// <summary>Decodes a match; every violation is INVALID_ARGUMENT with the field named.</summary>
    public static DecodedMatch DecodeMatch(TableSchema table, IEnumerable<FieldMatch> match, int priority)
    {
        var fields = table.Fields;
        var given = new FieldMatch?[fields.Count];
        foreach (var m in match)
        {
            if (!table.FieldIndex.TryGetValue(m.FieldId, out var index))
            {
                throw P4RuntimeException.Invalid($"table {table.Name}: unknown match field id {m.FieldId}");
            }
            if (given[index] is not null)
            {
                throw P4RuntimeException.Invalid($"table {table.Name}: match field {fields[index].Name} given twice");
            }
            given[index] = m;
        }
        var keys = new KeyMatch[fields.Count];
        var canonical = new List<FieldMatch>(fields.Count);
        var sb = new StringBuilder();
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            var m = given[i];
            var name = $"match field {f.Name}";
            if (m is null)
            {
                if (f.MatchType == MatchType.Exact)
                {
                    throw P4RuntimeException.Invalid($"table {table.Name}: exact {name} cannot be omitted");
                }
                keys[i] = f.MatchType == MatchType.Lpm ? new LpmMatch(0, 0) : WildcardMatch.Instance;
                sb.Append("*;");
                continue;
            }
            var all = (BigInteger.One << f.Bitwidth) - 1;
            switch (f.MatchType)
            {
                case MatchType.Exact when m.FieldMatchTypeCase == FieldMatch.FieldMatchTypeOneofCase.Exact:
                {
                    var v = ByteStrings.Parse(m.Exact.Value, f.Bitwidth, name);
                    keys[i] = new ExactMatch(v);
                    canonical.Add(new FieldMatch { FieldId = f.Id, Exact = new FieldMatch.Types.Exact { Value = ByteStrings.Canonical(m.Exact.Value, v) } });
                    Hex(sb, m.Exact.Value).Append(';');
                    break;
                }
                case MatchType.Lpm when m.FieldMatchTypeCase == FieldMatch.FieldMatchTypeOneofCase.Lpm:
                {
                    var v = ByteStrings.Parse(m.Lpm.Value, f.Bitwidth, name);
                    var len = m.Lpm.PrefixLen;
                    if (len <= 0 || len > f.Bitwidth)
                    {
                        throw P4RuntimeException.Invalid($"{name}: prefix length {len} must be in 1..{f.Bitwidth} (omit the field for a wildcard)");
                    }
                    if (!(v & (all >> len)).IsZero)
                    {
                        throw P4RuntimeException.Invalid($"{name}: bits past the /{len} prefix must be zero");
                    }
                    keys[i] = new LpmMatch(v, len);
                    canonical.Add(new FieldMatch { FieldId = f.Id, Lpm = new FieldMatch.Types.LPM { Value = ByteStrings.Canonical(m.Lpm.Value, v), PrefixLen = len } });
                    Hex(sb, canonical[^1].Lpm.Value).Append('/').Append(len).Append(';');
                    break;
                }
                case MatchType.Ternary when m.FieldMatchTypeCase == FieldMatch.FieldMatchTypeOneofCase.Ternary:
                {
                    var v = ByteStrings.Parse(m.Ternary.Value, f.Bitwidth, name + " value");
                    var mask = ByteStrings.Parse(m.Ternary.Mask, f.Bitwidth, name + " mask");
                    if (mask.IsZero)
                    {
                        throw P4RuntimeException.Invalid($"{name}: mask is zero (omit the field for a wildcard)");
                    }
                    if ((v & mask) != v)
                    {
                        throw P4RuntimeException.Invalid($"{name}: value has bits outside the mask");
                    }
                    keys[i] = new TernaryMatch(v, mask);
                    canonical.Add(new FieldMatch { FieldId = f.Id, Ternary = new FieldMatch.Types.Ternary { Value = ByteStrings.Canonical(v), Mask = ByteStrings.Canonical(mask) } });
                    sb.Append(v.ToString("x")).Append('&').Append(mask.ToString("x")).Append(';');
                    break;
                }
                case MatchType.Range when m.FieldMatchTypeCase == FieldMatch.FieldMatchTypeOneofCase.Range:
                {
                    var lo = ByteStrings.Parse(m.Range.Low, f.Bitwidth, name + " low");
                    var hi = ByteStrings.Parse(m.Range.High, f.Bitwidth, name + " high");
                    if (lo > hi)
                    {
                        throw P4RuntimeException.Invalid($"{name}: low is greater than high");
                    }
                    if (lo.IsZero && hi == all)
                    {
                        throw P4RuntimeException.Invalid($"{name}: full range (omit the field for a wildcard)");
                    }
                    keys[i] = new RangeMatch(lo, hi);
                    canonical.Add(new FieldMatch { FieldId = f.Id, Range = new FieldMatch.Types.Range { Low = ByteStrings.Canonical(lo), High = ByteStrings.Canonical(hi) } });
                    sb.Append(lo.ToString("x")).Append("..").Append(hi.ToString("x")).Append(';');
                    break;
                }
                case MatchType.Optional when m.FieldMatchTypeCase == FieldMatch.FieldMatchTypeOneofCase.Optional:
                {
                    var v = ByteStrings.Parse(m.Optional.Value, f.Bitwidth, name);
                    keys[i] = new OptionalMatch(v);
                    canonical.Add(new FieldMatch { FieldId = f.Id, Optional = new FieldMatch.Types.Optional { Value = ByteStrings.Canonical(v) } });
                    sb.Append('=').Append(v.ToString("x")).Append(';');
                    break;
                }
                default:
                    throw P4RuntimeException.Invalid($"{name} is {f.MatchType}, not {m.FieldMatchTypeCase}");
            }
        }
        if (table.NeedsPriority ? priority <= 0 : priority != 0)
        {
            throw P4RuntimeException.Invalid(table.NeedsPriority
                ? $"table {table.Name} has ternary, range or optional fields: priority must be > 0"
                : $"table {table.Name} has no ternary, range or optional fields: priority must be 0");
        }
        sb.Append('p').Append(priority);
        return new DecodedMatch(canonical, keys, sb.ToString());
    }

    /// <summary>Decodes an action for a table entry or default entry; unknown action/param ids and missing or extra params are INVALID_ARGUMENT, scope violations PERMISSION_DENIED.</summary>
    public static (ActionSchema Action, BigInteger[] Args, P4.V1.Action Canonical) DecodeAction(TableSchema table, P4.V1.Action action, bool forDefault)
    {
        if (!table.ActionRefs.TryGetValue(action.ActionId, out var aref) || !table.Actions.TryGetValue(action.ActionId, out var schema))
        {
            throw P4RuntimeException.Invalid($"table {table.Name}: action id {action.ActionId} is not one of its actions");
        }
        if (forDefault && aref.Scope == ActionRef.Types.Scope.TableOnly)
        {
            throw new P4RuntimeException(Google.Rpc.Code.PermissionDenied, $"action {schema.Name} is @tableonly in {table.Name}");
        }
        if (!forDefault && aref.Scope == ActionRef.Types.Scope.DefaultOnly)
        {
            throw new P4RuntimeException(Google.Rpc.Code.PermissionDenied, $"action {schema.Name} is @defaultonly in {table.Name}");
        }
        return (schema, DecodeParams(schema, action.Params, out var canonical), canonical);
    }

    /// <summary>Every param exactly once, each fitting its width.</summary>
    public static BigInteger[] DecodeParams(ActionSchema schema, IEnumerable<P4.V1.Action.Types.Param> parameters, out P4.V1.Action canonical)
    {
        var args = new BigInteger?[schema.Params.Count];
        var raw = new Google.Protobuf.ByteString?[schema.Params.Count];
        foreach (var p in parameters)
        {
            if (!schema.ParamIndex.TryGetValue(p.ParamId, out var index))
            {
                throw P4RuntimeException.Invalid($"action {schema.Name}: unknown param id {p.ParamId}");
            }
            if (args[index] is not null)
            {
                throw P4RuntimeException.Invalid($"action {schema.Name}: param {schema.Params[index].Name} given twice");
            }
            raw[index] = p.Value;
            args[index] = ByteStrings.Parse(p.Value, schema.Params[index].Bitwidth, $"action {schema.Name} param {schema.Params[index].Name}");
        }
        canonical = new P4.V1.Action { ActionId = schema.Id };
        var result = new BigInteger[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            result[i] = args[i] ?? throw P4RuntimeException.Invalid($"action {schema.Name}: param {schema.Params[i].Name} is missing");
            canonical.Params.Add(new P4.V1.Action.Types.Param { ParamId = schema.Params[i].Id, Value = ByteStrings.Canonical(raw[i]!, result[i]) });
        }
        return result;
    }

    /// <summary>A match component as P4 text-free P4Runtime message (for initial entries from the layout).</summary>
    public static FieldMatch? ToFieldMatch(MatchField f, KeyMatch k) => k switch
    {
        ExactMatch e when f.MatchType == MatchType.Exact => new FieldMatch { FieldId = f.Id, Exact = new() { Value = ByteStrings.Canonical(e.Value) } },
        ExactMatch e when f.MatchType == MatchType.Lpm => new FieldMatch { FieldId = f.Id, Lpm = new() { Value = ByteStrings.Canonical(e.Value), PrefixLen = f.Bitwidth } },
        ExactMatch e when f.MatchType == MatchType.Ternary => new FieldMatch { FieldId = f.Id, Ternary = new() { Value = ByteStrings.Canonical(e.Value), Mask = ByteStrings.Canonical((BigInteger.One << f.Bitwidth) - 1) } },
        ExactMatch e when f.MatchType == MatchType.Range => new FieldMatch { FieldId = f.Id, Range = new() { Low = ByteStrings.Canonical(e.Value), High = ByteStrings.Canonical(e.Value) } },
        ExactMatch e => new FieldMatch { FieldId = f.Id, Optional = new() { Value = ByteStrings.Canonical(e.Value) } },
        LpmMatch { PrefixLength: > 0 } l => new FieldMatch { FieldId = f.Id, Lpm = new() { Value = ByteStrings.Canonical(l.Value), PrefixLen = l.PrefixLength } },
        TernaryMatch t when !t.Mask.IsZero => new FieldMatch { FieldId = f.Id, Ternary = new() { Value = ByteStrings.Canonical(t.Value & t.Mask), Mask = ByteStrings.Canonical(t.Mask) } },
        RangeMatch r => new FieldMatch { FieldId = f.Id, Range = new() { Low = ByteStrings.Canonical(r.Low), High = ByteStrings.Canonical(r.High) } },
        OptionalMatch { Value: { } v } => new FieldMatch { FieldId = f.Id, Optional = new() { Value = ByteStrings.Canonical(v) } },
        _ => null,
    };

    internal static ByteString Bytes(BigInteger v) => ByteStrings.Canonical(v);

    private static StringBuilder Hex(StringBuilder sb, ByteString bytes)
    {
        var span = bytes.Span;
        var i = 0;
        while (i < span.Length - 1 && span[i] == 0)
        {
            i++;
        }
        return sb.Append(Convert.ToHexString(span[i..]));
    }
}
