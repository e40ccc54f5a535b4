using Google.Rpc;
using P4.V1;

using Undo = System.Action;

namespace P4Bpf.P4Runtime.Core;

/// <summary>The outcome of one Write: per update, null (OK) or the failure.</summary>
public sealed record WriteResult(IReadOnlyList<P4RuntimeException?> Errors)
{
    public bool AllOk => Errors.All(e => e is null);
}

public sealed partial class DeviceState
{
    /// <summary>Applies a batch (§12 Write RPC) as one block in the total order; ROLLBACK_ON_ERROR undoes every applied update when one fails.</summary>
    /// <param name="scope">The writing role's scope: updates outside it fail with PERMISSION_DENIED (null: full access).</param>
    /// <exception cref="P4RuntimeException">RPC-wide failures: no pipeline (FAILED_PRECONDITION), unsupported atomicity (UNIMPLEMENTED).</exception>
    public WriteResult Write(WriteRequest request, Security.RoleScope? scope = null)
    {
        if (request.Atomicity == WriteRequest.Types.Atomicity.DataplaneAtomic)
        {
            throw P4RuntimeException.Unimplemented("DATAPLANE_ATOMIC batches (use CONTINUE_ON_ERROR or ROLLBACK_ON_ERROR)");
        }
        var rollback = request.Atomicity == WriteRequest.Types.Atomicity.RollbackOnError;
        rw.EnterWriteLock();
        try
        {
            var state = active ?? throw new P4RuntimeException(Code.FailedPrecondition, "no forwarding pipeline config has been set");
            var errors = new P4RuntimeException?[request.Updates.Count];
            var undo = rollback ? new List<Undo>() : null;
            for (var i = 0; i < request.Updates.Count; i++)
            {
                try
                {
                    var u = undo is null ? null : UndoSink(undo);
                    scope?.CheckWrite(state.Schema, request.Updates[i]);
                    Apply(state, request.Updates[i], u);
                }
                catch (P4RuntimeException ex)
                {
                    errors[i] = ex;
                }
                catch (DeviceException ex)
                {
                    errors[i] = new P4RuntimeException(CodeOf(ex), ex.Message);
                }
                if (errors[i] is not null && undo is not null)
                {
                    for (var j = undo.Count - 1; j >= 0; j--)
                    {
                        undo[j]();
                    }
                    for (var j = 0; j < request.Updates.Count; j++)
                    {
                        errors[j] ??= new P4RuntimeException(Code.Aborted, j < i ? "rolled back: another update in the batch failed" : "not attempted: another update in the batch failed");
                    }
                    break;
                }
            }
            return new WriteResult(errors);
        }
        finally
        {
            rw.ExitWriteLock();
        }
    }

    private static Action<Undo> UndoSink(List<Undo> undo) => undo.Add;

    private void Apply(PipelineState state, Update update, Action<Undo>? undo)
    {
        if (update.Type == Update.Types.Type.Unspecified)
        {
            throw P4RuntimeException.Invalid("update type is UNSPECIFIED");
        }
        var e = update.Entity ?? throw P4RuntimeException.Invalid("update has no entity");
        switch (e.EntityCase)
        {
            case Entity.EntityOneofCase.TableEntry:
                WriteTableEntry(state, update.Type, e.TableEntry, undo);
                break;
            case Entity.EntityOneofCase.CounterEntry:
                WriteCounter(state, update.Type, e.CounterEntry, undo);
                break;
            case Entity.EntityOneofCase.DirectCounterEntry:
                WriteDirectCounter(state, update.Type, e.DirectCounterEntry, undo);
                break;
            case Entity.EntityOneofCase.MeterEntry:
                WriteMeter(state, update.Type, e.MeterEntry, undo);
                break;
            case Entity.EntityOneofCase.DirectMeterEntry:
                WriteDirectMeter(state, update.Type, e.DirectMeterEntry, undo);
                break;
            case Entity.EntityOneofCase.RegisterEntry:
                WriteRegister(state, update.Type, e.RegisterEntry, undo);
                break;
            case Entity.EntityOneofCase.PacketReplicationEngineEntry:
                WritePre(state, update.Type, e.PacketReplicationEngineEntry, undo);
                break;
            case Entity.EntityOneofCase.ValueSetEntry:
                WriteValueSet(state, update.Type, e.ValueSetEntry, undo);
                break;
            case Entity.EntityOneofCase.DigestEntry:
                WriteDigest(state, update.Type, e.DigestEntry, undo);
                break;
            case Entity.EntityOneofCase.ActionProfileMember:
                WriteActionProfileMember(state, update.Type, e.ActionProfileMember, undo);
                break;
            case Entity.EntityOneofCase.ActionProfileGroup:
                WriteActionProfileGroup(state, update.Type, e.ActionProfileGroup, undo);
                break;
            case Entity.EntityOneofCase.ExternEntry:
                throw P4RuntimeException.Unimplemented("extern entries");
            default:
                throw P4RuntimeException.Invalid("entity has no type set");
        }
    }
}
