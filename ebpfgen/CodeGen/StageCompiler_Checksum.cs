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
        var sum = Csum16(bytes);
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

    /// <summary>The Internet checksum (complemented 16-bit ones'-complement sum) of the even number of stack bytes at FrameKey.</summary>
    private Register Csum16(int bytes)
    {
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
        return sum;
    }

    /// <summary>
    /// Hash instances: <c>get_hash(data…)</c> and <c>get_hash_range(base, max, data…)</c> (= base + hash mod max, or base + hash when max is 0).
    /// Algorithms: crc32 (IEEE, reflected), crc16 (ARC, reflected 0xA001), csum16, xor16 (XOR of the big-endian 16-bit words, the last
    /// padded with zeros), identity (the low bits of the concatenation), random (bpf_get_prandom_u32, the data ignored).
    /// </summary>
    private void CompileHash(IrExtern ext, ExternCallStmt call)
    {
        var target = call.Result ?? throw new CodegenException(5013, $"{ext.Name}.{call.Method} without a result");
        var ranged = call.Method == "get_hash_range";
        if (call.Method is not ("get_hash" or "get_hash_range") || call.Arguments.Count < (ranged ? 3 : 1))
        {
            throw CodegenException.NotSupported($"hash method {call.Method} with {call.Arguments.Count} arguments");
        }
        var data = call.Arguments.Skip(ranged ? 2 : 0).ToList();
        var h = ComputeHash(ext.Algorithm, data);
        if (ranged)
        {
            var max = Eval(call.Arguments[1]);
            var noMod = e.NewLabel("hash_nomod");
            e.Emit(Jmp.JEq.Imm(max, 0, noMod));
            e.Emit(Alu.Mod.Reg(h, max));
            e.Label(noMod);
            pool.Free(max);
            var baseValue = Eval(call.Arguments[0]);
            e.Emit(Alu.Add.Reg(h, baseValue));
            pool.Free(baseValue);
        }
        Mask(h, WidthOfAny(target.Type));
        Store(target, h);
        pool.Free(h);
    }

    /// <summary>A register holding the hash of the concatenated data (serialised to the stack key area for the byte-wise algorithms).</summary>
    private Register ComputeHash(string? algorithm, IReadOnlyList<IrExpr> data)
    {
        Register h;
        switch (algorithm)
        {
            case "identity":
            {
                h = Alloc();
                e.Emit(Alu.Mov.Imm(h, 0));
                foreach (var f in data)
                {
                    var width = WidthOfAny(f.Type);
                    var v = Eval(f);
                    if (width >= 64)
                    {
                        e.Emit(Alu.Mov.Reg(h, v));
                    }
                    else
                    {
                        e.Emit(Alu.Lsh.Imm(h, width));
                        e.Emit(Alu.Or.Reg(h, v));
                    }
                    pool.Free(v);
                }
                break;
            }
            case "csum16":
            {
                var bytes = SerializeToStack(data, FrameKey);
                if (bytes % 2 != 0)
                {
                    e.Emit(Mem.StoreImm(R10, (short)(FrameKey + bytes), 0, MemSize.B));
                    bytes++;
                }
                h = Csum16(bytes);
                break;
            }
            case "xor16":
            {
                var bytes = SerializeToStack(data, FrameKey);
                if (bytes % 2 != 0)
                {
                    e.Emit(Mem.StoreImm(R10, (short)(FrameKey + bytes), 0, MemSize.B));
                    bytes++;
                }
                h = Alloc();
                var w = Alloc();
                e.Emit(Alu.Mov.Imm(h, 0));
                for (var i = 0; i < bytes; i += 2)
                {
                    e.Emit(Mem.LoadMem(w, R10, (short)(FrameKey + i), MemSize.H));
                    e.Emit(Alu.ToBe(w, 16));
                    e.Emit(Alu.Xor.Reg(h, w));
                }
                pool.Free(w);
                break;
            }
            case "random":
            {
                e.Emit(Helper.Call(HelperPrandomU32));
                h = Alloc();
                e.Emit(Alu.Mov.Reg(h, R0));
                break;
            }
            case "crc32" or "crc16":
            {
                var bytes = SerializeToStack(data, FrameKey);
                var crc32 = algorithm == "crc32";
                var poly = crc32 ? unchecked((int)0xEDB88320) : 0xA001;
                h = Alloc();
                var b = Alloc();
                e.Emit(Alu.Mov.Imm32(h, crc32 ? -1 : 0));
                for (var i = 0; i < bytes; i++)
                {
                    e.Emit(Mem.LoadMem(b, R10, (short)(FrameKey + i), MemSize.B));
                    e.Emit(Alu.Xor.Reg32(h, b));
                    for (var bit = 0; bit < 8; bit++)
                    {
                        e.Emit(Alu.Mov.Reg32(b, h));
                        e.Emit(Alu.And.Imm32(b, 1));
                        // b·poly rather than (−b) & poly: the kernel verifier tracks a product as one range.
                        e.Emit(Alu.Mul.Imm32(b, poly));
                        e.Emit(Alu.Rsh.Imm32(h, 1));
                        e.Emit(Alu.Xor.Reg32(h, b));
                    }
                }
                if (crc32)
                {
                    e.Emit(Alu.Xor.Imm32(h, -1));
                }
                pool.Free(b);
                break;
            }
            default:
                throw CodegenException.NotSupported($"hash algorithm {algorithm ?? "(none)"}");
        }
        return h;
    }

    /// <summary>Packs expressions as consecutive big-endian bits into the stack at <paramref name="frameOffset"/>; returns the byte count.
    /// A bit count that is not a multiple of 8 is padded with zero bits in front (the data right-aligned, as bmv2 builds the
    /// buffer of a hash or checksum calculation).</summary>
    private int SerializeToStack(IReadOnlyList<IrExpr> fields, int frameOffset)
    {
        var totalBits = fields.Sum(f => WidthOfAny(f.Type));
        if ((totalBits + 7) / 8 > MaxChecksumBytes)
        {
            throw new CodegenException(5019, $"checksum input of {totalBits} bits exceeds {MaxChecksumBytes} bytes");
        }
        var acc = Alloc();
        var pending = (8 - (totalBits % 8)) % 8;
        if (pending != 0)
        {
            e.Emit(Alu.Mov.Imm(acc, 0));
        }
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
