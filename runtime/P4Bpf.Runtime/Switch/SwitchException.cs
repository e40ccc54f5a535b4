namespace P4Bpf.Runtime.Switch;

/// <summary>A pipeline that cannot be loaded or run: a missing file, a layout that does not fit the object, an unknown architecture.</summary>
public sealed class SwitchException(string message) : Exception(message);
