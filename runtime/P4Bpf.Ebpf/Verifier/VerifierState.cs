namespace P4Bpf.Ebpf.Verifier;

/// <summary>An acquired reference (a reserved ring buffer record) that must be released on every path.</summary>
internal readonly record struct AcquiredRef(uint Id, int AllocPc);

/// <summary>The whole abstract machine state on one path: the call frames, held references and the spin lock (the kernel's <c>bpf_verifier_state</c>).</summary>
internal sealed class VerifierState
{
    public List<FuncState> Frames = [];
    public List<AcquiredRef> Refs = [];
    /// <summary>The map value holding the taken spin lock: its map index and the id of the pointer (0 when no lock is held).</summary>
    public int LockMap = -1;
    public uint LockId;

    public FuncState Cur => Frames[^1];

    public RegState[] Regs => Frames[^1].Regs;

    public VerifierState Clone()
    {
        var s = new VerifierState { Refs = [.. Refs], LockMap = LockMap, LockId = LockId };
        foreach (var f in Frames)
        {
            s.Frames.Add(f.Clone());
        }
        return s;
    }


    /// <summary>Applies <paramref name="update"/> to every register and spilled register.</summary>
    public void ForEachReg(RefAction update)
    {
        foreach (var f in Frames)
        {
            for (var i = 0; i < f.Regs.Length; i++)
            {
                update(ref f.Regs[i]);
            }
            for (var s = 0; s < f.Stack.Spills.Length; s++)
            {
                if (f.Stack.Bytes[s * 8] == StackByte.Spill)
                {
                    update(ref f.Stack.Spills[s]);
                }
            }
        }
    }

    public delegate void RefAction(ref RegState reg);
}
