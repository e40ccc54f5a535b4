using P4Bpf.Ebpf.Maps;
namespace P4Bpf.Ebpf.Objects;

/// <summary>The contents of one eBPF object file: programs, maps (global data sections included) and the license.</summary>
/// <remarks>
/// A spec is data (cilium's <c>CollectionSpec</c>): <c>ElfReader</c> produces it, the code generator builds it,
/// <c>ElfWriter</c> writes it byte-for-byte deterministically, loaders turn it into live maps and programs.
/// lddw instructions refer to maps by their index in <see cref="Maps"/>. The canonical order, which
/// <c>ElfReader</c> produces and a written object reads back with, is: legacy <c>maps</c>-section maps,
/// <c>.maps</c> maps, then global data sections; a spec in that order round-trips to an equal spec.
/// </remarks>
public sealed record ObjectSpec(string License, EquatableArray<ProgramSpec> Programs, EquatableArray<MapSpec> Maps)
{
    /// <summary>The <c>version</c> section (kernel version for old kprobe loaders); 0 when absent.</summary>
    public uint KernelVersion { get; init; }

    /// <summary>The global data maps (<c>.rodata</c>, <c>.data</c>, <c>.bss</c>, …).</summary>
    public IEnumerable<MapSpec> DataSections => Maps.Where(m => m.IsDataSection);

    /// <summary>The index of the map called <paramref name="name"/> in <see cref="Maps"/>, or -1.</summary>
    public int MapIndex(string name)
    {
        for (var i = 0; i < Maps.Length; i++)
        {
            if (Maps[i].Name == name)
            {
                return i;
            }
        }
        return -1;
    }

    public MapSpec? Map(string name) => MapIndex(name) is var i and >= 0 ? Maps[i] : null;

    public ProgramSpec? Program(string name) => Programs.FirstOrDefault(p => p.Name == name);

    /// <summary>Problems that make this object inconsistent (duplicate names, dangling references, bad sizes); empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var mapNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var map in Maps)
        {
            if (!mapNames.Add(map.Name))
            {
                errors.Add($"duplicate map name '{map.Name}'");
            }
            errors.AddRange(map.Validate());
        }
        var programNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var program in Programs)
        {
            if (!programNames.Add(program.Name))
            {
                errors.Add($"duplicate program name '{program.Name}'");
            }
            errors.AddRange(program.Validate(Maps));
        }
        foreach (var map in Maps)
        {
            foreach (var slot in map.Slots)
            {
                var known = map.Type == MapType.ProgArray ? programNames.Contains(slot.Target) : mapNames.Contains(slot.Target);
                if (!known)
                {
                    errors.Add($"map '{map.Name}': slot {slot.Index} refers to unknown {(map.Type == MapType.ProgArray ? "program" : "map")} '{slot.Target}'");
                }
            }
        }
        return errors;
    }
}
