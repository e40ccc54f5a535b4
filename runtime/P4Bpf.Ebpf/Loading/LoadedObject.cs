using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Loading;

/// <summary>A loaded object: live maps (created from the spec, initial contents written) and runnable programs, maps reachable by name for the control plane.</summary>
/// <remarks>Owns its maps: <see cref="Dispose"/> frees them, after which programs must not run.</remarks>
public sealed class LoadedObject : IDisposable
{
    private readonly Dictionary<string, BpfMap> _mapsByName;
    private readonly List<LoadedProgram> _programs = [];

    internal LoadedObject(ObjectSpec spec, string objectName, IReadOnlyList<BpfMap> maps, IReadOnlyList<StaticRegion> staticRegions)
    {
        Spec = spec;
        Name = objectName;
        Maps = maps;
        StaticRegions = staticRegions;
        _mapsByName = new Dictionary<string, BpfMap>(StringComparer.Ordinal);
        for (var i = 0; i < maps.Count; i++)
        {
            _mapsByName[spec.Maps[i].Name] = maps[i];
        }
        for (var i = 0; i < maps.Count; i++)
        {
            _mapsByName.TryAdd(spec.Maps[i].KernelName(objectName), maps[i]);
        }
    }

    public ObjectSpec Spec { get; }

    /// <summary>The object name (used for libbpf-style data-section map names).</summary>
    public string Name { get; }

    /// <summary>The maps in <see cref="ObjectSpec.Maps"/> order (the index a map <c>lddw</c> carried).</summary>
    public IReadOnlyList<BpfMap> Maps { get; }

    public IReadOnlyList<LoadedProgram> Programs => _programs;

    /// <summary>Global data and directly addressed map values: regions checked-mode runs must allow.</summary>
    public IReadOnlyList<StaticRegion> StaticRegions { get; }

    /// <summary>The map called <paramref name="name"/> (spec name, or the kernel name libbpf would give it), or null.</summary>
    public BpfMap? Map(string name) => _mapsByName.GetValueOrDefault(name);

    /// <summary>The map called <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> listing the maps when missing.</summary>
    public BpfMap GetMap(string name) => Map(name)
        ?? throw new KeyNotFoundException($"no map '{name}' (maps: {string.Join(", ", Spec.Maps.Select(m => m.Name))})");

    /// <summary>The program whose function name is <paramref name="name"/>, or null.</summary>
    public LoadedProgram? Program(string name) => _programs.FirstOrDefault(p => p.Name == name);

    /// <summary>The program named <paramref name="nameOrSection"/>, else the first program in that section, else null.</summary>
    public LoadedProgram? FindProgram(string nameOrSection) =>
        Program(nameOrSection) ?? _programs.FirstOrDefault(p => p.SectionName == nameOrSection);

    internal void AddProgram(LoadedProgram program) => _programs.Add(program);

    public void Dispose()
    {
        foreach (var map in Maps)
        {
            map.Dispose();
        }
    }
}
