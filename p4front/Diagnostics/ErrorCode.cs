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

    // --- 3xxx semantics (binder, type checker, constant evaluator) ---
    ERR_UndeclaredName = 3001,
    ERR_UndeclaredType = 3002,
    ERR_DuplicateDeclaration = 3003,
    ERR_NotAType = 3004,
    ERR_TypeNotValue = 3005,
    ERR_TypeMismatch = 3006,
    ERR_BinaryOperatorTypes = 3007,
    ERR_UnaryOperatorType = 3008,
    ERR_NoSuchMember = 3009,
    ERR_NotCallable = 3010,
    ERR_ArgumentCount = 3011,
    ERR_NotLValue = 3012,
    ERR_ArgumentNotLValue = 3013,
    ERR_NotConstant = 3014,
    ERR_InvalidWidth = 3015,
    ERR_SliceOutOfRange = 3016,
    ERR_InvalidCast = 3017,
    ERR_ConditionNotBool = 3018,
    ERR_CannotInferTypeArgument = 3019,
    ERR_TypeArgumentCount = 3020,
    ERR_UnknownState = 3021,
    ERR_UnknownMatchKind = 3022,
    ERR_NotAnAction = 3023,
    ERR_DefaultActionNotInList = 3024,
    ERR_ReturnMismatch = 3025,
    ERR_ExitNotAllowed = 3026,
    ERR_StaticAssertFailed = 3027,
    ERR_DivisionByZero = 3028,
    ERR_NoSuchParameter = 3029,
    ERR_MissingArgument = 3030,
    ERR_DuplicateArgument = 3031,
    ERR_NotTableAction = 3032,
    ERR_DuplicateLabel = 3033,
    ERR_InvalidContext = 3034,
    ERR_InvalidFieldType = 3035,
    ERR_DuplicateField = 3036,
    ERR_InvalidParameter = 3037,
    ERR_IndexOutOfRange = 3038,
    ERR_ActionArguments = 3039,
    ERR_InvalidKeyset = 3040,
    ERR_MissingStartState = 3041,
    ERR_BuiltinStateRedefined = 3042,
    ERR_InvalidDeclaration = 3043,
    ERR_NotSupported = 3044,
    ERR_InvalidEnumValue = 3045,
    ERR_AmbiguousCall = 3046,
    ERR_MissingReturn = 3047,
    ERR_InvalidTableProperty = 3048,
    ERR_ConstantOverflow = 3049,
    WRN_ConstantTruncated = 3050,
    ERR_InvalidAnnotation = 3051,
    ERR_InternalError = 3099,

    // 4xxx: midend (lowering of the typed tree into the IR)
    ERR_LoweringNotSupported = 4001,
    ERR_LoweringInternal = 4099,
}
