namespace P4Bpf.Ebpf.Engine;

/// <summary>Which execution engine runs programs.</summary>
public enum ExecutorKind
{
    /// <summary>The interpreter (<see cref="Vm.Interpreter"/>).</summary>
    Interpreter,
    /// <summary>The JIT to IL (not built yet: selecting it fails with "not supported yet: jit").</summary>
    Jit,
}
