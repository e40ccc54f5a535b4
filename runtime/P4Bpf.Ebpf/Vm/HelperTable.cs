namespace P4Bpf.Ebpf.Vm;

/// <summary>A helper function: receives r1–r5 and the run's context, returns the value for r0.</summary>
/// <remarks>
/// Pointer arguments are real addresses; use <see cref="VmRunContext.GetSpan"/> to turn them into checked spans.
/// Throw <see cref="VmException"/> (Pc -1, kind <see cref="VmErrorKind.HelperFault"/>) to abort the run; the engine adds the PC.
/// The interpreter and the JIT call the same delegate.
/// </remarks>
public delegate ulong HelperFunction(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext context);

/// <summary>One registered helper.</summary>
public sealed record HelperEntry(int Id, string Name, HelperFunction Function);

/// <summary>The helpers a program may call, keyed by the kernel helper id (<c>enum bpf_func_id</c>).</summary>
public sealed class HelperTable
{
    private HelperEntry?[] _entries = new HelperEntry?[256];
    private HelperFunction?[] _functions = new HelperFunction?[256];

    /// <summary>Registers a helper; throws if the id is taken or negative.</summary>
    public HelperTable Add(int id, string name, HelperFunction function)
    {
        if (id >= 0 && id < _entries.Length && _entries[id] is not null)
        {
            throw new ArgumentException($"helper {id} is already registered as '{_entries[id]!.Name}'", nameof(id));
        }
        return Set(id, name, function);
    }

    /// <summary>Registers or replaces a helper.</summary>
    public HelperTable Set(int id, string name, HelperFunction function)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id, 1 << 20);
        ArgumentNullException.ThrowIfNull(function);
        if (id >= _entries.Length)
        {
            var size = Math.Max(id + 1, _entries.Length * 2);
            Array.Resize(ref _entries, size);
            Array.Resize(ref _functions, size);
        }
        _entries[id] = new HelperEntry(id, name, function);
        _functions[id] = function;
        return this;
    }

    /// <summary>Removes a helper if present.</summary>
    public bool Remove(int id)
    {
        if (id < 0 || id >= _entries.Length || _entries[id] is null)
        {
            return false;
        }
        _entries[id] = null;
        _functions[id] = null;
        return true;
    }

    /// <summary>The helper with this id, or null.</summary>
    public HelperEntry? this[long id] => id >= 0 && id < _entries.Length ? _entries[id] : null;

    /// <summary>All registered helpers in id order.</summary>
    public IEnumerable<HelperEntry> Entries => _entries.Where(e => e is not null)!;

    /// <summary>The delegate for <paramref name="id"/>, or null (the fast path used by the engines).</summary>
    internal HelperFunction? Lookup(ulong id) => id < (ulong)_functions.Length ? _functions[id] : null;
}
