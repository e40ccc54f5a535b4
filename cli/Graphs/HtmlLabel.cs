using System.Text;

namespace P4Bpf.Cli.Graphs;

/// <summary>Builds a Graphviz HTML-like label: a borderless table of rows (a bold title, then plain or small grey rows), all text entity-escaped.</summary>
internal sealed class HtmlLabel
{
    private readonly StringBuilder _rows = new();
    private int _count;

    /// <summary>The first row: bold, centred.</summary>
    public HtmlLabel Title(string text, string? prefix = null)
    {
        _rows.Append("<TR><TD ALIGN=\"CENTER\">");
        if (prefix is not null)
        {
            _rows.Append("<FONT POINT-SIZE=\"9\" COLOR=\"#555555\">").Append(Escape(prefix)).Append("</FONT> ");
        }
        _rows.Append("<B>").Append(Escape(text)).Append("</B></TD></TR>");
        _count++;
        return this;
    }

    /// <summary>A left-aligned row in the body font.</summary>
    public HtmlLabel Row(string text)
    {
        _rows.Append("<TR><TD ALIGN=\"LEFT\">").Append(Escape(text)).Append("</TD></TR>");
        _count++;
        return this;
    }

    /// <summary>A left-aligned row in a smaller grey font (details such as sizes and counts).</summary>
    public HtmlLabel Detail(string text)
    {
        _rows.Append("<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">").Append(Escape(text)).Append("</FONT></TD></TR>");
        _count++;
        return this;
    }

    /// <summary>A left-aligned section heading in italics (e.g. "key", "actions").</summary>
    public HtmlLabel Section(string text)
    {
        _rows.Append("<TR><TD ALIGN=\"LEFT\"><I><FONT COLOR=\"#333399\">").Append(Escape(text)).Append("</FONT></I></TD></TR>");
        _count++;
        return this;
    }

    public int RowCount => _count;

    public DotLabel Build() =>
        DotLabel.Html("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">" + _rows + "</TABLE>");

    /// <summary>Escapes text for an HTML-like label (<c>&amp; &lt; &gt; "</c>; control characters become spaces).</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                default: sb.Append(char.IsControl(c) ? ' ' : c); break;
            }
        }
        return sb.ToString();
    }
}
