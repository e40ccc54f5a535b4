using System.Buffers.Binary;

namespace P4Bpf.Ebpf.Btf;

/// <summary>Produces a little-endian <c>.BTF</c> blob from <see cref="BtfType"/> values with stable ids.</summary>
/// <remarks>
/// Ids are handed out in the order types are first added, referenced types before the types that refer to them;
/// structurally equal types share one id. The same sequence of <see cref="Add(BtfType)"/> calls always yields the same bytes.
/// </remarks>
public sealed class BtfBuilder
{
    private readonly Dictionary<BtfType, uint> ids = [];
    private readonly List<BtfType> types = [BtfVoid.Instance];
    private readonly StringTableBuilder strings = new();
    private readonly List<byte> typeData = [];

    /// <summary>The number of types including void (the next id to be assigned).</summary>
    public int Count => types.Count;

    /// <summary>The types added so far; index = id.</summary>
    public IReadOnlyList<BtfType> Types => types;

    /// <summary>The id of <paramref name="type"/>, adding it (and the types it refers to) when new.</summary>
    public uint Add(BtfType type) => Add(type, 0);

    /// <summary>The finished blob: header, type section, string section.</summary>
    public byte[] Build()
    {
        var stringBytes = strings.ToArray();
        var blob = new byte[BtfLayout.HeaderSize + typeData.Count + stringBytes.Length];
        var span = blob.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(span[BtfLayout.HeaderMagic..], BtfLayout.Magic);
        span[BtfLayout.HeaderVersion] = BtfLayout.Version;
        span[BtfLayout.HeaderFlags] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(span[BtfLayout.HeaderLength..], BtfLayout.HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[BtfLayout.HeaderTypeOffset..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(span[BtfLayout.HeaderTypeLength..], (uint)typeData.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(span[BtfLayout.HeaderStringOffset..], (uint)typeData.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(span[BtfLayout.HeaderStringLength..], (uint)stringBytes.Length);
        typeData.CopyTo(blob, BtfLayout.HeaderSize);
        stringBytes.CopyTo(blob, BtfLayout.HeaderSize + typeData.Count);
        return blob;
    }

    private uint Add(BtfType type, int depth)
    {
        if (type is BtfVoid)
        {
            return 0;
        }
        if (ids.TryGetValue(type, out var existing))
        {
            return existing;
        }
        if (depth > 256)
        {
            throw new BtfException("type graph is deeper than 256");
        }
        // Children first, so every reference points to a smaller id; then this type's record.
        var record = Encode(type, depth + 1);
        if (ids.TryGetValue(type, out existing))
        {
            return existing;
        }
        var id = (uint)types.Count;
        types.Add(type);
        ids.Add(type, id);
        typeData.AddRange(record);
        return id;
    }

    private byte[] Encode(BtfType type, int depth)
    {
        var w = new List<byte>(32);
        void U32(uint v)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            w.AddRange(b);
        }
        void Head(string name, BtfKind kind, int vlen, bool kindFlag, uint sizeOrType)
        {
            if (vlen > BtfLayout.MaxVlen)
            {
                throw new BtfException($"{kind} '{name}' has {vlen} entries, more than BTF allows");
            }
            U32(strings.Add(name));
            U32(BtfLayout.Info(kind, vlen, kindFlag));
            U32(sizeOrType);
        }

        switch (type)
        {
            case BtfInt i:
                Head(i.Name, BtfKind.Int, 0, false, i.Size);
                U32(((uint)i.Encoding << 24) | ((uint)i.BitOffset << 16) | i.Bits);
                break;
            case BtfFloat f:
                Head(f.Name, BtfKind.Float, 0, false, f.Size);
                break;
            case BtfPointer p:
                var target = Add(p.Target, depth);
                Head("", BtfKind.Pointer, 0, false, target);
                break;
            case BtfArray a:
                var element = Add(a.Element, depth);
                var index = Add(a.Index, depth);
                Head("", BtfKind.Array, 0, false, 0);
                U32(element);
                U32(index);
                U32(a.Count);
                break;
            case BtfStruct or BtfUnion:
                var (name, size, members) = type is BtfStruct s ? (s.Name, s.Size, s.Members) : ((BtfUnion)type) is var u ? (u.Name, u.Size, u.Members) : default;
                var memberIds = members.Select(m => Add(m.Type, depth)).ToArray();
                var bitfields = members.Any(m => m.BitfieldSize != 0);
                Head(name, type.Kind, members.Count, bitfields, size);
                for (var k = 0; k < members.Count; k++)
                {
                    U32(strings.Add(members[k].Name));
                    U32(memberIds[k]);
                    U32(bitfields ? ((uint)members[k].BitfieldSize << 24) | (members[k].BitOffset & 0xFFFFFF) : members[k].BitOffset);
                }
                break;
            case BtfEnum e when e.Size == 8:
                Head(e.Name, BtfKind.Enum64, e.Values.Count, e.Signed, 8);
                foreach (var v in e.Values)
                {
                    U32(strings.Add(v.Name));
                    U32(unchecked((uint)v.Value));
                    U32(unchecked((uint)((ulong)v.Value >> 32)));
                }
                break;
            case BtfEnum e:
                Head(e.Name, BtfKind.Enum, e.Values.Count, e.Signed, e.Size);
                foreach (var v in e.Values)
                {
                    U32(strings.Add(v.Name));
                    U32(unchecked((uint)v.Value));
                }
                break;
            case BtfForward fwd:
                Head(fwd.Name, BtfKind.Forward, 0, fwd.IsUnion, 0);
                break;
            case BtfTypedef td:
                var tdTarget = Add(td.Target, depth);
                Head(td.Name, BtfKind.Typedef, 0, false, tdTarget);
                break;
            case BtfQualifier q:
                var qTarget = Add(q.Target, depth);
                Head("", q.QualifierKind, 0, false, qTarget);
                break;
            case BtfTypeTag tag:
                var tagTarget = Add(tag.Target, depth);
                Head(tag.Name, BtfKind.TypeTag, 0, false, tagTarget);
                break;
            case BtfDeclTag dtag:
                var dtagTarget = Add(dtag.Target, depth);
                Head(dtag.Name, BtfKind.DeclTag, 0, false, dtagTarget);
                U32(unchecked((uint)dtag.ComponentIndex));
                break;
            case BtfFuncProto proto:
                var ret = Add(proto.Return, depth);
                var paramIds = proto.Parameters.Select(p => Add(p.Type, depth)).ToArray();
                Head("", BtfKind.FuncProto, proto.Parameters.Count, false, ret);
                for (var k = 0; k < paramIds.Length; k++)
                {
                    U32(strings.Add(proto.Parameters[k].Name));
                    U32(paramIds[k]);
                }
                break;
            case BtfFunc func:
                var protoId = Add(func.Proto, depth);
                Head(func.Name, BtfKind.Func, (int)func.Linkage, false, protoId);
                break;
            case BtfVar v:
                var varType = Add(v.Type, depth);
                Head(v.Name, BtfKind.Var, 0, false, varType);
                U32((uint)v.Linkage);
                break;
            case BtfDatasec d:
                var varIds = d.Variables.Select(v => Add(v.Type, depth)).ToArray();
                Head(d.Name, BtfKind.Datasec, d.Variables.Count, false, d.Size);
                for (var k = 0; k < varIds.Length; k++)
                {
                    U32(varIds[k]);
                    U32(d.Variables[k].Offset);
                    U32(d.Variables[k].Size);
                }
                break;
            default:
                throw new BtfException($"cannot encode BTF type {type.GetType().Name}");
        }
        return [.. w];
    }
}
