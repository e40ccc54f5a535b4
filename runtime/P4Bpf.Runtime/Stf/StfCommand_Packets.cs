using P4Bpf.Runtime.Packets;

using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Runtime.Stf;

/// <summary><c>packet PORT HEX…</c> — inject a packet on PORT.</summary>
public sealed record StfPacket(int Line, int Port, EquatableArray<byte> Data) : StfCommand(Line)
{
    public override string Keyword => "packet";
}

/// <summary><c>expect PORT [HEX… [$]]</c> — the next packet out of PORT must match Pattern.</summary>
/// <remarks><c>Pattern</c>: The expected bytes with <c>*</c> wildcards; null for a bare <c>expect PORT</c> (any packets allowed there).</remarks>
public sealed record StfExpect(int Line, int Port, PacketPattern? Pattern) : StfCommand(Line)
{
    public override string Keyword => "expect";
}

/// <summary><c>no_packet [PORT]</c> — no (further) packet may come out (of PORT, or of any port).</summary>
public sealed record StfNoPacket(int Line, int? Port) : StfCommand(Line)
{
    public override string Keyword => "no_packet";
}

/// <summary><c>wait [N]</c> — let the switch drain (N is an optional amount, kept as written).</summary>
public sealed record StfWait(int Line, long? Amount) : StfCommand(Line)
{
    public override string Keyword => "wait";
}
