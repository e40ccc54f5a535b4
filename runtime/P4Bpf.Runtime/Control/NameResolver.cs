namespace P4Bpf.Runtime.Control;

/// <summary>Resolves a P4 object name against the compiled program's names: the exact name, else the unique name that ends with it
/// on a dot boundary (or that it ends with: STF may qualify more than the compiler did).</summary>
/// <remarks>Header-stack indices are compared normalised: <c>hdr.s$0.f</c> equals <c>hdr.s[0].f</c>.</remarks>
public static partial class NameResolver
{
    public static string? TryResolve(string name, IEnumerable<string> candidates, out string? error)
    {
        error = null;
        // Fast path: controllers (the P4Runtime server) pass full names; only look further when there is no exact match.
        foreach (var c in candidates)
        {
            if (string.Equals(c, name, StringComparison.Ordinal))
            {
                return c;
            }
        }
        var n = Normalize(name);
        var list = candidates.ToList();
        var exact = list.Where(c => Normalize(c) == n).ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }
        var matches = list.Where(c =>
        {
            var cn = Normalize(c);
            return cn.EndsWith("." + n, StringComparison.Ordinal) || n.EndsWith("." + cn, StringComparison.Ordinal);
        }).Distinct().ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }
        // p4c's eBPF STF files use the C names of its generated code: dots become underscores, top-level names get a leading '_'
        // (pipe_Check_src_ip, pipe_c1_Reject, _NoAction).
        if (matches.Count == 0)
        {
            var flat = Flatten(n);
            var flatMatches = list.Where(c => Flatten(Normalize(c)) == flat).Distinct().ToList();
            if (flatMatches.Count == 1)
            {
                return flatMatches[0];
            }
            // Actions the compiler specialised per call site carry an instance suffix (setbyte$2, normalised setbyte[2]).
            var unsuffixed = list.Where(c =>
            {
                var cn = InstanceSuffix().Replace(Normalize(c), "");
                return cn == n || cn.EndsWith("." + n, StringComparison.Ordinal) || Flatten(cn) == flat;
            }).Distinct().ToList();
            if (unsuffixed.Count == 1)
            {
                return unsuffixed[0];
            }
        }
        error = matches.Count == 0
            ? $"no '{name}' (known: {string.Join(", ", list.Take(12))}{(list.Count > 12 ? ", …" : "")})"
            : $"'{name}' is ambiguous: {string.Join(", ", matches)}";
        return null;
    }

    public static string Resolve(string name, IEnumerable<string> candidates, string what)
    {
        var r = TryResolve(name, candidates, out var error);
        return r ?? throw new ControlException(ControlErrorCode.NotFound, $"{what} {error}");
    }

    public static string Normalize(string name) => Stf.StfName.Normalize(name);

    [System.Text.RegularExpressions.GeneratedRegex(@"\[[0-9]+\]$")]
    private static partial System.Text.RegularExpressions.Regex InstanceSuffix();

    private static string Flatten(string name) => name.Replace('.', '_').TrimStart('_');
}
