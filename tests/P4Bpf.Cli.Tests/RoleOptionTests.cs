using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests;

/// <summary><c>run --role-config</c> and <c>ctl --role/--role-config</c>: files are checked before anything is served or sent.</summary>
public sealed class RoleOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p4bpf-roles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Router => Path.Combine(Tooling.RepoRoot, "examples", "l3-router", "l3_router.p4");

    private static int Invoke(params string[] args) => Program.CreateRootCommand().Parse(args).Invoke();

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Run_ServesWithAValidRoleFile_AndRefusesNamesThePipelineLacks()
    {
        var good = Write("roles.json", """{ "roles": { "routing": { "tables": { "names": ["ipv4_lpm", "nexthop"] } } } }""");
        Invoke("run", Router, "--grpc-addr", "127.0.0.1:0", "--duration", "0.2", "--role-config", good).Should().Be(0);
        var typo = Write("typo.txtpb", """roles { key: "routing" value { tables { names: "ipv4_lmp" } } }""");
        Invoke("run", Router, "--grpc-addr", "127.0.0.1:0", "--duration", "0.2", "--role-config", typo).Should().Be(1, "ipv4_lmp is not a table of the program");
        Invoke("run", Router, "--grpc-addr", "127.0.0.1:0", "--duration", "0.2", "--role-config", Path.Combine(_dir, "missing.json")).Should().Be(1);
    }

    [Fact]
    public void Ctl_NeedsARoleName_ForARoleConfig_AndAReadableConfig()
    {
        var config = Write("acl.json", """{ "tables": { "names": ["acl"] } }""");
        Invoke("ctl", "--addr", "127.0.0.1:1", "--role-config", config, "table-read").Should().Be(1, "a role config needs --role");
        var broken = Write("broken.json", """{ "tables": [ }""");
        Invoke("ctl", "--addr", "127.0.0.1:1", "--role", "acl", "--role-config", broken, "table-read").Should().Be(1);
    }
}
