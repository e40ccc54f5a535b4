using System.Globalization;
using System.Numerics;
using P4Bpf.Front.Typed;
using Annotation = P4Bpf.Front.Syntax.Annotation;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    /// <summary>
    /// The priority of each entry of a table's <c>entries</c> list, normalised so that the larger value wins and every value is at
    /// least 1. Follows the spec's "Entry priorities": explicit <c>priority = N</c> values are used as written; without any, the
    /// last entry gets 1 and each earlier one <c>priority_delta</c> more; after an explicit one, the following entries step by
    /// <c>priority_delta</c> away from it; <c>largest_priority_wins = false</c> reverses the comparison. The older
    /// <c>@priority(N)</c> entry annotation uses bmv2's convention, where the smaller value wins.
    /// </summary>
    private int[] EntryPriorities(TableDeclaration t, LoweringScope scope)
    {
        var n = t.Entries.Count;
        var result = new int[n];
        if (n == 0)
        {
            return result;
        }
        var largestWins = true;
        BigInteger delta = 1;
        foreach (var property in t.Properties)
        {
            if (property.Name == "largest_priority_wins")
            {
                largestWins = !Constant(property.Value, scope).IsZero;
            }
            else if (property.Name == "priority_delta")
            {
                delta = Constant(property.Value, scope);
                if (delta <= 0)
                {
                    throw new LoweringException(property.Value.Span, "priority_delta must be a positive integer");
                }
            }
        }
        var specified = new BigInteger?[n];
        var annotated = false;
        for (var i = 0; i < n; i++)
        {
            var entry = t.Entries[i];
            if (entry.Priority is not null)
            {
                specified[i] = Constant(entry.Priority, scope);
            }
            else if (entry.Annotations.FirstOrDefault(a => a.Name.Text == "priority") is { } annotation)
            {
                specified[i] = AnnotationInteger(annotation);
                annotated = true;
            }
        }
        if (annotated && t.Entries.All(e => e.Priority is null))
        {
            largestWins = false;
        }
        var prio = new BigInteger[n];
        if (specified.All(p => p is null))
        {
            BigInteger p = 1;
            for (var k = 0; k < n; k++)
            {
                prio[largestWins ? n - 1 - k : k] = p;
                p += delta;
            }
        }
        else
        {
            if (specified[0] is null)
            {
                throw new LoweringException(t.Entries[0].Span, "the first entry needs a priority when other entries of the table have one");
            }
            var p = specified[0]!.Value;
            for (var j = 0; j < n; j++)
            {
                p = specified[j] ?? (largestWins ? p - delta : p + delta);
                prio[j] = p;
            }
        }
        if (prio.Any(p => p < 0) || prio.Any(p => p >= int.MaxValue / 2))
        {
            throw new LoweringException(t.Entries[0].Span, $"table {t.Table.Name}: an entry priority out of range");
        }
        // Normalise: larger wins, smallest 1.
        var min = prio.Min();
        var max = prio.Max();
        for (var j = 0; j < n; j++)
        {
            result[j] = (int)(largestWins ? prio[j] - min + 1 : max - prio[j] + 1);
        }
        return result;
    }

    private static BigInteger AnnotationInteger(Annotation annotation)
    {
        var text = string.Concat(annotation.Body.Select(tok => tok.Text)).Replace("_", "", StringComparison.Ordinal);
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? BigInteger.TryParse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
            : BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out v);
        return ok ? v : throw new LoweringException(annotation.Span, $"@priority needs an integer, not '{text}'");
    }
}
