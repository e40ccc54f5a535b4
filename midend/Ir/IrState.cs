namespace P4Bpf.Midend.Ir;

/// <summary>What a storage slot holds; the harness reads and writes <see cref="Pipeline"/> slots.</summary>
public enum SlotRole
{
    /// <summary>A header, header stack or header union instance.</summary>
    Header,

    /// <summary>User metadata or a struct of headers' non-header parts.</summary>
    Metadata,

    /// <summary>A local variable or compiler temporary.</summary>
    Local,

    /// <summary>Architecture metadata the switch harness reads and writes between stages (standard_metadata, PSA in/out metadata, intrinsics).</summary>
    Pipeline,
}

/// <summary>A named storage slot at a fixed byte offset in the per-packet state area.</summary>
public sealed record IrSlot(string Name, IrType Type, int Offset, SlotRole Role)
{
    public int Size => Type.StorageSize;

    public override string ToString() => $"{Name}: {Type} @{Offset}+{Size} {Role.ToString().ToLowerInvariant()}";
}

/// <summary>The per-packet state area: every slot of every stage, laid out once (stages share it).</summary>
public sealed record StateLayout(IrList<IrSlot> Slots, int Size)
{
    public static readonly StateLayout Empty = new(IrList<IrSlot>.Empty, 0);

    public IrSlot? Find(string name) => Slots.FirstOrDefault(s => s.Name == name);

    public IrSlot Slot(string name) => Find(name) ?? throw new KeyNotFoundException($"no slot {name} in the state area");

    public SlotRef Ref(string name) => new(name, Slot(name).Type);

    /// <summary>Lays slots out in the given order, each aligned to its type, the total rounded up to 8 bytes.</summary>
    public static StateLayout Build(IEnumerable<(string Name, IrType Type, SlotRole Role)> slots)
    {
        var list = new List<IrSlot>();
        var offset = 0;
        foreach (var (name, type, role) in slots)
        {
            if (list.Any(s => s.Name == name))
            {
                throw new ArgumentException($"duplicate slot {name}");
            }
            offset = IrType.AlignUp(offset, Math.Max(1, type.StorageAlign));
            list.Add(new IrSlot(name, type, offset, role));
            offset += type.StorageSize;
        }
        return new StateLayout(list.ToIrList(), IrType.AlignUp(offset, 8));
    }

    /// <summary>Appends slots after the existing ones (existing offsets are kept).</summary>
    public StateLayout Add(IEnumerable<(string Name, IrType Type, SlotRole Role)> slots) =>
        Build(Slots.Select(s => (s.Name, s.Type, s.Role)).Concat(slots));
}
