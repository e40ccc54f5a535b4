using System.Globalization;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Maps;

namespace P4Bpf.Ebpf.Engine;

/// <summary>Applies <c>bpftool batch</c> map commands to a loaded object: <c>map update name NAME key [hex] BYTES value [hex] BYTES [any|exist|noexist]</c>
/// and <c>map delete name NAME key [hex] BYTES</c>; blank lines and <c>#</c> comments are skipped.</summary>
/// <remarks>Bytes are decimal unless <c>hex</c> precedes them or they carry <c>0x</c>, as in bpftool; a per-CPU map gets the same value on every CPU.</remarks>
public static class MapBatch
{
    /// <summary>Runs every command of <paramref name="text"/>; throws <see cref="FormatException"/> naming the line for a bad command or a failed update.</summary>
    public static int Apply(LoadedObject loaded, string text, string source = "batch")
    {
        var count = 0;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }
            var words = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }
            try
            {
                ApplyOne(loaded, words);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{source}:{i + 1}: {e.Message}");
            }
            count++;
        }
        return count;
    }

    private static void ApplyOne(LoadedObject loaded, string[] w)
    {
        if (w.Length < 5 || w[0] != "map" || (w[1] != "update" && w[1] != "delete") || w[2] != "name")
        {
            throw new FormatException("expected 'map update name NAME key … value …' or 'map delete name NAME key …'");
        }
        var map = loaded.Map(w[3]) ?? throw new FormatException($"no map named '{w[3]}'");
        var pos = 4;
        Expect(w, ref pos, "key");
        var key = ReadBytes(w, ref pos, "value");
        if (w[1] == "delete")
        {
            Check(map.Delete(key), map, "delete");
            return;
        }
        Expect(w, ref pos, "value");
        var value = ReadBytes(w, ref pos, null);
        var flags = UpdateFlags.Any;
        if (pos < w.Length)
        {
            flags = w[pos++] switch
            {
                "any" => UpdateFlags.Any,
                "exist" => UpdateFlags.Exist,
                "noexist" => UpdateFlags.NoExist,
                var other => throw new FormatException($"unknown update flag '{other}'"),
            };
        }
        if (pos < w.Length)
        {
            throw new FormatException($"unexpected '{w[pos]}'");
        }
        if (key.Length != map.KeySize || value.Length != map.ValueSize)
        {
            throw new FormatException($"map '{map.Name}' takes {map.KeySize}-byte keys and {map.ValueSize}-byte values, got {key.Length} and {value.Length}");
        }
        if (map.IsPerCpu)
        {
            var all = new byte[map.ControlValueSize];
            for (var cpu = 0; cpu < map.PossibleCpus; cpu++)
            {
                value.CopyTo(all.AsSpan(cpu * map.PerCpuValueStride));
            }
            value = all;
        }
        Check(map.Update(key, value, flags), map, "update");
    }

    private static void Check(int rc, BpfMap map, string what)
    {
        if (rc != 0)
        {
            throw new FormatException($"{what} of map '{map.Name}' failed: {Errno.Name(rc)}");
        }
    }

    private static void Expect(string[] w, ref int pos, string word)
    {
        if (pos >= w.Length || w[pos] != word)
        {
            throw new FormatException($"expected '{word}'");
        }
        pos++;
    }

    private static byte[] ReadBytes(string[] w, ref int pos, string? stop)
    {
        var hex = false;
        if (pos < w.Length && w[pos] == "hex")
        {
            hex = true;
            pos++;
        }
        var bytes = new List<byte>();
        while (pos < w.Length && w[pos] != stop && w[pos] is not ("any" or "exist" or "noexist"))
        {
            var t = w[pos++];
            var isHex = hex || t.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
            var digits = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? t[2..] : t;
            if (!byte.TryParse(digits, isHex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var b))
            {
                throw new FormatException($"'{t}' is not a byte");
            }
            bytes.Add(b);
        }
        return [.. bytes];
    }
}
