namespace P4Bpf.Midend.Ir;

/// <summary>A lowered P4 type with an exact bit layout on the wire and an exact byte layout in the state area.</summary>
/// <remarks>
/// Storage (host) layout rules, used by every pass and by the code generator:
/// scalars of width W ≤ 64 take 1, 2, 4 or 8 bytes (little-endian, naturally aligned);
/// wider bit fields are byte arrays in network order; booleans take one byte.
/// </remarks>
public abstract record IrType
{
    /// <summary>Bytes this type occupies in the state area.</summary>
    public abstract int StorageSize { get; }

    /// <summary>Alignment of this type in the state area.</summary>
    public abstract int StorageAlign { get; }

    /// <summary>True for bit, int and bool values that fit a 64-bit register.</summary>
    public virtual bool IsScalar => false;

    public abstract override string ToString();

    /// <summary>Scalar storage size for a bit width: 1, 2, 4 or 8 bytes, or the byte count rounded up when wider.</summary>
    public static int ScalarBytes(int width) => width switch
    {
        <= 8 => 1,
        <= 16 => 2,
        <= 32 => 4,
        <= 64 => 8,
        _ => (width + 7) / 8,
    };

    public static int AlignUp(int value, int align) => (value + align - 1) / align * align;
}

/// <summary><c>bit&lt;W&gt;</c> (unsigned) or <c>int&lt;W&gt;</c> (signed, two's complement).</summary>
public sealed record BitType(int Width, bool Signed = false) : IrType
{
    public static readonly BitType Bit1 = new(1);
    public static readonly BitType Bit8 = new(8);
    public static readonly BitType Bit16 = new(16);
    public static readonly BitType Bit32 = new(32);
    public static readonly BitType Bit48 = new(48);
    public static readonly BitType Bit64 = new(64);

    public override int StorageSize => ScalarBytes(Width);

    public override int StorageAlign => Width <= 64 ? StorageSize : 1;

    public override bool IsScalar => Width <= 64;

    /// <summary>True when the value is stored as a big-endian byte array (wider than 64 bits).</summary>
    public bool IsWide => Width > 64;

    public override string ToString() => (Signed ? "int<" : "bit<") + Width + ">";
}

/// <summary><c>bool</c>, stored as one byte holding 0 or 1.</summary>
public sealed record BoolType : IrType
{
    public static readonly BoolType Instance = new();

    public override int StorageSize => 1;

    public override int StorageAlign => 1;

    public override bool IsScalar => true;

    public override string ToString() => "bool";
}

/// <summary><c>varbit&lt;MaxWidth&gt;</c>: a 2-byte current length in bits followed by MaxWidth/8 bytes in network order.</summary>
public sealed record VarbitType(int MaxWidth) : IrType
{
    public int MaxBytes => (MaxWidth + 7) / 8;

    public override int StorageSize => 2 + MaxBytes;

    public override int StorageAlign => 2;

    public override string ToString() => "varbit<" + MaxWidth + ">";
}

/// <summary>A field of a header or struct: wire position (headers only) and storage offset within the aggregate.</summary>
public sealed record IrField(string Name, IrType Type, int BitOffset, int StorageOffset)
{
    /// <summary>Wire width in bits (varbit: the maximum width).</summary>
    public int Width => Type switch
    {
        BitType b => b.Width,
        BoolType => 1,
        VarbitType v => v.MaxWidth,
        _ => 0,
    };

    public override string ToString() => Type + " " + Name;
}

/// <summary>A header: fields in wire order, a validity byte at storage offset 0, and the wire size in bytes (varbit at its maximum).</summary>
public sealed record HeaderType(string Name, IrList<IrField> Fields, int WireBits, int StorageBytes) : IrType
{
    /// <summary>Storage offset of the validity byte (always 0).</summary>
    public const int ValidOffset = 0;

    public int WireBytes => (WireBits + 7) / 8;

    /// <summary>Wire bits of the fixed part (everything except a varbit field).</summary>
    public int FixedWireBits => Fields.Where(f => f.Type is not VarbitType).Sum(f => f.Width);

    public IrField? VarbitField => Fields.FirstOrDefault(f => f.Type is VarbitType);

    public override int StorageSize => StorageBytes;

    public override int StorageAlign => 8;

    /// <summary>Structs nested in the header (P4 allows struct-typed header fields): each is a view (a field of StructType) over
    /// the flattened scalar fields <c>s.f</c> that lie at its storage offset; <see cref="Field"/> finds both.</summary>
    public IrList<IrField> Groups { get; init; } = IrList<IrField>.Empty;

    public IrField Field(string name) =>
        Fields.FirstOrDefault(f => f.Name == name) ?? Groups.FirstOrDefault(g => g.Name == name)
        ?? throw new KeyNotFoundException($"header {Name} has no field {name}");

    /// <summary>
    /// Builds a header whose fields may be structs of scalars: a struct field <c>s</c> becomes the scalar fields <c>s.f</c> (in wire
    /// order, at the struct's own storage layout from an offset aligned for it) plus a group <c>s</c> of the struct type over them.
    /// </summary>
    public static HeaderType CreateWithStructs(string name, params (string Name, IrType Type)[] fields)
    {
        var list = new List<IrField>();
        var groups = new List<IrField>();
        var bit = 0;
        var offset = 1;
        void AddStruct(string prefix, StructType st, int at)
        {
            foreach (var f in st.Fields)
            {
                switch (f.Type)
                {
                    case StructType inner:
                        AddStruct(prefix + "." + f.Name, inner, at + f.StorageOffset);
                        break;
                    case BitType or BoolType:
                    {
                        var field = new IrField(prefix + "." + f.Name, f.Type, bit, at + f.StorageOffset);
                        list.Add(field);
                        bit += field.Width;
                        break;
                    }
                    default:
                        throw new ArgumentException($"header field {name}.{prefix}.{f.Name} must be bit, int, bool or a struct of them, not {f.Type}");
                }
            }
        }
        foreach (var (fname, ftype) in fields)
        {
            if (ftype is StructType st)
            {
                offset = AlignUp(offset, st.StorageAlign);
                groups.Add(new IrField(fname, st, bit, offset));
                AddStruct(fname, st, offset);
                offset += st.StorageSize;
                continue;
            }
            if (ftype is not (BitType or BoolType or VarbitType))
            {
                throw new ArgumentException($"header field {name}.{fname} must be bit, int, bool, varbit or a struct, not {ftype}");
            }
            offset = AlignUp(offset, ftype.StorageAlign);
            var field = new IrField(fname, ftype, bit, offset);
            list.Add(field);
            bit += field.Width;
            offset += ftype.StorageSize;
        }
        return new HeaderType(name, list.ToIrList(), bit, AlignUp(offset, 8)) { Groups = groups.ToIrList() };
    }

    /// <summary>Builds a header, laying out wire bit offsets in order and storage offsets after the validity byte.</summary>
    public static HeaderType Create(string name, params (string Name, IrType Type)[] fields)
    {
        var list = new List<IrField>();
        var bit = 0;
        var offset = 1;
        foreach (var (fname, ftype) in fields)
        {
            if (ftype is not (BitType or BoolType or VarbitType))
            {
                throw new ArgumentException($"header field {name}.{fname} must be bit, int, bool or varbit, not {ftype}");
            }
            offset = AlignUp(offset, ftype.StorageAlign);
            var field = new IrField(fname, ftype, bit, offset);
            list.Add(field);
            bit += field.Width;
            offset += ftype.StorageSize;
        }
        return new HeaderType(name, list.ToIrList(), bit, AlignUp(offset, 8));
    }

    public override string ToString() => "header " + Name;

}

/// <summary>A struct of fields laid out in declaration order with natural alignment.</summary>
public sealed record StructType(string Name, IrList<IrField> Fields, int StorageBytes) : IrType
{
    public override int StorageSize => StorageBytes;

    public override int StorageAlign => 8;

    public IrField Field(string name) =>
        Fields.FirstOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"struct {Name} has no field {name}");

    public static StructType Create(string name, params (string Name, IrType Type)[] fields)
    {
        var list = new List<IrField>();
        var offset = 0;
        foreach (var (fname, ftype) in fields)
        {
            offset = AlignUp(offset, ftype.StorageAlign);
            list.Add(new IrField(fname, ftype, 0, offset));
            offset += ftype.StorageSize;
        }
        return new StructType(name, list.ToIrList(), AlignUp(Math.Max(offset, 1), 8));
    }

    public override string ToString() => "struct " + Name;

}

/// <summary>A header stack <c>H[Size]</c> (elements are headers or header unions): a 4-byte next index followed by the elements.</summary>
public sealed record HeaderStackType : IrType
{
    public const int NextIndexOffset = 0;
    public const int ElementsOffset = 8;

    public HeaderStackType(IrType element, int size)
    {
        if (element is not (HeaderType or HeaderUnionType))
        {
            throw new ArgumentException($"a header stack's elements are headers or header unions, not {element}", nameof(element));
        }
        Element = element;
        Size = size;
    }

    /// <summary>The element type: a <see cref="HeaderType"/> or a <see cref="HeaderUnionType"/>.</summary>
    public IrType Element { get; init; }

    public int Size { get; init; }

    /// <summary>The element type's name (header or union).</summary>
    public string ElementName => Element switch
    {
        HeaderType h => h.Name,
        HeaderUnionType u => u.Name,
        var t => t.ToString(),
    };

    public int ElementBytes => Element.StorageSize;

    public int ElementOffset(int index) => ElementsOffset + index * ElementBytes;

    public override int StorageSize => ElementsOffset + Size * ElementBytes;

    public override int StorageAlign => 8;

    public override string ToString() => ElementName + "[" + Size + "]";
}

/// <summary>A header union: each member header has its own storage; at most one member is valid.</summary>
public sealed record HeaderUnionType(string Name, IrList<IrField> Members, int StorageBytes) : IrType
{
    public override int StorageSize => StorageBytes;

    public override int StorageAlign => 8;

    public IrField Member(string name) =>
        Members.FirstOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"union {Name} has no member {name}");

    public static HeaderUnionType Create(string name, params (string Name, HeaderType Type)[] members)
    {
        var list = new List<IrField>();
        var offset = 0;
        foreach (var (mname, mtype) in members)
        {
            list.Add(new IrField(mname, mtype, 0, offset));
            offset += mtype.StorageBytes;
        }
        return new HeaderUnionType(name, list.ToIrList(), offset);
    }

    public override string ToString() => "header_union " + Name;

}
