using P4Bpf.Front.Text;

namespace P4Bpf.Midend.Lowering;

/// <summary>Thrown inside the lowering when a construct is not supported yet; caught at the declaration being lowered and reported as a located diagnostic.</summary>
internal sealed class LoweringException(TextSpan span, string message) : Exception(message)
{
    public TextSpan Span { get; } = span;
}
