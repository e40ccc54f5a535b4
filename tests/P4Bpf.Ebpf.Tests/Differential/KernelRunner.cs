using System.Text.Json;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Differential;

/// <summary>Loads an object into the kernel with bpftool (programs and maps pinned under a fresh /sys/fs/bpf directory), runs programs
/// through BPF_PROG_TEST_RUN on CPU 0, dumps maps; <see cref="Dispose"/> removes the pins.</summary>
internal sealed class KernelRunner : IDisposable
{
    private readonly string _dir;
    private readonly string _mapsDir;
    private readonly string _scratch;

    public KernelRunner(string objectPath)
    {
        var id = Guid.NewGuid().ToString("N");
        _dir = $"/sys/fs/bpf/p4bpf-diff-{id}";
        _mapsDir = _dir + "-maps";
        _scratch = Path.Combine(Path.GetTempPath(), "p4bpf-diff-io-" + id);
        Directory.CreateDirectory(_scratch);
        var (code, _, err) = Tooling.Run("bpftool", $"prog loadall {objectPath} {_dir} pinmaps {_mapsDir}");
        if (code != 0)
        {
            Dispose();
            throw new InvalidOperationException($"bpftool prog loadall {Path.GetFileName(objectPath)} failed: {err}");
        }
    }

    /// <summary>Runs the pinned program once on <paramref name="packet"/>: the 32-bit return value and <c>data_out</c>.</summary>
    /// <remarks>Null when the kernel rejects the input with EINVAL (e.g. a truncated IPv4 frame for an skb program).</remarks>
    public (uint Retval, byte[] Packet)? Run(string program, byte[] packet)
    {
        var input = Path.Combine(_scratch, "in.bin");
        var output = Path.Combine(_scratch, "out.bin");
        File.WriteAllBytes(input, packet);
        File.Delete(output);
        var (code, stdout, err) = Tooling.Run("taskset",
            $"-c 0 bpftool -j prog run pinned {_dir}/{program} data_in {input} data_out {output} data_size_out 65536 repeat 1");
        if (code != 0 && (err + stdout).Contains("Invalid argument", StringComparison.Ordinal))
        {
            return null;
        }
        if (code != 0)
        {
            throw new InvalidOperationException($"bpftool prog run {program} failed: {err}{stdout}");
        }
        using var json = JsonDocument.Parse(stdout);
        var retval = json.RootElement.GetProperty("retval").GetUInt32();
        return (retval, File.Exists(output) ? File.ReadAllBytes(output) : []);
    }

    /// <summary>The pinned maps: pin name → kernel map type name (<c>hash</c>, <c>percpu_array</c>…).</summary>
    public IReadOnlyDictionary<string, string> Maps()
    {
        var maps = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(_mapsDir))
        {
            return maps;
        }
        foreach (var path in Directory.GetFiles(_mapsDir))
        {
            var (code, stdout, err) = Tooling.Run("bpftool", $"-j map show pinned {path}");
            if (code != 0)
            {
                throw new InvalidOperationException($"bpftool map show {path} failed: {err}");
            }
            using var json = JsonDocument.Parse(stdout);
            maps[Path.GetFileName(path)] = json.RootElement.GetProperty("type").GetString()!;
        }
        return maps;
    }

    /// <summary>The entries of a pinned map as hex key → hex value (CPU 0's value for per-CPU maps).</summary>
    public SortedDictionary<string, string> Dump(string pinName)
    {
        var (code, stdout, err) = Tooling.Run("bpftool", $"-j map dump pinned {_mapsDir}/{pinName}");
        if (code != 0)
        {
            throw new InvalidOperationException($"bpftool map dump {pinName} failed: {err}");
        }
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var json = JsonDocument.Parse(stdout);
        foreach (var entry in json.RootElement.EnumerateArray())
        {
            var key = Hex(entry.GetProperty("key"));
            if (entry.TryGetProperty("values", out var values))
            {
                var cpu0 = values.EnumerateArray().First(v => v.GetProperty("cpu").GetInt32() == 0);
                entries[key] = Hex(cpu0.GetProperty("value"));
            }
            else
            {
                entries[key] = Hex(entry.GetProperty("value"));
            }
        }
        return entries;
    }

    private static string Hex(JsonElement bytes) =>
        string.Concat(bytes.EnumerateArray().Select(b => b.GetString()!.Replace("0x", "", StringComparison.Ordinal)));

    public void Dispose()
    {
        foreach (var dir in new[] { _dir, _mapsDir })
        {
            try
            {
                if (Directory.Exists(dir))
                {
                    foreach (var file in Directory.GetFiles(dir))
                    {
                        File.Delete(file);
                    }
                    Directory.Delete(dir);
                }
            }
            catch (IOException)
            {
                // best effort: a leftover pin only costs kernel memory until reboot
            }
        }
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
