using System.Numerics;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Typed;
using S = P4Bpf.Front.Syntax;
using T = P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    /// <summary>
    /// Checks each element of an entry's keyset against its key's match kind: <c>optional</c> takes a value
    /// (or <c>_</c>), <c>lpm</c> a value or a prefix mask, <c>ternary</c> no range, <c>range</c> no mask.
    /// </summary>
    private void CheckEntryKeyset(TypedExpression keyset, IReadOnlyList<TableKey> keys)
    {
        if (keyset.Type.IsError)
        {
            return;
        }
        IReadOnlyList<TypedExpression> elements = keyset is T.TupleKeysetExpression tuple ? tuple.Elements : [keyset];
        if (elements.Count != keys.Count)
        {
            return;
        }
        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i] is not T.BinaryExpression { Operator: BinaryOperator.Mask or BinaryOperator.Range } op)
            {
                continue;
            }
            var kind = keys[i].MatchKind.Name;
            var isMask = op.Operator == BinaryOperator.Mask;
            var allowed = kind switch
            {
                "optional" => false,
                "exact" => true, // p4c accepts a mask on an exact key (spec example 25); the target decides
                "lpm" or "ternary" => isMask,
                "range" => !isMask,
                _ => true, // an architecture's own match kinds: the target decides
            };
            if (!allowed)
            {
                Error(ErrorCode.ERR_InvalidKeyset, op.Span, $"{TextOf(op.Span)}: a {(isMask ? "mask" : "range")} is not allowed for the {kind} key '{TextOf(keys[i].Expression.Span)}'");
                continue;
            }
            if (kind == "lpm" && keys[i].Expression.Type is BitsType { Width: > 0 } bits
                && ConstantFolder.AsLiteral(op.Right) is IntegerLiteral mask)
            {
                var width = bits.Width;
                var m = mask.Value & ((BigInteger.One << width) - 1);
                // a prefix mask: ones from the top, then zeros, i.e. the complement (within the width) plus one is a power of two
                var inverse = ((BigInteger.One << width) - 1) ^ m;
                if (!(inverse + 1).IsPowerOfTwo)
                {
                    Error(ErrorCode.ERR_InvalidKeyset, op.Span, $"{TextOf(op.Span)}: invalid mask for an lpm key (not a prefix of {width} bits)");
                }
            }
        }
    }

    /// <summary>
    /// Entry priorities (spec §14.2.1.4): when some entries give a priority the first must; the priorities the compiler
    /// assigns (from <c>priority_delta</c> and <c>largest_priority_wins</c>) must not become negative.
    /// </summary>
    private void CheckEntryPriorities(S.TableDeclaration table, IReadOnlyList<T.TableEntry> entries, IReadOnlyList<T.TableProperty> properties)
    {
        var largestWins = true;
        BigInteger delta = 1;
        foreach (var property in properties)
        {
            if (property.Value.Type.IsError)
            {
                continue;
            }
            switch (property.Name)
            {
                case "largest_priority_wins":
                    if (ConstantFolder.AsLiteral(property.Value) is BoolLiteral b)
                    {
                        largestWins = b.Value;
                    }
                    else
                    {
                        Error(ErrorCode.ERR_InvalidTableProperty, property.Value.Span, $"{TextOf(property.Value.Span)}: the value of largest_priority_wins must be a boolean constant");
                        return;
                    }
                    break;
                case "priority_delta":
                    if (ConstantFolder.AsLiteral(property.Value) is IntegerLiteral d && d.Value > 0)
                    {
                        delta = d.Value;
                    }
                    else
                    {
                        Error(ErrorCode.ERR_InvalidTableProperty, property.Value.Span, $"{TextOf(property.Value.Span)}: the value of priority_delta must be a positive integer constant");
                        return;
                    }
                    break;
            }
        }
        if (entries.Count == 0 || !entries.Any(e => e.Priority is not null))
        {
            return;
        }
        if (entries[0].Priority is null)
        {
            Error(ErrorCode.ERR_InvalidTableProperty, entries[0].Span, $"the first entry of table '{table.Name.Text}' must have a priority, since other entries have one");
            return;
        }
        BigInteger p = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Priority is { } given)
            {
                if (ConstantFolder.AsLiteral(given) is not IntegerLiteral literal)
                {
                    return; // reported where the priority is bound
                }
                p = literal.Value;
            }
            else
            {
                p = largestWins ? p - delta : p + delta;
            }
            if (p < 0)
            {
                Error(ErrorCode.ERR_InvalidTableProperty, table.Name.Span, $"table '{table.Name.Text}': the priority computed for entry {i + 1} is negative ({p}); give it a priority or lower priority_delta");
                return;
            }
        }
    }
}
