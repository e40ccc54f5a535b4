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
        [ErrorCode.ERR_UndeclaredName] = "'{0}' is not declared",
        [ErrorCode.ERR_UndeclaredType] = "type '{0}' is not declared",
        [ErrorCode.ERR_DuplicateDeclaration] = "'{0}' is already declared in this scope",
        [ErrorCode.ERR_NotAType] = "'{0}' is not a type",
        [ErrorCode.ERR_TypeNotValue] = "'{0}' is a type, not a value",
        [ErrorCode.ERR_TypeMismatch] = "cannot convert '{0}' to '{1}'",
        [ErrorCode.ERR_BinaryOperatorTypes] = "operator '{0}' cannot be applied to '{1}' and '{2}'",
        [ErrorCode.ERR_UnaryOperatorType] = "operator '{0}' cannot be applied to '{1}'",
        [ErrorCode.ERR_NoSuchMember] = "'{0}' has no member '{1}'",
        [ErrorCode.ERR_NotCallable] = "'{0}' cannot be called",
        [ErrorCode.ERR_ArgumentCount] = "no overload of '{0}' takes {1} argument(s)",
        [ErrorCode.ERR_NotLValue] = "'{0}' cannot be assigned: {1}",
        [ErrorCode.ERR_ArgumentNotLValue] = "argument for {0} parameter '{1}' must be assignable (an lvalue)",
        [ErrorCode.ERR_NotConstant] = "{0} must be a compile-time constant",
        [ErrorCode.ERR_InvalidWidth] = "invalid width {0}: {1}",
        [ErrorCode.ERR_SliceOutOfRange] = "slice [{0}:{1}] is out of range for '{2}'",
        [ErrorCode.ERR_InvalidCast] = "cannot cast '{0}' to '{1}'",
        [ErrorCode.ERR_ConditionNotBool] = "condition must be 'bool', not '{0}'",
        [ErrorCode.ERR_CannotInferTypeArgument] = "cannot infer type argument '{0}' of '{1}'",
        [ErrorCode.ERR_TypeArgumentCount] = "'{0}' expects {1} type argument(s), got {2}",
        [ErrorCode.ERR_UnknownState] = "no parser state '{0}'",
        [ErrorCode.ERR_UnknownMatchKind] = "'{0}' is not a match_kind",
        [ErrorCode.ERR_NotAnAction] = "'{0}' is not an action",
        [ErrorCode.ERR_DefaultActionNotInList] = "default action '{0}' is not in the table's actions list",
        [ErrorCode.ERR_ReturnMismatch] = "{0}",
        [ErrorCode.ERR_ExitNotAllowed] = "'{0}' is not allowed {1}",
        [ErrorCode.ERR_StaticAssertFailed] = "static assertion failed: {0}",
        [ErrorCode.ERR_DivisionByZero] = "division by zero in a constant expression",
        [ErrorCode.ERR_NoSuchParameter] = "'{0}' has no parameter named '{1}'",
        [ErrorCode.ERR_MissingArgument] = "missing argument for parameter '{0}' of '{1}'",
        [ErrorCode.ERR_DuplicateArgument] = "parameter '{0}' is given more than once",
        [ErrorCode.ERR_NotTableAction] = "'{0}' is not an action of table '{1}'",
        [ErrorCode.ERR_DuplicateLabel] = "duplicate case label '{0}'",
        [ErrorCode.ERR_InvalidContext] = "{0}",
        [ErrorCode.ERR_InvalidFieldType] = "field '{0}' of {1} '{2}' cannot have type '{3}'",
        [ErrorCode.ERR_DuplicateField] = "duplicate field '{0}'",
        [ErrorCode.ERR_InvalidParameter] = "parameter '{0}': {1}",
        [ErrorCode.ERR_IndexOutOfRange] = "index {0} is out of range for '{1}'",
        [ErrorCode.ERR_ActionArguments] = "{0}",
        [ErrorCode.ERR_InvalidKeyset] = "{0}",
        [ErrorCode.ERR_MissingStartState] = "parser '{0}' has no 'start' state",
        [ErrorCode.ERR_BuiltinStateRedefined] = "state '{0}' is built in and cannot be declared",
        [ErrorCode.ERR_InvalidDeclaration] = "{0}",
        [ErrorCode.ERR_NotSupported] = "not supported yet: {0}",
        [ErrorCode.ERR_InvalidEnumValue] = "enum member '{0}': {1}",
        [ErrorCode.ERR_AmbiguousCall] = "call to '{0}' is ambiguous",
        [ErrorCode.ERR_MissingReturn] = "function '{0}' does not return a value on every path",
        [ErrorCode.ERR_InvalidTableProperty] = "{0}",
        [ErrorCode.ERR_ConstantOverflow] = "value {0} does not fit in '{1}'",
        [ErrorCode.WRN_ConstantTruncated] = "value {0} does not fit in '{1}'; truncated",
        [ErrorCode.ERR_InvalidAnnotation] = "@{0}: {1}",
        [ErrorCode.ERR_InternalError] = "internal error in the type checker (please report): {0}",
        [ErrorCode.ERR_LoweringNotSupported] = "not supported yet: {0}",
        [ErrorCode.ERR_LoweringInternal] = "internal error in the lowering (please report): {0}",
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
