namespace P4Bpf.Midend.Ir;

/// <summary>A control block (or deparser) after lowering: its parameters are bound to state slots, so only a body remains.</summary>
public sealed record IrControl(string Name, Block Body);

/// <summary>A typed action parameter; its value comes from the table entry's action data (directionless) or the call site.</summary>
public sealed record ActionParam(string Name, IrType Type);

/// <summary>An action: parameters and a body (globally unique name after lowering).</summary>
public sealed record IrAction(string Name, IrList<ActionParam> Params, Block Body)
{
    /// <summary>Bytes of packed action data (each parameter at its scalar storage size, in order, naturally aligned).</summary>
    public int ParamBytes => ParamOffsets().Sum;

    /// <summary>Offsets of each parameter within packed action data, and the total size rounded to 4 bytes.</summary>
    public (int[] Offsets, int Sum) ParamOffsets()
    {
        var offsets = new int[Params.Count];
        var offset = 0;
        for (var i = 0; i < Params.Count; i++)
        {
            var type = Params[i].Type;
            offset = IrType.AlignUp(offset, type.StorageAlign);
            offsets[i] = offset;
            offset += type.StorageSize;
        }
        return (offsets, IrType.AlignUp(offset, 4));
    }
}
