namespace P4Bpf.Ebpf.Maps;

/// <summary>What <c>BPF_MAP_CREATE</c> receives: the map's type, sizes, capacity, flags, name and, for map-in-map, the inner map template.</summary>
/// <remarks>Sizes are the kernel's u32 wire values; <see cref="BpfMap.Create"/> validates them as the kernel's <c>map_create</c> does.</remarks>
public sealed record MapDefinition(
    MapType Type,
    uint KeySize,
    uint ValueSize,
    uint MaxEntries,
    MapFlags Flags = MapFlags.None,
    string Name = "",
    MapDefinition? InnerMap = null);

/// <summary>Why a map could not be created: the negated errno the kernel would return and a message naming the offending field.</summary>
public sealed record MapError(int Errno, string Message)
{
    public override string ToString() => $"{Maps.Errno.Name(Errno)}: {Message}";
}

/// <summary>The outcome of <see cref="BpfMap.Create"/>: a map or an error, never both.</summary>
public sealed record MapCreateResult(BpfMap? Map, MapError? Error)
{
    public bool Succeeded => Map != null;

    /// <summary>The map, or throws <see cref="MapCreateException"/> with the error.</summary>
    public BpfMap Unwrap() => Map ?? throw new MapCreateException(Error!);
}

/// <summary>Thrown by <see cref="MapCreateResult.Unwrap"/> when the definition was rejected.</summary>
public sealed class MapCreateException(MapError error) : Exception(error.ToString())
{
    public MapError Error { get; } = error;
}
