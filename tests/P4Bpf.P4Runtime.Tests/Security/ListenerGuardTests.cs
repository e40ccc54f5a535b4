using System.Net;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Security;
using P4Bpf.P4Runtime.Server;
using P4Bpf.P4Runtime.Targets;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.P4Runtime.Tests.Security;

/// <summary>Plain text is only served on loopback unless asked for; limits must be sane. (No traffic goes to non-loopback addresses.)</summary>
public sealed class ListenerGuardTests
{
    [Theory]
    [InlineData("0.0.0.0:0")]
    [InlineData("*:0")]
    [InlineData("[::]:0")]
    public async Task PlainTextOnANonLoopbackAddress_IsRefusedAtStartup(string address)
    {
        using var core = new P4RuntimeCore(new P4RuntimeCoreOptions { DeviceIds = [1], DeviceFactory = SwitchDevice.Factory(new SwitchOptions(), _ => { }) });
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => P4RuntimeServer.StartAsync(core, new P4RuntimeServerOptions { Address = address }, TestContext.Current.CancellationToken));
        ex.Message.Should().Contain("non-loopback").And.Contain("--insecure").And.Contain("--tls-cert");
    }

    [Fact]
    public void InsecureMode_Warns_TlsNeedsNoOptIn_LoopbackIsQuiet()
    {
        var warnings = new List<string>();
        ListenerSecurity.Check(IPAddress.Any, new P4RuntimeServerOptions { AllowInsecure = true, Warn = warnings.Add });
        warnings.Should().ContainSingle().Which.Should().Contain("warning").And.Contain("0.0.0.0");

        using var pki = TestPki.Create();
        ListenerSecurity.Check(IPAddress.Any, new P4RuntimeServerOptions { Tls = ServerTls.FromPemFiles(pki.ServerCert, pki.ServerKey), Warn = warnings.Add });
        ListenerSecurity.Check(IPAddress.Loopback, new P4RuntimeServerOptions { Warn = warnings.Add });
        ListenerSecurity.Check(IPAddress.IPv6Loopback, new P4RuntimeServerOptions { Warn = warnings.Add });
        warnings.Should().HaveCount(1);
    }

    [Fact]
    public void NonPositiveLimits_AreRefused()
    {
        foreach (var options in new[]
        {
            new P4RuntimeServerOptions { MaxReceiveMessageSize = 0 },
            new P4RuntimeServerOptions { MaxUpdatesPerWrite = -1 },
            new P4RuntimeServerOptions { MaxConcurrentStreams = 0 },
        })
        {
            Assert.Throws<ArgumentException>(() => ListenerSecurity.Check(IPAddress.Loopback, options)).Message.Should().Contain("must be positive");
        }
    }
}
