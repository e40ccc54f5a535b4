using P4Bpf.Front.Syntax;

namespace P4Bpf.Front.Semantics;

/// <summary>How operators are written, for messages and dumps.</summary>
internal static class BinderText
{
    public static string Operator(BinaryOperator op) => Binder.OperatorText(op);
}
