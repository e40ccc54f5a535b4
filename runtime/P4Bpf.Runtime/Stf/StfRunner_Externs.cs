using System.Numerics;
using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Runtime.Stf;

public sealed partial class StfRunner
{
    private void ExecuteExtern(StfCommand command)
    {
        switch (command)
        {
            case StfCheckCounter c:
                CheckCounter(c);
                break;
            case StfCounterRead r:
            {
                var v = Control.ReadCounter(r.Counter.Text, r.Index);
                _log.Add($"line {r.Line}: counter {r.Counter}[{r.Index}] = {v.Packets} packets, {v.Bytes} bytes");
                break;
            }
            case StfCounterWrite w:
                Control.WriteCounter(w.Counter.Text, w.Index, new CounterValue((ulong)w.Packets, (ulong)w.Bytes));
                break;
            case StfCounterReset r:
                Control.ResetCounter(r.Counter.Text);
                break;
            case StfRegisterRead r:
                _log.Add($"line {r.Line}: register {r.Register}[{r.Index}] = {Hex(Control.ReadRegister(r.Register.Text, r.Index))}");
                break;
            case StfRegisterWrite w:
                Control.WriteRegister(w.Register.Text, w.Index, w.Value);
                break;
            case StfRegisterReset r:
                Control.ResetRegister(r.Register.Text);
                break;
            case StfMeterSetRates m:
                Control.SetMeter(m.Meter.Text, m.Index, MeterConfigOf(m.Rates));
                break;
            case StfMeterArraySetRates m:
                for (long i = 0; i < Control.MeterSize(m.Meter.Text); i++)
                {
                    Control.SetMeter(m.Meter.Text, i, MeterConfigOf(m.Rates));
                }
                break;
            case StfMeterGetRates m:
            {
                var c = Control.ReadMeter(m.Meter.Text, m.Index);
                _log.Add($"line {m.Line}: meter {m.Meter}[{m.Index}] cir {c.Cir}/s cburst {c.Cburst} pir {c.Pir}/s pburst {c.Pburst}");
                break;
            }
            case StfMcGroupCreate g:
                _groups[g.Group] = [];
                UpdateGroup(g.Group);
                break;
            case StfMcGroupDestroy g:
                _groups.Remove(g.Group);
                Control.Replication.DeleteMulticastGroup((uint)g.Group);
                break;
            case StfMcNodeCreate n:
                _nodes[_nextNode++] = (n.Rid, [.. n.Ports]);
                break;
            case StfMcNodeUpdate n:
                Node(n.Node, n.Line);
                _nodes[n.Node] = (_nodes[n.Node].Rid, [.. n.Ports]);
                UpdateGroupsWith(n.Node);
                break;
            case StfMcNodeDestroy n:
                Node(n.Node, n.Line);
                _nodes.Remove(n.Node);
                foreach (var g in _groups.Where(g => g.Value.Remove(n.Node)).Select(g => g.Key).ToList())
                {
                    UpdateGroup(g);
                }
                break;
            case StfMcNodeAssociate a:
                Node(a.Node, a.Line);
                Group(a.Group).Add(a.Node);
                UpdateGroup(a.Group);
                break;
            case StfMcNodeDissociate a:
                Group(a.Group).Remove(a.Node);
                UpdateGroup(a.Group);
                break;
            case StfMirroringAdd m:
                Control.Replication.SetCloneSession(new CloneSession((uint)m.Session, [new Replica(m.Port, 0)]));
                break;
            case StfMirroringAddMc m:
                Control.Replication.SetCloneSession(new CloneSession((uint)m.Session, Control.Replication.MulticastGroup((uint)m.Group)
                    ?? throw new ControlException(ControlErrorCode.NotFound, $"no multicast group {m.Group}")));
                break;
            case StfMirroringDelete m:
                if (!Control.Replication.DeleteCloneSession((uint)m.Session))
                {
                    throw new ControlException(ControlErrorCode.NotFound, $"no clone session {m.Session}");
                }
                break;
            case StfMirroringGet m:
            {
                var s = Control.Replication.CloneSessionById((uint)m.Session);
                _log.Add($"line {m.Line}: mirroring session {m.Session}: {(s is null ? "none" : string.Join(", ", s.Replicas.Select(r => $"port {r.Port}")))}");
                break;
            }
            default:
                throw new ControlException(ControlErrorCode.Unimplemented, $"not supported yet: STF command {command.Keyword}");
        }
    }

    private void CheckCounter(StfCheckCounter c)
    {
        CounterValue value;
        if (c.EntryHandle is { } h)
        {
            var entry = _handles.GetValueOrDefault(h) ?? throw new ControlException(ControlErrorCode.NotFound, $"no entry handle ${h}");
            value = Control.ReadDirectCounter(entry);
        }
        else
        {
            value = Control.ReadCounter(c.Counter.Text, c.Index ?? 0);
        }
        if (c.Expectation is not { } e)
        {
            _log.Add($"line {c.Line}: counter {c.Counter} = {value.Packets} packets, {value.Bytes} bytes");
            return;
        }
        var actual = new BigInteger(e.Kind == StfCounterKind.Packets ? value.Packets : value.Bytes);
        var holds = e.Comparison switch
        {
            StfComparison.Equal => actual == e.Value,
            StfComparison.NotEqual => actual != e.Value,
            StfComparison.Less => actual < e.Value,
            StfComparison.LessOrEqual => actual <= e.Value,
            StfComparison.Greater => actual > e.Value,
            _ => actual >= e.Value,
        };
        if (!holds)
        {
            Fail(c.Line, $"check_counter {c.Counter}: {e.Kind.ToString().ToLowerInvariant()} is {actual}, expected {e.Comparison} {e.Value}");
        }
    }

    private static MeterConfig MeterConfigOf(IReadOnlyList<StfMeterRate> rates)
    {
        // STF gives rate (units per microsecond) and burst: committed first, then peak.
        var c = rates.Count > 0 ? rates[0] : new StfMeterRate(0, 0);
        var p = rates.Count > 1 ? rates[1] : c;
        return new MeterConfig((ulong)(c.Rate * 1e6), (ulong)c.Burst, (ulong)(p.Rate * 1e6), (ulong)p.Burst);
    }

    private void Node(long node, int line)
    {
        if (!_nodes.ContainsKey(node))
        {
            throw new ControlException(ControlErrorCode.NotFound, $"no multicast node {node}");
        }
    }

    private List<long> Group(long group) =>
        _groups.TryGetValue(group, out var g) ? g : throw new ControlException(ControlErrorCode.NotFound, $"no multicast group {group}");

    private void UpdateGroupsWith(long node)
    {
        foreach (var g in _groups.Where(g => g.Value.Contains(node)).Select(g => g.Key).ToList())
        {
            UpdateGroup(g);
        }
    }

    private void UpdateGroup(long group)
    {
        var replicas = _groups[group].Where(_nodes.ContainsKey)
            .SelectMany(n => _nodes[n].Ports.Select(p => new Replica(p, (int)_nodes[n].Rid))).ToList();
        Control.Replication.SetMulticastGroup((uint)group, replicas);
    }
}
