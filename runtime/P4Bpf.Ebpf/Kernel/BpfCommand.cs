namespace P4Bpf.Ebpf.Kernel;

/// <summary>The <c>cmd</c> argument of the <c>bpf()</c> syscall (<c>enum bpf_cmd</c>), with the kernel's values.</summary>
public enum BpfCommand
{
    MapCreate = 0,
    MapLookupElem = 1,
    MapUpdateElem = 2,
    MapDeleteElem = 3,
    MapGetNextKey = 4,
    ProgLoad = 5,
    ObjPin = 6,
    ObjGet = 7,
    ProgTestRun = 10,
    ObjGetInfoByFd = 15,
    BtfLoad = 18,
    MapLookupAndDeleteElem = 21,
    MapFreeze = 22,
    MapLookupBatch = 24,
    LinkCreate = 28,
    LinkUpdate = 29,
    LinkDetach = 34,
}
