namespace P4Bpf.Front.Syntax;

/// <summary>The kind of every syntax node (one per concrete node, two for nodes whose flavour matters).</summary>
public enum SyntaxKind
{
    // common
    Program, Identifier, Annotation, Argument, Parameter,

    // types
    BaseType, SizedType, NamedType, SpecializedType, ArrayType, TupleType, ListType,

    // expressions
    IntegerLiteral, BooleanLiteral, StringLiteral, Name, This, DontCare, Default, Dots, InvalidHeader, TypeExpression,
    Member, Index, Slice, Call, Unary, Binary, Conditional, Cast, ListExpression, NamedExpression, StructExpression,
    TupleKeyset, Select, SelectCase,

    // statements
    AssignmentStatement, MethodCallStatement, DeclarationStatement, BlockStatement, IfStatement, EmptyStatement,
    ReturnStatement, ExitStatement, BreakStatement, ContinueStatement, SwitchStatement, SwitchCase, ForStatement,
    ForInStatement, TransitionStatement,

    // declarations
    ConstantDeclaration, VariableDeclaration, InstantiationDeclaration, HeaderTypeDeclaration, HeaderUnionDeclaration,
    StructTypeDeclaration, StructField, EnumDeclaration, EnumMember, TypedefDeclaration, NewTypeDeclaration,
    ErrorDeclaration, MatchKindDeclaration, ExternObjectDeclaration, MethodPrototype, ConstructorPrototype,
    ExternFunctionDeclaration, FunctionDeclaration, ActionDeclaration, ParserTypeDeclaration, ControlTypeDeclaration,
    PackageTypeDeclaration, ParserDeclaration, ParserState, ValueSetDeclaration, ControlDeclaration, EmptyDeclaration,
    BadDeclaration,

    // tables
    TableDeclaration, KeyProperty, KeyElement, ActionsProperty, ActionReference, EntriesProperty, TableEntry, ValueProperty,
}
