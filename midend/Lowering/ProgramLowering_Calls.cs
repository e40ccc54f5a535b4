using Annotation = P4Bpf.Front.Syntax.Annotation;
using BinaryOperator = P4Bpf.Front.Syntax.BinaryOperator;
using Direction = P4Bpf.Front.Syntax.Direction;
using UnaryOperator = P4Bpf.Front.Syntax.UnaryOperator;
using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;
using IrBit = P4Bpf.Midend.Ir.BitType;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    /// <summary>Lowers a call in statement or value position; returns the value it yields, or null for void calls.</summary>
    private IrExpr? CallValue(CallExpression call, List<IrStmt> pre, LoweringScope scope) => LowerCall(call, pre, scope);

    private IrExpr? LowerCall(CallExpression call, List<IrStmt> output, LoweringScope scope)
    {
        switch (call.Callee)
        {
            case BuiltinCallee builtin:
                return Builtin(call, builtin, output, scope);
            case MethodCallee { Instance.Type: ExternType { Name: "packet_in" or "packet_out" } } method:
                return PacketMethod(call, method.Method.Name, output, scope);
            case MethodCallee method:
                return ExternMethod(call, method, output, scope);
            case ApplyCallee apply when apply.Target.Type is TableType:
                ApplyTable(TableOf(call, scope), null, null, output);
                return null;
            case ApplyCallee apply:
                ApplyBlock(call, apply, output, scope);
                return null;
            case ActionCallee action:
                CallAction(call, action.Action, output, scope);
                return null;
            case FunctionCallee { Function.IsExtern: true } function:
                return ExternFunction(call, function.Function, output, scope);
            case FunctionCallee function:
                return InlineFunction(call, function.Function, output, scope);
            default:
                throw new LoweringException(call.Span, $"call {TextOf(call)}");
        }
    }

    private IrExpr? PacketMethod(CallExpression call, string method, List<IrStmt> output, LoweringScope scope)
    {
        var args = call.Arguments.Where(a => a.Value is not null).Select(a => a.Value!).ToList();
        switch (method)
        {
            case "extract" when args.Count is 1 or 2:
            {
                // extract(_): into a fresh temporary (the bits are consumed, the header is not kept).
                var header = args[0] is DontCareExpression dc ? Temp(LowerType(call.TypeArguments.FirstOrDefault() ?? dc.Type, dc.Span), "dontcare") : Expr(args[0], output, scope);
                if (header.Type is not HeaderType)
                {
                    throw new LoweringException(call.Span, $"extract into a {header.Type} value");
                }
                var bits = args.Count == 2 ? Coerce(Expr(args[1], output, scope), IrBit.Bit32) : null;
                output.Add(new ExtractStmt(header, bits));
                return null;
            }
            case "lookahead":
            {
                var temp = Temp(LowerType(call.Type, call.Span), "lookahead");
                output.Add(new LookaheadStmt(temp));
                return temp;
            }
            case "advance" when args.Count == 1:
                output.Add(new AdvanceStmt(Coerce(Expr(args[0], output, scope), IrBit.Bit32)));
                return null;
            case "length":
                return new IntrinsicValue(IntrinsicValueKind.PacketLength, LowerType(call.Type, call.Span));
            case "emit" when args.Count == 1:
                output.Add(new EmitStmt(Expr(args[0], output, scope)));
                return null;
            default:
                throw new LoweringException(call.Span, $"packet method {method} with {args.Count} arguments");
        }
    }

    private IrExpr? Builtin(CallExpression call, BuiltinCallee builtin, List<IrStmt> output, LoweringScope scope)
    {
        switch (builtin.Method)
        {
            case BuiltinMethod.MinSizeInBits or BuiltinMethod.MaxSizeInBits or BuiltinMethod.MinSizeInBytes or BuiltinMethod.MaxSizeInBytes:
            {
                var type = builtin.Target is TypeReference tr ? LowerType(tr.Referenced, call.Span) : LowerType(builtin.Target.Type, call.Span);
                var bits = type switch
                {
                    HeaderType h => builtin.Method is BuiltinMethod.MinSizeInBits or BuiltinMethod.MinSizeInBytes ? h.FixedWireBits : h.WireBits,
                    IrBit b => b.Width,
                    _ => throw new LoweringException(call.Span, $"size of {type}"),
                };
                var value = builtin.Method is BuiltinMethod.MinSizeInBytes or BuiltinMethod.MaxSizeInBytes ? (bits + 7) / 8 : bits;
                return IrConstant.Of(value, call.Type is BitsType ? LowerType(call.Type, call.Span) : IrBit.Bit32);
            }
        }
        var target = Expr(builtin.Target, output, scope);
        switch (builtin.Method)
        {
            case BuiltinMethod.IsValid:
                return new IsValidExpr(target);
            case BuiltinMethod.SetValid or BuiltinMethod.SetInvalid:
                output.Add(new SetValidityStmt(target, builtin.Method == BuiltinMethod.SetValid));
                return null;
            case BuiltinMethod.PushFront or BuiltinMethod.PopFront when target.Type is HeaderStackType st:
            {
                var count = (int)Constant(call.Arguments[0].Value!, scope);
                StackShift(target, st, builtin.Method == BuiltinMethod.PushFront ? count : -count, output);
                return null;
            }
            default:
                throw new LoweringException(call.Span, $"{builtin.Method} on {target.Type}");
        }
    }

    /// <summary>push_front (positive shift) / pop_front (negative): moves elements, invalidates the vacated ones, adjusts nextIndex (saturating).</summary>
    private static void StackShift(IrExpr stack, HeaderStackType st, int shift, List<IrStmt> output)
    {
        IrExpr Element(int i) => new StackElementRef(stack, IrConstant.Of(i, IrBit.Bit32), st.Element);
        // A vacated element becomes invalid: a header, or every member of a header union.
        IrStmt Invalidate(int i) => st.Element is HeaderUnionType u
            ? new Block(u.Members.Select(m => (IrStmt)new SetValidityStmt(new FieldRef(Element(i), m.Name, m.Type), false)).ToIrList())
            : new SetValidityStmt(Element(i), false);
        var n = Math.Abs(shift);
        if (shift > 0)
        {
            for (var i = st.Size - 1; i >= 0; i--)
            {
                output.Add(i >= n ? new AssignStmt(Element(i), Element(i - n)) : Invalidate(i));
            }
            var next = new StackNextIndexRef(stack);
            var sum = BinaryExpr.Make(BinaryOp.Add, next, IrConstant.Of(n, IrBit.Bit32));
            var size = IrConstant.Of(st.Size, IrBit.Bit32);
            output.Add(new AssignStmt(next, new MuxExpr(BinaryExpr.Make(BinaryOp.Gt, sum, size), size, sum)));
        }
        else if (shift < 0)
        {
            for (var i = 0; i < st.Size; i++)
            {
                output.Add(i + n < st.Size ? new AssignStmt(Element(i), Element(i + n)) : Invalidate(i));
            }
            var next = new StackNextIndexRef(stack);
            var count = IrConstant.Of(n, IrBit.Bit32);
            output.Add(new AssignStmt(next, new MuxExpr(BinaryExpr.Make(BinaryOp.Ge, next, count), BinaryExpr.Make(BinaryOp.Sub, next, count), IrConstant.Of(0, IrBit.Bit32))));
        }
    }

    /// <summary>Inlines a function: in/inout arguments copied into fresh slots, the body, then out/inout copied back; the result in a temporary.</summary>
    private IrExpr? InlineFunction(CallExpression call, FunctionSymbol function, List<IrStmt> output, LoweringScope scope)
    {
        if (function.Declaration is not FunctionDeclaration declaration)
        {
            throw new LoweringException(call.Span, $"function '{function.Name}' without a body");
        }
        if (++inlineDepth > 32)
        {
            throw new LoweringException(call.Span, "recursive function calls");
        }
        try
        {
            var inner = new LoweringScope(root, scope.Prefix);
            var copyOut = BindArguments(function.Parameters, call.Arguments, output, scope, inner, p => Temp(LowerType(p.Type, call.Span), function.Name + "_" + p.Name));
            IrExpr? result = call.Type is VoidType ? null : Temp(LowerType(call.Type, call.Span), function.Name + "_result");
            output.Add(LowerBody(declaration.Body, inner, result));
            output.AddRange(copyOut);
            return result;
        }
        finally
        {
            inlineDepth--;
        }
    }

    private int inlineDepth;

    /// <summary>
    /// Copy-in/copy-out: each parameter gets a slot from <paramref name="slotFor"/> bound in <paramref name="inner"/>;
    /// in/inout arguments are copied in (appended to <paramref name="output"/>), and the returned statements copy out/inout back.
    /// </summary>
    private List<IrStmt> BindArguments(IReadOnlyList<ParameterSymbol> parameters, IReadOnlyList<TypedArgument> arguments, List<IrStmt> output, LoweringScope caller, LoweringScope inner, Func<ParameterSymbol, SlotRef> slotFor)
    {
        var copyOut = new List<IrStmt>();
        foreach (var p in parameters)
        {
            if (IsPacketType(p.Type))
            {
                continue;
            }
            var slot = slotFor(p);
            inner.Bind(p, slot);
            var argument = arguments.FirstOrDefault(a => a.Parameter.Name == p.Name)?.Value;
            if (argument is null)
            {
                continue;
            }
            switch (p.Direction)
            {
                case Direction.In or Direction.None:
                    Assign(slot, argument, output, caller);
                    break;
                case Direction.InOut:
                {
                    var lvalue = Expr(argument, output, caller);
                    output.Add(new AssignStmt(slot, Coerce(lvalue, slot.Type)));
                    CopyOut(argument, lvalue, slot, copyOut, caller);
                    break;
                }
                case Direction.Out:
                {
                    if (slot.Type is HeaderType)
                    {
                        output.Add(new SetValidityStmt(slot, false));
                    }
                    if (argument is DontCareExpression)
                    {
                        break;
                    }
                    var lvalue = Expr(argument, output, caller);
                    CopyOut(argument, lvalue, slot, copyOut, caller);
                    break;
                }
            }
        }
        return copyOut;
    }

    /// <summary>Copies an out/inout parameter's slot back to its argument; a bit slice argument (<c>f(x[7:4])</c>) is a read-modify-write of the sliced value.</summary>
    private void CopyOut(TypedExpression argument, IrExpr lvalue, SlotRef slot, List<IrStmt> copyOut, LoweringScope caller)
    {
        if (argument is SliceExpression slice)
        {
            AssignSlice(slice, Coerce(slot, lvalue.Type), copyOut, caller);
            return;
        }
        copyOut.Add(new AssignStmt(lvalue, Coerce(slot, lvalue.Type)));
    }

    /// <summary>The parser or control instance an apply target denotes; a control or parser type applied directly
    /// (<c>C.apply(...)</c>, no constructor arguments) is a fresh instance for this call.</summary>
    private BlockInstance? BlockInstanceOf(TypedExpression target, LoweringScope scope)
    {
        switch (target)
        {
            case NameReference { Symbol: InstanceSymbol symbol }:
                return scope.LookupInstance(symbol) as BlockInstance;
            case NameReference { Symbol: ParameterSymbol parameter }:
                // A parser or control passed as a constructor argument.
                return scope.LookupInstance(parameter) as BlockInstance;
            case NameReference { Symbol: TypeSymbol { Declaration: ControlDeclaration or ParserDeclaration } type }:
                return DirectInstance(type, scope);
            case TypeReference { Referenced: BlockType { Declaration: { Declaration: ControlDeclaration or ParserDeclaration } type } }:
                return DirectInstance(type, scope);
            default:
                return null;
        }
    }

    private BlockInstance? DirectInstance(TypeSymbol type, LoweringScope scope)
    {
        var declaration = type.Declaration!;
        var parameters = declaration is ControlDeclaration c ? c.ConstructorParameters : ((ParserDeclaration)declaration).ConstructorParameters;
        if (parameters.Count > 0)
        {
            return null;
        }
        var name = UniqueName(scope.Qualify(type.Name));
        return new BlockInstance(name, declaration, new LoweringScope(root, name));
    }

    /// <summary>Applies a parser or control instance declared in the enclosing block: copy-in, the inlined body, copy-out.</summary>
    private void ApplyBlock(CallExpression call, ApplyCallee apply, List<IrStmt> output, LoweringScope scope)
    {
        if (BlockInstanceOf(apply.Target, scope) is not BlockInstance instance)
        {
            throw new LoweringException(call.Span, $"applying {TextOf(apply.Target)}");
        }
        if (instance.Declaration is not ControlDeclaration control)
        {
            throw new LoweringException(call.Span, "a sub-parser call outside the statement list of a parser state");
        }
        if (++inlineDepth > 32)
        {
            throw new LoweringException(call.Span, "recursive control application");
        }
        try
        {
            var copyOut = BindArguments(control.ApplyParameters, call.Arguments, output, scope, instance.Scope,
                p => instance.Scope.Lookup(p) as SlotRef ?? NewSlot(instance.Scope.Qualify(p.Name), LowerType(p.Type, call.Span), SlotRole.Local));
            output.Add(WithCopyOutOnExit(LowerControlBody(control, instance.Scope), copyOut));
            output.AddRange(copyOut);
        }
        finally
        {
            inlineDepth--;
        }
    }
}
