namespace P4Bpf.Ebpf.Verifier;

/// <summary>The abstract value of one register (the kernel's <c>bpf_reg_state</c>).</summary>
/// <remarks>For pointers, <see cref="Off"/> is the fixed offset and <see cref="Var"/> the variable offset; for scalars <see cref="Var"/> is the value.</remarks>
internal struct RegState : IEquatable<RegState>
{
    public RegType Type;
    public Scalar Var;
    public int Off;
    /// <summary>Shared by copies of one map lookup / packet pointer so that a null check or a bounds check refines all of them.</summary>
    public uint Id;
    /// <summary>The acquired reference (ring buffer record) this pointer belongs to; 0 when none.</summary>
    public uint RefObjId;
    /// <summary>Packet pointers: bytes proven readable from this pointer.</summary>
    public int Range;
    /// <summary>Map pointers and map values: the map's index.</summary>
    public int MapIndex;
    /// <summary>Memory pointers: the size of the object.</summary>
    public int MemSize;
    /// <summary>Stack pointers: the frame they point into; funcs: the subprogram's first instruction.</summary>
    public int Frame;

    public static RegState NotInit => default;

    public static RegState ScalarOf(Scalar value) => new() { Type = RegType.Scalar, Var = value };

    public static RegState UnknownScalar => ScalarOf(Scalar.Unknown);

    public static RegState Const(ulong value) => ScalarOf(Scalar.Const(value));

    public static RegState Pointer(RegType type, int off = 0) => new() { Type = type, Var = Scalar.Const(0), Off = off };

    public readonly bool IsPointer => Type is not (RegType.NotInit or RegType.Scalar);

    public readonly bool IsPacketPointer => Type is RegType.Packet or RegType.PacketMeta;

    public readonly bool IsMaybeNull => Type is RegType.MapValueOrNull or RegType.MemOrNull;

    public readonly bool Equals(RegState o) =>
        Type == o.Type && Var.Equals(o.Var) && Off == o.Off && Id == o.Id && RefObjId == o.RefObjId
        && Range == o.Range && MapIndex == o.MapIndex && MemSize == o.MemSize && Frame == o.Frame;

    public override readonly bool Equals(object? obj) => obj is RegState r && Equals(r);

    public override readonly int GetHashCode() => HashCode.Combine(Type, Off, Id, Var.GetHashCode());

    /// <summary>The kernel log form, e.g. <c>pkt(id=0,off=14,r=0)</c> or <c>scalar(umax=255)</c>.</summary>
    public readonly string Describe()
    {
        switch (Type)
        {
            case RegType.NotInit:
                return "?";
            case RegType.Scalar:
                return Var.IsConst ? Var.ToString() : "scalar" + Var;
        }
        var parts = new List<string>();
        if (Id != 0)
        {
            parts.Add($"id={Id}");
        }
        if (RefObjId != 0)
        {
            parts.Add($"ref_obj_id={RefObjId}");
        }
        if (Off != 0)
        {
            parts.Add($"off={Off}");
        }
        if (IsPacketPointer)
        {
            parts.Add($"r={Range}");
        }
        if (Type is RegType.Mem or RegType.MemOrNull)
        {
            parts.Add($"sz={MemSize}");
        }
        if (Type is RegType.MapValue or RegType.MapValueOrNull or RegType.ConstMapPtr)
        {
            parts.Add($"map={MapIndex}");
        }
        if (!Var.IsConst)
        {
            parts.Add("var_off=" + Var.Var + Var);
        }
        return Type.KernelName() + "(" + string.Join(",", parts) + ")";
    }

    /// <summary>The form the kernel uses in packet access errors: <c>(id=0,off=14,r=0)</c>.</summary>
    public readonly string PacketForm() => $"(id={Id},off={Off},r={Range})";
}
