namespace P4Bpf.Ebpf.Engine;

/// <summary>Which execution engine runs programs.</summary>
public enum ExecutorKind
{
    /// <summary>The interpreter (<see cref="Vm.Interpreter"/>).</summary>
    Interpreter,
    /// <summary>The JIT to IL (<see cref="Jit.JitExecutor"/>); runs without bounds checks, so only verified programs.</summary>
    Jit,
}
