namespace P4Bpf.Ebpf.Maps;

/// <summary>Map creation flags (<c>map_flags</c> of <c>BPF_MAP_CREATE</c>), with the kernel's values.</summary>
[Flags]
public enum MapFlags : uint
{
    None = 0,
    NoPrealloc = 1 << 0,
    NoCommonLru = 1 << 1,
    NumaNode = 1 << 2,
    Rdonly = 1 << 3,
    Wronly = 1 << 4,
    StackBuildId = 1 << 5,
    ZeroSeed = 1 << 6,
    RdonlyProg = 1 << 7,
    WronlyProg = 1 << 8,
    Clone = 1 << 9,
    Mmapable = 1 << 10,
    PreserveElems = 1 << 11,
    InnerMap = 1 << 12,
    Link = 1 << 13,
    PathFd = 1 << 14,
    VtypeBtfObjFd = 1 << 15,
    TokenFd = 1 << 16,
    SegvOnFault = 1 << 17,
    NoUserConv = 1 << 18,

    /// <summary><c>BPF_F_ACCESS_MASK</c>: the four syscall/program access flags.</summary>
    AccessMask = Rdonly | Wronly | RdonlyProg | WronlyProg,
}
