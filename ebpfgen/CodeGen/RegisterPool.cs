using P4Bpf.Ebpf.Isa;

namespace P4Bpf.EbpfGen.CodeGen;

/// <summary>Allocates the scratch registers r0–r5 for expression evaluation; r6–r9 are reserved (state, context, packet data, cursor).</summary>
internal sealed class RegisterPool
{
    private readonly bool[] used = new bool[6];

    public int FreeCount => used.Count(u => !u);

    public bool TryAllocate(out Register reg)
    {
        // Prefer r1–r5 first so r0 stays free for helper results where possible.
        foreach (var i in new[] { 1, 2, 3, 4, 5, 0 })
        {
            if (!used[i])
            {
                used[i] = true;
                reg = new Register((byte)i);
                return true;
            }
        }
        reg = default;
        return false;
    }

    public void Free(Register reg)
    {
        if (reg.Index < 6)
        {
            used[reg.Index] = false;
        }
    }

    public bool IsFree(Register reg) => reg.Index < 6 && !used[reg.Index];

    public void Reserve(Register reg) => used[reg.Index] = true;

    public bool AllFree => used.All(u => !u);
}
