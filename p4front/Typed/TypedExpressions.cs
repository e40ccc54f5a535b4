using System.Numerics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Typed;

/// <summary>The base of every typed node: immutable, with the span of the syntax it was bound from.</summary>
public abstract record TypedNode(TextSpan Span);

/// <summary>A bound expression: every expression carries its <see cref="P4Type"/>.</summary>
public abstract record TypedExpression(TextSpan Span, P4Type Type) : TypedNode(Span);

/// <summary>An expression that failed to bind (its diagnostic was reported); its type is <see cref="ErrorType"/>.</summary>
public sealed record BadExpression(TextSpan Span) : TypedExpression(Span, ErrorType.Instance);

/// <summary>An integer constant of type <c>int</c>, <c>bit&lt;W&gt;</c> or <c>int&lt;W&gt;</c>; for sized types <see cref="Value"/> is in range (two's complement wrapped).</summary>
public sealed record IntegerLiteral(TextSpan Span, P4Type Type, BigInteger Value) : TypedExpression(Span, Type);

/// <summary><c>true</c> / <c>false</c>.</summary>
public sealed record BoolLiteral(TextSpan Span, bool Value) : TypedExpression(Span, BoolType.Instance);

/// <summary>A string constant.</summary>
public sealed record StringLiteral(TextSpan Span, string Value) : TypedExpression(Span, StringType.Instance);

/// <summary>A use of a declared name: variable, parameter, constant, instance, action, function, table, state, value set.</summary>
public sealed record NameReference(TextSpan Span, P4Type Type, Symbol Symbol) : TypedExpression(Span, Type);

/// <summary>A type used in value position (<c>E</c> of <c>E.A</c>, <c>error</c>, <c>T</c> of <c>T.minSizeInBits()</c>); its type is a <see cref="MetaType"/>.</summary>
public sealed record TypeReference(TextSpan Span, P4Type Referenced) : TypedExpression(Span, new MetaType(Referenced));

/// <summary><c>target.field</c> of a struct, header or union, or <c>hit</c>/<c>miss</c>/<c>action_run</c> of a table apply result.</summary>
public sealed record FieldAccess(TextSpan Span, P4Type Type, TypedExpression Target, string Field) : TypedExpression(Span, Type);

/// <summary>A member of an enum (<c>E.A</c>); <see cref="Value"/> is the member's number for serializable enums.</summary>
public sealed record EnumMemberExpression(TextSpan Span, EnumType EnumType, string Member, BigInteger? Value) : TypedExpression(Span, EnumType);

/// <summary><c>error.X</c>.</summary>
public sealed record ErrorMemberExpression(TextSpan Span, string Member) : TypedExpression(Span, ErrorCodeType.Instance);

/// <summary>A <c>match_kind</c> member used as a value.</summary>
public sealed record MatchKindExpression(TextSpan Span, MatchKindSymbol Member) : TypedExpression(Span, MatchKindType.Instance);

/// <summary><c>stack[index]</c> or <c>tuple[constant]</c>.</summary>
public sealed record IndexExpression(TextSpan Span, P4Type Type, TypedExpression Target, TypedExpression Index) : TypedExpression(Span, Type);

/// <summary>The header-stack properties that are not plain fields.</summary>
public enum StackMember
{
    /// <summary><c>s.next</c>: the element at nextIndex (parsers only).</summary>
    Next,
    /// <summary><c>s.last</c>: the element at nextIndex - 1.</summary>
    Last,
    /// <summary><c>s.lastIndex</c>: nextIndex - 1, as <c>bit&lt;32&gt;</c>.</summary>
    LastIndex,
}

/// <summary><c>stack.next</c>, <c>stack.last</c>, <c>stack.lastIndex</c> (<c>stack.size</c> is folded to a literal).</summary>
public sealed record StackMemberExpression(TextSpan Span, P4Type Type, TypedExpression Target, StackMember Member) : TypedExpression(Span, Type);

/// <summary><c>target[High:Low]</c> with constant bounds; the type is <c>bit&lt;High-Low+1&gt;</c>.</summary>
public sealed record SliceExpression(TextSpan Span, P4Type Type, TypedExpression Target, int High, int Low) : TypedExpression(Span, Type);

/// <summary>A prefix operator; its type follows the spec's rules (see <see cref="UnaryOperator"/>).</summary>
public sealed record UnaryExpression(TextSpan Span, P4Type Type, UnaryOperator Operator, TypedExpression Operand) : TypedExpression(Span, Type);

/// <summary>An infix operator; both operands already converted to the operator's operand types (shifts keep their own right type).</summary>
/// <remarks><see cref="BinaryOperator.Mask"/> and <see cref="BinaryOperator.Range"/> appear only in keysets and have a <see cref="SetType"/>.</remarks>
public sealed record BinaryExpression(TextSpan Span, P4Type Type, BinaryOperator Operator, TypedExpression Left, TypedExpression Right) : TypedExpression(Span, Type);

/// <summary><c>c ? a : b</c>.</summary>
public sealed record ConditionalExpression(TextSpan Span, P4Type Type, TypedExpression Condition, TypedExpression WhenTrue, TypedExpression WhenFalse) : TypedExpression(Span, Type);

/// <summary>An explicit cast <c>(T) e</c>, or an implicit conversion the binder inserted (<see cref="IsImplicit"/>).</summary>
public sealed record CastExpression(TextSpan Span, P4Type Type, TypedExpression Operand, bool IsImplicit) : TypedExpression(Span, Type);

/// <summary>An argument matched to its parameter; <see cref="Value"/> is null for an omitted <c>@optional</c> parameter, the default value when omitted with a default.</summary>
public sealed record TypedArgument(TextSpan Span, ParameterInfo Parameter, TypedExpression? Value);

/// <summary>What a call calls.</summary>
public abstract record Callee;

/// <summary>A function with a body or an extern function.</summary>
public sealed record FunctionCallee(FunctionSymbol Function) : Callee;

/// <summary>A direct action call.</summary>
public sealed record ActionCallee(ActionSymbol Action) : Callee;

/// <summary>A method of an extern instance (<c>Instance</c> is the receiver, e.g. <c>packet</c> or <c>counter</c>).</summary>
public sealed record MethodCallee(TypedExpression Instance, MethodSymbol Method) : Callee;

/// <summary><c>apply</c> of a table, parser or control instance (or of a parser/control type applied directly).</summary>
public sealed record ApplyCallee(TypedExpression Target) : Callee;

/// <summary>The built-in methods of headers, unions, stacks and every expression.</summary>
public enum BuiltinMethod
{
    IsValid, SetValid, SetInvalid, PushFront, PopFront,
    MinSizeInBits, MinSizeInBytes, MaxSizeInBits, MaxSizeInBytes,
}

/// <summary>A built-in method on <see cref="Target"/>.</summary>
public sealed record BuiltinCallee(TypedExpression Target, BuiltinMethod Method) : Callee;

/// <summary>A call; <see cref="Arguments"/> follow the callee's parameter order (named arguments reordered, defaults filled in).</summary>
/// <remarks><see cref="TypeArguments"/> are the inferred or explicit type arguments of a generic callee, in its type-parameter order.</remarks>
public sealed record CallExpression(TextSpan Span, P4Type Type, Callee Callee, EquatableArray<P4Type> TypeArguments, EquatableArray<TypedArgument> Arguments) : TypedExpression(Span, Type);

/// <summary>A constructor call in expression position: an extern (<c>Checksum16()</c>), parser or control (<c>MyParser()</c>) instantiated as an argument.</summary>
public sealed record ConstructorCallExpression(TextSpan Span, P4Type Type, TypeSymbol Declaration, MethodSymbol? Constructor, EquatableArray<TypedArgument> Arguments) : TypedExpression(Span, Type);

/// <summary><c>{ a, b }</c> typed as a tuple, list, or header stack initializer.</summary>
public sealed record ListExpression(TextSpan Span, P4Type Type, EquatableArray<TypedExpression> Elements) : TypedExpression(Span, Type);

/// <summary>One <c>name = value</c> of a <see cref="StructExpression"/>.</summary>
public sealed record NamedValue(TextSpan Span, string Name, TypedExpression Value);

/// <summary>A structure/header value; fields in the type's declaration order. A list expression assigned to a struct becomes one of these.</summary>
public sealed record StructExpression(TextSpan Span, P4Type Type, EquatableArray<NamedValue> Fields) : TypedExpression(Span, Type);

/// <summary><c>{#}</c>: an invalid header or union of the expected type.</summary>
public sealed record InvalidHeaderExpression(TextSpan Span, P4Type Type) : TypedExpression(Span, Type);

/// <summary><c>_</c>: a don't-care argument (out arguments discarded) or keyset element matching anything.</summary>
public sealed record DontCareExpression(TextSpan Span, P4Type Type) : TypedExpression(Span, Type);

/// <summary><c>default</c> keyset (matches everything).</summary>
public sealed record DefaultKeysetExpression(TextSpan Span, P4Type Type) : TypedExpression(Span, Type);

/// <summary><c>(k1, k2)</c>: a keyset for a select/table with several keys.</summary>
public sealed record TupleKeysetExpression(TextSpan Span, P4Type Type, EquatableArray<TypedExpression> Elements) : TypedExpression(Span, Type);

/// <summary>One case of a select: a keyset (typed against the keys) and the next state.</summary>
public sealed record SelectCase(TextSpan Span, TypedExpression Keyset, StateSymbol State);

/// <summary><c>select (keys) { cases }</c>; its type is <see cref="StateType"/>.</summary>
public sealed record SelectExpression(TextSpan Span, EquatableArray<TypedExpression> Keys, EquatableArray<SelectCase> Cases) : TypedExpression(Span, StateType.Instance);

/// <summary><c>target[low +: Width]</c> with a run-time <see cref="Low"/>; the type is <c>bit&lt;Width&gt;</c>.</summary>
public sealed record DynamicSliceExpression(TextSpan Span, P4Type Type, TypedExpression Target, TypedExpression Low, int Width) : TypedExpression(Span, Type);
