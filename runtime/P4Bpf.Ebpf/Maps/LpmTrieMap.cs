using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Maps;

/// <summary><c>BPF_MAP_TYPE_LPM_TRIE</c>: longest-prefix match over keys <c>{u32 prefixlen; u8 data[]}</c>, with the kernel's trie and its exact semantics.</summary>
/// <remarks>
/// The same binary (not level-compressed) trie as the kernel's <c>lpm_trie.c</c>: every node holds a prefix; a node whose
/// prefix was only needed to join two subtrees is "intermediate" (no value, never returned); deleting a node with two
/// children just marks it intermediate. Keys are stored as given (bits past the prefix length included), and
/// <see cref="BpfMap.GetNextKey"/> walks in post-order (more specific prefixes first), as the kernel does.
/// <para>Concurrency: lookups walk the trie without locks, reading child links with acquire loads. Writers (data path or
/// control plane) serialise on one lock, as the kernel's do, and never change a published node's value: an update of an
/// existing prefix links a fresh copy in its place (a reader sees the whole old or the whole new value). Replaced and
/// deleted nodes return to the tail of a FIFO free list, so their memory stays readable and unchanged for as long as
/// possible; control-plane reads and iteration take the writer lock and so never see a torn value.</para>
/// </remarks>
public sealed unsafe class LpmTrieMap : BpfMap
{
    /// <summary>The kernel's <c>LPM_DATA_SIZE_MAX</c>: at most 256 data bytes (2048-bit prefixes).</summary>
    public const uint MaxDataSize = 256;

    private const int OffChild0 = SlotPool.UserOffset;
    private const int OffChild1 = 8;
    private const int OffPrefixLen = 12;
    private const int OffFlags = 16;
    private const int OffData = 24;
    private const int FlagIntermediate = 1;

    private readonly SlotPool _pool;
    private readonly int _dataSize;
    private readonly uint _maxPrefixLen;
    private readonly int _valueOffset;
    private readonly Lock _lock = new();
    private int* _root;
    private int _entries;

    internal LpmTrieMap(MapDefinition definition, int possibleCpus)
        : base(definition, possibleCpus)
    {
        _dataSize = KeySize - 4;
        _maxPrefixLen = (uint)_dataSize * 8;
        _valueOffset = OffData + ((_dataSize + 7) & ~7);
        int capacity = (int)Math.Min(2L * MaxEntries + possibleCpus + 64, int.MaxValue - 1024);
        _pool = new SlotPool(_valueOffset + ValueSize, capacity, prealloc: false);
        _root = (int*)NativeMemory.AlignedAlloc(64, 64);
        *_root = -1;
    }

    public override int Count => Volatile.Read(ref _entries);

    /// <summary>Longest prefix length a key may have: 8 × data bytes.</summary>
    public uint MaxPrefixLength => _maxPrefixLen;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int Child(byte* node, int bit) => ref *(int*)(node + (bit == 0 ? OffChild0 : OffChild1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint PrefixLen(byte* node) => *(uint*)(node + OffPrefixLen);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsIntermediate(byte* node) => (Volatile.Read(ref *(int*)(node + OffFlags)) & FlagIntermediate) != 0;

    /// <summary>Bit <paramref name="index"/> of <paramref name="data"/>, most significant bit of byte 0 first (network order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ExtractBit(byte* data, uint index) => (data[index >> 3] >> (int)(7 - (index & 7))) & 1;

    /// <summary>Number of leading bits, up to <paramref name="limit"/>, on which <paramref name="a"/> and <paramref name="b"/> agree.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint PrefixMatch(byte* a, byte* b, uint limit)
    {
        uint matched = 0;
        while (matched + 64 <= limit)
        {
            ulong x = BinaryPrimitives.ReverseEndianness(*(ulong*)a ^ *(ulong*)b);
            if (x != 0)
            {
                return matched + (uint)BitOperations.LeadingZeroCount(x);
            }
            matched += 64;
            a += 8;
            b += 8;
        }
        if (matched + 32 <= limit)
        {
            uint x = BinaryPrimitives.ReverseEndianness(*(uint*)a ^ *(uint*)b);
            if (x != 0)
            {
                return matched + (uint)BitOperations.LeadingZeroCount(x);
            }
            matched += 32;
            a += 4;
            b += 4;
        }
        while (matched < limit)
        {
            uint diff = (uint)(*a ^ *b);
            if (diff != 0)
            {
                return Math.Min(limit, matched + (uint)BitOperations.LeadingZeroCount(diff) - 24);
            }
            matched += 8;
            a++;
            b++;
        }
        return limit;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Match(byte* node, byte* key) =>
        PrefixMatch(node + OffData, key + 4, Math.Min(PrefixLen(node), *(uint*)key));

    /// <summary>The kernel's <c>trie_lookup_elem</c>: the value of the longest stored prefix covering the key's first <c>prefixlen</c> bits, or null.</summary>
    public override byte* Lookup(byte* key, int cpu)
    {
        uint keyLen = *(uint*)key;
        if (keyLen > _maxPrefixLen)
        {
            return null;
        }
        byte* found = null;
        int n = Volatile.Read(ref *_root);
        while (n >= 0)
        {
            byte* node = _pool[n];
            uint plen = PrefixLen(node);
            uint matched = PrefixMatch(node + OffData, key + 4, Math.Min(plen, keyLen));
            if (matched == _maxPrefixLen)
            {
                found = node;
                break;
            }
            if (matched < plen)
            {
                break;
            }
            if (!IsIntermediate(node))
            {
                found = node;
            }
            n = Volatile.Read(ref Child(node, ExtractBit(key + 4, plen)));
        }
        return found == null ? null : found + _valueOffset;
    }

    public override int Update(byte* key, byte* value, ulong flags, int cpu)
    {
        lock (_lock)
        {
            return UpdateLocked(key, value, flags);
        }
    }

    public override int Delete(byte* key, int cpu)
    {
        lock (_lock)
        {
            return DeleteLocked(key);
        }
    }

    private int CheckAdd(ulong flags)
    {
        if (flags == UpdateFlags.Exist)
        {
            return -Errno.ENOENT;
        }
        if (_entries == MaxEntries)
        {
            return -Errno.ENOSPC;
        }
        Volatile.Write(ref _entries, _entries + 1);
        return 0;
    }

    private int NewNode(uint prefixLen, int flags, byte* data, byte* value)
    {
        int index = _pool.Allocate();
        if (index < 0)
        {
            return -1;
        }
        byte* node = _pool[index];
        Child(node, 0) = -1;
        Child(node, 1) = -1;
        *(uint*)(node + OffPrefixLen) = prefixLen;
        *(int*)(node + OffFlags) = flags;
        Buffer.MemoryCopy(data, node + OffData, _dataSize, _dataSize);
        if (value != null)
        {
            Buffer.MemoryCopy(value, node + _valueOffset, ValueSize, ValueSize);
        }
        return index;
    }

    /// <summary>The kernel's <c>trie_update_elem</c> (writer lock held).</summary>
    private int UpdateLocked(byte* key, byte* value, ulong flags)
    {
        if (flags > UpdateFlags.Exist)
        {
            return -Errno.EINVAL;
        }
        uint keyLen = *(uint*)key;
        if (keyLen > _maxPrefixLen)
        {
            return -Errno.EINVAL;
        }
        int fresh = NewNode(keyLen, 0, key + 4, value);
        if (fresh < 0)
        {
            return -Errno.ENOMEM;
        }
        byte* newNode = _pool[fresh];
        int* slot = _root;
        int n;
        uint matched = 0;
        byte* node = null;
        while ((n = *slot) >= 0)
        {
            node = _pool[n];
            matched = Match(node, key);
            if (PrefixLen(node) != matched || PrefixLen(node) == keyLen)
            {
                break;
            }
            slot = (int*)Unsafe.AsPointer(ref Child(node, ExtractBit(key + 4, PrefixLen(node))));
        }

        int error;
        if (n < 0)
        {
            error = CheckAdd(flags);
            if (error == 0)
            {
                Volatile.Write(ref *slot, fresh);
                return 0;
            }
            _pool.Free(fresh);
            return error;
        }

        if (PrefixLen(node) == matched)
        {
            // Same prefix: replace the node with the new one, which takes over its children.
            error = !IsIntermediate(node) ? (flags == UpdateFlags.NoExist ? -Errno.EEXIST : 0) : CheckAdd(flags);
            if (error != 0)
            {
                _pool.Free(fresh);
                return error;
            }
            Child(newNode, 0) = Child(node, 0);
            Child(newNode, 1) = Child(node, 1);
            Volatile.Write(ref *slot, fresh);
            _pool.Free(n);
            return 0;
        }

        error = CheckAdd(flags);
        if (error != 0)
        {
            _pool.Free(fresh);
            return error;
        }
        if (matched == keyLen)
        {
            // The new prefix covers the node: insert it above.
            Child(newNode, ExtractBit(node + OffData, matched)) = n;
            Volatile.Write(ref *slot, fresh);
            return 0;
        }
        int im = NewNode(matched, FlagIntermediate, node + OffData, null);
        if (im < 0)
        {
            Volatile.Write(ref _entries, _entries - 1);
            _pool.Free(fresh);
            return -Errno.ENOMEM;
        }
        byte* imNode = _pool[im];
        if (ExtractBit(key + 4, matched) != 0)
        {
            Child(imNode, 0) = n;
            Child(imNode, 1) = fresh;
        }
        else
        {
            Child(imNode, 0) = fresh;
            Child(imNode, 1) = n;
        }
        Volatile.Write(ref *slot, im);
        return 0;
    }

    /// <summary>The kernel's <c>trie_delete_elem</c> (writer lock held): exact prefix only.</summary>
    private int DeleteLocked(byte* key)
    {
        uint keyLen = *(uint*)key;
        if (keyLen > _maxPrefixLen)
        {
            return -Errno.EINVAL;
        }
        int* trim = _root;
        int* trim2 = trim;
        int parent = -1;
        int n;
        uint matched = 0;
        byte* node = null;
        while ((n = *trim) >= 0)
        {
            node = _pool[n];
            matched = Match(node, key);
            if (PrefixLen(node) != matched || PrefixLen(node) == keyLen)
            {
                break;
            }
            parent = n;
            trim2 = trim;
            trim = (int*)Unsafe.AsPointer(ref Child(node, ExtractBit(key + 4, PrefixLen(node))));
        }
        if (n < 0 || PrefixLen(node) != keyLen || PrefixLen(node) != matched || IsIntermediate(node))
        {
            return -Errno.ENOENT;
        }
        Volatile.Write(ref _entries, _entries - 1);
        int c0 = Child(node, 0);
        int c1 = Child(node, 1);
        if (c0 >= 0 && c1 >= 0)
        {
            Volatile.Write(ref *(int*)(node + OffFlags), FlagIntermediate);
            return 0;
        }
        if (parent >= 0 && IsIntermediate(_pool[parent]) && c0 < 0 && c1 < 0)
        {
            byte* p = _pool[parent];
            Volatile.Write(ref *trim2, Child(p, 0) == n ? Child(p, 1) : Child(p, 0));
            _pool.Free(parent);
            _pool.Free(n);
            return 0;
        }
        Volatile.Write(ref *trim, c0 >= 0 ? c0 : c1);
        _pool.Free(n);
        return 0;
    }

    private protected override int LookupCore(byte* key, byte* value)
    {
        lock (_lock)
        {
            byte* v = Lookup(key, 0);
            if (v == null)
            {
                return -Errno.ENOENT;
            }
            Buffer.MemoryCopy(v, value, ValueSize, ValueSize);
            return 0;
        }
    }

    private protected override int UpdateCore(byte* key, byte* value, ulong flags) => Update(key, value, flags, 0);

    private protected override int DeleteCore(byte* key) => Delete(key, 0);

    /// <summary>The kernel's <c>trie_get_next_key</c>: post-order, children before parents, child 0 before child 1; a null, invalid or missing key gives the leftmost entry.</summary>
    private protected override int GetNextKeyCore(byte* key, byte* nextKey)
    {
        lock (_lock)
        {
            int searchRoot = *_root;
            if (searchRoot < 0)
            {
                return -Errno.ENOENT;
            }
            int next = -1;
            if (key != null && *(uint*)key <= _maxPrefixLen)
            {
                Span<int> stack = stackalloc int[(int)_maxPrefixLen + 2];
                int sp = -1;
                int n = searchRoot;
                uint matched = 0;
                while (n >= 0)
                {
                    byte* node = _pool[n];
                    stack[++sp] = n;
                    matched = Match(node, key);
                    if (PrefixLen(node) != matched || PrefixLen(node) == *(uint*)key)
                    {
                        break;
                    }
                    n = Child(node, ExtractBit(key + 4, PrefixLen(node)));
                }
                if (n >= 0 && PrefixLen(_pool[n]) == matched && !IsIntermediate(_pool[n]))
                {
                    // Exact match: the next node in post-order after it.
                    searchRoot = -1;
                    n = stack[sp];
                    while (sp > 0)
                    {
                        int parent = stack[sp - 1];
                        byte* p = _pool[parent];
                        if (Child(p, 0) == n && Child(p, 1) >= 0)
                        {
                            searchRoot = Child(p, 1);
                            break;
                        }
                        if (!IsIntermediate(p))
                        {
                            next = parent;
                            break;
                        }
                        n = parent;
                        sp--;
                    }
                    if (searchRoot < 0 && next < 0)
                    {
                        return -Errno.ENOENT;
                    }
                }
            }
            if (next < 0)
            {
                next = Leftmost(searchRoot);
            }
            byte* found = _pool[next];
            *(uint*)nextKey = PrefixLen(found);
            Buffer.MemoryCopy(found + OffData, nextKey + 4, _dataSize, _dataSize);
            return 0;
        }
    }

    /// <summary>The first non-intermediate node in post-order under <paramref name="n"/> (intermediate nodes always have two children, so one exists).</summary>
    private int Leftmost(int n)
    {
        int found = -1;
        while (n >= 0)
        {
            byte* node = _pool[n];
            if (!IsIntermediate(node))
            {
                found = n;
            }
            n = Child(node, 0) >= 0 ? Child(node, 0) : (IsIntermediate(node) ? -1 : Child(node, 1));
        }
        return found;
    }

    public override void Clear()
    {
        lock (_lock)
        {
            var pending = new Stack<int>();
            if (*_root >= 0)
            {
                pending.Push(*_root);
            }
            Volatile.Write(ref *_root, -1);
            while (pending.Count > 0)
            {
                int n = pending.Pop();
                byte* node = _pool[n];
                if (Child(node, 0) >= 0)
                {
                    pending.Push(Child(node, 0));
                }
                if (Child(node, 1) >= 0)
                {
                    pending.Push(Child(node, 1));
                }
                _pool.Free(n);
            }
            Volatile.Write(ref _entries, 0);
        }
    }

    private protected override void FreeNative()
    {
        _pool.Dispose();
        if (_root != null)
        {
            NativeMemory.AlignedFree(_root);
            _root = null;
        }
    }
}
