using P4Bpf.Ebpf.Maps;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>What the kernel reports about a map (<c>struct bpf_map_info</c>).</summary>
public sealed record KernelMapInfo(MapType Type, uint Id, uint KeySize, uint ValueSize, uint MaxEntries, uint Flags, string Name,
    uint BtfId, uint BtfKeyTypeId, uint BtfValueTypeId);
