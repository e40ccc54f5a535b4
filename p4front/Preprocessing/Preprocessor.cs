using System.Text;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Preprocessing;

/// <summary>
/// The C-style preprocessor P4 programs rely on: <c>#include</c>, <c>#define</c>/<c>#undef</c> (object- and
/// function-like, with <c>#</c> and <c>##</c>), conditionals, <c>#line</c>, <c>#error</c>, <c>#warning</c>, <c>#pragma</c>.
/// </summary>
/// <remarks>Works line by line on comment-free text and records where every output line came from.</remarks>
public sealed partial class Preprocessor
{
    private const int MaxIncludeDepth = 64;

    private readonly PreprocessorOptions _options;
    private readonly DiagnosticBag _diagnostics;
    private readonly StringBuilder _output = new();
    private readonly List<LineOrigin> _origins = [];
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Macro> _macros = new(StringComparer.Ordinal);
    private readonly List<string> _pragmas = [];
    private readonly HashSet<string> _onceFiles = new(StringComparer.Ordinal);
    private int _depth;

    public Preprocessor(PreprocessorOptions options, DiagnosticBag diagnostics)
    {
        _options = options;
        _diagnostics = diagnostics;
        foreach (var (name, value) in options.Defines)
        {
            _macros[name] = new Macro(name, null, false, value);
        }
    }

    /// <summary>Preprocesses a file read through <see cref="PreprocessorOptions.ReadFile"/>; a missing file is a diagnostic.</summary>
    public static PreprocessedSource ProcessFile(string path, PreprocessorOptions options, DiagnosticBag diagnostics)
    {
        var preprocessor = new Preprocessor(options, diagnostics);
        string? text;
        try
        {
            text = options.ReadFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(ErrorCode.ERR_CannotReadFile, Location.None, path, e.Message);
            return preprocessor.Finish();
        }
        if (text is null)
        {
            diagnostics.Add(ErrorCode.ERR_CannotReadFile, Location.None, path, "file not found");
            return preprocessor.Finish();
        }
        preprocessor.ProcessSource(text, path);
        return preprocessor.Finish();
    }

    /// <summary>Preprocesses an in-memory text; <paramref name="filePath"/> names it in diagnostics and anchors relative includes.</summary>
    public static PreprocessedSource ProcessText(string text, string filePath, PreprocessorOptions options, DiagnosticBag diagnostics)
    {
        var preprocessor = new Preprocessor(options, diagnostics);
        preprocessor.ProcessSource(text, filePath);
        return preprocessor.Finish();
    }

    private PreprocessedSource Finish() => new(_output.ToString(), _origins.ToArray(), new Dictionary<string, string>(_files), _pragmas.ToArray());

    private sealed class Conditional(bool parentActive, bool active, string directive, LineOrigin origin)
    {
        public bool ParentActive { get; } = parentActive;
        public bool Active { get; set; } = active;
        public bool AnyTaken { get; set; } = active;
        public bool SeenElse { get; set; }
        public string Directive { get; } = directive;
        public LineOrigin Origin { get; } = origin;
    }

    /// <summary>The state of one file being read: its lines and the cursor, shared with multi-line macro calls.</summary>
    private sealed class FileState(string path, string[] lines)
    {
        public string Path { get; } = path;
        public string DisplayPath { get; set; } = path;
        public string[] Lines { get; } = lines;
        public int Index { get; set; }
        public int LineDelta { get; set; }

        public LineOrigin OriginOf(int index) => new(DisplayPath, index + 1 + LineDelta);
    }

    private void ProcessSource(string text, string path)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        _files.TryAdd(path, text);
        var stripped = PpScanner.StripComments(text, out var unterminated);
        var file = new FileState(path, stripped.Split('\n'));
        var stack = new Stack<Conditional>();
        while (file.Index < file.Lines.Length)
        {
            var start = file.Index;
            var line = ReadLogicalLine(file);
            var origin = file.OriginOf(start);
            var active = stack.Count == 0 || stack.Peek().Active;
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#'))
            {
                HandleDirective(file, trimmed[1..].TrimStart(), origin, stack, active);
                continue;
            }
            if (!active)
            {
                continue;
            }
            var expanded = _macros.Count == 0 ? line : ExpandLine(line, file, origin);
            Emit(expanded, origin);
        }
        if (unterminated > 0)
        {
            Report(ErrorCode.ERR_UnterminatedComment, new LineOrigin(path, unterminated), 1);
        }
        foreach (var open in stack)
        {
            Report(ErrorCode.ERR_UnterminatedConditional, open.Origin, 1, open.Directive);
        }
    }

    /// <summary>Reads one line, joining backslash-continued lines.</summary>
    private static string ReadLogicalLine(FileState file)
    {
        var line = file.Lines[file.Index++];
        if (!line.EndsWith('\\'))
        {
            return line;
        }
        var builder = new StringBuilder(line, 0, line.Length - 1, line.Length * 2);
        while (file.Index < file.Lines.Length)
        {
            var next = file.Lines[file.Index++];
            if (next.EndsWith('\\'))
            {
                builder.Append(next, 0, next.Length - 1);
                continue;
            }
            builder.Append(next);
            break;
        }
        return builder.ToString();
    }

    private void Emit(string text, LineOrigin origin)
    {
        foreach (var part in text.Split('\n'))
        {
            _output.Append(part).Append('\n');
            _origins.Add(origin);
        }
    }

    private void Report(ErrorCode code, LineOrigin origin, int column, params object[] args) =>
        _diagnostics.Add(code, new Location(origin.FilePath, origin.Line, column, new TextSpan(_output.Length, 0)), args);
}
