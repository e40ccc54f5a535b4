using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;

namespace P4Bpf.EbpfGen.CodeGen;

/// <summary>The maps of the object, in order (lddw map references use the index).</summary>
internal sealed class MapIndex
{
    private readonly List<MapSpec> maps = [];

    public IReadOnlyList<MapSpec> Maps => maps;

    public int IndexOf(string name)
    {
        for (var i = 0; i < maps.Count; i++)
        {
            if (maps[i].Name == name)
            {
                return i;
            }
        }
        throw new CodegenException(5014, $"internal: no map {name}");
    }

    private void Add(string name, MapType type, int keySize, int valueSize, long maxEntries, uint flags = 0)
    {
        if (maxEntries is <= 0 or > uint.MaxValue)
        {
            throw new CodegenException(5015, $"map {name}: size {maxEntries} out of range");
        }
        maps.Add(new MapSpec(name, type, (uint)keySize, (uint)valueSize, (uint)maxEntries)
        {
            Flags = flags,
            Key = keySize == 0 ? null : Bytes(name + "_key", keySize),
            Value = Bytes(name + "_value", valueSize),
        });
    }

    /// <summary>BTF for a key/value: u32 for 4 bytes, else a struct holding a byte array (LPM tries need a struct key).</summary>
    private static BtfType Bytes(string name, int size)
    {
        var u8 = BtfInt.Unsigned("unsigned char", 1);
        if (size == 4 && !name.StartsWith('t'))
        {
            return BtfInt.Unsigned("unsigned int", 4);
        }
        var array = new BtfArray(u8, BtfInt.Unsigned("unsigned int", 4), (uint)size);
        return new BtfStruct(name, (uint)size, EquatableArray.Create(new BtfMember("bytes", array, 0)));
    }

    /// <summary>Creates every map the layout plan names.</summary>
    public static MapIndex Build(LayoutPlan plan)
    {
        var index = new MapIndex();
        index.Add(LayoutPlanner.StateMapName, plan.SmartNic ? MapType.Array : MapType.PercpuArray, 4, Math.Max(8, plan.State.Size), 1);
        foreach (var t in plan.Manifest.Tables)
        {
            var size = Math.Max(1, t.Size);
            switch (t.Kind)
            {
                case TableKind.Exact when t.Map is not null:
                    index.Add(t.Map, MapType.Hash, t.KeySize, t.ValueSize, size);
                    break;
                case TableKind.Lpm:
                    index.Add(t.Map!, MapType.LpmTrie, t.KeySize, t.ValueSize, size, MapSpec.FlagNoPrealloc);
                    break;
                case TableKind.LpmHash:
                    foreach (var p in t.PrefixMaps!)
                    {
                        index.Add(p.Map, MapType.Hash, t.KeySize, t.ValueSize, size);
                    }
                    break;
                case TableKind.Ternary:
                    // Range entries expand into several prefixes: leave head room.
                    index.Add(t.Map!, MapType.Hash, t.KeySize, t.ValueSize, size * 4);
                    index.Add(t.MasksMap!, MapType.Array, 4, t.KeySize, t.MaxMasks);
                    break;
            }
            if (t.DefaultMap is not null)
            {
                index.Add(t.DefaultMap, MapType.Array, 4, t.ValueSize, 1);
            }
        }
        foreach (var p in plan.Manifest.ActionProfiles)
        {
            index.Add(p.MembersMap, MapType.Hash, 4, p.MemberValueSize, p.Size);
            if (p.GroupsMap is not null)
            {
                index.Add(p.GroupsMap, MapType.Hash, 4, p.GroupValueSize, p.Size);
            }
        }
        foreach (var c in plan.Manifest.Counters)
        {
            index.Add(c.Map, c.PerCpu ? MapType.PercpuArray : MapType.Array, 4, c.ValueSize, c.Size);
        }
        foreach (var r in plan.Manifest.Registers)
        {
            index.Add(r.Map, MapType.Array, 4, r.ValueSize, r.Size);
        }
        foreach (var m in plan.Manifest.Meters)
        {
            index.Add(m.Map, MapType.Array, 4, m.ValueSize, m.Size);
        }
        foreach (var d in plan.Manifest.Digests)
        {
            index.Add(d.Map, MapType.Queue, 0, d.ValueSize, 1024);
        }
        foreach (var v in plan.Manifest.ValueSets)
        {
            index.Add(v.Map, MapType.Hash, v.KeySize, 1, v.Size);
        }
        if (plan.Manifest.ChainMap is { } chain)
        {
            index.Add(chain, MapType.ProgArray, 4, 4, 1);
        }
        return index;
    }
}
