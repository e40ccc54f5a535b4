namespace P4Bpf.Ebpf.Loading;

/// <summary>Memory a loaded program reaches without a helper (global data sections, direct map values): a checked-mode region for every run.</summary>
public readonly record struct StaticRegion(nint Address, int Length, bool Writable);
