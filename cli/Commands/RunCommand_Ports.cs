using P4Bpf.Runtime.Ports;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Cli.Commands;

internal static partial class RunCommand
{
    /// <summary>One <c>--port</c>: pcap files (<see cref="Input"/>/<see cref="Output"/>) or a Linux interface (<see cref="Interface"/>, optionally in <see cref="Namespace"/>).</summary>
    private sealed record PortSpec(int Port, string? Input, string? Output, string? Interface = null, string? Namespace = null);

    private const string PortSyntax = "N=pcap:IN.pcap,OUT.pcap or N=if:NAME[@NETNS]";

    private static PortSpec ParsePort(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || !int.TryParse(text[..eq], out var port) || port < 0)
        {
            throw new CliException($"bad --port '{text}' (expected {PortSyntax})");
        }
        var rest = text[(eq + 1)..];
        if (rest.StartsWith("pcap:", StringComparison.Ordinal))
        {
            var parts = rest[5..].Split(',');
            string? Part(int i) => parts.Length > i && parts[i].Length > 0 ? parts[i] : null;
            return new PortSpec(port, Part(0), Part(1));
        }
        if (rest.StartsWith("if:", StringComparison.Ordinal))
        {
            var name = rest[3..];
            var at = name.IndexOf('@', StringComparison.Ordinal);
            var netns = at >= 0 ? name[(at + 1)..] : null;
            name = at >= 0 ? name[..at] : name;
            if (name.Length is 0 or > 15 || name.Contains('/', StringComparison.Ordinal) || netns is "" || netns?.Contains('/', StringComparison.Ordinal) == true)
            {
                throw new CliException($"bad --port '{text}': interface names are 1..15 characters, namespaces are names under /var/run/netns");
            }
            return new PortSpec(port, null, null, name, netns);
        }
        throw new CliException($"bad --port '{text}' (expected {PortSyntax})");
    }

    /// <summary>Opens the AF_PACKET sockets of the <c>if:</c> ports; throws <see cref="CliException"/> naming the port when one cannot be opened.</summary>
    private static Dictionary<int, RawSocketPort> OpenInterfaces(IEnumerable<PortSpec> specs)
    {
        var opened = new Dictionary<int, RawSocketPort>();
        try
        {
            foreach (var s in specs.Where(s => s.Interface is not null))
            {
                if (opened.ContainsKey(s.Port))
                {
                    throw new CliException($"--port {s.Port}: given twice");
                }
                try
                {
                    opened[s.Port] = s.Namespace is null ? RawSocketPort.Open(s.Port, s.Interface!) : RawSocketPort.OpenInNamespace(s.Port, s.Interface!, s.Namespace);
                }
                catch (Exception e) when (e is IOException or PlatformNotSupportedException or ArgumentException)
                {
                    throw new CliException($"--port {s.Port}: {e.Message}");
                }
            }
            return opened;
        }
        catch
        {
            foreach (var p in opened.Values)
            {
                p.Dispose();
            }
            throw;
        }
    }

    /// <summary>Receives frames on each interface port on its own thread and injects them into the current switch on that port number
    /// (outputs leave through the switch's PacketOut event) until <paramref name="stop"/> fires.</summary>
    private static List<Thread> StartReceivers(IReadOnlyDictionary<int, RawSocketPort> ports, Func<P4Switch?> current, CancellationToken stop)
    {
        var threads = new List<Thread>();
        foreach (var port in ports.Values)
        {
            var thread = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        if (port.TryReceive(out var frame, TimeSpan.FromMilliseconds(100)) && current() is { } sw)
                        {
                            sw.Inject(port.Number, frame);
                        }
                    }
                    catch (Exception e) when (e is IOException or ObjectDisposedException)
                    {
                        Console.Error.WriteLine($"p4bpf: port {port.Number} ({port.InterfaceName}): {e.Message}");
                        return;
                    }
                }
            }) { IsBackground = true, Name = $"port {port.Number} rx" };
            thread.Start();
            threads.Add(thread);
        }
        return threads;
    }

    /// <summary>Sends <paramref name="output"/> out of its interface port, if it has one; a refused frame is reported, not fatal.</summary>
    private static void SendToInterface(IReadOnlyDictionary<int, RawSocketPort> ports, SwitchOutput output)
    {
        if (!ports.TryGetValue(output.Port, out var port))
        {
            return;
        }
        try
        {
            port.Send(output.Data);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Console.Error.WriteLine($"p4bpf: port {output.Port} ({port.InterfaceName}): {e.Message}");
        }
    }
}
