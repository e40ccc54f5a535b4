using System.Text.Json;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Elf;

/// <summary>Loads objects into the running kernel with bpftool into a throw-away pin directory.</summary>
internal sealed class KernelBpf : IDisposable
{
    private KernelBpf(string pinDir) => PinDir = pinDir;

    public string PinDir { get; }

    public string MapDir => Path.Combine(PinDir, "maps");

    /// <summary>Runs <c>bpftool prog loadall OBJ DIR pinmaps DIR/maps</c>; fails the test with bpftool's output when the kernel refuses.</summary>
    public static KernelBpf LoadAll(string objectPath)
    {
        var dir = "/sys/fs/bpf/p4bpf-test-" + Guid.NewGuid().ToString("N");
        var loaded = new KernelBpf(dir);
        try
        {
            var (exit, stdout, stderr) = Tooling.Run("bpftool", $"prog loadall \"{objectPath}\" {dir} pinmaps {dir}/maps");
            if (exit != 0)
            {
                throw new Xunit.Sdk.XunitException($"bpftool prog loadall {objectPath} failed ({exit}):\n{stdout}\n{stderr}");
            }
            return loaded;
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    /// <summary>The names of the pinned programs.</summary>
    public IReadOnlyList<string> Programs => Directory.Exists(PinDir)
        ? Directory.GetFiles(PinDir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
        : [];

    /// <summary><c>bpftool map show pinned</c> as JSON for the map pinned as <paramref name="pinName"/>.</summary>
    public JsonElement Map(string pinName)
    {
        var (exit, stdout, stderr) = Tooling.Run("bpftool", $"-j map show pinned {MapDir}/{pinName}");
        if (exit != 0)
        {
            throw new Xunit.Sdk.XunitException($"bpftool map show pinned {pinName} failed:\n{stdout}\n{stderr}");
        }
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public IReadOnlyList<string> MapPins => Directory.Exists(MapDir)
        ? Directory.GetFiles(MapDir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
        : [];

    public void Dispose()
    {
        if (Directory.Exists(PinDir))
        {
            Directory.Delete(PinDir, recursive: true);
        }
    }
}
