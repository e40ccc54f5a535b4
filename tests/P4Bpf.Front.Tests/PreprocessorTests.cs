using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Preprocessing;

namespace P4Bpf.Front.Tests;

public sealed class PreprocessorTests
{
    private static (string Text, P4Bpf.Front.Text.PreprocessedSource Source, DiagnosticBag Diagnostics) Run(string text, Dictionary<string, string>? files = null, Dictionary<string, string>? defines = null)
    {
        var diagnostics = new DiagnosticBag();
        var options = new PreprocessorOptions
        {
            ReadFile = p => files is not null && files.TryGetValue(p.Replace('\\', '/'), out var t) ? t : null,
            Defines = defines ?? [],
            IncludeDirectories = ["inc"],
        };
        var source = Preprocessor.ProcessText(text, "main.p4", options, diagnostics);
        return (source.Text, source, diagnostics);
    }

    [Fact]
    public void Object_and_function_macros_expand_with_stringize_and_paste()
    {
        var (text, _, diagnostics) = Run("#define A 1\n#define F(x, y) x + y\n#define S(x) #x\n#define P(a, b) a ## b\nF(A, 2) S(hi there) P(foo, bar)\n");
        diagnostics.Items.Should().BeEmpty();
        text.Trim().Should().Be("1 + 2 \"hi there\" foobar");
    }

    [Fact]
    public void Conditionals_with_defined_and_arithmetic()
    {
        var (text, _, diagnostics) = Run("#define V 3\n#if defined(V) && (V * 2 == 6) && !defined W\nyes\n#elif 1\nno1\n#else\nno2\n#endif\n#ifdef W\nno3\n#endif\n");
        diagnostics.Items.Should().BeEmpty();
        text.Trim().Should().Be("yes");
    }

    [Fact]
    public void Command_line_defines_are_predefined()
    {
        var (text, _, _) = Run("#ifdef FOO\nX FOO\n#endif\n", defines: new() { ["FOO"] = "42" });
        text.Trim().Should().Be("X 42");
    }

    [Fact]
    public void Includes_map_lines_back_to_the_included_file()
    {
        var files = new Dictionary<string, string> { ["inc/lib.p4"] = "// lib\nconst bit<8> L = 1;\n" };
        var (text, source, diagnostics) = Run("#include <lib.p4>\nconst bit<8> M = 2;\n", files);
        diagnostics.Items.Should().BeEmpty();
        var lIndex = text.IndexOf("L =", StringComparison.Ordinal);
        var location = source.GetLocation(new P4Bpf.Front.Text.TextSpan(lIndex, 1));
        location.FilePath.Should().Be("inc/lib.p4");
        location.Line.Should().Be(2);
        location.Column.Should().Be(14);
        var m = source.GetLocation(new P4Bpf.Front.Text.TextSpan(text.IndexOf("M =", StringComparison.Ordinal), 1));
        (m.FilePath, m.Line).Should().Be(("main.p4", 2));
    }

    [Fact]
    public void Include_guards_and_pragma_once_include_once()
    {
        var files = new Dictionary<string, string>
        {
            ["inc/g.p4"] = "#ifndef G\n#define G\nguarded\n#endif\n",
            ["inc/o.p4"] = "#pragma once\nonce\n",
        };
        var (text, _, diagnostics) = Run("#include \"g.p4\"\n#include <g.p4>\n#include <o.p4>\n#include <o.p4>\n", files);
        diagnostics.Items.Should().BeEmpty();
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Should().Equal("guarded", "once");
    }

    [Fact]
    public void Line_directive_renames_and_renumbers()
    {
        var (text, source, _) = Run("a\n#line 40 \"other.p4\"\nb\n");
        var location = source.GetLocation(new P4Bpf.Front.Text.TextSpan(text.IndexOf('b'), 1));
        (location.FilePath, location.Line).Should().Be(("other.p4", 40));
    }

    [Fact]
    public void Errors_are_diagnostics()
    {
        var (_, _, diagnostics) = Run("#include <missing.p4>\n#error stop here\n#if 1\n");
        diagnostics.Items.Select(d => d.Code).Should().Equal(ErrorCode.ERR_IncludeNotFound, ErrorCode.ERR_ErrorDirective, ErrorCode.ERR_UnterminatedConditional);
        diagnostics.Items[1].ToString().Should().Be("main.p4(2,1): error P4E1104: #error stop here");
    }

    [Fact]
    public void Recursive_include_stops_with_a_diagnostic()
    {
        var files = new Dictionary<string, string> { ["inc/r.p4"] = "#include <r.p4>\n" };
        var (_, _, diagnostics) = Run("#include <r.p4>\n", files);
        diagnostics.Items.Should().ContainSingle(d => d.Code == ErrorCode.ERR_IncludeTooDeep);
    }

    [Fact]
    public void Parses_define_options()
    {
        PreprocessorOptions.TryParseDefine("A=1", out var name, out var value).Should().BeTrue();
        (name, value).Should().Be(("A", "1"));
        PreprocessorOptions.TryParseDefine("B", out name, out value).Should().BeTrue();
        (name, value).Should().Be(("B", "1"));
        PreprocessorOptions.TryParseDefine("1B", out _, out _).Should().BeFalse();
    }
}
