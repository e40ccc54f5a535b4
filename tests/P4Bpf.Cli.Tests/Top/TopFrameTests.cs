using System.Buffers.Binary;
using System.Globalization;
using P4Bpf.Cli.Top;
using P4Bpf.P4Runtime.Client;
using P4Bpf.Tests.Shared;
using Spectre.Console;

namespace P4Bpf.Cli.Tests.Top;

/// <summary><c>p4bpf top</c> end to end without a terminal: a real server over the real switch, entries and packets, snapshots through the real client, a frame rendered to text.</summary>
public sealed class TopFrameTests
{
    private static string RouterPath => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.P4Runtime.Tests", "data", "router.p4");

    [Fact]
    public async Task Frame_ShowsEntryCounts_AndTheCountersTheSwitchReports_WithRates()
    {
        await using var server = await TopServer.StartAsync(RouterPath);
        var c = server.Primary;
        foreach (var (prefix, port) in new[] { ("10.0.0.0/8", "3"), ("10.1.0.0/16", "4"), ("192.168.0.0/24", "5") })
        {
            await c.InsertAsync(c.Entry("ipv4_lpm", new Dictionary<string, string> { ["hdr.ipv4.dstAddr"] = prefix }, "ipv4_forward",
                new Dictionary<string, string> { ["dstAddr"] = "0xaabbccddeeff", ["port"] = port }));
        }
        await c.InsertAsync(c.Entry("acl", new Dictionary<string, string> { ["protocol"] = "6" }, "drop", priority: 10));

        for (var i = 0; i < 5; i++)
        {
            server.Switch.Inject(1, Ipv4(0x0a090807));
        }
        server.Switch.Inject(7, Ipv4(0xc0a80001));

        await using var viewer = new P4RuntimeClient(server.Server.Address, 1);
        var reader = new TopReader(viewer, server.Server.Address);
        var first = await reader.ReadAsync();
        for (var i = 0; i < 4; i++)
        {
            server.Switch.Inject(7, Ipv4(0x0a010203));
        }
        await Task.Delay(50, TestContext.Current.CancellationToken);
        var second = await reader.ReadAsync();

        var frame = Render(second, first);

        // Entry counts: the frame shows what the switch holds.
        var control = server.Switch.Control;
        foreach (var (table, expected) in new[] { ("ipv4_lpm", 3), ("acl", 1) })
        {
            control.ReadEntries(table).Should().HaveCount(expected);
            var row = Row(frame, "MyIngress." + table);
            row[1].Should().Be(expected.ToString(CultureInfo.InvariantCulture), $"table {table}:\n{frame}");
        }
        Row(frame, "MyIngress.ipv4_lpm")[2].Should().Be("200000");
        Row(frame, "MyIngress.ipv4_lpm")[4].Should().Be("n/a", "router.p4 has no direct counters");

        // Counter values: equal to the switch's control API, total and per cell.
        ulong packets = 0, bytes = 0;
        for (var i = 0; i < 512; i++)
        {
            var v = control.ReadCounter("port_packets", i);
            packets += v.Packets;
            bytes += v.Bytes;
        }
        packets.Should().Be(10);
        var total = Row(frame, "MyIngress.port_packets");
        total[2].Should().Be(packets.ToString(CultureInfo.InvariantCulture), frame);
        total[3].Should().Be(bytes.ToString(CultureInfo.InvariantCulture), frame);
        foreach (var (port, expected) in new[] { (1, 5UL), (7, 5UL) })
        {
            var v = control.ReadCounter("port_packets", port);
            v.Packets.Should().Be(expected);
            var cell = CellRow(frame, port);
            cell[2].Should().Be(v.Packets.ToString(CultureInfo.InvariantCulture), frame);
            cell[3].Should().Be(v.Bytes.ToString(CultureInfo.InvariantCulture), frame);
        }

        // Rates: the 4 packets between the snapshots over the snapshots' interval; port 1 was idle.
        var seconds = (second.Taken - first.Taken).TotalSeconds;
        seconds.Should().BePositive();
        total[4].Should().Be((4 / seconds).ToString("0.0", CultureInfo.InvariantCulture));
        CellRow(frame, 7)[4].Should().Be((4 / seconds).ToString("0.0", CultureInfo.InvariantCulture));
        CellRow(frame, 1)[4].Should().Be("0.0");
        frame.Should().Contain("cookie 42");
    }

    [Fact]
    public async Task Frame_ShowsDirectCounterHits_AsTheSwitchReportsThem()
    {
        await using var server = await TopServer.StartAsync(Path.Combine(Tooling.RepoRoot, "examples", "l3-router", "l3_router.p4"), cpuPort: 255);
        var c = server.Primary;
        await c.InsertAsync(c.Entry("ipv4_lpm", new Dictionary<string, string> { ["hdr.ipv4.dstAddr"] = "10.0.0.0/8" }, "set_nhop", new Dictionary<string, string> { ["nhop_id"] = "1" }));
        await c.InsertAsync(c.Entry("ipv4_lpm", new Dictionary<string, string> { ["hdr.ipv4.dstAddr"] = "192.168.0.0/16" }, "set_nhop", new Dictionary<string, string> { ["nhop_id"] = "2" }));
        for (var i = 0; i < 3; i++)
        {
            server.Switch.Inject(1, Ipv4(0x0a000102));
        }
        server.Switch.Inject(1, Ipv4(0xc0a80102));
        server.Switch.Inject(1, Ipv4(0x08080808));

        await using var viewer = new P4RuntimeClient(server.Server.Address, 1);
        var frame = Render(await new TopReader(viewer, server.Server.Address).ReadAsync(), null);

        var control = server.Switch.Control;
        var entries = control.ReadEntries("ipv4_lpm");
        entries.Should().HaveCount(2);
        var hits = entries.Select(control.ReadDirectCounter).ToList();
        var packets = hits.Sum(h => (long)h.Packets);
        packets.Should().Be(4, "three and one packets hit the two routes (the miss counts on the default action, not an entry)");
        var row = Row(frame, "RouterIngress.ipv4_lpm");
        row[1].Should().Be("2", frame);
        row[4].Should().Be(packets.ToString(CultureInfo.InvariantCulture), frame);
        row[5].Should().Be(hits.Sum(h => (long)h.Bytes).ToString(CultureInfo.InvariantCulture), frame);
        Row(frame, "RouterIngress.nexthop")[4].Should().Be("n/a");
        frame.Should().Contain("the program has no counters");
    }

    [Fact]
    public async Task FirstFrame_HasNoRates_AndOnceWritesAFrame()
    {
        await using var server = await TopServer.StartAsync(RouterPath);
        server.Switch.Inject(2, Ipv4(0x0a000001));
        await using var viewer = new P4RuntimeClient(server.Server.Address, 1);
        var writer = new StringWriter();
        var snapshot = await TopSession.OnceAsync(Console(writer), new TopReader(viewer, server.Server.Address), TimeSpan.Zero, TestContext.Current.CancellationToken);
        var frame = writer.ToString();
        snapshot.Counters.Single().Total.Packets.Should().Be(1);
        frame.Should().Contain("rates from the next refresh");
        Row(frame, "MyIngress.port_packets")[2].Should().Be("1");
        Row(frame, "MyIngress.port_packets")[4].Should().Be("-");
        Row(frame, "MyIngress.ipv4_lpm")[1].Should().Be("0");
    }

    [Fact]
    public async Task Live_RedrawsUntilCancelled_AndShowsAnErrorWhenTheServerGoesAway()
    {
        var server = await TopServer.StartAsync(RouterPath);
        var disposed = false;
        try
        {
            await using var viewer = new P4RuntimeClient(server.Server.Address, 1);
            var writer = new LockedStringWriter();
            using var cts = new CancellationTokenSource();
            var live = TopSession.LiveAsync(Console(writer), new TopReader(viewer, server.Server.Address), TimeSpan.FromMilliseconds(100), cts.Token);
            // Wait for a first frame with the device's counters (seconds on a loaded machine), then take the server away.
            for (var waited = 0; !writer.ToString().Contains("MyIngress.port_packets", StringComparison.Ordinal) && waited < 30_000; waited += 100)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
            await server.DisposeAsync();
            disposed = true;
            for (var waited = 0; !writer.ToString().Contains("cannot read the device", StringComparison.Ordinal) && waited < 30_000; waited += 100)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
            await cts.CancelAsync();
            await live.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            var text = writer.ToString();
            text.Should().Contain("MyIngress.port_packets");
            text.Should().Contain("cannot read the device");
        }
        finally
        {
            if (!disposed)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Reader_ReportsADeviceWithoutPipeline_AsAnError()
    {
        var core = new P4Bpf.P4Runtime.Core.P4RuntimeCore(new P4Bpf.P4Runtime.Core.P4RuntimeCoreOptions
        {
            DeviceIds = [1],
            DeviceFactory = P4Bpf.P4Runtime.Targets.SwitchDevice.Factory(new P4Bpf.Runtime.Switch.SwitchOptions { CpuPort = 64 }, _ => { }),
        });
        await using var server = await P4Bpf.P4Runtime.Server.P4RuntimeServer.StartAsync(core, new P4Bpf.P4Runtime.Server.P4RuntimeServerOptions { Address = "127.0.0.1:0" }, TestContext.Current.CancellationToken);
        try
        {
            await using var viewer = new P4RuntimeClient(server.Address, 1);
            var act = () => new TopReader(viewer, server.Address).ReadAsync();
            await act.Should().ThrowAsync<Exception>().Where(e => e is InvalidOperationException || e is Grpc.Core.RpcException || e is P4RuntimeBatchException);
        }
        finally
        {
            core.Dispose();
        }
    }

    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5", 1500)]
    [InlineData("2m", 120000)]
    [InlineData("0", 0)]
    public void Interval_Parses(string text, int ms) => TopInterval.Parse(text).Should().Be(TimeSpan.FromMilliseconds(ms));

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("-1s")]
    [InlineData("1e9s")]
    public void Interval_RejectsNonsense(string text) => FluentActions.Invoking(() => TopInterval.Parse(text)).Should().Throw<FormatException>();

    internal static IAnsiConsole Console(StringWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        return console;
    }

    private static string Render(TopSnapshot current, TopSnapshot? previous)
    {
        var writer = new StringWriter();
        Console(writer).Write(TopRenderer.Render(current, previous));
        return writer.ToString();
    }

    /// <summary>The cells of the table row whose first cell is <paramref name="first"/>.</summary>
    private static string[] Row(string frame, string first) =>
        Rows(frame).FirstOrDefault(r => r[0] == first) ?? throw new Xunit.Sdk.XunitException($"no row {first} in\n{frame}");

    private static string[] CellRow(string frame, long index) =>
        Rows(frame).FirstOrDefault(r => r.Length >= 6 && r[0] == "" && r[1] == index.ToString(CultureInfo.InvariantCulture))
        ?? throw new Xunit.Sdk.XunitException($"no counter cell {index} in\n{frame}");

    private static IEnumerable<string[]> Rows(string frame) =>
        frame.Split('\n').Where(l => l.TrimStart().StartsWith('│')).Select(l => l.Trim().Trim('│').Split('│').Select(c => c.Trim()).ToArray());

    private static byte[] Ipv4(uint dst, byte protocol = 17)
    {
        var p = new byte[14 + 20 + 8];
        p[0] = 0x00; p[1] = 0x11; p[2] = 0x22; p[3] = 0x33; p[4] = 0x44; p[5] = 0x55;
        p[6] = 0x00; p[7] = 0x66; p[8] = 0x77; p[9] = 0x88; p[10] = 0x99; p[11] = 0xaa;
        p[12] = 0x08;
        p[14] = 0x45;
        p[17] = 28;
        p[22] = 64;
        p[23] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(26), 0x0a000001);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(30), dst);
        uint sum = 0;
        for (var i = 14; i < 34; i += 2)
        {
            sum += (uint)((p[i] << 8) | p[i + 1]);
        }
        sum = (sum & 0xffff) + (sum >> 16);
        sum = (sum & 0xffff) + (sum >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(24), (ushort)~sum);
        return p;
    }

    /// <summary>A StringWriter the live view writes on its own task while the test reads it.</summary>
    private sealed class LockedStringWriter : StringWriter
    {
        private readonly Lock gate = new();

        public override void Write(char value)
        {
            lock (gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (gate)
            {
                base.Write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (gate)
            {
                base.Write(buffer, index, count);
            }
        }

        public override string ToString()
        {
            lock (gate)
            {
                return base.ToString();
            }
        }
    }
}
