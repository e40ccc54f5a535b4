using System.Reflection;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Jit;

/// <summary>How a helper call site invokes its helper.</summary>
internal enum HelperCallKind
{
    /// <summary><c>call</c> to a static method (RyuJIT may inline it).</summary>
    Static,
    /// <summary><c>call</c> to a non-virtual instance method on the delegate's target, loaded from <see cref="JitCode.Targets"/>.</summary>
    Instance,
    /// <summary><c>callvirt Invoke</c> on the delegate, loaded from <see cref="JitCode.Delegates"/>.</summary>
    Delegate,
}

/// <summary>Binds helper ids to call strategies when a program is compiled and remembers which delegate each id had,
/// so a cached compilation can tell whether the table changed since.</summary>
internal sealed class HelperBinder(HelperTable helpers)
{
    private static readonly MethodInfo Invoke = typeof(HelperFunction).GetMethod(nameof(HelperFunction.Invoke))!;

    private readonly List<HelperFunction?> _delegates = [];
    private readonly List<object?> _targets = [];

    /// <summary>Every helper id the program calls statically, with the delegate it had at compile time (null = unknown).</summary>
    public Dictionary<long, HelperFunction?> Bindings { get; } = [];

    public HelperFunction?[] Delegates => [.. _delegates];

    public object?[] Targets => [.. _targets];

    /// <summary>The call strategy for helper <paramref name="id"/>, or null when the table has no such helper.</summary>
    public (HelperCallKind Kind, int Index, MethodInfo Method)? Bind(long id)
    {
        var fn = helpers.Lookup((ulong)id);
        Bindings[id] = fn;
        if (fn is null)
        {
            return null;
        }
        var m = fn.Method;
        if (fn.Target is null && m.IsStatic && Compatible(m))
        {
            return (HelperCallKind.Static, -1, m);
        }
        if (fn.Target is { } target && !m.IsStatic && !m.IsVirtual && m.DeclaringType is { IsValueType: false } && Compatible(m)
            && m.DeclaringType.IsInstanceOfType(target))
        {
            _targets.Add(target);
            return (HelperCallKind.Instance, _targets.Count - 1, m);
        }
        _delegates.Add(fn);
        return (HelperCallKind.Delegate, _delegates.Count - 1, Invoke);
    }

    /// <summary>True when the method's parameters are exactly the helper signature (no variance to bridge).</summary>
    private static bool Compatible(MethodInfo m)
    {
        var p = m.GetParameters();
        return m.ReturnType == typeof(ulong) && p.Length == 6 && p[5].ParameterType == typeof(VmRunContext)
            && p.Take(5).All(x => x.ParameterType == typeof(ulong));
    }
}
