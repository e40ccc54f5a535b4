using P4Bpf.Front.Text;
using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;
using IrBit = P4Bpf.Midend.Ir.BitType;
using IrBool = P4Bpf.Midend.Ir.BoolType;
using IrStruct = P4Bpf.Midend.Ir.StructType;
using IrVarbit = P4Bpf.Midend.Ir.VarbitType;
using P4Struct = P4Bpf.Front.Typed.StructType;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    private readonly Dictionary<P4Type, IrType> typeCache = new();

    /// <summary>The IR type of a P4 type: bit layouts for headers, natural layouts for structs; enums and errors are bit&lt;32&gt; (or the enum's underlying type).</summary>
    private IrType LowerType(P4Type type, TextSpan span)
    {
        if (typeCache.TryGetValue(type, out var cached))
        {
            return cached;
        }
        IrType result = type switch
        {
            BitsType { Width: > 0 } b => new IrBit(b.Width, b.IsSigned),
            Front.Typed.BoolType => IrBool.Instance,
            Front.Typed.VarbitType v => new IrVarbit(v.MaxWidth),
            ErrorCodeType => IrBit.Bit32,
            EnumType e => e.UnderlyingType is { } u ? new IrBit(u.Width, u.IsSigned) : IrBit.Bit32,
            NewType n => LowerType(n.UnderlyingType, span),
            P4Struct s => LowerStruct(s, span),
            StackType { ElementType: P4Struct { Kind: StructKind.Header or StructKind.HeaderUnion } h } st => new HeaderStackType(LowerType(h, span), st.Size),
            TupleType t => IrStruct.Create("tuple" + t.Elements.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                t.Elements.Select((e, i) => ("f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), LowerType(e, span))).ToArray()),
            IntType => throw new LoweringException(span, "a value of type 'int' whose width the type checker did not fix"),
            _ => throw new LoweringException(span, $"values of type '{type.Display}'"),
        };
        typeCache[type] = result;
        return result;
    }

    private IrType LowerStruct(P4Struct s, TextSpan span)
    {
        var name = s.Declaration is null ? "anon" : s.Display.Replace(" ", "", StringComparison.Ordinal);
        switch (s.Kind)
        {
            case StructKind.Header:
            {
                var fields = s.Fields.Select(f => (f.Name, LowerType(f.Type, span))).ToArray();
                foreach (var (fname, ftype) in fields)
                {
                    if (ftype is not (IrBit or IrBool or IrVarbit) && !IsScalarStruct(ftype))
                    {
                        throw new LoweringException(span, $"header field {s.Name}.{fname} of type {ftype}");
                    }
                }
                return fields.Any(f => f.Item2 is IrStruct) ? HeaderType.CreateWithStructs(name, fields) : HeaderType.Create(name, fields);
            }
            case StructKind.HeaderUnion:
                return HeaderUnionType.Create(name, s.Fields.Select(f => (f.Name, LowerType(f.Type, span) as HeaderType
                    ?? throw new LoweringException(span, $"union member {s.Name}.{f.Name} that is not a header"))).ToArray());
            default:
                foreach (var (slotName, irType, _) in arch.Slots)
                {
                    if (irType is IrStruct archStruct && archStruct.Name == s.Name)
                    {
                        return archStruct;
                    }
                }
                return IrStruct.Create(name, s.Fields.Select(f => (f.Name, LowerType(f.Type, span))).ToArray());
        }
    }

    /// <summary>A struct whose fields are bit, bool or such structs (allowed inside headers).</summary>
    private static bool IsScalarStruct(IrType type) => type is IrStruct st && st.Fields.All(f => f.Type is IrBit or IrBool || IsScalarStruct(f.Type));

    /// <summary>True when values of the type live in a register (bit, int, bool, enum, error).</summary>
    private static bool IsScalar(IrType type) => type is IrBit { Width: <= 64 } or IrBool;
}
