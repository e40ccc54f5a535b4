using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Vm;

/// <summary>A pre-decoded instruction slot for the interpreter loop (16 bytes).</summary>
/// <remarks><see cref="Off"/> is the memory displacement, or the branch/local-call offset from the next slot (gotol's and call's imm moved here);
/// <see cref="Aux"/> is the ALU variant (1 = signed, 8/16/32 = movsx width) or the atomic operation.</remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct VmInsn
{
    public byte Code;
    public byte Dst;
    public byte Src;
    public byte Aux;
    public int Off;
    public long Imm;
}
