using System.Reflection;
using System.Reflection.Emit;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Jit;

/// <summary>Translates one function of a <see cref="JitPlan"/> into IL: registers are <c>ulong</c> locals, every branch
/// target is a label, memory is accessed through raw pointers, helpers are called directly when their delegate allows.</summary>
/// <remarks>
/// The IL for each opcode spells out the same rule as the interpreter's case for it (see <see cref="Interpreter"/>):
/// 32-bit results are zero-extended with <c>conv.u8</c>, shift counts are masked, division by zero follows RFC 9669.
/// </remarks>
internal sealed unsafe partial class JitEmitter
{
    private const int ArgCode = 0;
    private const int ArgRf = 1;
    private const int ArgCtx = 2;
    private const int ArgDepth = 3;

    private static readonly Type[] Signature = [typeof(JitCode), typeof(ulong*), typeof(VmRunContext), typeof(int)];

    private readonly VmInsn* _code;
    private readonly int _slots;
    private readonly JitPlan _plan;
    private readonly JitFunction _fn;
    private readonly HelperBinder _binder;
    private readonly long _budget;
    private readonly ILGenerator _il;
    private readonly LocalBuilder[] _r = new LocalBuilder[11];
    private readonly Label[] _labels;
    private LocalBuilder? _budgetLocal;
    private Label _exit;
    private Label _tailExit;
    private bool _usesTailExit;
    private readonly List<(Label From, int Pc, Label To)> _backEdges = [];

    private JitEmitter(VmInsn* code, int slots, JitPlan plan, JitFunction fn, HelperBinder binder, long budget)
    {
        _code = code;
        _slots = slots;
        _plan = plan;
        _fn = fn;
        _binder = binder;
        _budget = budget;
        _il = fn.Method.GetILGenerator(64 + slots * 24);
        _labels = new Label[slots];
    }

    /// <summary>Creates the (empty) dynamic methods of every function, so calls between them can be emitted in any order.</summary>
    public static void DeclareMethods(JitPlan plan, string name)
    {
        foreach (var fn in plan.Functions)
        {
            var suffix = fn.Entry == 0 ? "" : $"+{fn.Entry}";
            fn.Method = new DynamicMethod($"bpf_{name}{suffix}", typeof(void), Signature, typeof(JitEmitter).Module, skipVisibility: true);
        }
    }

    /// <summary>Emits the body of <paramref name="fn"/>.</summary>
    public static void Emit(VmInsn* code, int slots, JitPlan plan, JitFunction fn, HelperBinder binder, long budget) =>
        new JitEmitter(code, slots, plan, fn, binder, budget).EmitBody();

    private void EmitBody()
    {
        for (var k = 0; k < _r.Length; k++)
        {
            _r[k] = _il.DeclareLocal(typeof(ulong));
        }
        for (var pc = 0; pc < _slots; pc++)
        {
            if (_fn.Reachable[pc])
            {
                _labels[pc] = _il.DefineLabel();
            }
        }
        _exit = _il.DefineLabel();
        _tailExit = _il.DefineLabel();
        if (_fn.HasBackEdge && _budget > 0)
        {
            _budgetLocal = _il.DeclareLocal(typeof(long));
            _il.Emit(OpCodes.Ldc_I8, _budget);
            _il.Emit(OpCodes.Stloc, _budgetLocal);
        }

        // Prologue: registers from the register file.
        for (var k = 0; k <= 10; k++)
        {
            LoadRf(k);
            _il.Emit(OpCodes.Stloc, _r[k]);
        }
        var first = Array.IndexOf(_fn.Reachable, true);
        if (first != _fn.Entry)
        {
            _il.Emit(OpCodes.Br, _labels[_fn.Entry]);
        }

        for (var pc = 0; pc < _slots; pc++)
        {
            if (!_fn.Reachable[pc])
            {
                continue;
            }
            _il.MarkLabel(_labels[pc]);
            EmitInstruction(pc, _code + pc);
        }
        if (_fn.RunsPastEnd)
        {
            // Falling through the last slot: the interpreter meets its sentinel slot.
            EmitThrowInvalid(_slots, 0);
        }

        // Back edges: count, then jump.
        foreach (var (from, pc, to) in _backEdges)
        {
            _il.MarkLabel(from);
            _il.Emit(OpCodes.Ldloc, _budgetLocal!);
            _il.Emit(OpCodes.Ldc_I4_1);
            _il.Emit(OpCodes.Conv_I8);
            _il.Emit(OpCodes.Sub);
            _il.Emit(OpCodes.Dup);
            _il.Emit(OpCodes.Stloc, _budgetLocal!);
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Conv_I8);
            _il.Emit(OpCodes.Bge, to);
            _il.Emit(OpCodes.Ldc_I4, pc);
            _il.Emit(OpCodes.Ldc_I8, _budget);
            _il.Emit(OpCodes.Call, Runtime(nameof(JitRuntime.ThrowBudget)));
            _il.Emit(OpCodes.Ret);
        }

        // exit: r0–r5 back to the register file (a caller reloads them).
        _il.MarkLabel(_exit);
        for (var k = 0; k <= 5; k++)
        {
            StoreRf(k, _r[k]);
        }
        _il.Emit(OpCodes.Ret);

        if (_usesTailExit)
        {
            // A helper requested a tail call: hand every register to the dispatcher.
            _il.MarkLabel(_tailExit);
            for (var k = 0; k <= 10; k++)
            {
                StoreRf(k, _r[k]);
            }
            _il.Emit(OpCodes.Ldarg, ArgRf);
            _il.Emit(OpCodes.Ldc_I4, JitFrame.Status * 8);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldc_I8, (long)JitFrame.TailPending);
            _il.Emit(OpCodes.Stind_I8);
            _il.Emit(OpCodes.Ret);
        }
    }

    /// <summary>The label to branch to for a jump from <paramref name="pc"/> to <paramref name="target"/> (through the budget counter for a back edge).</summary>
    private Label BranchLabel(int pc, int target)
    {
        if (target > pc || _budgetLocal is null)
        {
            return _labels[target];
        }
        var from = _il.DefineLabel();
        _backEdges.Add((from, pc, _labels[target]));
        return from;
    }

    private void LoadRf(int slot)
    {
        _il.Emit(OpCodes.Ldarg, ArgRf);
        if (slot != 0)
        {
            _il.Emit(OpCodes.Ldc_I4, slot * 8);
            _il.Emit(OpCodes.Add);
        }
        _il.Emit(OpCodes.Ldind_I8);
    }

    private void StoreRf(int slot, LocalBuilder value)
    {
        _il.Emit(OpCodes.Ldarg, ArgRf);
        if (slot != 0)
        {
            _il.Emit(OpCodes.Ldc_I4, slot * 8);
            _il.Emit(OpCodes.Add);
        }
        _il.Emit(OpCodes.Ldloc, value);
        _il.Emit(OpCodes.Stind_I8);
    }

    private void EmitThrowInvalid(int pc, byte code)
    {
        _il.Emit(OpCodes.Ldc_I4, pc);
        _il.Emit(OpCodes.Ldc_I4, (int)code);
        _il.Emit(OpCodes.Ldc_I4, _slots);
        _il.Emit(OpCodes.Call, Runtime(nameof(JitRuntime.ThrowInvalidInstruction)));
        _il.Emit(OpCodes.Ret);
    }

    private static MethodInfo Runtime(string name) =>
        typeof(JitRuntime).GetMethod(name, BindingFlags.Public | BindingFlags.Static)
        ?? throw new InvalidOperationException($"JitRuntime.{name} is missing");

    private void Ld(int reg) => _il.Emit(OpCodes.Ldloc, _r[reg]);

    private void St(int reg) => _il.Emit(OpCodes.Stloc, _r[reg]);

    private void LdcI8(long value) => _il.Emit(OpCodes.Ldc_I8, value);

    private void LdcI4(int value) => _il.Emit(OpCodes.Ldc_I4, value);
}
