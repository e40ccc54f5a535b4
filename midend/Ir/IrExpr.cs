using System.Numerics;

namespace P4Bpf.Midend.Ir;

/// <summary>A typed expression of the lowered program; every node carries its result type.</summary>
public abstract record IrExpr
{
    public abstract IrType Type { get; }

    /// <summary>True for expressions that denote storage (slots, fields, stack elements, next index).</summary>
    public virtual bool IsLValue => false;
}

/// <summary>A constant of a bit, int or bool type (bool: 0 or 1). Values are kept reduced to the type's width.</summary>
public sealed record IrConstant(BigInteger Value, IrType Type) : IrExpr
{
    public override IrType Type { get; } = Type;

    public static IrConstant Bool(bool value) => new(value ? BigInteger.One : BigInteger.Zero, BoolType.Instance);

    public static IrConstant Bits(BigInteger value, int width, bool signed = false) => Of(value, new BitType(width, signed));

    /// <summary>A constant reduced modulo 2^W (signed types keep the two's-complement value in range).</summary>
    public static IrConstant Of(BigInteger value, IrType type) => new(Normalize(value, type), type);

    public static BigInteger Normalize(BigInteger value, IrType type)
    {
        switch (type)
        {
            case BoolType:
                return value.IsZero ? BigInteger.Zero : BigInteger.One;
            case BitType bit:
                var modulus = BigInteger.One << bit.Width;
                var reduced = ((value % modulus) + modulus) % modulus;
                if (bit.Signed && reduced >= modulus >> 1)
                {
                    reduced -= modulus;
                }
                return reduced;
            default:
                return value;
        }
    }

    /// <summary>The value as its unsigned bit pattern of the type's width.</summary>
    public BigInteger UnsignedBits => Type is BitType { Signed: true } b && Value.Sign < 0 ? Value + (BigInteger.One << b.Width) : Value;

    public bool IsTrue => !Value.IsZero;
}

/// <summary>A whole storage slot of the state area, by name.</summary>
public sealed record SlotRef(string Slot, IrType Type) : IrExpr
{
    public override IrType Type { get; } = Type;

    public override bool IsLValue => true;
}

/// <summary>A field of a header or struct, or a member of a header union.</summary>
public sealed record FieldRef(IrExpr Base, string Field, IrType Type) : IrExpr
{
    public override IrType Type { get; } = Type;

    public override bool IsLValue => true;

    /// <summary>Builds a field reference, taking the field type from the base type.</summary>
    public static FieldRef Of(IrExpr baseExpr, string field) => new(baseExpr, field, baseExpr.Type switch
    {
        HeaderType h => h.Field(field).Type,
        StructType s => s.Field(field).Type,
        HeaderUnionType u => u.Member(field).Type,
        var t => throw new ArgumentException($"{t} has no fields"),
    });
}

/// <summary>Element <c>Index</c> of a header stack; a non-constant index is bounds-checked at run time.</summary>
public sealed record StackElementRef(IrExpr Stack, IrExpr Index, IrType Type) : IrExpr
{
    public override IrType Type { get; } = Type;

    public override bool IsLValue => true;
}

/// <summary>The next-index counter of a header stack (bit&lt;32&gt;), which <c>next</c>, <c>last</c> and <c>push/pop</c> use.</summary>
public sealed record StackNextIndexRef(IrExpr Stack) : IrExpr
{
    public override IrType Type => BitType.Bit32;

    public override bool IsLValue => true;
}

/// <summary>The current length in bits of a varbit field (bit&lt;32&gt;).</summary>
public sealed record VarbitLengthRef(IrExpr Field) : IrExpr
{
    public override IrType Type => BitType.Bit32;
}

/// <summary><c>h.isValid()</c> of a header (or a header union: any member valid).</summary>
public sealed record IsValidExpr(IrExpr Header) : IrExpr
{
    public override IrType Type => BoolType.Instance;
}

/// <summary>A parameter of the enclosing action; its value comes from the table entry (or the direct call).</summary>
public sealed record ParamRef(string Name, IrType Type) : IrExpr
{
    public override IrType Type { get; } = Type;
}

/// <summary>Values the target provides, not stored in the state area.</summary>
public enum IntrinsicValueKind
{
    /// <summary>Length of the packet in bytes as it arrived at this stage.</summary>
    PacketLength,

    /// <summary>Monotonic time in nanoseconds.</summary>
    TimestampNs,

    /// <summary>Bytes consumed by the parser so far (the packet cursor).</summary>
    ParserOffset,

    /// <summary>The interface index the packet arrived on (kernel hooks).</summary>
    IngressIfindex,
}

/// <summary>A value the target provides (packet length, time, cursor).</summary>
public sealed record IntrinsicValue(IntrinsicValueKind Kind, IrType Type) : IrExpr
{
    public override IrType Type { get; } = Type;
}

public enum UnaryOp
{
    /// <summary>Two's-complement negation <c>-x</c>.</summary>
    Negate,

    /// <summary>Bitwise complement <c>~x</c>.</summary>
    Complement,

    /// <summary>Logical not <c>!b</c>.</summary>
    Not,
}

public sealed record UnaryExpr(UnaryOp Op, IrExpr Operand, IrType Type) : IrExpr
{
    public override IrType Type { get; } = Type;
}

public enum BinaryOp
{
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Shl,
    Shr,
    BitAnd,
    BitOr,
    BitXor,

    /// <summary>Saturating addition <c>|+|</c>.</summary>
    AddSat,

    /// <summary>Saturating subtraction <c>|-|</c>.</summary>
    SubSat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,

    /// <summary>Short-circuit <c>&amp;&amp;</c>.</summary>
    And,

    /// <summary>Short-circuit <c>||</c>.</summary>
    Or,
}

/// <summary>A binary operation; comparisons and logical operators have type bool, the rest the operand type (shifts: the left operand's type).</summary>
public sealed record BinaryExpr(BinaryOp Op, IrExpr Left, IrExpr Right, IrType Type) : IrExpr
{
    public override IrType Type { get; } = Type;

    public static bool IsComparison(BinaryOp op) => op is BinaryOp.Eq or BinaryOp.Ne or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge;

    public static bool IsLogical(BinaryOp op) => op is BinaryOp.And or BinaryOp.Or;

    /// <summary>Builds a binary expression with the result type P4 gives it.</summary>
    public static BinaryExpr Make(BinaryOp op, IrExpr left, IrExpr right) =>
        new(op, left, right, IsComparison(op) || IsLogical(op) ? BoolType.Instance : left.Type);
}

/// <summary>Bit slice <c>e[Hi:Lo]</c>, type bit&lt;Hi-Lo+1&gt;.</summary>
public sealed record SliceExpr(IrExpr Operand, int Hi, int Lo) : IrExpr
{
    public override IrType Type => new BitType(Hi - Lo + 1);
}

/// <summary>Concatenation <c>l ++ r</c>; the left operand supplies the high bits.</summary>
public sealed record ConcatExpr(IrExpr Left, IrExpr Right) : IrExpr
{
    public override IrType Type => new BitType(((BitType)Left.Type).Width + ((BitType)Right.Type).Width, ((BitType)Left.Type).Signed);
}

/// <summary>A cast between bit/int widths and signedness, or between bool and bit&lt;1&gt;.</summary>
public sealed record CastExpr(IrExpr Operand, IrType Type) : IrExpr
{
    public override IrType Type { get; } = Type;
}

/// <summary><c>c ? a : b</c>.</summary>
public sealed record MuxExpr(IrExpr Condition, IrExpr WhenTrue, IrExpr WhenFalse) : IrExpr
{
    public override IrType Type => WhenTrue.Type;
}
