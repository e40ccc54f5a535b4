using System.Globalization;
using System.Numerics;
using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Packets;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Runtime.Stf;

/// <summary>Runs an STF script against a loaded switch with BMv2's semantics: every port must emit exactly the expected packets in order
/// (a bare <c>expect PORT</c> allows anything there), checks (<c>check_counter</c>) hold, and every command applies.</summary>
/// <remarks>Names resolve fully qualified or by unique suffix (<see cref="NameResolver"/>); ternary entries without a priority get
/// decreasing priorities in file order (earlier wins).</remarks>
public sealed partial class StfRunner
{
    private const int AutoPriorityBase = 1 << 20;

    /// <summary>STF priorities: the larger value wins (p4c's ternary2-bmv2.stf: 110 beats 100), as in the control API, which needs
    /// at least 1, so p becomes <c>p + 1</c>; values stay below <see cref="ExplicitPriorityLimit"/>.</summary>
    private const long ExplicitPriorityLimit = 1L << 30;
    private readonly ISwitch _switch;
    private readonly StfRunOptions _options;
    private readonly List<StfFailure> _failures = [];
    private readonly List<string> _log = [];
    private readonly Dictionary<int, List<(int Line, PacketPattern? Pattern)>> _expected = [];
    private readonly Dictionary<int, List<byte[]>> _received = [];
    private readonly HashSet<int> _strictPorts = [];
    private readonly Dictionary<string, TableEntry> _handles = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (long Rid, List<int> Ports)> _nodes = [];
    private readonly Dictionary<long, List<long>> _groups = [];
    private long _nextNode;
    private int _autoPriority = AutoPriorityBase;
    private int _sent;
    private bool _noPacketAnywhere;

    public StfRunner(ISwitch sw, StfRunOptions? options = null)
    {
        _switch = sw;
        _options = options ?? StfRunOptions.Default;
    }

    private SwitchControl Control => _switch.Control;

    /// <summary>Runs every command, then checks the outputs of every port.</summary>
    public StfRunResult Run(StfScript script)
    {
        foreach (var e in script.Errors)
        {
            _failures.Add(new StfFailure(e.Line, "parse error: " + e.Message));
        }
        foreach (var command in script.Commands)
        {
            try
            {
                Execute(command);
            }
            catch (ControlException e)
            {
                Fail(command.Line, $"{command.Keyword}: {e.Message}");
            }
            catch (KeyNotFoundException e)
            {
                Fail(command.Line, $"{command.Keyword}: {e.Message}");
            }
        }
        CheckOutputs();
        var expected = _expected.Values.Sum(l => l.Count(x => x.Pattern is not null));
        return new StfRunResult(_failures, _log, _sent, _received.Values.Sum(l => l.Count), expected);
    }

    private void Fail(int line, string message) => _failures.Add(new StfFailure(line, message));

    private void Execute(StfCommand command)
    {
        switch (command)
        {
            case StfPacket p:
                Inject(p);
                break;
            case StfExpect e:
                if (!_expected.TryGetValue(e.Port, out var list))
                {
                    _expected[e.Port] = list = [];
                }
                list.Add((e.Line, e.Pattern));
                break;
            case StfNoPacket n:
                if (n.Port is { } port)
                {
                    _strictPorts.Add(port);
                }
                else
                {
                    _noPacketAnywhere = true;
                }
                break;
            case StfWait:
                break;
            case StfAddEntry a:
                AddEntry(a);
                break;
            case StfSetDefault d:
            {
                var table = Control.ResolveTable(d.Table.Text);
                var action = Control.ResolveAction(table, d.Action.Action.Text);
                Control.SetDefaultAction(table, action, Args(table, action, d.Action, d.Line));
                break;
            }
            case StfRemoveAll:
                Control.ClearAllEntries();
                break;
            case StfRemoveEntry r:
                RemoveEntry(r);
                break;
            case StfActionProfileCommand a:
                ExecuteActionProfile(a);
                break;
            default:
                ExecuteExtern(command);
                break;
        }
    }

    private void Inject(StfPacket p)
    {
        _sent++;
        var result = _switch.Inject(p.Port, p.Data.Items.AsSpan(), _options.Trace || _options.TracePackets);
        var received = new List<SwitchOutput>(result.Outputs);
        // Packets sent to the CPU port became packet-ins; STF (like BMv2's runner) sees them as that port's output.
        received.AddRange(Control.DrainPacketIns().Select(pin => new SwitchOutput(pin.Port, pin.Data)));
        foreach (var o in received)
        {
            if (!_received.TryGetValue(o.Port, out var list))
            {
                _received[o.Port] = list = [];
            }
            list.Add(o.Data);
        }
        _options.OnPacket?.Invoke(new StfPacketRun(p.Line, p.Port, p.Data.Items.ToArray(), received, result.Trace));
        if (_options.Trace && result.Trace is { } trace)
        {
            _log.Add($"line {p.Line}: packet on port {p.Port}\n{trace}");
        }
        foreach (var d in result.Drops)
        {
            _log.Add($"line {p.Line}: {d}");
        }
    }

    private void CheckOutputs()
    {
        foreach (var port in _expected.Keys.Union(_received.Keys).Order())
        {
            var expected = _expected.GetValueOrDefault(port) ?? [];
            var got = _received.GetValueOrDefault(port) ?? [];
            var anyAllowed = expected.Any(e => e.Pattern is null) && !_strictPorts.Contains(port) && !_noPacketAnywhere;
            var patterns = expected.Where(e => e.Pattern is not null).ToList();
            for (var i = 0; i < patterns.Count; i++)
            {
                var (line, pattern) = patterns[i];
                if (i >= got.Count)
                {
                    Fail(line, $"expected packet #{i + 1} on port {port}, but the port emitted only {got.Count}:\n  expected {pattern}");
                    continue;
                }
                if (!pattern!.Matches(got[i]))
                {
                    Fail(line, $"packet #{i + 1} on port {port} differs:\n{pattern.RenderDiff(got[i])}");
                }
            }
            if (!anyAllowed && got.Count > patterns.Count)
            {
                var extra = got.Skip(patterns.Count).Select(g => "  " + Convert.ToHexString(g).ToLowerInvariant());
                Fail(patterns.Count > 0 ? patterns[^1].Line : 0,
                    $"port {port} emitted {got.Count - patterns.Count} unexpected packet(s):\n{string.Join("\n", extra)}");
            }
        }
    }

    private void AddEntry(StfAddEntry a)
    {
        var table = Control.ResolveTable(a.Table.Text);
        var layout = Control.TableLayout(table);
        var action = Control.ResolveAction(table, a.Action.Action.Text);
        var keys = Keys(layout, a.Keys, a.Line);
        var priority = 0;
        if (layout.Kind == EbpfGen.Layout.TableKind.Ternary)
        {
            priority = a.Priority is { } p ? ControlPriority(p) : _autoPriority--;
        }
        var entry = new TableEntry(table, keys, action, Args(table, action, a.Action, a.Line), priority);
        Control.AddEntry(entry);
        if (a.Handle is { } h)
        {
            _handles[h] = entry;
        }
    }

    private void RemoveEntry(StfRemoveEntry r)
    {
        var table = Control.ResolveTable(r.Table.Text);
        if (r.Handle is { } h)
        {
            var e = _handles.GetValueOrDefault(h) ?? throw new ControlException(ControlErrorCode.NotFound, $"no entry handle ${h}");
            Control.DeleteEntry(e);
            return;
        }
        if (r.Keys.Count == 0)
        {
            Control.ClearEntries(table);
            return;
        }
        var layout = Control.TableLayout(table);
        var keys = Keys(layout, r.Keys, r.Line);
        var priority = r.Priority is { } p ? ControlPriority(p) : 0;
        if (layout.Kind == EbpfGen.Layout.TableKind.Ternary && priority == 0)
        {
            var match = Control.ReadEntries(table).FirstOrDefault(e => e.Keys.Select(k => k.ToString()).SequenceEqual(NormalisedText(layout, keys)));
            priority = match?.Priority ?? 1;
        }
        Control.DeleteEntry(new TableEntry(table, keys, "", [], priority));
    }

    private static IEnumerable<string> NormalisedText(EbpfGen.Layout.TableLayout layout, IReadOnlyList<FieldMatch> keys) =>
        keys.Select((k, i) => layout.Key[i].Match == "ternary" && k is FieldMatch.Exact e
            ? new FieldMatch.Ternary(e.Value, (BigInteger.One << layout.Key[i].Width) - 1).ToString()
            : k.ToString());

    /// <summary>The STF keys in table key order; keys the line does not name are don't-care (an error for exact keys).</summary>
    private List<FieldMatch> Keys(EbpfGen.Layout.TableLayout layout, IReadOnlyList<StfKeyMatch> stfKeys, int line)
    {
        // p4c's eBPF STF backend writes lpm keys as the host-order (little-endian) integer of the network-order key bytes.
        var ebpfConventions = _switch.Architecture == "ebpf_model";
        var result = Enumerable.Repeat<FieldMatch?>(null, layout.Key.Count).ToList();
        var names = layout.Key.Select(k => k.Name).ToList();
        for (var i = 0; i < stfKeys.Count; i++)
        {
            var k = stfKeys[i];
            var name = NameResolver.TryResolve(k.Field.Text, names, out var error);
            int index;
            if (name is not null)
            {
                index = names.IndexOf(name);
            }
            else if (KeyFieldIndex(k.Field.Text) is { } n && n < names.Count)
            {
                // p4c's eBPF STF files name key fields by position: key.field0, key.field1, …
                index = n;
            }
            else if (stfKeys.Count == layout.Key.Count && names.Count(n => n == names[i]) == 1)
            {
                // Names differ between STF and the compiled program (e.g. @name annotations); fall back to position.
                index = i;
            }
            else
            {
                throw new ControlException(ControlErrorCode.NotFound, $"table {layout.Name}: key {error}");
            }
            result[index] = k.Value switch
            {
                StfMatchValue.Exact e => new FieldMatch.Exact(e.Value),
                StfMatchValue.Ternary t => new FieldMatch.Ternary(t.Value, t.Mask),
                StfMatchValue.Lpm l when ebpfConventions && layout.Key[index].Width % 8 == 0 =>
                    new FieldMatch.Lpm(SwapBytes(l.Value, layout.Key[index].Width / 8), l.PrefixLength),
                StfMatchValue.Lpm l => new FieldMatch.Lpm(l.Value, l.PrefixLength),
                StfMatchValue.Range r => new FieldMatch.Range(r.Low, r.High),
                _ => FieldMatch.DontCare.Instance,
            };
        }
        for (var i = 0; i < result.Count; i++)
        {
            if (result[i] is null)
            {
                if (layout.Key[i].Match == "exact")
                {
                    throw new ControlException(ControlErrorCode.InvalidArgument, $"table {layout.Name}: exact key {layout.Key[i].Name} has no value");
                }
                result[i] = FieldMatch.DontCare.Instance;
            }
        }
        return result!;
    }

    private static int ControlPriority(long stfPriority) =>
        stfPriority is >= 0 and < ExplicitPriorityLimit
            ? (int)(stfPriority + 1)
            : throw new ControlException(ControlErrorCode.InvalidArgument, $"priority {stfPriority} is out of range (0 … {ExplicitPriorityLimit - 1})");

    /// <summary>Reads <paramref name="value"/>'s <paramref name="bytes"/> little-endian bytes as a big-endian number.</summary>
    private static BigInteger SwapBytes(BigInteger value, int bytes)
    {
        var le = new byte[bytes];
        value.TryWriteBytes(le, out _, isUnsigned: true, isBigEndian: false);
        return new BigInteger(le, isUnsigned: true, isBigEndian: true);
    }

    private static int? KeyFieldIndex(string name)
    {
        var m = System.Text.RegularExpressions.Regex.Match(name, @"^(?:key\.)?field([0-9]+)$");
        return m.Success && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private List<BigInteger> Args(string table, string action, StfActionCall call, int line)
    {
        var a = Control.TableLayout(table).Action(action);
        var args = new BigInteger[a.Params.Count];
        var seen = new bool[a.Params.Count];
        var names = a.Params.Select(p => p.Name).ToList();
        for (var i = 0; i < call.Args.Count; i++)
        {
            var arg = call.Args[i];
            var name = NameResolver.TryResolve(arg.Name, names, out var error);
            var index = name is not null ? names.IndexOf(name) : call.Args.Count == names.Count ? i
                : throw new ControlException(ControlErrorCode.NotFound, $"action {action}: parameter {error}");
            args[index] = arg.Value;
            seen[index] = true;
        }
        var missing = names.Where((_, i) => !seen[i]).ToList();
        if (missing.Count > 0 && call.Args.Count == 0 && _switch.Architecture == "ebpf_model")
        {
            // p4c's eBPF STF backend writes the action id and leaves unspecified action data zero (e.g. "pipe_Reject()").
            _log.Add($"line {line}: action {action}: no arguments given, {string.Join(", ", missing)} = 0 (eBPF STF convention)");
            return [.. args];
        }
        if (missing.Count > 0)
        {
            throw new ControlException(ControlErrorCode.InvalidArgument, $"action {action}: no value for {string.Join(", ", missing)}");
        }
        return [.. args];
    }

    private static string Hex(BigInteger v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);
}
