namespace P4Bpf.Ebpf.Kernel;

/// <summary>The side of an interface a TC program is attached to.</summary>
public enum TcDirection
{
    Ingress,
    Egress,
}
