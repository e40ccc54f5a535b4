using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Lexing;
using P4Bpf.Front.Preprocessing;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Tests;

/// <summary>Mutated programs (tokens deleted, duplicated, swapped; truncated text) never make the front end throw.</summary>
public sealed class RobustnessTests
{
    private const int MutationsPerFile = 400;

    [Fact]
    public void Front_end_never_throws_on_mutated_programs()
    {
        var random = new Random(4242);
        var files = Directory.GetFiles(Path.Combine(TestData.Root, "parse"), "*.p4").Order(StringComparer.Ordinal).ToArray();
        var options = new PreprocessorOptions { ReadFile = _ => null };
        var runs = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var tokens = Lexer.Lex(PreprocessedSource.FromText(text, "x.p4"), new DiagnosticBag())
                .Where(t => t.Kind != TokenKind.EndOfFile).ToList();
            for (var i = 0; i < MutationsPerFile; i++)
            {
                var mutated = Mutate(text, tokens, random);
                var diagnostics = new DiagnosticBag();
                var act = () => SyntaxTree.ParseText(mutated, "mutated.p4", options, diagnostics);
                act.Should().NotThrow($"mutation {i} of {Path.GetFileName(file)}:\n{mutated}");
                runs++;
            }
        }
        runs.Should().BeGreaterThanOrEqualTo(3000);
    }

    private static string Mutate(string text, List<Token> tokens, Random random)
    {
        if (tokens.Count == 0)
        {
            return text;
        }
        var a = tokens[random.Next(tokens.Count)];
        var b = tokens[random.Next(tokens.Count)];
        switch (random.Next(5))
        {
            case 0: // delete a token
                return text.Remove(a.Span.Start, a.Span.Length);
            case 1: // duplicate a token
                return text.Insert(a.Span.Start, a.Text + " ");
            case 2: // swap two tokens
                {
                    var (first, second) = a.Span.Start <= b.Span.Start ? (a, b) : (b, a);
                    if (first.Span.End > second.Span.Start)
                    {
                        return text;
                    }
                    return text[..first.Span.Start] + second.Text + text[first.Span.End..second.Span.Start] + first.Text + text[second.Span.End..];
                }
            case 3: // truncate
                return text[..random.Next(text.Length + 1)];
            default: // insert a random punctuation or keyword
                {
                    string[] junk = ["{", "}", "(", ")", "<", ">", ";", "@", "#", "\"", "/*", "transition", "apply", "8w", "0x", "...", "&&&", "#define X(", "#if", "#include \"x"];
                    return text.Insert(a.Span.Start, junk[random.Next(junk.Length)]);
                }
        }
    }
}
