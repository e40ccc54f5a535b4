using System.Numerics;

using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Runtime.Stf;

/// <summary>What <c>check_counter</c> compares.</summary>
public enum StfCounterKind
{
    Packets,
    Bytes,
}

/// <summary>The comparison of a <c>check_counter</c> expectation.</summary>
public enum StfComparison
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>The <c>packets|bytes OP N</c> part of <c>check_counter</c>.</summary>
public sealed record StfCounterExpectation(StfCounterKind Kind, StfComparison Comparison, BigInteger Value);

/// <summary><c>check_counter NAME(INDEX | $HANDLE) [packets|bytes OP N]</c> — check a counter cell (a direct counter through an entry handle).</summary>
/// <remarks><c>Index</c>: The cell index, or null when EntryHandle is given. <c>Expectation</c>: The comparison, or null when the line has none.</remarks>
public sealed record StfCheckCounter(
    int Line, StfName Counter, long? Index, string? EntryHandle, StfCounterExpectation? Expectation)
    : StfCommand(Line)
{
    public override string Keyword => "check_counter";
}

/// <summary><c>counter_read NAME INDEX</c>.</summary>
public sealed record StfCounterRead(int Line, StfName Counter, long Index) : StfCommand(Line)
{
    public override string Keyword => "counter_read";
}

/// <summary><c>counter_write NAME INDEX PACKETS BYTES</c>.</summary>
public sealed record StfCounterWrite(int Line, StfName Counter, long Index, BigInteger Packets, BigInteger Bytes) : StfCommand(Line)
{
    public override string Keyword => "counter_write";
}

/// <summary><c>counter_reset NAME</c>.</summary>
public sealed record StfCounterReset(int Line, StfName Counter) : StfCommand(Line)
{
    public override string Keyword => "counter_reset";
}

/// <summary><c>register_read NAME INDEX</c>.</summary>
public sealed record StfRegisterRead(int Line, StfName Register, long Index) : StfCommand(Line)
{
    public override string Keyword => "register_read";
}

/// <summary><c>register_write NAME INDEX VALUE</c>.</summary>
public sealed record StfRegisterWrite(int Line, StfName Register, long Index, BigInteger Value) : StfCommand(Line)
{
    public override string Keyword => "register_write";
}

/// <summary><c>register_reset NAME</c> — set every cell to zero.</summary>
public sealed record StfRegisterReset(int Line, StfName Register) : StfCommand(Line)
{
    public override string Keyword => "register_reset";
}

/// <summary><c>meter_get_rates NAME INDEX</c>.</summary>
public sealed record StfMeterGetRates(int Line, StfName Meter, long Index) : StfCommand(Line)
{
    public override string Keyword => "meter_get_rates";
}

/// <summary><c>meter_set_rates NAME INDEX RATE:BURST…</c> (committed, then peak).</summary>
public sealed record StfMeterSetRates(int Line, StfName Meter, long Index, EquatableArray<StfMeterRate> Rates) : StfCommand(Line)
{
    public override string Keyword => "meter_set_rates";
}

/// <summary><c>meter_array_set_rates NAME RATE:BURST…</c> — the same rates for every meter of the array.</summary>
public sealed record StfMeterArraySetRates(int Line, StfName Meter, EquatableArray<StfMeterRate> Rates) : StfCommand(Line)
{
    public override string Keyword => "meter_array_set_rates";
}
