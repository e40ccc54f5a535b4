using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Maps;

/// <summary><c>BPF_MAP_TYPE_QUEUE</c> (FIFO) and <c>BPF_MAP_TYPE_STACK</c> (LIFO): keyless maps of up to <c>max_entries</c> values.</summary>
/// <remarks>
/// The kernel's layout: a ring of <c>max_entries + 1</c> value slots with head and tail indices, every operation under
/// one short lock (values are copied in and out, never handed out by pointer). Push with <c>BPF_EXIST</c> on a full map
/// drops the oldest element to make room (for both flavours, as the kernel does). The control plane maps lookup to
/// peek, update to push and lookup-and-delete to pop; delete and get-next-key fail with <c>-EINVAL</c>.
/// </remarks>
public sealed unsafe class QueueStackMap : BpfMap
{
    private readonly bool _isStack;
    private readonly int _size;
    private readonly Lock _lock = new();
    private byte* _elements;
    private int _head;
    private int _tail;

    internal QueueStackMap(MapDefinition definition, int possibleCpus)
        : base(definition, possibleCpus)
    {
        _isStack = definition.Type == MapType.Stack;
        _size = MaxEntries + 1;
        _elements = AllocZeroed((nuint)_size * (nuint)ValueSize);
    }

    public override int Count
    {
        get
        {
            lock (_lock)
            {
                int n = _head - _tail;
                return n < 0 ? n + _size : n;
            }
        }
    }

    public override int Push(byte* value, ulong flags, int cpu)
    {
        if ((flags & UpdateFlags.NoExist) != 0 || flags > UpdateFlags.Exist)
        {
            return -Errno.EINVAL;
        }
        lock (_lock)
        {
            int nextHead = _head + 1 == _size ? 0 : _head + 1;
            if (nextHead == _tail)
            {
                if (flags != UpdateFlags.Exist)
                {
                    return -Errno.E2BIG;
                }
                _tail = _tail + 1 == _size ? 0 : _tail + 1;
            }
            Buffer.MemoryCopy(value, _elements + (nint)_head * ValueSize, ValueSize, ValueSize);
            _head = nextHead;
            return 0;
        }
    }

    public override int Pop(byte* value, int cpu) => Take(value, remove: true);

    public override int Peek(byte* value, int cpu) => Take(value, remove: false);

    private int Take(byte* value, bool remove)
    {
        lock (_lock)
        {
            if (_head == _tail)
            {
                return -Errno.ENOENT;
            }
            int index;
            if (_isStack)
            {
                index = _head == 0 ? _size - 1 : _head - 1;
                if (remove)
                {
                    _head = index;
                }
            }
            else
            {
                index = _tail;
                if (remove)
                {
                    _tail = _tail + 1 == _size ? 0 : _tail + 1;
                }
            }
            Buffer.MemoryCopy(_elements + (nint)index * ValueSize, value, ValueSize, ValueSize);
            return 0;
        }
    }

    /// <summary>Programs cannot look up a queue or stack by key.</summary>
    public override byte* Lookup(byte* key, int cpu) => null;

    public override int Update(byte* key, byte* value, ulong flags, int cpu) => Push(value, flags, cpu);

    public override int Delete(byte* key, int cpu) => -Errno.EINVAL;

    public override void Clear()
    {
        lock (_lock)
        {
            _head = 0;
            _tail = 0;
        }
    }

    private protected override int LookupCore(byte* key, byte* value) => Peek(value, 0);

    private protected override int UpdateCore(byte* key, byte* value, ulong flags) => Push(value, flags, 0);

    private protected override int DeleteCore(byte* key) => -Errno.EINVAL;

    private protected override int LookupAndDeleteCore(byte* key, byte* value) => Pop(value, 0);

    private protected override int GetNextKeyCore(byte* key, byte* nextKey) => -Errno.EINVAL;

    private protected override void FreeNative()
    {
        if (_elements != null)
        {
            NativeMemory.AlignedFree(_elements);
            _elements = null;
        }
    }
}
