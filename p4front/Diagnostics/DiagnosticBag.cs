namespace P4Bpf.Front.Diagnostics;

/// <summary>Collects the diagnostics of one compilation; passed down through the stages (never global).</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public int Count => _items.Count;

    public bool HasErrors => _items.Exists(d => d.Severity == DiagnosticSeverity.Error);

    public int ErrorCount => _items.Count(d => d.Severity == DiagnosticSeverity.Error);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public Diagnostic Add(ErrorCode code, Location location, params object[] arguments)
    {
        var diagnostic = new Diagnostic(code, location, arguments);
        _items.Add(diagnostic);
        return diagnostic;
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>The diagnostics ordered by file, line, column (stable for equal positions).</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.Select((d, i) => (d, i))
            .OrderBy(p => p.d.Location.Span.Start)
            .ThenBy(p => p.i)
            .Select(p => p.d)
            .ToList();
}
