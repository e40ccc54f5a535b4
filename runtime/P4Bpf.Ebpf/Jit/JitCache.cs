using System.Collections.Concurrent;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Jit;

/// <summary>Compiled programs keyed by program bytes, helper table identity and options; share one between compilers to
/// compile each distinct program once.</summary>
/// <remarks>An entry whose helper bindings no longer match its table (a helper was replaced) is recompiled on the next lookup.</remarks>
public sealed class JitCache
{
    private readonly ConcurrentDictionary<Key, JitProgram> _entries = new();

    /// <summary>Number of compiled programs held.</summary>
    public int Count => _entries.Count;

    /// <summary>Compilations performed through this cache (misses).</summary>
    public long Compilations => Interlocked.Read(ref _compilations);

    private long _compilations;

    /// <summary>Drops every entry.</summary>
    public void Clear() => _entries.Clear();

    internal JitProgram GetOrAdd(HelperTable helpers, JitOptions options, byte[] bytes, Func<JitProgram> compile)
    {
        var key = new Key(helpers, options, bytes);
        if (_entries.TryGetValue(key, out var found) && found.IsCurrent(helpers))
        {
            return found;
        }
        var compiled = compile();
        Interlocked.Increment(ref _compilations);
        _entries[key] = compiled;
        return compiled;
    }

    private sealed class Key(HelperTable helpers, JitOptions options, byte[] bytes) : IEquatable<Key>
    {
        private readonly int _hash = HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(helpers), options, Hash(bytes));

        public HelperTable Helpers { get; } = helpers;

        public JitOptions Options { get; } = options;

        public byte[] Bytes { get; } = bytes;

        public bool Equals(Key? other) => other is not null && ReferenceEquals(Helpers, other.Helpers) && Options == other.Options
            && Bytes.AsSpan().SequenceEqual(other.Bytes);

        public override bool Equals(object? obj) => Equals(obj as Key);

        public override int GetHashCode() => _hash;

        private static int Hash(byte[] bytes)
        {
            var h = new HashCode();
            h.AddBytes(bytes);
            return h.ToHashCode();
        }
    }
}
