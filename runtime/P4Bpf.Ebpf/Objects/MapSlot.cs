namespace P4Bpf.Ebpf.Objects;

/// <summary>An initial entry of a program array or map-in-map (the <c>values</c> member of a BTF map definition).</summary>
/// <param name="Index">The array slot (key).</param>
/// <param name="Target">The program name (program arrays) or the inner map's name (map-in-map).</param>
public sealed record MapSlot(uint Index, string Target)
{
    public override string ToString() => $"[{Index}] = {Target}";
}
