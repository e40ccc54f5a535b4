using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Jit;

/// <summary>The functions of a program (the entry and every local-call target) and, for each, the slots reachable from its
/// entry without following calls; each becomes one <see cref="System.Reflection.Emit.DynamicMethod"/>.</summary>
internal sealed unsafe class JitPlan
{
    private JitPlan(List<JitFunction> functions, Dictionary<int, JitFunction> byEntry, List<int> callbacks)
    {
        Functions = functions;
        ByEntry = byEntry;
        Callbacks = callbacks;
    }

    /// <summary>Entries of functions whose address the program takes (resolved callback <c>lddw</c>s, for <c>bpf_loop</c>).</summary>
    public IReadOnlyList<int> Callbacks { get; }

    public IReadOnlyList<JitFunction> Functions { get; }

    public IReadOnlyDictionary<int, JitFunction> ByEntry { get; }

    public static JitPlan Build(VmInsn* code, int slots)
    {
        var functions = new List<JitFunction>();
        var byEntry = new Dictionary<int, JitFunction>();
        var pending = new Queue<int>();
        pending.Enqueue(0);
        byEntry[0] = functions.AddAndReturn(new JitFunction(0, slots));
        var callbacks = CallbackEntries(code, slots);
        foreach (var target in callbacks)
        {
            if (!byEntry.ContainsKey(target))
            {
                byEntry[target] = functions.AddAndReturn(new JitFunction(target, slots));
                pending.Enqueue(target);
            }
        }
        while (pending.Count > 0)
        {
            var fn = byEntry[pending.Dequeue()];
            Explore(code, slots, fn, target =>
            {
                if (!byEntry.ContainsKey(target))
                {
                    byEntry[target] = functions.AddAndReturn(new JitFunction(target, slots));
                    pending.Enqueue(target);
                }
            });
        }
        return new JitPlan(functions, byEntry, callbacks);
    }

    /// <summary>Instruction starts named by a resolved callback address (<see cref="Loading.Loader.CallbackTag"/> | slot) in an <c>lddw</c>.</summary>
    private static List<int> CallbackEntries(VmInsn* code, int slots)
    {
        var starts = new bool[slots];
        var found = new List<int>();
        for (var pc = 0; pc < slots; pc += code[pc].Code == 0x18 ? 2 : 1)
        {
            starts[pc] = true;
        }
        for (var pc = 0; pc < slots; pc += code[pc].Code == 0x18 ? 2 : 1)
        {
            var imm = (ulong)code[pc].Imm;
            if (code[pc].Code == 0x18 && (imm & 0xFFFF_FFFF_0000_0000UL) == Loading.Loader.CallbackTag)
            {
                var target = (int)(uint)imm;
                if (target < slots && starts[target] && !found.Contains(target))
                {
                    found.Add(target);
                }
            }
        }
        return found;
    }

    private static void Explore(VmInsn* code, int slots, JitFunction fn, Action<int> onLocalCall)
    {
        var work = new Stack<int>();
        work.Push(fn.Entry);
        while (work.Count > 0)
        {
            var pc = work.Pop();
            if (pc >= slots)
            {
                fn.RunsPastEnd = true;
                continue;
            }
            if (fn.Reachable[pc])
            {
                continue;
            }
            fn.Reachable[pc] = true;
            var i = code + pc;
            var cls = i->Code & 0x07;
            if (i->Code == 0x18)
            {
                work.Push(pc + 2);
            }
            else if (i->Code == 0x95)
            {
                // exit: no successor
            }
            else if (i->Code is 0x05 or 0x06)
            {
                Branch(fn, work, pc, pc + 1 + i->Off);
            }
            else if (i->Code == 0x85 && i->Src == 1)
            {
                onLocalCall(pc + 1 + i->Off);
                work.Push(pc + 1);
            }
            else if (cls is 5 or 6 && IsConditional(i->Code))
            {
                Branch(fn, work, pc, pc + 1 + i->Off);
                work.Push(pc + 1);
            }
            else
            {
                work.Push(pc + 1);
            }
        }
    }

    private static void Branch(JitFunction fn, Stack<int> work, int pc, int target)
    {
        fn.IsTarget[target] = true;
        fn.HasBackEdge |= target <= pc;
        work.Push(target);
    }

    /// <summary>True for the conditional jumps the interpreter executes (JMP and JMP32, imm and reg).</summary>
    public static bool IsConditional(byte code) =>
        (code & 0x07) is 5 or 6 && (code & 0xf0) is 0x10 or 0x20 or 0x30 or 0x40 or 0x50 or 0x60 or 0x70 or 0xa0 or 0xb0 or 0xc0 or 0xd0;
}

/// <summary>One function of a <see cref="JitPlan"/>.</summary>
internal sealed class JitFunction(int entry, int slots)
{
    public int Entry { get; } = entry;

    public bool[] Reachable { get; } = new bool[slots];

    public bool[] IsTarget { get; } = new bool[slots];

    /// <summary>Some path falls through past the last slot (the interpreter reports "ran past the end").</summary>
    public bool RunsPastEnd { get; set; }

    public bool HasBackEdge { get; set; }

    public System.Reflection.Emit.DynamicMethod Method { get; set; } = null!;
}

internal static class JitListExtensions
{
    public static T AddAndReturn<T>(this List<T> list, T item)
    {
        list.Add(item);
        return item;
    }
}
