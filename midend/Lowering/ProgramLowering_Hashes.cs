using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;
using IrBit = P4Bpf.Midend.Ir.BitType;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    /// <summary>Our algorithm name for a v1model <c>HashAlgorithm</c> or PSA <c>PSA_HashAlgorithm_t</c> member.</summary>
    /// <remarks>The custom CRCs start with the standard polynomials (as in bmv2 until the control plane reconfigures them);
    /// PSA's TARGET_DEFAULT is crc32.</remarks>
    private static string? HashAlgorithmName(string? member) => member switch
    {
        "crc32" or "crc32_custom" or "CRC32" or "CRC32_CUSTOM" or "TARGET_DEFAULT" => "crc32",
        "crc16" or "crc16_custom" or "CRC16" or "CRC16_CUSTOM" => "crc16",
        "csum16" or "ONES_COMPLEMENT16" => "csum16",
        "identity" or "IDENTITY" => "identity",
        "xor16" => "xor16",
        "random" => "random",
        _ => null,
    };

    /// <summary>The hash unit for an algorithm used by the v1model <c>hash()</c> function (one shared stateless instance per algorithm).</summary>
    private IrExtern HashUnit(string algorithm)
    {
        var name = "$hash_" + algorithm;
        if (externs.FirstOrDefault(x => x.Name == name) is { } found)
        {
            return found;
        }
        var ext = new IrExtern(name, ExternKind.Hash, 1, Algorithm: algorithm);
        externs.Add(ext);
        return ext;
    }

    /// <summary>v1model <c>hash(out result, algo, base, data, max)</c>: result = base + hash(data) mod max (max 0: base + hash).</summary>
    private IrExpr? V1Hash(CallExpression call, List<TypedExpression> args, List<IrStmt> output, LoweringScope scope)
    {
        if (args.Count != 5)
        {
            throw new LoweringException(call.Span, $"hash with {args.Count} arguments");
        }
        var algorithm = args[1] is EnumMemberExpression m ? HashAlgorithmName(m.Member) : null;
        if (algorithm is null)
        {
            throw new LoweringException(args[1].Span, $"hash algorithm {TextOf(args[1])}");
        }
        var target = Expr(args[0], output, scope);
        var baseValue = Expr(args[2], output, scope);
        var max = Expr(args[4], output, scope);
        var pieces = new List<IrExpr>();
        Flatten(args[3], pieces, output, scope, allowWide: true);
        var unit = HashUnit(algorithm);
        output.Add(new ExternCallStmt(unit.Name, "get_hash_range", new[] { baseValue, max }.Concat(pieces).ToIrList(), target));
        return null;
    }

    /// <summary>PSA <c>Hash.get_hash(data)</c> and <c>get_hash(base, data, max)</c>, as a temporary of the result type.</summary>
    private IrExpr HashMethod(CallExpression call, IrExtern ext, List<TypedArgument> args, List<IrStmt> output, LoweringScope scope)
    {
        var result = Temp(LowerType(call.Type, call.Span), "hash");
        var pieces = new List<IrExpr>();
        switch (args.Count)
        {
            case 1:
                Flatten(args[0].Value!, pieces, output, scope, allowWide: true);
                output.Add(new ExternCallStmt(ext.Name, "get_hash", pieces.ToIrList(), result));
                return result;
            case 3:
            {
                var baseValue = Expr(args[0].Value!, output, scope);
                Flatten(args[1].Value!, pieces, output, scope, allowWide: true);
                var max = Expr(args[2].Value!, output, scope);
                output.Add(new ExternCallStmt(ext.Name, "get_hash_range", new[] { baseValue, max }.Concat(pieces).ToIrList(), result));
                return result;
            }
            default:
                throw new LoweringException(call.Span, $"get_hash with {args.Count} arguments");
        }
    }
}
