namespace P4Bpf.Front.Text;

/// <summary>Where one line of preprocessed text came from: the original file (after #line) and its 1-based line.</summary>
public readonly record struct LineOrigin(string FilePath, int Line);
