using System.CommandLine;
using System.Numerics;
using Grpc.Core;
using P4.V1;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.P4InfoGen;
using P4Bpf.P4Runtime.Security;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf ctl --addr HOST:PORT …</c>: a P4Runtime controller for the command line (pipeline, tables, action profiles, counters, registers, multicast, packet I/O, digests).</summary>
internal static partial class CtlCommand
{
    private static readonly Option<string> Addr = new("--addr") { Description = "P4Runtime server HOST:PORT.", DefaultValueFactory = _ => "127.0.0.1:9559", Recursive = true };
    private static readonly Option<ulong> DeviceId = new("--device-id") { Description = "Device id.", DefaultValueFactory = _ => 1, Recursive = true };
    private static readonly Option<ulong> ElectionId = new("--election-id") { Description = "Election id (low 64 bits).", DefaultValueFactory = _ => 1, Recursive = true };
    private static readonly Option<string> Role = new("--role") { Description = "P4Runtime role name (default: the default role, full access).", DefaultValueFactory = _ => "", Recursive = true };
    private static readonly Option<string?> RoleConfigPath = new("--role-config") { Description = "Send this p4bpf.RoleConfig (.json or .txtpb) as the role's config on arbitration (needs --role).", Recursive = true };
    private static readonly Option<string?> TlsCa = new("--tls-ca") { Description = "Connect over TLS; the server certificate must chain to these PEM CA certificates.", Recursive = true };
    private static readonly Option<string?> TlsCert = new("--tls-cert") { Description = "PEM client certificate for mutual TLS (needs --tls-key).", Recursive = true };
    private static readonly Option<string?> TlsKey = new("--tls-key") { Description = "PEM private key of --tls-cert.", Recursive = true };
    private static readonly Option<string?> TlsServerName = new("--tls-server-name") { Description = "Name the server certificate must carry (default: the host of --addr).", Recursive = true };

    public static Command Create()
    {
        var command = new Command("ctl", "Program a running P4Runtime server (p4bpf run, or any P4Runtime switch).")
        {
            Addr, DeviceId, ElectionId, Role, RoleConfigPath, TlsCa, TlsCert, TlsKey, TlsServerName,
        };
        command.Subcommands.Add(SetPipeline());
        foreach (var (name, type) in new[] { ("table-add", Update.Types.Type.Insert), ("table-modify", Update.Types.Type.Modify), ("table-delete", Update.Types.Type.Delete) })
        {
            command.Subcommands.Add(TableWrite(name, type));
        }
        command.Subcommands.Add(TableRead());
        command.Subcommands.Add(Members());
        command.Subcommands.Add(Groups());
        command.Subcommands.Add(IndexedRead("counter-read", "counter"));
        command.Subcommands.Add(IndexedRead("register-read", "register"));
        command.Subcommands.Add(Multicast());
        command.Subcommands.Add(PacketOut());
        command.Subcommands.Add(Watch());
        return command;
    }

    private static int Run(ParseResult parse, bool arbitrate, Func<P4RuntimeClient, Task> body) => CliErrors.Guard(() =>
    {
        P4RuntimeClient client;
        try
        {
            var roleConfig = parse.GetValue(RoleConfigPath) is { } path ? RoleConfigFiles.LoadRoleConfig(path) : null;
            client = new P4RuntimeClient(parse.GetValue(Addr)!, parse.GetValue(DeviceId), parse.GetValue(ElectionId), parse.GetValue(Role) ?? "", Tls(parse), roleConfig);
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or InvalidDataException)
        {
            throw new CliException(e.Message);
        }
        try
        {
            if (arbitrate)
            {
                var reply = client.ConnectAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
                if (reply.Status?.Code != 0)
                {
                    Console.Error.WriteLine($"p4bpf: warning: not the primary controller ({reply.Status?.Message}); writes will be refused");
                }
            }
            body(client).GetAwaiter().GetResult();
            return 0;
        }
        catch (RpcException e)
        {
            throw new CliException($"{e.StatusCode}: {e.Status.Detail}");
        }
        catch (P4RuntimeBatchException e)
        {
            throw new CliException(e.Message);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or InvalidOperationException or InvalidDataException or IOException or OperationCanceledException)
        {
            throw new CliException(e.Message);
        }
        finally
        {
            client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    });

    /// <summary>TLS settings when any --tls-* option is given (TLS is then used even without --tls-ca: the system store is trusted).</summary>
    private static ClientTls? Tls(ParseResult parse)
    {
        var (ca, cert, key, name) = (parse.GetValue(TlsCa), parse.GetValue(TlsCert), parse.GetValue(TlsKey), parse.GetValue(TlsServerName));
        if (ca is null && cert is null && key is null && name is null)
        {
            return null;
        }
        return ClientTls.FromPemFiles(ca, cert, key, name);
    }

    private static Command SetPipeline()
    {
        var p4info = new Option<string>("--p4info") { Description = "P4Info file (.txtpb, .json or .bin).", Required = true };
        var obj = new Option<string>("--object") { Description = "The compiled PROG.o (its PROG.layout.json is read beside it).", Required = true };
        var cookie = new Option<ulong?>("--cookie") { Description = "Cookie stored with the pipeline." };
        var cmd = new Command("set-pipeline", "SetForwardingPipelineConfig (VERIFY_AND_COMMIT) with a P4Info and a compiled object.") { p4info, obj, cookie };
        cmd.SetAction(parse => Run(parse, true, async c =>
        {
            var info = P4InfoFiles.Read(parse.GetValue(p4info)!);
            var objectPath = parse.GetValue(obj)!;
            var layoutPath = Path.ChangeExtension(objectPath, null) + ".layout.json";
            var package = new DeviceConfigPackage(File.ReadAllBytes(objectPath), File.ReadAllText(layoutPath));
            await c.SetPipelineAsync(info, package.ToBytes(), parse.GetValue(cookie));
            parse.InvocationConfiguration.Output.WriteLine($"pipeline set: {info.Tables.Count} tables, {info.Actions.Count} actions");
        }));
        return cmd;
    }

    private static Dictionary<string, string> Pairs(IEnumerable<string> items, string what) => items.Select(i =>
    {
        var eq = i.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? (i[..eq], i[(eq + 1)..]) : throw new FormatException($"{what} '{i}' is not NAME=VALUE");
    }).ToDictionary(p => p.Item1, p => p.Item2);

    private static Command TableWrite(string name, Update.Types.Type type)
    {
        var table = new Argument<string>("table") { Description = "Table name (full or alias)." };
        var action = new Argument<string?>("action") { Description = "Action name (not needed for table-delete).", Arity = ArgumentArity.ZeroOrOne };
        var match = new Option<string[]>("--match", "-m") { Description = "FIELD=VALUE (exact), FIELD=V/LEN (lpm), FIELD=V&&&MASK (ternary), FIELD=LO..HI (range).", AllowMultipleArgumentsPerToken = true };
        var param = new Option<string[]>("--param", "-p") { Description = "NAME=VALUE action parameter (numbers, 0x…, IPv4, MAC).", AllowMultipleArgumentsPerToken = true };
        var priority = new Option<int>("--priority") { Description = "Priority (ternary, range and optional tables)." };
        var isDefault = new Option<bool>("--default") { Description = "Write the default entry (table-modify only)." };
        var member = new Option<uint?>("--member") { Description = "Run this action profile member (tables with an implementation) instead of an action." };
        var group = new Option<uint?>("--group") { Description = "Run this action selector group (tables with an implementation) instead of an action." };
        var oneShot = new Option<string[]>("--one-shot") { Description = "ACTION(NAME=VALUE,...)[*WEIGHT]: a one-shot action set for a table with an action selector (repeat per action).", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command(name, $"{type} a table entry.") { table, action, match, param, priority, isDefault, member, group, oneShot };
        cmd.SetAction(parse => Run(parse, true, async c =>
        {
            await c.LoadP4InfoAsync();
            var (memberId, groupId, set) = (parse.GetValue(member), parse.GetValue(group), parse.GetValue(oneShot) ?? []);
            var indirect = (memberId is not null ? 1 : 0) + (groupId is not null ? 1 : 0) + (set.Length > 0 ? 1 : 0);
            if (type != Update.Types.Type.Delete && indirect > 0)
            {
                if (parse.GetValue(action) is not null || indirect > 1 || parse.GetValue(isDefault) || (parse.GetValue(param) ?? []).Length > 0)
                {
                    throw new FormatException("an entry runs one of: an action (with --param), --member ID, --group ID, --one-shot …; and a default entry runs an action");
                }
            }
            var matches = Pairs(parse.GetValue(match) ?? [], "match");
            var entry = parse.GetValue(isDefault)
                ? c.DefaultEntry(parse.GetValue(table)!, parse.GetValue(action), Pairs(parse.GetValue(param) ?? [], "param"))
                : type != Update.Types.Type.Delete && memberId is { } m ? c.MemberEntry(parse.GetValue(table)!, matches, m, parse.GetValue(priority))
                : type != Update.Types.Type.Delete && groupId is { } g ? c.GroupEntry(parse.GetValue(table)!, matches, g, parse.GetValue(priority))
                : type != Update.Types.Type.Delete && set.Length > 0 ? c.OneShotEntry(parse.GetValue(table)!, matches, set.Select(OneShotAction).ToList(), parse.GetValue(priority))
                : c.Entry(parse.GetValue(table)!, matches, type == Update.Types.Type.Delete ? null : parse.GetValue(action),
                    Pairs(parse.GetValue(param) ?? [], "param"), parse.GetValue(priority));
            await c.WriteAsync(type, new Entity { TableEntry = entry });
            parse.InvocationConfiguration.Output.WriteLine("ok");
        }));
        return cmd;
    }

    private static Command TableRead()
    {
        var table = new Argument<string?>("table") { Description = "Table name (all tables when omitted).", Arity = ArgumentArity.ZeroOrOne };
        var counters = new Option<bool>("--counters") { Description = "Include direct counters." };
        var cmd = new Command("table-read", "Read table entries.") { table, counters };
        cmd.SetAction(parse => Run(parse, false, async c =>
        {
            await c.LoadP4InfoAsync();
            var entries = await c.ReadTableAsync(parse.GetValue(table), parse.GetValue(counters));
            var output = parse.InvocationConfiguration.Output;
            foreach (var e in entries)
            {
                output.WriteLine(Describe(c.P4Info!, e));
            }
            output.WriteLine($"{entries.Count} entries");
        }));
        return cmd;
    }

    private static string Hex(Google.Protobuf.ByteString b) => "0x" + Convert.ToHexString(b.Span).ToLowerInvariant();

    internal static string Describe(P4InfoIndex info, TableEntry e)
    {
        var table = info.Info.Tables.FirstOrDefault(t => t.Preamble.Id == e.TableId);
        string Field(FieldMatch m)
        {
            var name = table?.MatchFields.FirstOrDefault(f => f.Id == m.FieldId)?.Name ?? m.FieldId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return m.FieldMatchTypeCase switch
            {
                FieldMatch.FieldMatchTypeOneofCase.Exact => $"{name}={Hex(m.Exact.Value)}",
                FieldMatch.FieldMatchTypeOneofCase.Lpm => $"{name}={Hex(m.Lpm.Value)}/{m.Lpm.PrefixLen}",
                FieldMatch.FieldMatchTypeOneofCase.Ternary => $"{name}={Hex(m.Ternary.Value)}&&&{Hex(m.Ternary.Mask)}",
                FieldMatch.FieldMatchTypeOneofCase.Range => $"{name}={Hex(m.Range.Low)}..{Hex(m.Range.High)}",
                FieldMatch.FieldMatchTypeOneofCase.Optional => $"{name}={Hex(m.Optional.Value)}",
                _ => $"{name}=?",
            };
        }
        var actionText = DescribeTableAction(info, e.Action) is { Length: > 0 } text ? " -> " + text : "";
        var counters = e.CounterData is { } cd ? $" [{cd.PacketCount} packets, {cd.ByteCount} bytes]" : "";
        return $"{info.TableName(e.TableId)} {string.Join(" ", e.Match.Select(Field))}{(e.Priority != 0 ? $" priority {e.Priority}" : "")}{actionText}{(e.IsConst ? " const" : "")}{counters}";
    }

    private static Command IndexedRead(string name, string kind)
    {
        var target = new Argument<string>(kind) { Description = $"The {kind}'s name." };
        var index = new Option<long?>("--index") { Description = "One cell (all when omitted)." };
        var cmd = new Command(name, $"Read {kind} cells.") { target, index };
        cmd.SetAction(parse => Run(parse, false, async c =>
        {
            await c.LoadP4InfoAsync();
            if (kind == "counter")
            {
                foreach (var cell in await c.ReadCounterAsync(parse.GetValue(target)!, parse.GetValue(index)))
                {
                    Console.WriteLine($"[{cell.Index.Index_}] packets={cell.Data.PacketCount} bytes={cell.Data.ByteCount}");
                }
            }
            else
            {
                foreach (var (i, v) in await c.ReadRegisterAsync(parse.GetValue(target)!, parse.GetValue(index)))
                {
                    Console.WriteLine($"[{i}] {v} (0x{v:x})");
                }
            }
        }));
        return cmd;
    }

    private static Command Multicast()
    {
        var op = new Argument<string>("op") { Description = "add, modify or delete." };
        var group = new Argument<uint>("group") { Description = "Multicast group id (> 0)." };
        var ports = new Argument<string[]>("replicas") { Description = "PORT or PORT:INSTANCE replicas.", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("mcast", "Add, modify or delete a multicast group.") { op, group, ports };
        cmd.SetAction(parse => Run(parse, true, async c =>
        {
            var type = parse.GetValue(op) switch
            {
                "add" => Update.Types.Type.Insert,
                "modify" => Update.Types.Type.Modify,
                "delete" => Update.Types.Type.Delete,
                var other => throw new FormatException($"unknown mcast operation '{other}' (add, modify, delete)"),
            };
            var replicas = (parse.GetValue(ports) ?? []).Select(r =>
            {
                var parts = r.Split(':');
                return ((uint)ValueText.Parse(parts[0]), parts.Length > 1 ? (uint)ValueText.Parse(parts[1]) : 0u);
            }).ToList();
            await c.MulticastGroupAsync(type, parse.GetValue(group), replicas);
            Console.WriteLine("ok");
        }));
        return cmd;
    }

    private static Command PacketOut()
    {
        var payload = new Argument<string>("payload") { Description = "The packet as hex." };
        var meta = new Option<string[]>("--meta") { Description = "NAME=VALUE packet_out metadata.", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("packet-out", "Send a packet from the controller.") { payload, meta };
        cmd.SetAction(parse => Run(parse, true, async c =>
        {
            await c.LoadP4InfoAsync();
            var bytes = Convert.FromHexString(new string(parse.GetValue(payload)!.Where(char.IsAsciiHexDigit).ToArray()));
            var metadata = Pairs(parse.GetValue(meta) ?? [], "metadata").ToDictionary(p => p.Key, p => ValueText.Parse(p.Value));
            await c.SendPacketOutAsync(bytes, metadata);
            await Task.Delay(200);
            if (c.StreamErrors.TryRead(out var error))
            {
                throw new InvalidOperationException($"packet-out refused: {error.Message}");
            }
            Console.WriteLine("sent");
        }));
        return cmd;
    }

    private static Command Watch()
    {
        var count = new Option<int>("--count") { Description = "Stop after this many messages (0: until interrupted).", DefaultValueFactory = _ => 0 };
        var digests = new Option<string[]>("--digest") { Description = "Enable these digests first.", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("watch", "Print packet-ins and digest lists (acknowledging digests).") { count, digests };
        cmd.SetAction(parse => Run(parse, true, async c =>
        {
            await c.LoadP4InfoAsync();
            foreach (var d in parse.GetValue(digests) ?? [])
            {
                await c.EnableDigestAsync(d);
            }
            using var cts = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cts.Cancel();
            };
            var seen = 0;
            var limit = parse.GetValue(count);
            var packets = c.PacketIns.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);
            var lists = c.Digests.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);
            Task<bool>? nextPacket = null, nextDigest = null;
            try
            {
                while (limit == 0 || seen < limit)
                {
                    nextPacket ??= packets.MoveNextAsync().AsTask();
                    nextDigest ??= lists.MoveNextAsync().AsTask();
                    var done = await Task.WhenAny(nextPacket, nextDigest);
                    if (!await done)
                    {
                        break;
                    }
                    if (done == nextPacket)
                    {
                        var p = packets.Current;
                        var meta = string.Join(" ", p.Metadata.Select(m => $"{c.P4Info!.PacketIn?.Metadata.FirstOrDefault(x => x.Id == m.MetadataId)?.Name ?? m.MetadataId.ToString(System.Globalization.CultureInfo.InvariantCulture)}={Hex(m.Value)}"));
                        Console.WriteLine($"packet-in {meta} {Convert.ToHexString(p.Payload.Span).ToLowerInvariant()}");
                        nextPacket = null;
                    }
                    else
                    {
                        var l = lists.Current;
                        Console.WriteLine($"digest {c.P4Info!.Info.Digests.FirstOrDefault(d => d.Preamble.Id == l.DigestId)?.Preamble.Name ?? l.DigestId.ToString(System.Globalization.CultureInfo.InvariantCulture)} list {l.ListId}: {l.Data}");
                        await c.AckDigestAsync(l);
                        nextDigest = null;
                    }
                    seen++;
                }
            }
            catch (OperationCanceledException)
            {
            }
        }));
        return cmd;
    }
}
