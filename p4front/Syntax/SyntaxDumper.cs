using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using P4Bpf.Front.Lexing;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Syntax;

/// <summary>Prints a syntax tree as a readable indented outline (used by <c>p4bpf check --dump ast</c> and the golden tests).</summary>
/// <remarks>Every node prints its kind, then its properties in declaration order; false flags, nulls and empty lists are omitted.</remarks>
public static class SyntaxDumper
{
    private static readonly Dictionary<Type, PropertyInfo[]> PropertyCache = [];

    public static string Dump(SyntaxNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        return builder.ToString();
    }

    private static PropertyInfo[] PropertiesOf(Type type)
    {
        lock (PropertyCache)
        {
            if (!PropertyCache.TryGetValue(type, out var properties))
            {
                // Positional record parameters come first in declaration order: keep the constructor's order.
                var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
                properties = ctor.GetParameters()
                    .Select(p => type.GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance))
                    .Where(p => p is not null && p.Name != nameof(SyntaxNode.Span))
                    .ToArray()!;
                PropertyCache[type] = properties;
            }
            return properties;
        }
    }

    private static void Write(StringBuilder builder, SyntaxNode node, int indent)
    {
        builder.Append(node.Kind.ToString());
        if (node is Identifier identifier)
        {
            builder.Append(' ').Append(identifier.Text).Append('\n');
            return;
        }
        builder.Append('\n');
        foreach (var property in PropertiesOf(node.GetType()))
        {
            WriteProperty(builder, property.Name, property.GetValue(node), indent + 1);
        }
    }

    private static void WriteProperty(StringBuilder builder, string name, object? value, int indent)
    {
        switch (value)
        {
            case null:
            case false:
                return;
            case Identifier identifier:
                Indent(builder, indent).Append(name).Append(": ").Append(identifier.Text).Append('\n');
                return;
            case SyntaxNode node:
                Indent(builder, indent).Append(name).Append(": ");
                Write(builder, node, indent);
                return;
            case EquatableArray<Token> tokens:
                if (!tokens.IsEmpty)
                {
                    Indent(builder, indent).Append(name).Append(": ").Append(string.Join(" ", tokens.Select(t => t.Text))).Append('\n');
                }
                return;
            case string text:
                Indent(builder, indent).Append(name).Append(": ").Append(text).Append('\n');
                return;
            case TextSpan:
                return;
            case IEnumerable items when value.GetType().IsGenericType && value.GetType().GetGenericTypeDefinition() == typeof(EquatableArray<>):
                {
                    var list = items.Cast<object>().ToList();
                    if (list.Count == 0)
                    {
                        // An empty but present list (e.g. "()" constructor parameters) is still worth showing when nullable.
                        return;
                    }
                    Indent(builder, indent).Append(name).Append(":\n");
                    foreach (var item in list)
                    {
                        Indent(builder, indent + 1).Append("- ");
                        if (item is SyntaxNode child)
                        {
                            Write(builder, child, indent + 1);
                        }
                        else
                        {
                            builder.Append(Convert.ToString(item, CultureInfo.InvariantCulture)).Append('\n');
                        }
                    }
                    return;
                }
            default:
                Indent(builder, indent).Append(name).Append(": ").Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
                return;
        }
    }

    private static StringBuilder Indent(StringBuilder builder, int indent) => builder.Append(' ', indent * 2);
}
