namespace P4Bpf.Ebpf.Maps;

/// <summary>An object that has a kernel-style numeric id (programs put in a prog array report it to control-plane lookups).</summary>
public interface IHasObjectId
{
    uint Id { get; }
}

/// <summary><c>BPF_MAP_TYPE_PROG_ARRAY</c>: <c>max_entries</c> slots holding loaded programs (opaque objects the engine puts there) for <c>bpf_tail_call</c>.</summary>
/// <remarks>
/// Slots are a managed array of references written with release stores and read with acquire loads, so a tail call sees
/// either the old or the new program. Programs cannot look up or update a prog array (the verifier forbids it): the
/// data-path <see cref="Lookup(byte*, int)"/> returns null. The control plane installs programs with
/// <see cref="SetProgram"/> (only <c>BPF_ANY</c>, as for every fd array); the span <c>Update</c> taking a program fd is not
/// supported (there are no fds here) and returns <c>-EOPNOTSUPP</c>.
/// </remarks>
public sealed unsafe class ProgArrayMap : BpfMap
{
    private readonly object?[] _slots;
    private int _count;

    internal ProgArrayMap(MapDefinition definition, int possibleCpus)
        : base(definition, possibleCpus)
    {
        _slots = new object?[MaxEntries];
    }

    public override int Count => Volatile.Read(ref _count);

    /// <summary>The program in slot <paramref name="index"/>, or null (a tail call to an empty or out-of-range slot falls through).</summary>
    public object? GetProgram(uint index) => index < (uint)_slots.Length ? Volatile.Read(ref _slots[index]) : null;

    /// <summary>Installs <paramref name="program"/> in slot <paramref name="index"/>: 0, <c>-E2BIG</c> out of range, <c>-EINVAL</c> for flags other than <c>BPF_ANY</c>.</summary>
    public int SetProgram(uint index, object program, ulong flags = UpdateFlags.Any)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (flags != UpdateFlags.Any)
        {
            return -Errno.EINVAL;
        }
        if (index >= (uint)_slots.Length)
        {
            return -Errno.E2BIG;
        }
        if (Interlocked.Exchange(ref _slots[index], program) == null)
        {
            Interlocked.Increment(ref _count);
        }
        return 0;
    }

    /// <summary>Empties slot <paramref name="index"/>: 0, <c>-ENOENT</c> when empty, <c>-E2BIG</c> out of range.</summary>
    public int RemoveProgram(uint index)
    {
        if (index >= (uint)_slots.Length)
        {
            return -Errno.E2BIG;
        }
        if (Interlocked.Exchange(ref _slots[index], null) == null)
        {
            return -Errno.ENOENT;
        }
        Interlocked.Decrement(ref _count);
        return 0;
    }

    public override byte* Lookup(byte* key, int cpu) => null;

    public override int Update(byte* key, byte* value, ulong flags, int cpu) => -Errno.EINVAL;

    public override int Delete(byte* key, int cpu) => -Errno.EINVAL;

    public override void Clear()
    {
        for (uint i = 0; i < _slots.Length; i++)
        {
            RemoveProgram(i);
        }
    }

    private protected override int LookupCore(byte* key, byte* value)
    {
        var program = GetProgram(*(uint*)key);
        if (program == null)
        {
            return -Errno.ENOENT;
        }
        *(uint*)value = program is IHasObjectId withId ? withId.Id : 0;
        return 0;
    }

    private protected override int UpdateCore(byte* key, byte* value, ulong flags) => -Errno.EOPNOTSUPP;

    private protected override int DeleteCore(byte* key) => RemoveProgram(*(uint*)key);

    private protected override int GetNextKeyCore(byte* key, byte* nextKey) => ArrayMap.ArrayNextKey(key, nextKey, MaxEntries);

    private protected override void FreeNative()
    {
    }
}
