using System.Numerics;
using P4Bpf.Ebpf.Maps;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Runtime.Switch;

/// <summary>The per-CPU state map value the stage programs share: the harness reads and writes pipeline slots here (by layout-manifest name).</summary>
/// <remarks>Works on the value of one CPU (the switch's run CPU) in place; not thread-safe (the switch serialises packets).</remarks>
public sealed unsafe class StateArea
{
    private readonly BpfMap _map;
    private readonly int _cpu;
    private readonly StateLayoutInfo _layout;

    internal StateArea(BpfMap map, StateLayoutInfo layout, int cpu)
    {
        _map = map;
        _layout = layout;
        _cpu = cpu;
        if (map.ValueSize < layout.ValueSize)
        {
            throw new SwitchException($"state map {map.Name} holds {map.ValueSize} bytes, the layout needs {layout.ValueSize}");
        }
    }

    public StateLayoutInfo Layout => _layout;

    /// <summary>The whole state value of the run CPU.</summary>
    public Span<byte> Bytes
    {
        get
        {
            uint key = 0;
            var p = _map.Lookup((byte*)&key, _cpu);
            if (p == null)
            {
                throw new SwitchException($"state map {_map.Name} has no entry 0");
            }
            return new Span<byte>(p, _layout.ValueSize);
        }
    }

    public bool HasSlot(string slot) => _layout.Slots.Any(s => s.Name == slot);

    /// <summary>Whether <paramref name="slot"/> has a field <paramref name="field"/>.</summary>
    public bool HasField(string slot, string field) =>
        _layout.Slots.FirstOrDefault(s => s.Name == slot)?.Fields?.Any(f => f.Name == field) == true;

    public void Clear() => Bytes.Clear();

    /// <summary>A copy of the state (to restore for each replicated copy).</summary>
    public byte[] Snapshot() => Bytes.ToArray();

    public void Restore(ReadOnlySpan<byte> snapshot) => snapshot.CopyTo(Bytes);

    /// <summary>Clears one slot.</summary>
    public void ClearSlot(string slot)
    {
        var s = _layout.Slot(slot);
        Bytes.Slice(s.Offset, s.Size).Clear();
    }

    /// <summary>Reads a scalar field of a slot (<c>$intrinsics</c>.<c>drop</c>); nested fields with dots (<c>ipv4.ttl</c>).</summary>
    public BigInteger Get(string slot, string field)
    {
        var (offset, f) = Locate(slot, field);
        return TableEntryEncoder.ReadField(Bytes, offset, f.Size, f.Width, f.Encoding);
    }

    public long GetInt64(string slot, string field) => (long)(ulong)(Get(slot, field) & ulong.MaxValue);

    public bool GetBool(string slot, string field) => !Get(slot, field).IsZero;

    /// <summary>Writes a scalar field (truncated to its width).</summary>
    public void Set(string slot, string field, BigInteger value)
    {
        var (offset, f) = Locate(slot, field);
        TableEntryEncoder.WriteField(Bytes, offset, f.Size, f.Width, f.Encoding, value);
    }

    /// <summary>Writes a field only when the slot has it (architecture versions may differ).</summary>
    public void TrySet(string slot, string field, BigInteger value)
    {
        if (HasField(slot, field))
        {
            Set(slot, field, value);
        }
    }

    private (int Offset, FieldLayout Field) Locate(string slot, string field)
    {
        var s = _layout.Slot(slot);
        var fields = s.Fields ?? throw new KeyNotFoundException($"slot {slot} has no fields");
        var offset = s.Offset;
        FieldLayout? f = null;
        foreach (var part in field.Split('.'))
        {
            f = fields?.FirstOrDefault(x => x.Name == part) ?? throw new KeyNotFoundException($"slot {slot} has no field {field}");
            offset += f.Offset;
            fields = f.Fields;
        }
        return (offset, f!);
    }
}
