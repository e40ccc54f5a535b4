namespace P4Bpf.Ebpf.Kernel;

/// <summary>Byte offsets of the <c>union bpf_attr</c> members we fill, per command (from <c>linux/bpf.h</c>, little-endian x86-64/arm64 layout).</summary>
/// <remarks>We pass <see cref="Size"/> zeroed bytes; the kernel requires every byte past the members it knows to be zero.</remarks>
internal static class BpfAttrLayout
{
    public const int Size = 144;

    /// <summary>BPF_OBJ_NAME_LEN: names are at most 15 characters plus the terminating NUL.</summary>
    public const int ObjNameLength = 16;

    // BPF_MAP_CREATE
    public const int MapType = 0;
    public const int KeySize = 4;
    public const int ValueSize = 8;
    public const int MaxEntries = 12;
    public const int MapFlags = 16;
    public const int InnerMapFd = 20;
    public const int NumaNode = 24;
    public const int MapName = 28;
    public const int MapIfindex = 44;
    public const int BtfFd = 48;
    public const int BtfKeyTypeId = 52;
    public const int BtfValueTypeId = 56;
    public const int BtfVmlinuxValueTypeId = 60;
    public const int MapExtra = 64;

    // BPF_MAP_*_ELEM, BPF_MAP_GET_NEXT_KEY, BPF_MAP_FREEZE
    public const int ElemMapFd = 0;
    public const int ElemKey = 8;
    public const int ElemValue = 16;
    public const int ElemNextKey = 16;
    public const int ElemFlags = 24;

    // BPF_MAP_LOOKUP_BATCH
    public const int BatchIn = 0;
    public const int BatchOut = 8;
    public const int BatchKeys = 16;
    public const int BatchValues = 24;
    public const int BatchCount = 32;
    public const int BatchMapFd = 36;
    public const int BatchElemFlags = 40;
    public const int BatchFlags = 48;

    // BPF_PROG_LOAD
    public const int ProgType = 0;
    public const int InsnCount = 4;
    public const int Insns = 8;
    public const int License = 16;
    public const int LogLevel = 24;
    public const int LogSize = 28;
    public const int LogBuf = 32;
    public const int KernVersion = 40;
    public const int ProgFlags = 44;
    public const int ProgName = 48;
    public const int ProgIfindex = 64;
    public const int ExpectedAttachType = 68;
    public const int ProgBtfFd = 72;

    // BPF_OBJ_PIN, BPF_OBJ_GET
    public const int Pathname = 0;
    public const int PinBpfFd = 8;
    public const int FileFlags = 12;

    // BPF_PROG_TEST_RUN
    public const int TestProgFd = 0;
    public const int TestRetval = 4;
    public const int TestDataSizeIn = 8;
    public const int TestDataSizeOut = 12;
    public const int TestDataIn = 16;
    public const int TestDataOut = 24;
    public const int TestRepeat = 32;
    public const int TestDuration = 36;
    public const int TestCtxSizeIn = 40;
    public const int TestCtxSizeOut = 44;
    public const int TestCtxIn = 48;
    public const int TestCtxOut = 56;
    public const int TestFlags = 64;
    public const int TestCpu = 68;
    public const int TestBatchSize = 72;

    // BPF_BTF_LOAD
    public const int Btf = 0;
    public const int BtfLogBuf = 8;
    public const int BtfSize = 16;
    public const int BtfLogSize = 20;
    public const int BtfLogLevel = 24;

    // BPF_OBJ_GET_INFO_BY_FD
    public const int InfoBpfFd = 0;
    public const int InfoLength = 4;
    public const int Info = 8;

    // BPF_LINK_CREATE (tcx: relative_fd, expected_revision), BPF_LINK_DETACH
    public const int LinkProgFd = 0;
    public const int LinkTargetIfindex = 4;
    public const int LinkAttachType = 8;
    public const int LinkFlags = 12;
    public const int LinkTcxRelativeFd = 16;
    public const int LinkTcxExpectedRevision = 24;
    public const int LinkDetachFd = 0;

    // BPF_LINK_UPDATE: link_fd, new_prog_fd, flags (BPF_F_REPLACE), old_prog_fd
    public const int LinkUpdateFd = 0;
    public const int LinkUpdateNewProgFd = 4;
    public const int LinkUpdateFlags = 8;
    public const int LinkUpdateOldProgFd = 12;
    public const uint LinkUpdateReplace = 1u << 2;
}
