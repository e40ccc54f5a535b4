namespace P4Bpf.Front.Diagnostics;

/// <summary>Every diagnostic the front end can report, with a stable number (never reused).</summary>
/// <remarks>
/// Ranges: 1xxx preprocessor and lexer, 2xxx parser, 3xxx semantics (binder, type checker), 4xxx midend,
/// 5xxx eBPF backend. The name prefix gives the severity: ERR_ error, WRN_ warning, INF_ info.
/// The message format of each code lives in <see cref="DiagnosticMessages"/>.
/// </remarks>
public enum ErrorCode
{
    // --- 10xx lexer ---
    ERR_UnterminatedComment = 1001,
    ERR_UnterminatedString = 1002,
    ERR_UnexpectedCharacter = 1003,
    ERR_InvalidIntegerLiteral = 1004,
    ERR_InvalidLiteralWidth = 1006,

    // --- 11xx preprocessor ---
    ERR_IncludeNotFound = 1101,
    ERR_UnterminatedConditional = 1102,
    ERR_UnmatchedDirective = 1103,
    ERR_ErrorDirective = 1104,
    WRN_WarningDirective = 1105,
    ERR_InvalidDirective = 1106,
    ERR_MacroArgumentCount = 1107,
    ERR_InvalidConditionExpression = 1108,
    ERR_IncludeTooDeep = 1109,
    WRN_MacroRedefined = 1110,
    ERR_UnterminatedMacroCall = 1111,
    ERR_InvalidMacroDefinition = 1112,
    ERR_CannotReadFile = 1113,
    ERR_InvalidDefineOption = 1114,

    // --- 2xxx parser ---
    ERR_UnexpectedToken = 2001,
    ERR_UnexpectedEndOfFile = 2002,
    ERR_TooManyErrors = 2003,
}
