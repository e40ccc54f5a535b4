namespace P4Bpf.Ebpf.Engine;

/// <summary>A facade-level error: no such program or section, a program type without a packet context, an executor that does not exist yet.</summary>
public sealed class EngineException(string message) : Exception(message);
