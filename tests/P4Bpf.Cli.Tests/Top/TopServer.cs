using P4Bpf.EbpfGen;
using P4Bpf.Ebpf.Elf;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.P4InfoGen;
using P4Bpf.P4Runtime.Server;
using P4Bpf.P4Runtime.Targets;
using P4Bpf.Runtime.Switch;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Top;

/// <summary>A real P4Runtime server on 127.0.0.1 (port 0) over the switch runtime, with a program compiled by the real compiler and committed by a primary client.</summary>
internal sealed class TopServer : IAsyncDisposable
{
    public const int CpuPort = 64;

    private TopServer(P4RuntimeServer server) => Server = server;

    public P4RuntimeServer Server { get; }

    public P4Switch Switch { get; private set; } = null!;

    public P4RuntimeClient Primary { get; private set; } = null!;

    /// <param name="offerSwitchStats">False plays another vendor's switch: P4Runtime only, no p4bpf.SwitchStats.</param>
    public static async Task<TopServer> StartAsync(string p4Path, int cpuPort = CpuPort, bool offerSwitchStats = true, int maxPort = 510)
    {
        var result = P4Compiler.CompileFile(p4Path);
        result.Success.Should().BeTrue(string.Join("\n", result.Errors));
        var info = P4InfoBuilder.Build(result.Ir!, FrontEndExtras.From(result.Front!, result.Ir!));
        info.Success.Should().BeTrue(string.Join("\n", info.Errors));
        var package = new DeviceConfigPackage(ElfWriter.Write(result.Object!), result.Layout!.ToJson());

        TopServer? self = null;
        var core = new P4RuntimeCore(new P4RuntimeCoreOptions
        {
            DeviceIds = [1],
            DeviceFactory = SwitchDevice.Factory(new SwitchOptions { CpuPort = cpuPort, MaxPort = maxPort }, sw => self!.Switch = sw),
        });
        var server = await P4RuntimeServer.StartAsync(core, new P4RuntimeServerOptions { Address = "127.0.0.1:0", DetailedErrors = true, OfferSwitchStats = offerSwitchStats });
        self = new TopServer(server);
        self.Primary = new P4RuntimeClient(server.Address, 1, 10);
        (await self.Primary.ConnectAsync()).Status.Code.Should().Be(0);
        await self.Primary.SetPipelineAsync(info.Info!, package.ToBytes(), 42);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        if (Primary is not null)
        {
            await Primary.DisposeAsync();
        }
        await Server.DisposeAsync();
        Server.Core.Dispose();
    }
}
