namespace P4Bpf.Front.Diagnostics;

/// <summary>The one message table: a composite format string per <see cref="ErrorCode"/>.</summary>
public static class DiagnosticMessages
{
    private static readonly Dictionary<ErrorCode, string> Formats = new()
    {
        [ErrorCode.ERR_UnterminatedComment] = "unterminated /* comment",
        [ErrorCode.ERR_UnterminatedString] = "unterminated string literal",
        [ErrorCode.ERR_UnexpectedCharacter] = "unexpected character '{0}'",
        [ErrorCode.ERR_InvalidIntegerLiteral] = "invalid integer literal '{0}'",
        [ErrorCode.ERR_InvalidLiteralWidth] = "invalid width in literal '{0}': {1}",
        [ErrorCode.ERR_IncludeNotFound] = "cannot find include file '{0}'",
        [ErrorCode.ERR_UnterminatedConditional] = "#{0} without matching #endif",
        [ErrorCode.ERR_UnmatchedDirective] = "#{0} without matching #if",
        [ErrorCode.ERR_ErrorDirective] = "#error {0}",
        [ErrorCode.WRN_WarningDirective] = "#warning {0}",
        [ErrorCode.ERR_InvalidDirective] = "invalid preprocessor directive: {0}",
        [ErrorCode.ERR_MacroArgumentCount] = "macro '{0}' expects {1} argument(s), got {2}",
        [ErrorCode.ERR_InvalidConditionExpression] = "invalid #if expression: {0}",
        [ErrorCode.ERR_IncludeTooDeep] = "#include nested too deeply (cycle?) at '{0}'",
        [ErrorCode.WRN_MacroRedefined] = "macro '{0}' redefined",
        [ErrorCode.ERR_UnterminatedMacroCall] = "unterminated argument list invoking macro '{0}'",
        [ErrorCode.ERR_InvalidMacroDefinition] = "invalid macro definition: {0}",
        [ErrorCode.ERR_CannotReadFile] = "cannot read '{0}': {1}",
        [ErrorCode.ERR_InvalidDefineOption] = "invalid -D option '{0}'",
        [ErrorCode.ERR_UnexpectedToken] = "syntax error: unexpected {0}; expected {1}",
        [ErrorCode.ERR_UnexpectedEndOfFile] = "syntax error: unexpected end of file; expected {0}",
        [ErrorCode.ERR_TooManyErrors] = "too many syntax errors; giving up",
    };

    /// <summary>The format string of a code; codes added by later layers register theirs with <see cref="Register"/>.</summary>
    public static string GetFormat(ErrorCode code)
    {
        lock (Formats)
        {
            return Formats.TryGetValue(code, out var format) ? format : code.ToString();
        }
    }

    /// <summary>Adds the message formats of another layer's codes (each code once).</summary>
    public static void Register(ErrorCode code, string format)
    {
        lock (Formats)
        {
            Formats[code] = format;
        }
    }

    public static DiagnosticSeverity GetSeverity(ErrorCode code)
    {
        var name = code.ToString();
        if (name.StartsWith("WRN_", StringComparison.Ordinal))
        {
            return DiagnosticSeverity.Warning;
        }
        return name.StartsWith("INF_", StringComparison.Ordinal) ? DiagnosticSeverity.Info : DiagnosticSeverity.Error;
    }

    /// <summary>The public id: <c>P4E2001</c> for errors, <c>P4W1105</c> for warnings, <c>P4I…</c> for info.</summary>
    public static string GetId(ErrorCode code)
    {
        var letter = GetSeverity(code) switch
        {
            DiagnosticSeverity.Error => 'E',
            DiagnosticSeverity.Warning => 'W',
            _ => 'I',
        };
        return $"P4{letter}{(int)code:D4}";
    }
}
