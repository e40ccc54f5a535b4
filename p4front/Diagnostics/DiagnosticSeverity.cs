namespace P4Bpf.Front.Diagnostics;

/// <summary>How serious a diagnostic is; derived from the <see cref="ErrorCode"/> name prefix (ERR_, WRN_, INF_).</summary>
public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}
