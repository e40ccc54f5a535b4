namespace P4Bpf.Runtime.Targets;

/// <summary>The cost model of a multi-core SmartNIC running the XDP program (see Targets/README.md for where the defaults come from and what they leave out).</summary>
/// <param name="Cores">Packet-processing cores (flows spread across them, no contention modelled).</param>
/// <param name="ClockMHz">Core clock.</param>
/// <param name="CyclesPerInstruction">Cycles per executed eBPF instruction (1 for a simple in-order core).</param>
/// <param name="CyclesPerPacket">Fixed cost per packet: receive descriptor, DMA into core memory, transmit.</param>
/// <param name="CyclesPerExactLookup">One hash-map lookup (exact table, one ternary mask probe).</param>
/// <param name="CyclesPerArrayAccess">One array-map access (default action, counter, state).</param>
public sealed record NicModel(int Cores = 16, double ClockMHz = 800, double CyclesPerInstruction = 1, double CyclesPerPacket = 150,
    double CyclesPerExactLookup = 120, double CyclesPerArrayAccess = 20)
{
    public static NicModel Default { get; } = new();
}

/// <summary>What a <see cref="NicModel"/> says a pipeline sustains: the mean cycles per packet split by cause, and the packet rate.</summary>
public sealed record NicReport(NicModel Model, long Packets, double Instructions, double ExactLookups, double ArrayAccesses, double CyclesPerPacket)
{
    public double InstructionCycles => Instructions * Model.CyclesPerInstruction;

    public double LookupCycles => ExactLookups * Model.CyclesPerExactLookup;

    public double ArrayCycles => ArrayAccesses * Model.CyclesPerArrayAccess;

    /// <summary>Packets per second over all cores.</summary>
    public double PacketsPerSecond => CyclesPerPacket <= 0 ? 0 : Model.Cores * Model.ClockMHz * 1e6 / CyclesPerPacket;

    public override string ToString() =>
        $"{Packets} packets, {CyclesPerPacket:F0} cycles/packet = {Model.CyclesPerPacket:F0} fixed + {InstructionCycles:F0} for {Instructions:F1} instructions " +
        $"+ {LookupCycles:F0} for {ExactLookups:F2} hash lookups + {ArrayCycles:F0} for {ArrayAccesses:F2} array accesses; " +
        $"{Model.Cores} cores at {Model.ClockMHz} MHz sustain {PacketsPerSecond / 1e6:F2} Mpps";
}
