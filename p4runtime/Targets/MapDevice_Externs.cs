using System.Numerics;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.P4Runtime.Core;

namespace P4Bpf.P4Runtime.Targets;

public sealed partial class MapDevice
{
    private static byte[] Index(long index) => BitConverter.GetBytes((uint)index);

    private CounterLayout Counter(string name) =>
        layout.Counters.FirstOrDefault(c => c.Name == name) ?? throw new DeviceException(DeviceErrorKind.Invalid, $"no counter {name} in the layout");

    public CounterValue ReadCounter(string counter, long index)
    {
        var c = Counter(counter);
        var map = Map(c.Map, counter);
        var slices = map.LookupPerCpu(Index(index)) ?? throw new DeviceException(DeviceErrorKind.Invalid, $"counter {counter}: no cell {index}");
        long packets = 0, bytes = 0;
        foreach (var slice in slices)
        {
            if (c.PacketsOffset is { } p)
            {
                packets += c.ValueSize == 4 ? BitConverter.ToUInt32(slice, p) : BitConverter.ToInt64(slice, p);
            }
            if (c.BytesOffset is { } b)
            {
                bytes += BitConverter.ToInt64(slice, b);
            }
        }
        return new CounterValue(packets, bytes);
    }

    public void WriteCounter(string counter, long index, CounterValue value)
    {
        var c = Counter(counter);
        var map = Map(c.Map, counter);
        var raw = new byte[map.ControlValueSize];
        if (c.PacketsOffset is { } p)
        {
            if (c.ValueSize == 4)
            {
                BitConverter.TryWriteBytes(raw.AsSpan(p), (uint)value.Packets);
            }
            else
            {
                BitConverter.TryWriteBytes(raw.AsSpan(p), value.Packets);
            }
        }
        if (c.BytesOffset is { } b)
        {
            BitConverter.TryWriteBytes(raw.AsSpan(b), value.Bytes);
        }
        Check(map.Update(Index(index), raw), counter);
    }

    private RegisterLayout Register(string name) =>
        layout.Registers.FirstOrDefault(c => c.Name == name) ?? throw new DeviceException(DeviceErrorKind.Invalid, $"no register {name} in the layout");

    public BigInteger ReadRegister(string register, long index)
    {
        var r = Register(register);
        var raw = Map(r.Map, register).Lookup(Index(index)) ?? throw new DeviceException(DeviceErrorKind.Invalid, $"register {register}: no cell {index}");
        var encoding = r.Width > 64 ? FieldEncoding.BigEndian : FieldEncoding.LittleEndian;
        var size = r.Width > 64 ? (r.Width + 7) / 8 : Midend.Ir.IrType.ScalarBytes(r.Width);
        return TableEntryEncoder.ReadField(raw, 0, size, r.Width, encoding);
    }

    public void WriteRegister(string register, long index, BigInteger value)
    {
        var r = Register(register);
        var map = Map(r.Map, register);
        var raw = new byte[map.ControlValueSize];
        var encoding = r.Width > 64 ? FieldEncoding.BigEndian : FieldEncoding.LittleEndian;
        var size = r.Width > 64 ? (r.Width + 7) / 8 : Midend.Ir.IrType.ScalarBytes(r.Width);
        TableEntryEncoder.WriteField(raw, 0, size, r.Width, encoding, value);
        Check(map.Update(Index(index), raw), register);
    }

    public void WriteMeter(string meter, long index, MeterRates? rates)
    {
        var m = layout.Meters.FirstOrDefault(x => x.Name == meter) ?? throw new DeviceException(DeviceErrorKind.Invalid, $"no meter {meter} in the layout");
        var map = Map(m.Map, meter);
        var raw = new byte[map.ControlValueSize];
        if (rates is not null)
        {
            BitConverter.TryWriteBytes(raw.AsSpan(MeterState.PirOffset), rates.Pir);
            BitConverter.TryWriteBytes(raw.AsSpan(MeterState.PburstOffset), rates.Pburst);
            BitConverter.TryWriteBytes(raw.AsSpan(MeterState.CirOffset), rates.Cir);
            BitConverter.TryWriteBytes(raw.AsSpan(MeterState.CburstOffset), rates.Cburst);
            BitConverter.TryWriteBytes(raw.AsSpan(MeterState.PtokensOffset), rates.Pburst);
            BitConverter.TryWriteBytes(raw.AsSpan(MeterState.CtokensOffset), rates.Cburst);
        }
        Check(map.Update(Index(index), raw), meter);
    }

    public void SetValueSet(string valueSet, IReadOnlyList<BigInteger> members)
    {
        var v = layout.ValueSets.FirstOrDefault(x => x.Name == valueSet) ?? throw new DeviceException(DeviceErrorKind.Invalid, $"no value set {valueSet} in the layout");
        var map = Map(v.Map, valueSet);
        if (members.Count > v.Size)
        {
            throw new DeviceException(DeviceErrorKind.Full, $"value set {valueSet} holds at most {v.Size} members");
        }
        foreach (var key in map.Keys().ToList())
        {
            map.Delete(key);
        }
        var one = new byte[map.ControlValueSize];
        one[0] = 1;
        foreach (var m in members)
        {
            var key = new byte[v.KeySize];
            TableEntryEncoder.WriteField(key, 0, Math.Min(v.KeySize, Midend.Ir.IrType.ScalarBytes(v.Width)), v.Width, v.Width > 64 ? FieldEncoding.BigEndian : FieldEncoding.LittleEndian, m);
            Check(map.Update(key, one), valueSet);
        }
    }
}
