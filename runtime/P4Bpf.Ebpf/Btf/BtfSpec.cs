using P4Bpf.Ebpf.Elf;

namespace P4Bpf.Ebpf.Btf;

/// <summary>A parsed BTF blob: its types by id (id 0 is void) and their names.</summary>
public sealed class BtfSpec
{
    private readonly Dictionary<(string, BtfKind), uint> byName;

    internal BtfSpec(IReadOnlyList<BtfType> types, bool bigEndian)
    {
        Types = types;
        BigEndian = bigEndian;
        byName = [];
        for (var id = 1; id < types.Count; id++)
        {
            var t = types[id];
            if (t.Name.Length != 0)
            {
                byName.TryAdd((t.Name, t.Kind), (uint)id);
            }
        }
    }

    /// <summary>All types; index = BTF type id, <c>Types[0]</c> is <see cref="BtfVoid"/>.</summary>
    public IReadOnlyList<BtfType> Types { get; }

    /// <summary>True when the blob was big-endian.</summary>
    public bool BigEndian { get; }

    /// <summary>The type with id <paramref name="id"/>.</summary>
    public BtfType this[uint id] => id < Types.Count ? Types[(int)id] : throw new BtfException($"type id {id} is out of range (have {Types.Count})");

    /// <summary>The id of the first type named <paramref name="name"/> of <paramref name="kind"/>, or null.</summary>
    public uint? IdOf(string name, BtfKind kind) => byName.TryGetValue((name, kind), out var id) ? id : null;

    /// <summary>The first type named <paramref name="name"/> of <paramref name="kind"/>, or null.</summary>
    public BtfType? Find(string name, BtfKind kind) => IdOf(name, kind) is { } id ? Types[(int)id] : null;

    /// <summary>Parses a <c>.BTF</c> blob (either byte order, detected from the magic).</summary>
    /// <exception cref="BtfException">The blob is malformed.</exception>
    public static BtfSpec Parse(ReadOnlySpan<byte> data) => BtfParser.Parse(data);
}
