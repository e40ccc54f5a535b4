using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;
using IrBit = P4Bpf.Midend.Ir.BitType;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    /// <summary>v1model <c>meter.execute_meter(index, out colour)</c>: the colour in v1model numbering (green 0, yellow 1, red 2).</summary>
    private void V1ExecuteMeter(IrExtern ext, List<TypedArgument> args, List<IrStmt> output, LoweringScope scope)
    {
        var index = Coerce(Expr(args[0].Value!, output, scope), IrBit.Bit32);
        var target = Expr(args[1].Value!, output, scope);
        if (target.Type is not (IrBit or Ir.BoolType))
        {
            throw new LoweringException(args[1].Value!.Span, $"a meter colour of type {target.Type}");
        }
        output.Add(new ExternCallStmt(ext.Name, "execute_meter", IrList.Of(index), target));
    }

    /// <summary>
    /// PSA <c>Meter.execute(index[, colour])</c>: a PSA_MeterColor_t (RED 0, GREEN 1, YELLOW 2) from the colour-blind marker.
    /// Colour-aware calls take the worse of the pre-colour and the marker's colour (the buckets are charged as in colour-blind mode).
    /// </summary>
    private IrExpr PsaExecuteMeter(CallExpression call, IrExtern ext, IrExpr index, TypedExpression? preColour, List<IrStmt> output, LoweringScope scope)
    {
        var v1 = Temp(IrBit.Bit32, "colour");
        output.Add(new ExternCallStmt(ext.Name, "execute", IrList.Of(index), v1));
        return PsaMeterColour(call, v1, preColour, output, scope);
    }

    /// <summary>The colour slot a direct meter's table hit fills.</summary>
    private IrExpr DirectMeterColour(InstanceSymbol symbol, LoweringScope scope) =>
        ExternInstanceOf(symbol, scope)?.State ?? throw new InvalidOperationException($"direct meter {symbol.Name} without a colour slot");

    /// <summary>A v1model-numbered colour as a PSA_MeterColor_t, combined with an optional pre-colour.</summary>
    private IrExpr PsaMeterColour(CallExpression call, IrExpr v1, TypedExpression? preColour, List<IrStmt> output, LoweringScope scope)
    {
        var type = LowerType(call.Type, call.Span);
        // v1model numbering → PSA: green 0 → 1, yellow 1 → 2, red 2 → 0.
        IrExpr C(long v) => IrConstant.Of(v, type);
        IrExpr Is(IrExpr x, long v) => BinaryExpr.Make(BinaryOp.Eq, x, IrConstant.Of(v, x.Type));
        var colour = Temp(type, "colour");
        output.Add(new AssignStmt(colour, new MuxExpr(Is(v1, 0), C(1), new MuxExpr(Is(v1, 1), C(2), C(0)))));
        if (preColour is not null)
        {
            var pre = Coerce(Expr(preColour, output, scope), type);
            // RED pre-colour stays red; YELLOW pre-colour turns a green result yellow.
            output.Add(new IfStmt(Is(pre, 0), Block.Of(new AssignStmt(colour, C(0))),
                Block.Of(new IfStmt(BinaryExpr.Make(BinaryOp.And, Is(pre, 2), Is(colour, 1)), Block.Of(new AssignStmt(colour, C(2))), Block.Empty))));
        }
        return colour;
    }
}
