using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>An object loaded into the kernel: its maps (by spec name or kernel name) and its verified programs.</summary>
/// <remarks>Owns every descriptor: <see cref="Dispose"/> closes links (detaching programs), programs, maps and BTF, and removes the
/// pins the load created when <see cref="KernelLoaderOptions.RemovePinsOnDispose"/> is set.</remarks>
public sealed class KernelObject : IDisposable
{
    private readonly Dictionary<string, KernelMap> _mapsByName = new(StringComparer.Ordinal);
    private readonly List<KernelProgram> _programs = [];
    private readonly List<KernelMap> _maps = [];
    private readonly List<string> _notes = [];
    private bool _disposed;

    internal KernelObject(ObjectSpec spec, KernelLoaderOptions options)
    {
        Spec = spec;
        Options = options;
    }

    public ObjectSpec Spec { get; }

    public KernelLoaderOptions Options { get; }

    public string Name => Options.ObjectName;

    /// <summary>The maps in <see cref="ObjectSpec.Maps"/> order.</summary>
    public IReadOnlyList<KernelMap> Maps => _maps;

    public IReadOnlyList<KernelProgram> Programs => _programs;

    /// <summary>What the loader chose to do differently from the spec (e.g. a map created without its BTF types).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The BTF the maps' key/value types came from, or null.</summary>
    internal BpfFd? Btf { get; set; }

    public KernelMap? Map(string name) => _mapsByName.GetValueOrDefault(name);

    /// <summary>The map called <paramref name="name"/> (spec or kernel name); throws <see cref="KeyNotFoundException"/> listing the maps.</summary>
    public KernelMap GetMap(string name) => Map(name)
        ?? throw new KeyNotFoundException($"no map '{name}' (maps: {string.Join(", ", _maps.Select(m => m.Name))})");

    public KernelProgram? Program(string name) => _programs.FirstOrDefault(p => p.Name == name);

    /// <summary>The program named <paramref name="nameOrSection"/>, else the first one in that section, else null.</summary>
    public KernelProgram? FindProgram(string nameOrSection) =>
        Program(nameOrSection) ?? _programs.FirstOrDefault(p => p.SectionName == nameOrSection);

    /// <summary>Like <see cref="FindProgram"/>; throws <see cref="KeyNotFoundException"/> listing the programs.</summary>
    public KernelProgram GetProgram(string nameOrSection) => FindProgram(nameOrSection)
        ?? throw new KeyNotFoundException($"no program or section '{nameOrSection}' (programs: {string.Join(", ", _programs.Select(p => $"{p.Name} in {p.SectionName}"))})");

    internal void AddMap(KernelMap map)
    {
        _maps.Add(map);
        _mapsByName[map.Name] = map;
        _mapsByName.TryAdd(map.KernelName, map);
    }

    internal void AddProgram(KernelProgram program) => _programs.Add(program);

    internal void AddNote(string note) => _notes.Add(note);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        var removePins = Options.RemovePinsOnDispose;
        foreach (var program in _programs)
        {
            foreach (var link in program.Links)
            {
                if (removePins)
                {
                    TryUnpin(link.Unpin);
                }
            }
            if (removePins)
            {
                TryUnpin(program.Unpin);
            }
            program.Dispose();
        }
        foreach (var map in _maps)
        {
            if (removePins)
            {
                TryUnpin(map.Unpin);
            }
            map.Dispose();
        }
        Btf?.Dispose();
        if (removePins && CreatedPinDirectory && Options.PinDirectory is { } dir && Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
        {
            TryUnpin(() => Directory.Delete(dir));
        }
    }

    /// <summary>True when the load created <see cref="KernelLoaderOptions.PinDirectory"/> (it is removed with the pins when left empty).</summary>
    internal bool CreatedPinDirectory { get; set; }

    private static void TryUnpin(Action unpin)
    {
        try
        {
            unpin();
        }
        catch (IOException)
        {
            // best effort: a leftover pin only costs kernel memory until it is removed
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
