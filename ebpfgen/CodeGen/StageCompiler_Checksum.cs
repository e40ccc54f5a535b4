using P4Bpf.Ebpf.Isa;
using P4Bpf.Midend.Ir;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.EbpfGen.CodeGen;

internal sealed partial class StageCompiler
{
    /// <summary>Most bytes a checksum input may have (the stack area for keys and masked keys).</summary>
    private const int MaxChecksumBytes = 248;

    /// <summary>
    /// Checksum instances (algorithm csum16, the Internet checksum): <c>update(cond, data…)</c> → result = ~Σ16(data) when cond;
    /// <c>verify(cond, data…, expected)</c> → result = 1 when cond and the checksum differs (v1model verify_checksum / update_checksum).
    /// </summary>
    private void CompileChecksum(IrExtern ext, ExternCallStmt call)
    {
        if (ext.Algorithm is not (null or "csum16"))
        {
            throw CodegenException.NotSupported($"checksum algorithm {ext.Algorithm}");
        }
        if (call.Method is not ("update" or "verify") || call.Result is null || call.Arguments.Count < 2)
        {
            throw CodegenException.NotSupported($"checksum method {call.Method} with {call.Arguments.Count} arguments");
        }
        var verify = call.Method == "verify";
        var data = call.Arguments.Skip(1).Take(call.Arguments.Count - (verify ? 2 : 1)).ToList();
        var skip = e.NewLabel("csum_skip");
        CondJump(call.Arguments[0], skip, jumpIfTrue: false);
        var bytes = SerializeToStack(data, FrameKey);
        if (bytes % 2 != 0)
        {
            e.Emit(Mem.StoreImm(R10, (short)(FrameKey + bytes), 0, MemSize.B));
            bytes++;
        }
        var sum = Alloc();
        var t = Alloc();
        e.Emit(Alu.Mov.Imm(sum, 0));
        for (var i = 0; i < bytes; i += 2)
        {
            e.Emit(Mem.LoadMem(t, R10, (short)(FrameKey + i), MemSize.H));
            e.Emit(Alu.ToBe(t, 16));
            e.Emit(Alu.Add.Reg(sum, t));
        }
        for (var fold = 0; fold < 2; fold++)
        {
            e.Emit(Alu.Mov.Reg(t, sum));
            e.Emit(Alu.Rsh.Imm(t, 16));
            e.Emit(Alu.And.Imm(sum, 0xffff));
            e.Emit(Alu.Add.Reg(sum, t));
        }
        e.Emit(Alu.Xor.Imm(sum, 0xffff));
        pool.Free(t);
        if (!verify)
        {
            Store(call.Result, sum);
            pool.Free(sum);
        }
        else
        {
            var ok = e.NewLabel("csum_ok");
            var expected = Eval(call.Arguments[^1]);
            e.Emit(Jmp.JEq.Reg(sum, expected, ok));
            pool.Free(expected);
            pool.Free(sum);
            var a = AddressOf(call.Result);
            e.Emit(Mem.StoreImm(a.Base, a.Off, 1, SizeOf(call.Result.Type.StorageSize)));
            Release(a);
            e.Label(ok);
        }
        e.Label(skip);
    }

    /// <summary>Packs expressions as consecutive big-endian bits into the stack at <paramref name="frameOffset"/>; returns the byte count (the last byte zero-padded).</summary>
    private int SerializeToStack(IReadOnlyList<IrExpr> fields, int frameOffset)
    {
        var totalBits = fields.Sum(f => WidthOfAny(f.Type));
        if ((totalBits + 7) / 8 > MaxChecksumBytes)
        {
            throw new CodegenException(5019, $"checksum input of {totalBits} bits exceeds {MaxChecksumBytes} bytes");
        }
        var acc = Alloc();
        var pending = 0;
        var byteIndex = frameOffset;
        foreach (var f in fields)
        {
            var width = WidthOfAny(f.Type);
            if (width > 64)
            {
                if (pending != 0 || width % 8 != 0 || !f.IsLValue)
                {
                    throw CodegenException.NotSupported($"checksum over {IrPrinter.Print(f)} (wide and not byte-aligned)");
                }
                var src = AddressOf(f);
                CopyBytes(R10, byteIndex, src.Base, src.Offset, width / 8);
                Release(src);
                byteIndex += width / 8;
                continue;
            }
            var v = Eval(f);
            if (pending + width > 64)
            {
                var lo = Alloc();
                e.Emit(Alu.Mov.Reg32(lo, v));
                e.Emit(Alu.Rsh.Imm(v, 32));
                Accumulate(acc, v, width - 32, ref pending, R10, ref byteIndex);
                Accumulate(acc, lo, 32, ref pending, R10, ref byteIndex);
                pool.Free(lo);
            }
            else
            {
                Accumulate(acc, v, width, ref pending, R10, ref byteIndex);
            }
            pool.Free(v);
        }
        if (pending > 0)
        {
            e.Emit(Alu.Lsh.Imm(acc, 8 - pending));
            e.Emit(Mem.StoreMem(R10, checked((short)byteIndex), acc, MemSize.B));
            byteIndex++;
        }
        pool.Free(acc);
        return byteIndex - frameOffset;
    }

    private static int WidthOfAny(IrType t) => t switch
    {
        BitType b => b.Width,
        BoolType => 1,
        _ => throw CodegenException.NotSupported($"{t} in a checksum or hash input"),
    };
}
