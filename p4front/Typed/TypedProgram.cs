using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Typed;

/// <summary>
/// The bound program: every declaration in source order (the architecture header's first), the <c>error</c>
/// and <c>match_kind</c> members, and the <c>main</c> package instance when there is one.
/// </summary>
/// <remarks>
/// Walk it by switching over the sealed node records: declarations (<see cref="TypedDeclaration"/> subclasses),
/// statements (<see cref="TypedStatement"/>), expressions (<see cref="TypedExpression"/>). Names resolve through
/// <see cref="NameReference.Symbol"/>; a symbol's body is at <see cref="Symbol.Declaration"/>.
/// </remarks>
public sealed record TypedProgram(TextSpan Span, EquatableArray<TypedDeclaration> Declarations, EquatableArray<string> Errors, EquatableArray<MatchKindSymbol> MatchKinds, MainPackage? Main);

/// <summary>One argument of the package instantiation: the package parameter and the block (or value) passed for it.</summary>
/// <remarks>
/// <see cref="Block"/> is the parser/control/package/extern declaration instantiated (from a constructor call such as
/// <c>MyIngress()</c>, or from a named instance); null when the argument is not a block (e.g. a constant).
/// </remarks>
public sealed record PackageBlock(ParameterInfo Parameter, TypedExpression Argument, TypedDeclaration? Block);

/// <summary>The instantiation of the top-level package called <c>main</c>, with its blocks in parameter order.</summary>
public sealed record MainPackage(InstanceDeclaration Instance, BlockType PackageType, EquatableArray<PackageBlock> Blocks)
{
    /// <summary>The block passed for the package parameter called <paramref name="parameterName"/>, or null.</summary>
    public PackageBlock? GetBlock(string parameterName) => Blocks.FirstOrDefault(b => b.Parameter.Name == parameterName);
}
