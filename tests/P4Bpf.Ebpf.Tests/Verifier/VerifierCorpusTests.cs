namespace P4Bpf.Ebpf.Tests.Verifier;

/// <summary>One case per corpus file: our verifier's verdict, PC and message match the header.</summary>
public sealed class VerifierCorpusTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in VerifierCase.Files())
        {
            data.Add(VerifierCase.NameOf(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verdict_matches_header(string name)
    {
        var c = VerifierCase.Load(Path.Combine(VerifierCase.Directory, name));
        var result = c.Verify(log: true);
        var because = string.Join("\n", result.Log.TakeLast(15));
        if (c.ExpectAccept)
        {
            result.Error.Should().BeNull(because);
            return;
        }
        result.Error.Should().NotBeNull("the header expects a rejection at {0}", c.ExpectPc);
        result.Error!.Message.Should().Contain(c.ExpectMessage, because);
        result.Error.Pc.Should().Be(c.ExpectPc, result.Error.Message);
    }

    [Fact]
    public void Corpus_has_at_least_300_cases() => VerifierCase.Files().Count().Should().BeGreaterThanOrEqualTo(300);
}
