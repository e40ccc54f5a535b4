using P4Bpf.Ebpf.Maps;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>The <c>BPF_MAP_CREATE</c> arguments.</summary>
/// <param name="Type">The kernel map type.</param>
/// <param name="KeySize">Key size in bytes (0 for queues, stacks and ring buffers).</param>
/// <param name="ValueSize">Value size in bytes (4 for program arrays and maps of maps).</param>
/// <param name="MaxEntries">Capacity (for ring buffers: the size in bytes, a power-of-two multiple of the page size).</param>
public sealed record MapCreateAttributes(MapType Type, uint KeySize, uint ValueSize, uint MaxEntries)
{
    /// <summary><c>map_flags</c> (BPF_F_*).</summary>
    public uint Flags { get; init; }

    /// <summary>The map name; characters the kernel rejects become '_' and it is cut to 15 characters.</summary>
    public string Name { get; init; } = "";

    /// <summary>The template inner map of an array/hash of maps.</summary>
    public BpfFd? InnerMap { get; init; }

    /// <summary>BTF describing the key and value; ids of 0 mean "no type".</summary>
    public BpfFd? Btf { get; init; }

    public uint BtfKeyTypeId { get; init; }

    public uint BtfValueTypeId { get; init; }

    /// <summary><c>map_extra</c> (bloom filter hash count, arena address).</summary>
    public ulong MapExtra { get; init; }
}
