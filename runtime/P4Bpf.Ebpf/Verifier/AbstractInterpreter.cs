using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>Walks every path of the program over abstract states, in the style of the kernel's <c>do_check</c>: depth-first with a stack of pending branches, checkpoints at prune points, one method per check.</summary>
internal sealed partial class AbstractInterpreter
{
    private const int MaxPending = 8192;
    private const int MaxCheckpointsPerPc = 64;
    private const int MaxCallFrames = 8;

    private readonly ProgramInfo _p;
    private readonly VerifierOptions _o;
    private readonly VerifierProfile _profile;
    private readonly List<Checkpoint>?[] _explored;
    private readonly Stack<PendingPath> _pending = new();
    private readonly int[] _subprogStack;
    private readonly Queue<string>? _log;
    private int _processed;
    private int _stored;
    private uint _idGen;

    private VerifierState _state = null!;
    private Checkpoint? _checkpoint;

    private sealed class Checkpoint(VerifierState state, Checkpoint? parent)
    {
        public readonly VerifierState State = state;
        public readonly Checkpoint? Parent = parent;
        public int Pending = 1;
    }

    private readonly record struct PendingPath(VerifierState State, int Pc, int FromPc, Checkpoint? Parent);

    public AbstractInterpreter(ProgramInfo program, VerifierOptions options)
    {
        _p = program;
        _o = options;
        _profile = options.Profile;
        _explored = new List<Checkpoint>?[program.Length];
        _subprogStack = new int[program.SubprogStarts.Length];
        _log = options.Log ? new Queue<string>() : null;
    }

    public int Processed => _processed;

    public int Stored => _stored;

    public IReadOnlyList<string> Log => _log is null ? [] : [.. _log];

    /// <summary>Explores all paths; throws <see cref="VerifierException"/> at the first unsafe instruction. Returns the combined stack depth.</summary>
    public int Run()
    {
        var initial = new VerifierState();
        var main = new FuncState { SubprogStart = 0 };
        main.Regs[1] = RegState.Pointer(RegType.Ctx);
        main.Regs[10] = RegState.Pointer(RegType.Stack);
        initial.Frames.Add(main);
        _state = initial;
        _checkpoint = null;
        var pc = 0;
        while (true)
        {
            Explore(pc);
            if (_pending.Count == 0)
            {
                break;
            }
            var next = _pending.Pop();
            _state = next.State;
            _checkpoint = next.Parent;
            pc = next.Pc;
            AddLog($"from {next.FromPc} to {pc}: {DescribeRegs()}");
        }
        return CheckCombinedStack();
    }

    /// <summary>Follows one path until it exits, is pruned, or fails.</summary>
    private void Explore(int pc)
    {
        while (true)
        {
            if (++_processed > _profile.MaxProcessed)
            {
                throw Error(VerifierErrorKind.TooComplex, pc, $"BPF program is too large. Processed {_processed} insn");
            }
            if (_p.PrunePoints[pc])
            {
                if (TryPrune(pc))
                {
                    EndPath();
                    return;
                }
                AddCheckpoint(pc);
            }
            var insn = _p.Insns[pc]!.Value;
            if (_log is not null)
            {
                AddLog($"{pc}: ({insn.Op.Raw:x2}) {insn} ; {DescribeRegs()}");
            }
            var next = Step(insn, pc);
            if (next < 0)
            {
                EndPath();
                return;
            }
            pc = next;
        }
    }

    /// <summary>Executes one instruction on <see cref="_state"/>; returns the next pc, or −1 when the path ends.</summary>
    private int Step(Instruction insn, int pc)
    {
        switch (insn.Info.Shape)
        {
            case OperandShape.AluImm or OperandShape.AluReg or OperandShape.AluUnary or OperandShape.Endian:
                CheckAlu(insn, pc);
                return pc + 1;
            case OperandShape.LoadImm64:
                LoadImm64(insn, pc);
                return pc + 2;
            case OperandShape.Load or OperandShape.LoadSx:
                CheckLoad(insn, pc);
                return pc + 1;
            case OperandShape.Store or OperandShape.StoreImm:
                CheckStore(insn, pc);
                return pc + 1;
            case OperandShape.Atomic:
                CheckAtomic(insn, pc);
                return pc + 1;
            case OperandShape.LoadAbs or OperandShape.LoadInd:
                CheckLegacyPacketLoad(insn, pc);
                return pc + 1;
            case OperandShape.Jump or OperandShape.JumpLong:
                return (int)(pc + insn.BranchOffset + 1);
            case OperandShape.CondImm or OperandShape.CondReg:
                return CheckCondJump(insn, pc);
            case OperandShape.Call when insn.IsLocalCall:
                return EnterSubprogram(insn, pc);
            case OperandShape.Call:
                return CheckHelperCall(insn, pc);
            case OperandShape.Exit:
                return CheckExit(pc);
            default:
                throw Error(VerifierErrorKind.InvalidInstruction, pc, $"unknown opcode {insn.Op.Raw:x2}");
        }
    }

    /// <summary>Queues the other direction of a branch (the kernel's <c>push_stack</c>).</summary>
    private void PushBranch(VerifierState state, int pc, int fromPc)
    {
        if (_pending.Count >= MaxPending)
        {
            throw Error(VerifierErrorKind.TooComplex, fromPc, $"The sequence of {MaxPending + 1} jumps is too complex.");
        }
        if (_checkpoint is not null)
        {
            _checkpoint.Pending++;
        }
        _pending.Push(new PendingPath(state, pc, fromPc, _checkpoint));
    }

    /// <summary>A path finished (exit or pruned): checkpoints with no pending descendants become complete.</summary>
    private void EndPath()
    {
        var c = _checkpoint;
        while (c is not null)
        {
            c.Pending--;
            if (c.Pending > 0)
            {
                break;
            }
            c = c.Parent;
        }
        _checkpoint = null;
    }

    private void AddCheckpoint(int pc)
    {
        var list = _explored[pc] ??= [];
        if (list.Count >= MaxCheckpointsPerPc)
        {
            // Drop the oldest completed checkpoint; in-progress ones are kept for loop detection.
            var index = list.FindIndex(c => c.Pending == 0);
            if (index < 0)
            {
                return;
            }
            list.RemoveAt(index);
        }
        var cp = new Checkpoint(_state.Clone(), _checkpoint);
        list.Add(cp);
        _checkpoint = cp;
        _stored++;
    }

    private uint NewId() => ++_idGen;

    private static VerifierException Error(VerifierErrorKind kind, int pc, string message) => new(kind, pc, message);

    private RegState[] Regs => _state.Regs;

    private ref RegState Reg(Register r) => ref _state.Regs[r.Index];

    /// <summary>Reads a register that must be initialised (<c>R%d !read_ok</c>).</summary>
    private RegState Read(Register r, int pc)
    {
        var reg = _state.Regs[r.Index];
        if (reg.Type == RegType.NotInit)
        {
            throw Error(VerifierErrorKind.UninitializedRegister, pc, $"R{r.Index} !read_ok");
        }
        return reg;
    }

    private MapSpec MapOf(in RegState reg) => _p.Maps[reg.MapIndex];

    private void AddLog(string line)
    {
        if (_log is null)
        {
            return;
        }
        _log.Enqueue(line);
        while (_log.Count > _o.LogLines)
        {
            _log.Dequeue();
        }
    }

    private string DescribeRegs()
    {
        if (_log is null)
        {
            return "";
        }
        var parts = new List<string>();
        var frames = _state.Frames;
        for (var f = 0; f < frames.Count; f++)
        {
            var prefix = frames.Count > 1 ? $"frame{f}: " : "";
            for (var i = 0; i < 11; i++)
            {
                var r = frames[f].Regs[i];
                if (r.Type != RegType.NotInit)
                {
                    parts.Add($"{prefix}R{i}={r.Describe()}");
                    prefix = "";
                }
            }
            var stack = frames[f].Stack;
            for (var s = 0; s < stack.Spills.Length; s++)
            {
                var b = stack.Bytes[s * 8];
                if (b == StackByte.Spill)
                {
                    parts.Add($"fp{-(s + 1) * 8}={stack.Spills[s].Describe()}");
                }
                else if (b != StackByte.Invalid)
                {
                    parts.Add($"fp{-(s + 1) * 8}={(b == StackByte.Zero ? "0" : "m")}");
                }
            }
        }
        return string.Join(" ", parts);
    }
}
