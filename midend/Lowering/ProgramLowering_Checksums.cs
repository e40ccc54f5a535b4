using P4Bpf.Front.Typed;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using IrBit = P4Bpf.Midend.Ir.BitType;
using IrBool = P4Bpf.Midend.Ir.BoolType;
using IrStruct = P4Bpf.Midend.Ir.StructType;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    /// <summary>
    /// v1model <c>verify_checksum</c>/<c>update_checksum</c> with <c>HashAlgorithm.csum16</c>, computed inline: the data
    /// fields are concatenated, cut into 16-bit words (the last padded with zeros), summed with end-around carry and complemented.
    /// </summary>
    private IrExpr? Checksum(CallExpression call, string name, List<TypedExpression> args, List<IrStmt> output, LoweringScope scope)
    {
        if (arch is not V1Model || args.Count != 4)
        {
            throw new LoweringException(call.Span, $"extern function '{name}' on {arch.Name}");
        }
        if (args[3] is not EnumMemberExpression { Member: "csum16" })
        {
            throw new LoweringException(args[3].Span, $"{name} with algorithm {TextOf(args[3])} (only csum16)");
        }
        var condition = Coerce(Expr(args[0], output, scope), IrBool.Instance);
        var pieces = new List<IrExpr>();
        Flatten(args[1], pieces, output, scope);
        var checksum = Expr(args[2], output, scope);
        if (checksum.Type is not IrBit { Width: 16 })
        {
            throw new LoweringException(args[2].Span, $"a csum16 checksum of type {checksum.Type}");
        }
        var computed = OnesComplementSum(pieces, output, args[1].Span);
        var body = new List<IrStmt>();
        if (name == "update_checksum")
        {
            body.Add(new AssignStmt(checksum, computed));
        }
        else
        {
            var error = FieldRef.Of(new SlotRef(V1Model.StandardMetadataSlot, V1Model.StandardMetadata), "checksum_error");
            body.Add(new IfStmt(BinaryExpr.Make(BinaryOp.Ne, checksum, computed), Block.Of(new AssignStmt(error, IrConstant.Of(1, error.Type))), Block.Empty));
        }
        output.Add(condition is IrConstant { IsTrue: true } ? new Block(body.ToIrList()) : new IfStmt(condition, new Block(body.ToIrList()), Block.Empty));
        return null;
    }

    /// <summary>The scalar fields of a checksum's data (a list, a structure expression, or a header/struct value), in order.</summary>
    private void Flatten(TypedExpression data, List<IrExpr> pieces, List<IrStmt> output, LoweringScope scope, bool allowWide = false)
    {
        switch (data)
        {
            case ListExpression list:
                foreach (var e in list.Elements)
                {
                    Flatten(e, pieces, output, scope, allowWide);
                }
                break;
            case StructExpression s:
                foreach (var f in s.Fields)
                {
                    Flatten(f.Value, pieces, output, scope, allowWide);
                }
                break;
            default:
                FlattenValue(Expr(data, output, scope), pieces, data.Span, allowWide);
                break;
        }
    }

    /// <remarks>With <paramref name="allowWide"/>, fields wider than 64 bits stay whole (hash inputs; the back end copies their bytes).</remarks>
    private static void FlattenValue(IrExpr value, List<IrExpr> pieces, Front.Text.TextSpan span, bool allowWide = false)
    {
        switch (value.Type)
        {
            case HeaderType h:
                foreach (var f in h.Fields)
                {
                    FlattenValue(FieldRef.Of(value, f.Name), pieces, span, allowWide);
                }
                break;
            case IrStruct s:
                foreach (var f in s.Fields)
                {
                    FlattenValue(FieldRef.Of(value, f.Name), pieces, span, allowWide);
                }
                break;
            case IrBool:
                pieces.Add(new CastExpr(value, IrBit.Bit1));
                break;
            case IrBit { Width: <= 64 } b:
                pieces.Add(b.Signed ? new CastExpr(value, new IrBit(b.Width)) : value);
                break;
            case IrBit when allowWide:
                pieces.Add(value);
                break;
            default:
                throw new LoweringException(span, $"checksum data of type {value.Type}");
        }
    }

    /// <summary>~(one's complement sum of the 16-bit words of the concatenated pieces), as bit&lt;16&gt;.</summary>
    private IrExpr OnesComplementSum(List<IrExpr> pieces, List<IrStmt> output, Front.Text.TextSpan span)
    {
        var sum = Temp(IrBit.Bit32, "csum");
        output.Add(new AssignStmt(sum, IrConstant.Of(0, IrBit.Bit32)));
        AddWords(sum, Words(pieces, span), complement: false, output);
        return new UnaryExpr(UnaryOp.Complement, new CastExpr(sum, IrBit.Bit16), IrBit.Bit16);
    }

    /// <summary>The 16-bit words of the concatenated pieces (bit&lt;16&gt; each), the last padded with zero bits.</summary>
    private static List<IrExpr> Words(List<IrExpr> pieces, Front.Text.TextSpan span)
    {
        var words = new List<IrExpr>();
        var current = new List<IrExpr>();
        var bits = 0;
        foreach (var piece in pieces)
        {
            var width = ((IrBit)piece.Type).Width;
            var remaining = width;
            while (remaining > 0)
            {
                var take = Math.Min(remaining, 16 - bits);
                current.Add(take == width ? piece : new SliceExpr(piece, remaining - 1, remaining - take));
                bits += take;
                remaining -= take;
                if (bits == 16)
                {
                    words.Add(Concat(current));
                    current.Clear();
                    bits = 0;
                }
            }
        }
        if (bits > 0)
        {
            current.Add(IrConstant.Of(0, new IrBit(16 - bits)));
            words.Add(Concat(current));
        }
        if (words.Count > 0xffff)
        {
            throw new LoweringException(span, "checksum data longer than 128 KiB");
        }
        return words;
    }

    /// <summary>sum += each word (or its complement, to subtract), then folds the carries back so that sum fits 16 bits.</summary>
    private static void AddWords(SlotRef sum, List<IrExpr> words, bool complement, List<IrStmt> output)
    {
        foreach (var word in words)
        {
            var w = complement ? new UnaryExpr(UnaryOp.Complement, word, IrBit.Bit16) : word;
            output.Add(new AssignStmt(sum, BinaryExpr.Make(BinaryOp.Add, sum, new CastExpr(w, IrBit.Bit32))));
        }
        for (var i = 0; i < 2; i++)
        {
            output.Add(new AssignStmt(sum, BinaryExpr.Make(BinaryOp.Add,
                BinaryExpr.Make(BinaryOp.BitAnd, sum, IrConstant.Of(0xffff, IrBit.Bit32)),
                new BinaryExpr(BinaryOp.Shr, sum, IrConstant.Of(16, IrBit.Bit32), IrBit.Bit32))));
        }
    }

    /// <summary>PSA <c>InternetChecksum</c>: the running one's complement sum lives in a bit&lt;32&gt; slot of the instance.</summary>
    private IrExpr? InternetChecksumMethod(CallExpression call, SlotRef sum, string method, List<TypedArgument> args, List<IrStmt> output, LoweringScope scope)
    {
        switch (method)
        {
            case "clear":
                output.Add(new AssignStmt(sum, IrConstant.Of(0, IrBit.Bit32)));
                return null;
            case "add" or "subtract" when args.Count == 1:
            {
                var pieces = new List<IrExpr>();
                Flatten(args[0].Value!, pieces, output, scope);
                AddWords(sum, Words(pieces, call.Span), method == "subtract", output);
                return null;
            }
            case "get":
                return new UnaryExpr(UnaryOp.Complement, new CastExpr(sum, IrBit.Bit16), IrBit.Bit16);
            case "get_state":
                return new CastExpr(sum, IrBit.Bit16);
            case "set_state" when args.Count == 1:
                output.Add(new AssignStmt(sum, Coerce(Coerce(Expr(args[0].Value!, output, scope), IrBit.Bit16), IrBit.Bit32)));
                return null;
            default:
                throw new LoweringException(call.Span, $"InternetChecksum method {method}");
        }
    }

    private static IrExpr Concat(List<IrExpr> parts)
    {
        var result = parts[0];
        for (var i = 1; i < parts.Count; i++)
        {
            result = new ConcatExpr(result, parts[i]);
        }
        return result;
    }

}
