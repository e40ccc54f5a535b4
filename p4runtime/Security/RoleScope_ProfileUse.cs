using Google.Rpc;
using P4.V1;
using P4Bpf.P4Runtime.Core;

namespace P4Bpf.P4Runtime.Security;

public sealed partial class RoleScope
{
    /// <summary>
    /// PERMISSION_DENIED when a Write update is outside the scope: its entity (see <see cref="CheckWrite(PipelineSchema, Entity?)"/>), or,
    /// for an INSERT or MODIFY of a table entry, an action that uses the table's action profile (a member, a group or a one-shot action set)
    /// when that profile (the table's P4Info <c>implementation_id</c>) is not in the scope.
    /// </summary>
    /// <remarks>A DELETE only removes the role's own entry (the device ignores its action), so it needs the table alone.</remarks>
    public void CheckWrite(PipelineSchema schema, Update update)
    {
        CheckWrite(schema, update.Entity);
        if (update.Type != Update.Types.Type.Delete && update.Entity?.TableEntry is { } entry)
        {
            CheckProfileUse(schema, entry);
        }
    }

    /// <summary>PERMISSION_DENIED, naming the profile, when the entry's action uses its table's action profile and the profile is outside the scope.</summary>
    private void CheckProfileUse(PipelineSchema schema, TableEntry entry)
    {
        var use = entry.Action?.TypeCase switch
        {
            TableAction.TypeOneofCase.ActionProfileMemberId => "member " + entry.Action.ActionProfileMemberId.ToString(System.Globalization.CultureInfo.InvariantCulture) + " of",
            TableAction.TypeOneofCase.ActionProfileGroupId => "group " + entry.Action.ActionProfileGroupId.ToString(System.Globalization.CultureInfo.InvariantCulture) + " of",
            TableAction.TypeOneofCase.ActionProfileActionSet => "a one-shot action set in",
            _ => null,
        };
        if (use is null || schema.Tables.GetValueOrDefault(entry.TableId) is not { } table || table.Info.ImplementationId == 0)
        {
            // No profile in play, or the entry's own validation rejects it (an unknown table, a profile action on a table without one).
            return;
        }
        var profile = table.Info.ImplementationId;
        if (!Resolve(schema).ActionProfiles.Contains(profile))
        {
            var name = Describe(schema, new Decision(false, false, "action profile", profile));
            var tableName = table.Info.Preamble.Name;
            throw new P4RuntimeException(Code.PermissionDenied, $"role '{Role}' may not use {use} {name} (the action profile of table {tableName}): the profile is outside the role's scope");
        }
    }
}
