using System.Text;
using P4.Config.V1;
using Prefix = P4.Config.V1.P4Ids.Types.Prefix;

namespace P4Bpf.P4Runtime.P4InfoGen;

/// <summary>P4Info object ids the way p4c assigns them: kind prefix in the top byte, Jenkins one-at-a-time hash of the name in the low 24 bits.</summary>
/// <remarks>
/// Ids given by <c>@id</c> are reserved first; the remaining names of every kind are hashed in ordinal (strcmp) order and
/// collisions are resolved by linear probing over the 24 hash bits, as p4c's <c>computeIdsForSymbols</c> does, so our ids equal p4c's.
/// </remarks>
public sealed class P4IdAllocator
{
    private readonly HashSet<uint> assigned = [];
    private readonly Dictionary<(Prefix Kind, string Name), uint> ids = [];
    private readonly List<(Prefix Kind, string Name)> pending = [];

    /// <summary>Jenkins one-at-a-time hash over the UTF-8 bytes of <paramref name="name"/>.</summary>
    public static uint JenkinsOneAtATime(string name)
    {
        uint hash = 0;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash += b;
            hash += hash << 10;
            hash ^= hash >> 6;
        }
        hash += hash << 3;
        hash ^= hash >> 11;
        hash += hash << 15;
        return hash;
    }

    /// <summary>Registers a symbol; <paramref name="explicitId"/> is its <c>@id</c> (top byte 0 = take the kind's prefix).</summary>
    /// <returns>An error message, or null.</returns>
    public string? Add(Prefix kind, string name, uint? explicitId = null)
    {
        if (ids.ContainsKey((kind, name)) || pending.Contains((kind, name)))
        {
            return null;
        }
        if (explicitId is { } id)
        {
            var prefix = (uint)kind << 24;
            if ((id & 0xff000000) == 0)
            {
                id |= prefix;
            }
            else if ((id & 0xff000000) != prefix)
            {
                return $"@id 0x{id:x8} of {name} does not have the prefix 0x{(uint)kind:x2} of its kind";
            }
            if ((id & 0xffffff) == 0 || !assigned.Add(id))
            {
                return $"@id 0x{id:x8} is assigned to multiple declarations or is invalid";
            }
            ids[(kind, name)] = id;
            return null;
        }
        pending.Add((kind, name));
        return null;
    }

    /// <summary>Assigns ids to every symbol without an <c>@id</c>.</summary>
    public void Compute()
    {
        foreach (var (kind, name) in pending.OrderBy(p => (int)p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            var start = JenkinsOneAtATime(name);
            var value = start;
            uint Make(uint v) => ((uint)kind << 24) | (v & 0xffffff);
            while (assigned.Contains(Make(value)))
            {
                value++;
                if (value == start)
                {
                    throw new InvalidOperationException($"no id left for {name}");
                }
            }
            assigned.Add(Make(value));
            ids[(kind, name)] = Make(value);
        }
        pending.Clear();
    }

    public uint this[Prefix kind, string name] =>
        ids.TryGetValue((kind, name), out var id) ? id : throw new KeyNotFoundException($"no id for {kind} {name}");

    public bool TryGet(Prefix kind, string name, out uint id) => ids.TryGetValue((kind, name), out id);
}
