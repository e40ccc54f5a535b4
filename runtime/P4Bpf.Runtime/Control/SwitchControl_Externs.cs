using System.Buffers.Binary;
using System.Numerics;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Runtime.Control;

public sealed partial class SwitchControl
{
    private CounterLayout Counter(string name) =>
        Layout.Counters.First(c => c.Name == NameResolver.Resolve(name, Layout.Counters.Select(x => x.Name), "counter"));

    private RegisterLayout Register(string name) =>
        Layout.Registers.First(c => c.Name == NameResolver.Resolve(name, Layout.Registers.Select(x => x.Name), "register"));

    private MeterLayout Meter(string name) =>
        Layout.Meters.First(c => c.Name == NameResolver.Resolve(name, Layout.Meters.Select(x => x.Name), "meter"));

    private static byte[] Index(long index, long size, string what)
    {
        if (index < 0 || index >= size)
        {
            throw new ControlException(ControlErrorCode.OutOfRange, $"{what}: index {index} is outside 0..{size - 1}");
        }
        var key = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(key, (uint)index);
        return key;
    }

    /// <summary>A counter cell (summed over CPUs); a packets-only counter reports 0 bytes.</summary>
    public CounterValue ReadCounter(string counter, long index)
    {
        var c = Counter(counter);
        var map = Map(c.Map);
        var key = Index(index, c.Size, "counter " + c.Name);
        ulong packets = 0, bytes = 0;
        var values = c.PerCpu ? map.LookupPerCpu(key) : (map.Lookup(key) is { } single ? [single] : null);
        foreach (var v in values ?? [])
        {
            packets += ReadScalar(v, c.PacketsOffset, c.PerCpu ? 8 : Math.Min(8, c.ValueSize));
            bytes += ReadScalar(v, c.BytesOffset, 8);
        }
        return new CounterValue(packets, bytes);
    }

    /// <summary>Sets a counter cell (the first CPU holds the value, the others zero).</summary>
    public void WriteCounter(string counter, long index, CounterValue value)
    {
        var c = Counter(counter);
        var map = Map(c.Map);
        var key = Index(index, c.Size, "counter " + c.Name);
        var cell = new byte[map.ValueSize];
        WriteScalar(cell, c.PacketsOffset, c.PerCpu ? 8 : Math.Min(8, c.ValueSize), value.Packets);
        WriteScalar(cell, c.BytesOffset, 8, value.Bytes);
        if (map.IsPerCpu)
        {
            var all = Enumerable.Range(0, map.PossibleCpus).Select(i => i == 0 ? cell : new byte[map.ValueSize]).ToList();
            Check(map.UpdatePerCpu(key, all), "counter write");
        }
        else
        {
            Check(map.Update(key, cell), "counter write");
        }
    }

    /// <summary>Zeroes every cell of a counter.</summary>
    public void ResetCounter(string counter)
    {
        var c = Counter(counter);
        for (long i = 0; i < c.Size; i++)
        {
            WriteCounter(c.Name, i, default);
        }
    }

    /// <summary>A register cell.</summary>
    public BigInteger ReadRegister(string register, long index)
    {
        var r = Register(register);
        var v = Map(r.Map).Lookup(Index(index, r.Size, "register " + r.Name)) ?? throw new ControlException(ControlErrorCode.Internal, $"register {r.Name}: no cell {index}");
        return TableEntryEncoder.ReadField(v, 0, r.ValueSize, r.Width, FieldEncoding.LittleEndian);
    }

    public void WriteRegister(string register, long index, BigInteger value)
    {
        var r = Register(register);
        if (value.Sign < 0 || value >= BigInteger.One << r.Width)
        {
            throw new ControlException(ControlErrorCode.OutOfRange, $"register {r.Name}: {value} does not fit bit<{r.Width}>");
        }
        var cell = new byte[r.ValueSize];
        TableEntryEncoder.WriteField(cell, 0, r.ValueSize, r.Width, FieldEncoding.LittleEndian, value);
        Check(Map(r.Map).Update(Index(index, r.Size, "register " + r.Name), cell), "register write");
    }

    public void ResetRegister(string register)
    {
        var r = Register(register);
        for (long i = 0; i < r.Size; i++)
        {
            WriteRegister(r.Name, i, 0);
        }
    }

    /// <summary>Configures a meter cell (rates in units per second, bursts in units); the buckets start full.</summary>
    public void SetMeter(string meter, long index, MeterConfig config)
    {
        var m = Meter(meter);
        var cell = new byte[m.ValueSize];
        WriteMeterCell(cell, config);
        Check(Map(m.Map).Update(Index(index, m.Size, "meter " + m.Name), cell), "meter write");
    }

    /// <summary>A token-bucket cell (<see cref="MeterState"/>) configured with <paramref name="config"/>, its buckets full; all zero is
    /// an unconfigured meter (every packet green).</summary>
    private static void WriteMeterCell(Span<byte> cell, MeterConfig config)
    {
        cell[..MeterState.Size].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(cell[MeterState.PirOffset..], config.Pir);
        BinaryPrimitives.WriteUInt64LittleEndian(cell[MeterState.PburstOffset..], config.Pburst);
        BinaryPrimitives.WriteUInt64LittleEndian(cell[MeterState.CirOffset..], config.Cir);
        BinaryPrimitives.WriteUInt64LittleEndian(cell[MeterState.CburstOffset..], config.Cburst);
        BinaryPrimitives.WriteUInt64LittleEndian(cell[MeterState.PtokensOffset..], config.Pburst);
        BinaryPrimitives.WriteUInt64LittleEndian(cell[MeterState.CtokensOffset..], config.Cburst);
    }

    public MeterConfig ReadMeter(string meter, long index)
    {
        var m = Meter(meter);
        var v = Map(m.Map).Lookup(Index(index, m.Size, "meter " + m.Name)) ?? new byte[m.ValueSize];
        return ReadMeterCell(v);
    }

    /// <summary>The configuration held by a token-bucket cell (<see cref="MeterState"/>).</summary>
    private static MeterConfig ReadMeterCell(ReadOnlySpan<byte> cell) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(cell[MeterState.CirOffset..]), BinaryPrimitives.ReadUInt64LittleEndian(cell[MeterState.CburstOffset..]),
        BinaryPrimitives.ReadUInt64LittleEndian(cell[MeterState.PirOffset..]), BinaryPrimitives.ReadUInt64LittleEndian(cell[MeterState.PburstOffset..]));

    /// <summary>The meter's size (cells).</summary>
    public long MeterSize(string meter) => Meter(meter).Size;

    /// <summary>Takes every pending message of a digest stream, oldest first.</summary>
    public IReadOnlyList<DigestMessage> DrainDigests(string digest)
    {
        var d = Layout.Digests.First(x => x.Name == NameResolver.Resolve(digest, Layout.Digests.Select(y => y.Name), "digest"));
        var map = Map(d.Map);
        var list = new List<DigestMessage>();
        var buffer = new byte[map.ValueSize];
        while (map.LookupAndDelete([], buffer) == 0)
        {
            var fields = d.Fields.ToDictionary(f => f.Name, f => TableEntryEncoder.ReadField(buffer, f.Offset, f.Size, f.Width, f.Encoding));
            list.Add(new DigestMessage(d.Name, (byte[])buffer.Clone(), fields));
        }
        return list;
    }

    /// <summary>Adds a member to a parser value_set.</summary>
    public void AddValueSetMember(string valueSet, BigInteger value)
    {
        var v = Layout.ValueSets.First(x => x.Name == NameResolver.Resolve(valueSet, Layout.ValueSets.Select(y => y.Name), "value_set"));
        var key = new byte[v.KeySize];
        TableEntryEncoder.WriteField(key, 0, v.KeySize, v.Width, FieldEncoding.LittleEndian, value);
        Check(Map(v.Map).Update(key, [1]), "value_set add");
    }

    public void RemoveValueSetMember(string valueSet, BigInteger value)
    {
        var v = Layout.ValueSets.First(x => x.Name == NameResolver.Resolve(valueSet, Layout.ValueSets.Select(y => y.Name), "value_set"));
        var key = new byte[v.KeySize];
        TableEntryEncoder.WriteField(key, 0, v.KeySize, v.Width, FieldEncoding.LittleEndian, value);
        if (Map(v.Map).Delete(key) != 0)
        {
            throw new ControlException(ControlErrorCode.NotFound, $"value_set {v.Name} has no member {value}");
        }
    }

    private static ulong ReadScalar(byte[] v, int? offset, int size)
    {
        if (offset is not { } o || o + size > v.Length)
        {
            return 0;
        }
        return size == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(v.AsSpan(o)) : BinaryPrimitives.ReadUInt32LittleEndian(v.AsSpan(o));
    }

    private static void WriteScalar(byte[] v, int? offset, int size, ulong value)
    {
        if (offset is not { } o || o + size > v.Length)
        {
            return;
        }
        if (size == 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(v.AsSpan(o), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(v.AsSpan(o), (uint)value);
        }
    }
}
