using P4Bpf.Ebpf.Isa;
using P4Bpf.Midend.Ir;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.EbpfGen.CodeGen;

internal sealed partial class StageCompiler
{
    /// <summary><c>lookahead&lt;T&gt;()</c>: T's wire bits at the cursor into the target, without moving the cursor. A header
    /// becomes valid; a struct is read field after field (nested headers and structs included).</summary>
    private void CompileLookahead(LookaheadStmt l)
    {
        if (l.Target.Type is HeaderType or StructType or HeaderStackType)
        {
            var bits = WireBitsOf(l.Target.Type);
            if (bits % 8 != 0)
            {
                throw CodegenException.NotSupported($"lookahead of {l.Target.Type} ({bits} bits, not whole bytes)");
            }
            var p = CheckedPacketPointer(bits / 8);
            var target = AddressOf(l.Target);
            var offset = 0;
            ReadWireValue(p, target, l.Target.Type, ref offset);
            Release(target);
            pool.Free(p);
            return;
        }
        var width = WidthOf(l.Target.Type);
        if (width > 64)
        {
            throw CodegenException.NotSupported("lookahead wider than 64 bits");
        }
        var q = CheckedPacketPointer((width + 7) / 8);
        var v = ExtractBits(q, 0, width);
        pool.Free(q);
        Store(l.Target, v);
        pool.Free(v);
    }

    /// <summary>Wire width of a lookahead type (headers: fixed fields; structs: the sum of their fields).</summary>
    private static int WireBitsOf(IrType t) => t switch
    {
        HeaderType h when h.VarbitField is null => h.FixedWireBits,
        StructType s => s.Fields.Sum(f => WireBitsOf(f.Type)),
        HeaderStackType { Element: HeaderType } st => st.Size * WireBitsOf(st.Element),
        BitType b => b.Width,
        BoolType => 1,
        _ => throw CodegenException.NotSupported($"lookahead of {t}"),
    };

    /// <summary>Reads a value of type <paramref name="t"/> from the packet bytes at <paramref name="p"/> + <paramref name="bitOffset"/> into storage.</summary>
    private void ReadWireValue(Register p, Addr at, IrType t, ref int bitOffset)
    {
        switch (t)
        {
            case HeaderType h:
                foreach (var f in h.Fields)
                {
                    ReadWireValue(p, at.Plus(f.StorageOffset), f.Type, ref bitOffset);
                }
                e.Emit(Mem.StoreImm(at.Base, checked((short)(at.Offset + HeaderType.ValidOffset)), 1, MemSize.B));
                break;
            case StructType s:
                foreach (var f in s.Fields)
                {
                    ReadWireValue(p, at.Plus(f.StorageOffset), f.Type, ref bitOffset);
                }
                break;
            case HeaderStackType st:
                // Every element read (and valid), as if extracted in turn: the next index is the size.
                for (var i = 0; i < st.Size; i++)
                {
                    ReadWireValue(p, at.Plus(st.ElementOffset(i)), st.Element, ref bitOffset);
                }
                e.Emit(Mem.StoreImm(at.Base, checked((short)(at.Offset + HeaderStackType.NextIndexOffset)), st.Size, MemSize.W));
                break;
            default:
            {
                var width = WireBitsOf(t);
                if (width > 64)
                {
                    if (bitOffset % 8 != 0 || width % 8 != 0)
                    {
                        throw CodegenException.NotSupported($"lookahead of an unaligned field wider than 64 bits");
                    }
                    CopyBytes(at.Base, at.Offset, p, bitOffset / 8, width / 8);
                }
                else
                {
                    var v = ExtractBits(p, bitOffset, width);
                    e.Emit(Mem.StoreMem(at.Base, at.Off, v, SizeOf(t.StorageSize)));
                    pool.Free(v);
                }
                bitOffset += width;
                break;
            }
        }
    }
}
