using System.Globalization;
using System.Text;

namespace P4Bpf.Runtime.Stf;

/// <summary>Writes commands back as STF text; parsing the text gives an equal command (line numbers aside).</summary>
public static class StfFormatter
{
    public static string Format(StfCommand command) => command switch
    {
        StfAddEntry a => Join("add", a.Table, a.Priority, string.Join(' ', a.Keys), a.Action, a.Handle is null ? null : "= " + a.Handle),
        StfSetDefault s => Join("setdefault", s.Table, s.Action),
        StfRemoveAll => "remove all",
        StfRemoveEntry r => Join("remove", r.Table, r.Handle is null ? null : "$" + r.Handle, r.Priority, string.Join(' ', r.Keys)),
        StfPacket p => Join("packet", p.Port, Convert.ToHexStringLower(p.Data.Items.AsSpan())),
        StfExpect e => Join("expect", e.Port, e.Pattern),
        StfNoPacket n => Join("no_packet", n.Port),
        StfWait w => Join("wait", w.Amount),
        StfCheckCounter c => Join("check_counter", $"{c.Counter}({(c.EntryHandle is null ? c.Index : "$" + c.EntryHandle)})",
            c.Expectation is null ? null : $"{c.Expectation.Kind.ToString().ToLowerInvariant()} {Comparison(c.Expectation.Comparison)} {c.Expectation.Value}"),
        StfMcGroupCreate m => Join("mc_mgrp_create", m.Group),
        StfMcGroupDestroy m => Join("mc_mgrp_destroy", m.Group),
        StfMcNodeCreate m => Join("mc_node_create", m.Rid, string.Join(' ', m.Ports)),
        StfMcNodeUpdate m => Join("mc_node_update", m.Node, string.Join(' ', m.Ports)),
        StfMcNodeDestroy m => Join("mc_node_destroy", m.Node),
        StfMcNodeAssociate m => Join("mc_node_associate", m.Group, m.Node),
        StfMcNodeDissociate m => Join("mc_node_dissociate", m.Group, m.Node),
        StfMirroringAdd m => Join("mirroring_add", m.Session, m.Port),
        StfMirroringAddMc m => Join("mirroring_add_mc", m.Session, m.Group),
        StfMirroringDelete m => Join("mirroring_delete", m.Session),
        StfMirroringGet m => Join("mirroring_get", m.Session),
        StfCounterRead c => Join("counter_read", c.Counter, c.Index),
        StfCounterWrite c => Join("counter_write", c.Counter, c.Index, c.Packets, c.Bytes),
        StfCounterReset c => Join("counter_reset", c.Counter),
        StfRegisterRead r => Join("register_read", r.Register, r.Index),
        StfRegisterWrite r => Join("register_write", r.Register, r.Index, r.Value),
        StfRegisterReset r => Join("register_reset", r.Register),
        StfMeterGetRates m => Join("meter_get_rates", m.Meter, m.Index),
        StfMeterSetRates m => Join("meter_set_rates", m.Meter, m.Index, string.Join(' ', m.Rates)),
        StfMeterArraySetRates m => Join("meter_array_set_rates", m.Meter, string.Join(' ', m.Rates)),
        StfActionProfileCommand a => a.Format(),
        _ => throw new InvalidOperationException($"no STF form for {command.GetType().Name}"),
    };

    private static string Comparison(StfComparison c) => c switch
    {
        StfComparison.Equal => "==",
        StfComparison.NotEqual => "!=",
        StfComparison.Less => "<",
        StfComparison.LessOrEqual => "<=",
        StfComparison.Greater => ">",
        _ => ">=",
    };

    private static string Join(params object?[] parts)
    {
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            var text = part switch
            {
                null => null,
                StfName n => n.Text.Contains(' ') ? $"\"{n.Text}\"" : n.Text,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => part.ToString(),
            };
            if (string.IsNullOrEmpty(text))
                continue;
            if (sb.Length > 0)
                sb.Append(' ');
            sb.Append(text);
        }
        return sb.ToString();
    }
}
