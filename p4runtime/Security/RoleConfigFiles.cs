using Google.Protobuf;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.P4InfoGen;

namespace P4Bpf.P4Runtime.Security;

/// <summary>Reads role configs from files: the server's <see cref="RoleConfigFile"/> (<c>--role-config</c>) and a controller's single <see cref="RoleConfig"/>.</summary>
/// <remarks>Format by suffix: <c>.json</c> (protobuf JSON mapping) or <c>.txtpb</c>/<c>.txt</c> (text proto). Errors are <see cref="InvalidDataException"/> naming the file.</remarks>
public static class RoleConfigFiles
{
    /// <summary>Loads and checks a server role file: role names non-empty, each config well formed.</summary>
    public static RoleConfigFile LoadServerFile(string path)
    {
        var file = Load<RoleConfigFile>(path);
        foreach (var (name, config) in file.Roles)
        {
            if (name.Length == 0)
            {
                throw new InvalidDataException($"{path}: a role needs a name (the default role, \"\", has full access; use allow_default_role)");
            }
            Check(path, name, config);
        }
        return file;
    }

    /// <summary>Loads one role's config (what a controller sends in <c>Role.config</c>).</summary>
    public static RoleConfig LoadRoleConfig(string path)
    {
        var config = Load<RoleConfig>(path);
        Check(path, "", config);
        return config;
    }

    /// <summary>Every problem of the file's roles against a pipeline (unknown names and ids).</summary>
    public static IReadOnlyList<string> Problems(RoleConfigFile file, PipelineSchema schema) =>
        file.Roles.SelectMany(r => new RoleScope(r.Key, r.Value).Problems(schema)).ToList();

    private static void Check(string path, string role, RoleConfig config)
    {
        try
        {
            RoleScope.FromAny(role, Google.Protobuf.WellKnownTypes.Any.Pack(config));
        }
        catch (P4RuntimeException ex)
        {
            throw new InvalidDataException($"{path}: role '{role}': {ex.Message}");
        }
    }

    private static T Load<T>(string path) where T : IMessage<T>, new()
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: {ex.Message}");
        }
        var ext = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            return ext switch
            {
                ".json" => JsonParser.Default.Parse<T>(text),
                ".txtpb" or ".txt" or ".textproto" => ProtoText.Parse<T>(text),
                _ => throw new InvalidDataException($"{path}: unknown role config suffix '{ext}' (use .json or .txtpb)"),
            };
        }
        catch (ProtoTextException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Message}");
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}");
        }
        catch (InvalidJsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}");
        }
    }
}
