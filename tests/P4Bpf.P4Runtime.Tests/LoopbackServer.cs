using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Server;
using P4Bpf.P4Runtime.Targets;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>A real server on 127.0.0.1 (port 0) over the switch runtime, and helpers to connect controllers to it.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly List<P4RuntimeClient> clients = [];

    private LoopbackServer(P4RuntimeServer server) => Server = server;

    public P4RuntimeServer Server { get; }

    public string Address => Server.Address;

    /// <summary>The switch of the last committed pipeline.</summary>
    public P4Switch? Switch { get; private set; }

    /// <param name="options">Server options (default: 127.0.0.1:0 with detailed errors).</param>
    /// <param name="roles">Roles pinned by the operator (<c>--role-config</c>).</param>
    public static async Task<LoopbackServer> StartAsync(IReadOnlyList<ulong>? deviceIds = null, P4RuntimeServerOptions? options = null, P4Runtime.Security.RoleConfigFile? roles = null)
    {
        LoopbackServer? self = null;
        var core = new P4RuntimeCore(new P4RuntimeCoreOptions
        {
            DeviceIds = deviceIds ?? [1],
            DeviceFactory = SwitchDevice.Factory(new SwitchOptions { CpuPort = TestPipeline.CpuPort }, sw => self!.Switch = sw),
            Roles = roles,
        });
        var server = await P4RuntimeServer.StartAsync(core, options ?? new P4RuntimeServerOptions { Address = "127.0.0.1:0", DetailedErrors = true });
        self = new LoopbackServer(server);
        return self;
    }

    /// <summary>A client that has arbitrated with <paramref name="electionId"/>.</summary>
    public async Task<P4RuntimeClient> ConnectAsync(ulong electionId = 1, ulong deviceId = 1, string role = "")
    {
        var client = new P4RuntimeClient(Address, deviceId, electionId, role);
        clients.Add(client);
        await client.ConnectAsync();
        return client;
    }

    /// <summary>A primary client with the test router committed.</summary>
    public async Task<P4RuntimeClient> PrimaryWithPipelineAsync(ulong cookie = 7)
    {
        var client = await ConnectAsync(10);
        client.IsPrimary.Should().BeTrue();
        var pipeline = TestPipeline.Get();
        await client.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, cookie);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in clients)
        {
            await c.DisposeAsync();
        }
        await Server.DisposeAsync();
        Server.Core.Dispose();
    }
}
