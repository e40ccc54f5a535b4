using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Btf;

/// <summary>Parses the BTF wire format into <see cref="BtfType"/> values: first the raw type table, then the model graph.</summary>
internal static class BtfParser
{
    private const int MaxDepth = 256;

    private readonly record struct RawType(BtfKind Kind, uint NameOffset, uint Info, uint SizeOrType, int TrailerOffset)
    {
        public int Vlen => BtfLayout.VlenOf(Info);

        public bool KindFlag => BtfLayout.KindFlagOf(Info);
    }

    public static BtfSpec Parse(ReadOnlySpan<byte> data)
    {
        try
        {
            return ParseCore(data);
        }
        catch (TruncatedDataException e)
        {
            throw new BtfException("BTF is truncated: " + e.Message, e);
        }
    }

    private static BtfSpec ParseCore(ReadOnlySpan<byte> data)
    {
        if (data.Length < BtfLayout.HeaderSize)
        {
            throw new BtfException($"BTF is {data.Length} bytes, shorter than its {BtfLayout.HeaderSize}-byte header");
        }
        var bigEndian = data[0] == (BtfLayout.Magic >> 8) && data[1] == (BtfLayout.Magic & 0xFF);
        var r = new SpanReader(data, bigEndian);
        if (r.U16(BtfLayout.HeaderMagic) != BtfLayout.Magic)
        {
            throw new BtfException($"bad BTF magic 0x{r.U16(BtfLayout.HeaderMagic):x4}");
        }
        if (r.U8(BtfLayout.HeaderVersion) != BtfLayout.Version)
        {
            throw new BtfException($"unsupported BTF version {r.U8(BtfLayout.HeaderVersion)}");
        }
        long headerLength = r.U32(BtfLayout.HeaderLength);
        if (headerLength < BtfLayout.HeaderSize || headerLength > data.Length)
        {
            throw new BtfException($"bad BTF header length {headerLength}");
        }
        var typeStart = headerLength + r.U32(BtfLayout.HeaderTypeOffset);
        long typeLength = r.U32(BtfLayout.HeaderTypeLength);
        var stringStart = headerLength + r.U32(BtfLayout.HeaderStringOffset);
        long stringLength = r.U32(BtfLayout.HeaderStringLength);
        if (!r.Fits(typeStart, typeLength) || !r.Fits(stringStart, stringLength))
        {
            throw new BtfException("BTF type or string section is outside the blob");
        }
        var types = new SpanReader(r.Slice(typeStart, typeLength), bigEndian);
        var strings = new SpanReader(r.Slice(stringStart, stringLength), bigEndian);
        if (stringLength == 0 || strings.U8(0) != 0 || strings.U8(stringLength - 1) != 0)
        {
            throw new BtfException("BTF string section must start and end with NUL");
        }

        var raw = new List<RawType> { new(BtfKind.Unknown, 0, 0, 0, 0) };
        var offset = 0;
        while (offset < types.Length)
        {
            var nameOffset = types.U32(offset + BtfLayout.TypeNameOffset);
            var info = types.U32(offset + BtfLayout.TypeInfo);
            var sizeOrType = types.U32(offset + BtfLayout.TypeSizeOrType);
            var kind = BtfLayout.KindOf(info);
            var vlen = BtfLayout.VlenOf(info);
            var trailer = offset + BtfLayout.TypeSize;
            var trailerSize = kind switch
            {
                BtfKind.Int => BtfLayout.IntTrailerSize,
                BtfKind.Array => BtfLayout.ArrayTrailerSize,
                BtfKind.Struct or BtfKind.Union => vlen * BtfLayout.MemberSize,
                BtfKind.Enum => vlen * BtfLayout.EnumValueSize,
                BtfKind.Enum64 => vlen * BtfLayout.Enum64ValueSize,
                BtfKind.FuncProto => vlen * BtfLayout.ParamSize,
                BtfKind.Var => BtfLayout.VarTrailerSize,
                BtfKind.Datasec => vlen * BtfLayout.VarSecinfoSize,
                BtfKind.DeclTag => BtfLayout.DeclTagTrailerSize,
                BtfKind.Pointer or BtfKind.Forward or BtfKind.Typedef or BtfKind.Volatile or BtfKind.Const
                    or BtfKind.Restrict or BtfKind.Func or BtfKind.Float or BtfKind.TypeTag => 0,
                _ => throw new BtfException($"type id {raw.Count} at offset {offset}: unknown kind {(int)kind}"),
            };
            if (!types.Fits(trailer, trailerSize))
            {
                throw new BtfException($"type id {raw.Count} ({kind}) at offset {offset} is truncated");
            }
            raw.Add(new RawType(kind, nameOffset, info, sizeOrType, trailer));
            offset = trailer + trailerSize;
        }

        var resolver = new Resolver(raw, types.Data, strings.Data, bigEndian);
        var model = new BtfType[raw.Count];
        model[0] = BtfVoid.Instance;
        for (var id = 1; id < raw.Count; id++)
        {
            model[id] = resolver.Resolve((uint)id, 0);
        }
        return new BtfSpec(model, bigEndian);
    }

    /// <summary>Turns raw entries into model values, memoised; a loop back to a type being resolved becomes a forward.</summary>
    private sealed class Resolver(List<RawType> raw, ReadOnlySpan<byte> typeData, ReadOnlySpan<byte> stringData, bool bigEndian)
    {
        private readonly byte[] typeBytes = typeData.ToArray();
        private readonly byte[] stringBytes = stringData.ToArray();
        private readonly BtfType?[] done = new BtfType?[raw.Count];
        private readonly bool[] inProgress = new bool[raw.Count];

        private SpanReader Types => new(typeBytes, bigEndian);

        public BtfType Resolve(uint id, int depth)
        {
            if (id == 0)
            {
                return BtfVoid.Instance;
            }
            if (id >= raw.Count)
            {
                throw new BtfException($"reference to type id {id}, but there are only {raw.Count - 1} types");
            }
            if (done[id] is { } known)
            {
                return known;
            }
            if (depth > MaxDepth)
            {
                throw new BtfException($"type id {id}: type chain deeper than {MaxDepth}");
            }
            var t = raw[(int)id];
            if (inProgress[id])
            {
                return t.Kind is BtfKind.Struct or BtfKind.Union or BtfKind.Forward
                    ? new BtfForward(Name(t.NameOffset), t.Kind == BtfKind.Union || (t.Kind == BtfKind.Forward && t.KindFlag))
                    : throw new BtfException($"type id {id} ({t.Kind}) refers to itself");
            }
            inProgress[id] = true;
            var result = Build(id, t, depth + 1);
            inProgress[id] = false;
            done[id] = result;
            return result;
        }

        private BtfType Build(uint id, RawType t, int depth)
        {
            var r = Types;
            var at = t.TrailerOffset;
            var name = Name(t.NameOffset);
            switch (t.Kind)
            {
                case BtfKind.Int:
                    var encoding = r.U32(at);
                    var size = t.SizeOrType;
                    if (size is not (1 or 2 or 4 or 8 or 16))
                    {
                        throw new BtfException($"type id {id}: int '{name}' has size {size}");
                    }
                    return new BtfInt(name, size, (BtfIntEncoding)((encoding >> 24) & 0xF), (byte)(encoding & 0xFF), (byte)((encoding >> 16) & 0xFF));
                case BtfKind.Float:
                    return new BtfFloat(name, t.SizeOrType);
                case BtfKind.Pointer:
                    return new BtfPointer(Resolve(t.SizeOrType, depth));
                case BtfKind.Array:
                    return new BtfArray(Resolve(r.U32(at), depth), Resolve(r.U32(at + 4), depth), r.U32(at + 8));
                case BtfKind.Struct or BtfKind.Union:
                    var members = new BtfMember[t.Vlen];
                    for (var i = 0; i < members.Length; i++)
                    {
                        var m = at + (i * BtfLayout.MemberSize);
                        var offset = r.U32(m + 8);
                        members[i] = t.KindFlag
                            ? new BtfMember(Name(r.U32(m)), Resolve(r.U32(m + 4), depth), offset & 0xFFFFFF, (byte)(offset >> 24))
                            : new BtfMember(Name(r.U32(m)), Resolve(r.U32(m + 4), depth), offset);
                    }
                    return t.Kind == BtfKind.Struct
                        ? new BtfStruct(name, t.SizeOrType, members)
                        : new BtfUnion(name, t.SizeOrType, members);
                case BtfKind.Enum:
                    var values = new BtfEnumValue[t.Vlen];
                    for (var i = 0; i < values.Length; i++)
                    {
                        var v = at + (i * BtfLayout.EnumValueSize);
                        var raw32 = r.U32(v + 4);
                        values[i] = new BtfEnumValue(Name(r.U32(v)), t.KindFlag ? unchecked((int)raw32) : raw32);
                    }
                    return new BtfEnum(name, t.SizeOrType, t.KindFlag, values);
                case BtfKind.Enum64:
                    var values64 = new BtfEnumValue[t.Vlen];
                    for (var i = 0; i < values64.Length; i++)
                    {
                        var v = at + (i * BtfLayout.Enum64ValueSize);
                        values64[i] = new BtfEnumValue(Name(r.U32(v)), unchecked((long)(r.U32(v + 4) | ((ulong)r.U32(v + 8) << 32))));
                    }
                    return new BtfEnum(name, 8, t.KindFlag, values64) is var e64 && t.SizeOrType == 8
                        ? e64
                        : throw new BtfException($"type id {id}: enum64 '{name}' has size {t.SizeOrType}");
                case BtfKind.Forward:
                    return new BtfForward(name, t.KindFlag);
                case BtfKind.Typedef:
                    return new BtfTypedef(name, Resolve(t.SizeOrType, depth));
                case BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict:
                    return new BtfQualifier(t.Kind, Resolve(t.SizeOrType, depth));
                case BtfKind.TypeTag:
                    return new BtfTypeTag(name, Resolve(t.SizeOrType, depth));
                case BtfKind.Func:
                    return new BtfFunc(name, Resolve(t.SizeOrType, depth), (BtfLinkage)t.Vlen);
                case BtfKind.FuncProto:
                    var parameters = new BtfParameter[t.Vlen];
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        var p = at + (i * BtfLayout.ParamSize);
                        parameters[i] = new BtfParameter(Name(r.U32(p)), Resolve(r.U32(p + 4), depth));
                    }
                    return new BtfFuncProto(Resolve(t.SizeOrType, depth), parameters);
                case BtfKind.Var:
                    return new BtfVar(name, Resolve(t.SizeOrType, depth), (BtfLinkage)r.U32(at));
                case BtfKind.Datasec:
                    var vars = new BtfVarSecinfo[t.Vlen];
                    for (var i = 0; i < vars.Length; i++)
                    {
                        var s = at + (i * BtfLayout.VarSecinfoSize);
                        vars[i] = new BtfVarSecinfo(Resolve(r.U32(s), depth), r.U32(s + 4), r.U32(s + 8));
                    }
                    return new BtfDatasec(name, t.SizeOrType, vars);
                case BtfKind.DeclTag:
                    return new BtfDeclTag(name, Resolve(t.SizeOrType, depth), r.I32(at));
                default:
                    throw new BtfException($"type id {id}: unknown kind {(int)t.Kind}");
            }
        }

        private string Name(uint offset)
        {
            var strings = new SpanReader(stringBytes, bigEndian);
            if (offset >= strings.Length)
            {
                throw new BtfException($"string offset {offset} is outside the string section ({strings.Length} bytes)");
            }
            return strings.CString(offset);
        }
    }
}
