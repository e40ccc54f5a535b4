using System.Numerics;
using Google.Protobuf;
using P4.Config.V1;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;
using P4InfoMessage = P4.Config.V1.P4Info;
using Prefix = P4.Config.V1.P4Ids.Types.Prefix;

namespace P4Bpf.P4Runtime.P4InfoGen;

/// <summary>Builds the P4Info of a lowered program, with p4c's names and ids.</summary>
public static partial class P4InfoBuilder
{
    /// <summary>The P4Info, or the errors (bad or duplicate <c>@id</c>s) that prevent it.</summary>
    public static P4InfoResult Build(IrProgram program, P4InfoExtras? extras = null)
    {
        extras ??= P4InfoExtras.None;
        var errors = new List<string>();
        var ids = new P4IdAllocator();
        var tables = program.Tables.Where(t => !Hidden(extras, t.Name)).ToList();
        var actionNames = tables.SelectMany(t => t.Actions.Select(a => a.Action)).Distinct().ToList();
        void Add(Prefix kind, string name)
        {
            var explicitId = extras.For(name).FirstOrDefault(a => a.Name == "id");
            if (explicitId is not null && explicitId.IntegerBody is null)
            {
                errors.Add($"{name}: @id({explicitId.Body}) is not an integer");
            }
            var error = ids.Add(kind, name, explicitId?.IntegerBody);
            if (error is not null)
            {
                errors.Add(error);
            }
        }
        foreach (var t in tables)
        {
            Add(Prefix.Table, t.Name);
        }
        foreach (var a in actionNames)
        {
            Add(Prefix.Action, a);
        }
        // A digest's control-plane name is its data type's (v1model) or its instance's (PSA), as in p4c.
        var digestNames = DigestNames.ControlPlaneNames(program.Externs.Where(e => e.Kind == ExternKind.Digest).Select(e => e.Name));
        string NameOf(IrExtern e) => e.Kind == ExternKind.Digest ? digestNames[e.Name] : e.Name;
        foreach (var e in program.Externs.Where(e => !Hidden(extras, e.Name)))
        {
            if (KindOf(e) is { } kind)
            {
                Add(kind, NameOf(e));
            }
        }
        foreach (var name in extras.ControllerHeaders.Keys)
        {
            Add(Prefix.ControllerHeader, name);
        }
        if (errors.Count > 0)
        {
            return new P4InfoResult(null, errors);
        }
        ids.Compute();
        var allNames = tables.Select(t => t.Name).Concat(actionNames).Concat(program.Externs.Select(NameOf)).Concat(extras.ControllerHeaders.Keys).ToList();
        var aliases = Aliases(allNames);
        var types = new TypeInfoBuilder();
        var info = new P4InfoMessage
        {
            PkgInfo = PkgInfo(program, extras),
            TypeInfo = types.Info,
        };
        Preamble Pre(Prefix kind, string name) => Preamble(ids[kind, name], name, aliases[name], extras.For(name));
        foreach (var t in tables)
        {
            info.Tables.Add(Table(program, t, ids, extras, Pre(Prefix.Table, t.Name)));
        }
        foreach (var a in actionNames)
        {
            info.Actions.Add(Action(program.Action(a), extras, Pre(Prefix.Action, a)));
        }
        foreach (var e in program.Externs.Where(e => !Hidden(extras, e.Name)))
        {
            AddExtern(info, program, e, ids, types, extras, KindOf(e) is { } k ? Pre(k, NameOf(e)) : null);
        }
        foreach (var (role, header) in extras.ControllerHeaders)
        {
            var cpm = new ControllerPacketMetadata { Preamble = Pre(Prefix.ControllerHeader, role) };
            for (var i = 0; i < header.Fields.Count; i++)
            {
                var f = header.Fields[i];
                cpm.Metadata.Add(new ControllerPacketMetadata.Types.Metadata { Id = (uint)(i + 1), Name = f.Name, Bitwidth = f.Width });
            }
            info.ControllerPacketMetadata.Add(cpm);
        }
        if (program.Errors.Count > 0)
        {
            types.Info.Error = new P4ErrorTypeSpec();
            types.Info.Error.Members.AddRange(program.Errors);
        }
        return new P4InfoResult(info, []);
    }

    private static bool Hidden(P4InfoExtras extras, string name) => extras.For(name).Any(a => a.Name == "hidden");

    private static Prefix? KindOf(IrExtern e) => e.Kind switch
    {
        ExternKind.Counter or ExternKind.CounterArray => Prefix.Counter,
        ExternKind.DirectCounter => Prefix.DirectCounter,
        ExternKind.Meter => Prefix.Meter,
        ExternKind.DirectMeter => Prefix.DirectMeter,
        ExternKind.Register => Prefix.Register,
        ExternKind.Digest => Prefix.Digest,
        ExternKind.ValueSet => Prefix.ValueSet,
        ExternKind.ActionProfile or ExternKind.ActionSelector => Prefix.ActionProfile,
        _ => null,
    };

    private static PkgInfo PkgInfo(IrProgram program, P4InfoExtras extras)
    {
        var pkg = new PkgInfo { Arch = program.Architecture };
        foreach (var a in extras.For("main"))
        {
            switch (a.Name)
            {
                case "brief":
                    (pkg.Doc ??= new Documentation()).Brief = a.StringBody;
                    break;
                case "description":
                    (pkg.Doc ??= new Documentation()).Description = a.StringBody;
                    break;
                case "pkginfo":
                    foreach (var kv in (a.Body ?? "").Split(','))
                    {
                        var parts = kv.Split('=', 2);
                        if (parts.Length != 2)
                        {
                            continue;
                        }
                        var value = new P4Annotation("v", parts[1].Trim()).StringBody;
                        switch (parts[0].Trim())
                        {
                            case "name": pkg.Name = value; break;
                            case "version": pkg.Version = value; break;
                            case "organization": pkg.Organization = value; break;
                            case "contact": pkg.Contact = value; break;
                            case "url": pkg.Url = value; break;
                        }
                    }
                    break;
                default:
                    pkg.Annotations.Add(a.ToString());
                    break;
            }
        }
        return pkg;
    }

    private static readonly HashSet<string> PreambleSkipped = ["name", "id", "brief", "description", "hidden", "support_timeout", "max_group_size", "selector_size_semantics", "max_member_weight"];

    private static Preamble Preamble(uint id, string name, string alias, IReadOnlyList<P4Annotation> annotations)
    {
        var p = new Preamble { Id = id, Name = name, Alias = alias };
        foreach (var a in annotations)
        {
            if (a.Name == "brief")
            {
                (p.Doc ??= new Documentation()).Brief = a.StringBody;
            }
            else if (a.Name == "description")
            {
                (p.Doc ??= new Documentation()).Description = a.StringBody;
            }
            else if (!PreambleSkipped.Contains(a.Name))
            {
                p.Annotations.Add(a.ToString());
            }
        }
        return p;
    }

    /// <summary>p4c's alias: the shortest dotted suffix of a name that no other name shares.</summary>
    public static Dictionary<string, string> Aliases(IReadOnlyCollection<string> names)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        foreach (var n in distinct)
        {
            foreach (var s in Suffixes(n))
            {
                counts[s] = counts.GetValueOrDefault(s) + 1;
            }
        }
        return distinct.ToDictionary(n => n, n => Suffixes(n).FirstOrDefault(s => counts[s] == 1) ?? n, StringComparer.Ordinal);
    }

    private static IEnumerable<string> Suffixes(string name)
    {
        var parts = name.Split('.');
        for (var k = 1; k <= parts.Length; k++)
        {
            yield return string.Join('.', parts[^k..]);
        }
    }

    /// <summary>Canonical P4Runtime byte string of a non-negative value (shortest big-endian, 0 is one zero byte).</summary>
    internal static ByteString Bytes(BigInteger value)
    {
        if (value.Sign <= 0)
        {
            return ByteString.CopyFrom(0);
        }
        return ByteString.CopyFrom(value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }
}

/// <summary>A built P4Info, or why it could not be built.</summary>
public sealed record P4InfoResult(P4InfoMessage? Info, IReadOnlyList<string> Errors)
{
    public bool Success => Info is not null;
}
