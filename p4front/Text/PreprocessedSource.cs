using P4Bpf.Front.Diagnostics;

namespace P4Bpf.Front.Text;

/// <summary>The output of the preprocessor: one text with a line map back to the original files, and those files' texts.</summary>
/// <remarks>Line i (0-based) of <see cref="Text"/> came from <c>Origins[i]</c>; columns are kept except on lines changed by macro expansion.</remarks>
public sealed class PreprocessedSource
{
    private readonly int[] _lineStarts;
    private readonly IReadOnlyDictionary<string, string[]> _fileLines;

    public PreprocessedSource(string text, IReadOnlyList<LineOrigin> origins, IReadOnlyDictionary<string, string> files, IReadOnlyList<string> pragmas)
    {
        Text = text;
        Origins = origins;
        Files = files;
        Pragmas = pragmas;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }
        _lineStarts = starts.ToArray();
        _fileLines = files.ToDictionary(kv => kv.Key, kv => kv.Value.Split('\n'));
    }

    /// <summary>Wraps a text that did not go through the preprocessor (each line maps to itself).</summary>
    public static PreprocessedSource FromText(string text, string filePath)
    {
        var lineCount = text.Count(c => c == '\n') + 1;
        var origins = Enumerable.Range(1, lineCount).Select(l => new LineOrigin(filePath, l)).ToArray();
        return new PreprocessedSource(text, origins, new Dictionary<string, string> { [filePath] = text }, []);
    }

    public string Text { get; }

    public IReadOnlyList<LineOrigin> Origins { get; }

    /// <summary>Every file read while preprocessing (path as shown in diagnostics → text).</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>The <c>#pragma</c> lines met, in order, without the leading <c>#pragma</c>.</summary>
    public IReadOnlyList<string> Pragmas { get; }

    /// <summary>0-based line and column of an offset in <see cref="Text"/>.</summary>
    public (int Line, int Column) GetLineColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }
        return (line, offset - _lineStarts[line]);
    }

    /// <summary>Maps a span of preprocessed text to its original file, line and column.</summary>
    public Location GetLocation(TextSpan span)
    {
        var (line, column) = GetLineColumn(span.Start);
        if (line >= Origins.Count)
        {
            var last = Origins.Count > 0 ? Origins[^1] : new LineOrigin("<input>", 1);
            return new Location(last.FilePath, last.Line, column + 1, span);
        }
        var origin = Origins[line];
        return new Location(origin.FilePath, origin.Line, column + 1, span);
    }

    /// <summary>The text of a 1-based line of an original file, or null (used to render diagnostics).</summary>
    public string? GetOriginalLine(string filePath, int line)
    {
        if (_fileLines.TryGetValue(filePath, out var lines) && line >= 1 && line <= lines.Length)
        {
            return lines[line - 1];
        }
        return null;
    }
}
