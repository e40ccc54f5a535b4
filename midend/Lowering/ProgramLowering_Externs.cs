using Annotation = P4Bpf.Front.Syntax.Annotation;
using BinaryOperator = P4Bpf.Front.Syntax.BinaryOperator;
using Direction = P4Bpf.Front.Syntax.Direction;
using UnaryOperator = P4Bpf.Front.Syntax.UnaryOperator;
using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;
using IrBit = P4Bpf.Midend.Ir.BitType;
using IrBool = P4Bpf.Midend.Ir.BoolType;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    /// <summary>An extern object instance: counters, registers, random, table implementations; others are reported.</summary>
    private void DeclareExtern(InstanceDeclaration instance, LoweringScope scope)
    {
        var typeName = instance.TypeDeclaration.Name;
        var name = UniqueName(scope.Qualify(instance.Instance.Name));
        var typeArguments = instance.Instance.Type is ExternType et ? et.TypeArguments.ToList() : [];
        long Arg(int index, long fallback) =>
            index < instance.Arguments.Count && instance.Arguments[index].Value is { } v ? (long)Constant(v, scope) : fallback;
        string? EnumArg(int index) => index < instance.Arguments.Count && instance.Arguments[index].Value is EnumMemberExpression m ? m.Member : null;
        IrType? TypeArg(int index) => index < typeArguments.Count ? LowerType(typeArguments[index], instance.Span) : null;
        var ext = typeName switch
        {
            "CounterArray" => new IrExtern(name, ExternKind.CounterArray, Arg(0, 1)),
            "counter" or "Counter" => new IrExtern(name, ExternKind.Counter, Arg(0, 1), Unit: UnitOf(EnumArg(1))),
            "direct_counter" or "DirectCounter" => new IrExtern(name, ExternKind.DirectCounter, 1, Unit: UnitOf(EnumArg(0))),
            "register" or "Register" => new IrExtern(name, ExternKind.Register, Arg(0, 1), TypeArg(0)),
            "Random" => new IrExtern(name, ExternKind.Random, 1, TypeArg(0)),
            "Digest" => new IrExtern(name, ExternKind.Digest, 1, TypeArg(0)),
            "action_profile" or "ActionProfile" => new IrExtern(name, ExternKind.ActionProfile, Arg(0, DefaultTableSize)),
            "action_selector" or "ActionSelector" => new IrExtern(name, ExternKind.ActionSelector, Arg(1, DefaultTableSize), Algorithm: HashAlgorithmName(EnumArg(0))
                ?? throw new LoweringException(instance.Span, $"action selector with algorithm {EnumArg(0) ?? "(not a constant)"}")),
            "direct_meter" or "DirectMeter" => new IrExtern(name, ExternKind.DirectMeter, 1, Unit: UnitOf(EnumArg(0))),
            "meter" or "Meter" => new IrExtern(name, ExternKind.Meter, Arg(0, 1), Unit: UnitOf(EnumArg(1))),
            "Hash" => new IrExtern(name, ExternKind.Hash, 1, Algorithm: HashAlgorithmName(EnumArg(0))
                ?? throw new LoweringException(instance.Span, $"Hash with algorithm {EnumArg(0) ?? "(not a constant)"}")),
            "hash_table" or "array_table" => new IrExtern(name, ExternKind.Counter, Arg(0, DefaultTableSize)),
            "InternetChecksum" => null,
            _ => throw new LoweringException(instance.Span, $"extern '{typeName}'"),
        };
        if (ext is null)
        {
            // Computed inline: the instance is only its running sum.
            var sum = NewSlot(name, IrBit.Bit32, SlotRole.Local);
            scope.BindInstance(instance.Instance, new ExternInstance(name, typeName, null, instance) { State = sum });
            return;
        }
        if (typeName is "hash_table" or "array_table")
        {
            // Only a table implementation (its size); no map of its own.
            scope.BindInstance(instance.Instance, new ExternInstance(name, typeName, ext, instance));
            return;
        }
        ext = WithMaxGroupSize(ext, instance.Instance.Annotations);
        if (ext.Kind == ExternKind.Register && ext.ElementType is not (IrBit or IrBool))
        {
            throw new LoweringException(instance.Span, $"a register of {ext.ElementType?.ToString() ?? "unknown"} cells");
        }
        externs.Add(ext);
        var instanceInfo = new ExternInstance(name, typeName, ext, instance);
        if (ext.Kind == ExternKind.DirectMeter)
        {
            // The table's hit marks the entry's cell and leaves the colour here; read/execute return it.
            instanceInfo = instanceInfo with { State = NewSlot(IrExtern.DirectMeterColourSlot(name), IrBit.Bit32, SlotRole.Local) };
        }
        scope.BindInstance(instance.Instance, instanceInfo);
    }

    /// <summary>An action selector with its <c>@max_group_size(N)</c>, which sizes its groups in the data plane (other externs ignore it, as p4c does).</summary>
    private static IrExtern WithMaxGroupSize(IrExtern ext, IEnumerable<Annotation> annotations)
    {
        if (ext.Kind != ExternKind.ActionSelector || annotations.FirstOrDefault(a => a.Name.Text == "max_group_size") is not { } annotation)
        {
            return ext;
        }
        var text = string.Concat(annotation.Body.Select(t => t.Text));
        return ext with
        {
            MaxGroupSize = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size > 0 ? size
                : throw new LoweringException(annotation.Span, $"@max_group_size({text}): the size of a group is a positive decimal integer"),
        };
    }

    /// <summary>Digest data as storage the back end can copy from (a computed value goes through a temporary).</summary>
    private IrExpr DigestData(TypedExpression data, IrType type, List<IrStmt> output, LoweringScope scope)
    {
        var temp = Temp(type, "digest");
        if (data is ListExpression or StructExpression)
        {
            Assign(temp, data, output, scope);
            return temp;
        }
        var value = Expr(data, output, scope);
        if (value.IsLValue && value.Type.Equals(type))
        {
            return value;
        }
        output.Add(new AssignStmt(temp, Coerce(value, type)));
        return temp;
    }

    private static CounterUnit UnitOf(string? member) => member?.ToLowerInvariant() switch
    {
        "packets" => CounterUnit.Packets,
        "bytes" => CounterUnit.Bytes,
        _ => CounterUnit.PacketsAndBytes,
    };

    /// <summary>A method call on an extern instance.</summary>
    private IrExpr? ExternMethod(CallExpression call, MethodCallee method, List<IrStmt> output, LoweringScope scope)
    {
        if (method.Instance is NameReference { Symbol: InstanceSymbol inline } && ExternInstanceOf(inline, scope) is { TypeName: "InternetChecksum", State: { } sum })
        {
            return InternetChecksumMethod(call, sum, method.Method.Name, call.Arguments.Where(a => a.Value is not null).ToList(), output, scope);
        }
        if (method.Instance is not NameReference { Symbol: InstanceSymbol symbol } || ExternInstanceOf(symbol, scope) is not ExternInstance { Extern: { } ext })
        {
            throw new LoweringException(call.Span, $"method {method.Method.Name} of {TextOf(method.Instance)}");
        }
        var args = call.Arguments.Where(a => a.Value is not null).ToList();
        IrExpr Index(int i) => Coerce(Expr(args[i].Value!, output, scope), IrBit.Bit32);
        switch (ext.Kind, method.Method.Name)
        {
            case (ExternKind.CounterArray, "increment") when args.Count == 1:
                output.Add(new ExternCallStmt(ext.Name, "increment", IrList.Of(Index(0)), null));
                return null;
            case (ExternKind.CounterArray, "add") when args.Count == 2:
                output.Add(new ExternCallStmt(ext.Name, "add", IrList.Of(Index(0), Index(1)), null));
                return null;
            case (ExternKind.Counter, "count") when args.Count == 1:
                output.Add(new ExternCallStmt(ext.Name, "count", IrList.Of(Index(0)), null));
                return null;
            case (ExternKind.DirectCounter, "count"):
                output.Add(new ExternCallStmt(ext.Name, "count", IrList<IrExpr>.Empty, null));
                return null;
            case (ExternKind.Register, "read") when args.Count == 2 && args[0].Parameter.Direction == Direction.Out:
            {
                var target = Expr(args[0].Value!, output, scope);
                var index = Index(1);
                if (target.Type.Equals(ext.ElementType))
                {
                    output.Add(new ExternCallStmt(ext.Name, "read", IrList.Of(index), target));
                    return null;
                }
                var temp = Temp(ext.ElementType!, "reg");
                output.Add(new ExternCallStmt(ext.Name, "read", IrList.Of(index), temp));
                output.Add(new AssignStmt(target, Coerce(temp, target.Type)));
                return null;
            }
            case (ExternKind.Register, "read") when args.Count == 1:
            {
                var temp = Temp(ext.ElementType!, "reg");
                output.Add(new ExternCallStmt(ext.Name, "read", IrList.Of(Index(0)), temp));
                return temp;
            }
            case (ExternKind.Register, "write") when args.Count == 2:
            {
                var index = Index(0);
                var value = Coerce(Expr(args[1].Value!, output, scope), ext.ElementType!);
                output.Add(new ExternCallStmt(ext.Name, "write", IrList.Of(index, value), null));
                return null;
            }
            case (ExternKind.Meter, "execute_meter") when args.Count == 2:
                V1ExecuteMeter(ext, args, output, scope);
                return null;
            case (ExternKind.Meter, "execute") when args.Count is 1 or 2:
                return PsaExecuteMeter(call, ext, Index(0), args.Count == 2 ? args[1].Value : null, output, scope);
            case (ExternKind.DirectMeter, "read") when args.Count == 1:
            {
                var target = Expr(args[0].Value!, output, scope);
                output.Add(new AssignStmt(target, Coerce(DirectMeterColour(symbol, scope), target.Type)));
                return null;
            }
            case (ExternKind.DirectMeter, "execute") when args.Count is 0 or 1:
                return PsaMeterColour(call, DirectMeterColour(symbol, scope), args.Count == 1 ? args[0].Value : null, output, scope);
            case (ExternKind.Digest, "pack") when args.Count == 1:
                output.Add(new ExternCallStmt(ext.Name, "pack", IrList.Of(DigestData(args[0].Value!, ext.ElementType!, output, scope)), null));
                return null;
            case (ExternKind.Hash, "get_hash"):
                return HashMethod(call, ext, args, output, scope);
            case (ExternKind.Random, "read"):
            {
                var temp = Temp(ext.ElementType!, "random");
                output.Add(new ExternCallStmt(ext.Name, "read", IrList<IrExpr>.Empty, temp));
                return temp;
            }
            default:
                throw new LoweringException(call.Span, $"method {method.Method.Name} of extern {ext.Kind}");
        }
    }

    /// <summary>An extern function: <c>verify</c>, an architecture intrinsic (mark_to_drop, clone, resubmit …) or a logging no-op.</summary>
    private IrExpr? ExternFunction(CallExpression call, FunctionSymbol function, List<IrStmt> output, LoweringScope scope)
    {
        var name = function.Name;
        var args = call.Arguments.Where(a => a.Value is not null).Select(a => a.Value!).ToList();
        switch (name)
        {
            case "verify" when args.Count == 2:
            {
                var condition = Coerce(Expr(args[0], output, scope), IrBool.Instance);
                var error = args[1] is ErrorMemberExpression member ? ErrorIndex(member.Member)
                    : throw new LoweringException(args[1].Span, "verify with an error that is not a constant");
                output.Add(new VerifyStmt(condition, error));
                return null;
            }
            case "log_msg" or "assume":
                return null;
            case "static_assert":
                return IrConstant.Bool(true);
            case "verify_checksum" or "update_checksum":
                return Checksum(call, name, args, output, scope);
            case "random" when arch is Architectures.V1Model && args.Count == 3:
            {
                // v1model random(out result, lo, hi): one shared random source.
                var target = Expr(args[0], output, scope);
                var source = externs.FirstOrDefault(x => x.Name == "$random") ?? new IrExtern("$random", ExternKind.Random, 1, IrBit.Bit32);
                if (!externs.Contains(source))
                {
                    externs.Add(source);
                }
                var lo = Coerce(Expr(args[1], output, scope), target.Type);
                var hi = Coerce(Expr(args[2], output, scope), target.Type);
                output.Add(new ExternCallStmt(source.Name, "read", IrList.Of(lo, hi), target));
                return null;
            }
            case "digest" when arch is Architectures.V1Model && args.Count == 2:
            {
                // v1model digest(receiver, data): one digest stream per data type.
                var type = LowerType(args[1].Type, args[1].Span);
                var streamName = "$digest_" + type.ToString().Replace(' ', '_');
                var stream = externs.FirstOrDefault(x => x.Name == streamName);
                if (stream is null)
                {
                    stream = new IrExtern(streamName, ExternKind.Digest, 1, type);
                    externs.Add(stream);
                }
                output.Add(new ExternCallStmt(stream.Name, "pack", IrList.Of(DigestData(args[1], type, output, scope)), null));
                return null;
            }
            case "hash" when arch is Architectures.V1Model:
                return V1Hash(call, args, output, scope);
        }
        if (arch is Architectures.XdpModel && XdpExternFunction(call, name, args, output, scope) is { } xdpValue)
        {
            return xdpValue;
        }
        var lowered = new List<IrExpr>();
        foreach (var a in args)
        {
            lowered.Add(a is StringLiteral ? IrConstant.Of(0, IrBit.Bit32) : Expr(a, output, scope));
        }
        var block = arch.LowerIntrinsic(name, lowered);
        if (block is null)
        {
            throw new LoweringException(call.Span, $"extern function '{name}' on {arch.Name}");
        }
        output.Add(block);
        return null;
    }

    /// <summary>The extern instance a name denotes; a top-level instance is declared (once, in the root scope) when first used.</summary>
    private ExternInstance? ExternInstanceOf(InstanceSymbol symbol, LoweringScope scope)
    {
        if (scope.LookupInstance(symbol) is ExternInstance found)
        {
            return found;
        }
        if (symbol.Declaration is InstanceDeclaration declaration && symbol.Type is ExternType
            && typed.Declarations.Any(d => ReferenceEquals(d, declaration)))
        {
            DeclareExtern(declaration, root);
            return root.LookupInstance(symbol) as ExternInstance;
        }
        return null;
    }
}
