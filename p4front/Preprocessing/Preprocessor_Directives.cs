using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Preprocessing;

public sealed partial class Preprocessor
{
    private void HandleDirective(FileState file, string directive, LineOrigin origin, Stack<Conditional> stack, bool active)
    {
        var nameEnd = 0;
        while (nameEnd < directive.Length && PpScanner.IsIdentPart(directive[nameEnd]))
        {
            nameEnd++;
        }
        var name = directive[..nameEnd];
        var rest = directive[nameEnd..].Trim();
        switch (name)
        {
            case "if":
                stack.Push(new Conditional(active, active && EvaluateCondition(rest, file, origin), name, origin));
                return;
            case "ifdef":
            case "ifndef":
                {
                    var macro = FirstIdentifier(rest);
                    if (active && macro is null)
                    {
                        Report(ErrorCode.ERR_InvalidDirective, origin, 1, $"#{name} needs a macro name");
                    }
                    var defined = macro is not null && _macros.ContainsKey(macro);
                    stack.Push(new Conditional(active, active && (name == "ifdef" ? defined : !defined), name, origin));
                    return;
                }
            case "elif":
                {
                    if (stack.Count == 0 || stack.Peek().SeenElse)
                    {
                        Report(ErrorCode.ERR_UnmatchedDirective, origin, 1, name);
                        return;
                    }
                    var top = stack.Peek();
                    if (!top.ParentActive || top.AnyTaken)
                    {
                        top.Active = false;
                        return;
                    }
                    top.Active = EvaluateCondition(rest, file, origin);
                    top.AnyTaken = top.Active;
                    return;
                }
            case "else":
                {
                    if (stack.Count == 0 || stack.Peek().SeenElse)
                    {
                        Report(ErrorCode.ERR_UnmatchedDirective, origin, 1, name);
                        return;
                    }
                    var top = stack.Peek();
                    top.SeenElse = true;
                    top.Active = top.ParentActive && !top.AnyTaken;
                    top.AnyTaken = true;
                    return;
                }
            case "endif":
                if (stack.Count == 0)
                {
                    Report(ErrorCode.ERR_UnmatchedDirective, origin, 1, name);
                    return;
                }
                stack.Pop();
                return;
        }
        if (!active)
        {
            return;
        }
        switch (name)
        {
            case "":
                return; // the null directive
            case "include":
                Include(file, rest, origin);
                return;
            case "define":
                Define(rest, origin);
                return;
            case "undef":
                if (FirstIdentifier(rest) is { } undefined)
                {
                    _macros.Remove(undefined);
                }
                else
                {
                    Report(ErrorCode.ERR_InvalidDirective, origin, 1, "#undef needs a macro name");
                }
                return;
            case "line":
                SetLine(file, ExpandLine(rest, null, origin), origin);
                return;
            case "error":
                Report(ErrorCode.ERR_ErrorDirective, origin, 1, rest);
                return;
            case "warning":
                Report(ErrorCode.WRN_WarningDirective, origin, 1, rest);
                return;
            case "pragma":
                if (rest == "once")
                {
                    _onceFiles.Add(file.Path);
                }
                else
                {
                    _pragmas.Add(rest);
                }
                return;
            default:
                if (name.Length > 0 && char.IsAsciiDigit(name[0]))
                {
                    SetLine(file, directive, origin); // GNU line marker: # 12 "file"
                    return;
                }
                Report(ErrorCode.ERR_InvalidDirective, origin, 1, $"unknown directive '#{name}'");
                return;
        }
    }

    private static string? FirstIdentifier(string text)
    {
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        if (i >= text.Length || !PpScanner.IsIdentStart(text[i]))
        {
            return null;
        }
        var j = i;
        while (j < text.Length && PpScanner.IsIdentPart(text[j]))
        {
            j++;
        }
        return text[i..j];
    }

    private void SetLine(FileState file, string argument, LineOrigin origin)
    {
        var parts = argument.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !int.TryParse(parts[0], out var line) || line < 0)
        {
            Report(ErrorCode.ERR_InvalidDirective, origin, 1, "#line needs a line number");
            return;
        }
        // The line after the directive gets number `line`; file.Index already points past the directive.
        file.LineDelta = line - (file.Index + 1);
        if (parts.Length > 1)
        {
            var name = parts[1].Trim();
            var close = name.Length > 1 && name[0] == '"' ? name.IndexOf('"', 1) : -1;
            if (close > 0)
            {
                file.DisplayPath = name[1..close];
            }
        }
    }

    private void Define(string text, LineOrigin origin)
    {
        var name = FirstIdentifier(text);
        if (name is null)
        {
            Report(ErrorCode.ERR_InvalidMacroDefinition, origin, 1, "#define needs a macro name");
            return;
        }
        var i = text.IndexOf(name, StringComparison.Ordinal) + name.Length;
        List<string>? parameters = null;
        var variadic = false;
        if (i < text.Length && text[i] == '(')
        {
            var close = text.IndexOf(')', i);
            if (close < 0)
            {
                Report(ErrorCode.ERR_InvalidMacroDefinition, origin, 1, $"missing ')' in parameter list of '{name}'");
                return;
            }
            parameters = [];
            foreach (var raw in text[(i + 1)..close].Split(','))
            {
                var parameter = raw.Trim();
                if (parameter.Length == 0)
                {
                    continue;
                }
                if (parameter == "...")
                {
                    variadic = true;
                    parameters.Add("__VA_ARGS__");
                    continue;
                }
                if (FirstIdentifier(parameter) != parameter)
                {
                    Report(ErrorCode.ERR_InvalidMacroDefinition, origin, 1, $"invalid parameter '{parameter}' of '{name}'");
                    return;
                }
                parameters.Add(parameter);
            }
            i = close + 1;
        }
        var macro = new Macro(name, parameters, variadic, text[i..].Trim());
        if (_macros.TryGetValue(name, out var old) && old != macro && !(old.Parameters is null && macro.Parameters is null && old.Body == macro.Body))
        {
            Report(ErrorCode.WRN_MacroRedefined, origin, 1, name);
        }
        _macros[name] = macro;
    }

    private void Include(FileState file, string argument, LineOrigin origin)
    {
        if (argument.Length > 0 && PpScanner.IsIdentStart(argument[0]))
        {
            argument = ExpandLine(argument, null, origin).Trim();
        }
        string target;
        bool angled;
        if (argument.StartsWith('<') && argument.IndexOf('>') > 1)
        {
            target = argument[1..argument.IndexOf('>')];
            angled = true;
        }
        else if (argument.StartsWith('"') && argument.IndexOf('"', 1) > 1)
        {
            target = argument[1..argument.IndexOf('"', 1)];
            angled = false;
        }
        else
        {
            Report(ErrorCode.ERR_InvalidDirective, origin, 1, "#include expects <file> or \"file\"");
            return;
        }
        if (_depth >= MaxIncludeDepth)
        {
            Report(ErrorCode.ERR_IncludeTooDeep, origin, 1, target);
            return;
        }
        var resolved = Resolve(target, angled, file.Path);
        if (resolved is null)
        {
            Report(ErrorCode.ERR_IncludeNotFound, origin, 1, target);
            return;
        }
        var (path, text) = resolved.Value;
        if (_onceFiles.Contains(path))
        {
            return;
        }
        _depth++;
        try
        {
            ProcessSource(text, path);
        }
        finally
        {
            _depth--;
        }
    }

    private (string Path, string Text)? Resolve(string target, bool angled, string includingPath)
    {
        if (angled && _options.UseEmbeddedHeaders && ArchitectureHeaders.TryGet(target, out var embedded))
        {
            return (target, embedded);
        }
        if (!angled)
        {
            var dir = Path.GetDirectoryName(includingPath);
            var candidate = string.IsNullOrEmpty(dir) ? target : Path.Combine(dir, target);
            if (TryRead(candidate) is { } text)
            {
                return (candidate, text);
            }
        }
        foreach (var dir in _options.IncludeDirectories)
        {
            var candidate = Path.Combine(dir, target);
            if (TryRead(candidate) is { } text)
            {
                return (candidate, text);
            }
        }
        if (!angled && _options.UseEmbeddedHeaders && ArchitectureHeaders.TryGet(target, out embedded))
        {
            return (target, embedded);
        }
        return null;
    }

    private string? TryRead(string path)
    {
        try
        {
            return _options.ReadFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
