using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Runtime.Stf;

/// <summary>The result of parsing an STF file: every command that parsed, in file order, and every error.</summary>
/// <remarks>A line with an error contributes no command; parsing continues on the next line.</remarks>
public sealed record StfScript(EquatableArray<StfCommand> Commands, EquatableArray<StfParseError> Errors)
{
    /// <summary>True when the file had no errors.</summary>
    public bool Succeeded => Errors.Count == 0;
}
