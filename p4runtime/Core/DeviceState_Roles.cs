using P4.V1;
using P4Bpf.P4Runtime.Security;

namespace P4Bpf.P4Runtime.Core;

/// <summary>Role scopes on reads and writes: the hooks <see cref="Write(WriteRequest, RoleScope?)"/> and <see cref="Read(IReadOnlyList{Entity}, RoleScope?)"/> call.</summary>
public sealed partial class DeviceState
{
    /// <summary>The schema of the active pipeline (null before the first SetForwardingPipelineConfig).</summary>
    /// <remarks>Callable from an event raised while this thread holds the device lock (the lock does not recurse).</remarks>
    public PipelineSchema? ActiveSchema
    {
        get
        {
            if (rw.IsReadLockHeld || rw.IsWriteLockHeld || rw.IsUpgradeableReadLockHeld)
            {
                return active?.Schema;
            }
            rw.EnterReadLock();
            try
            {
                return active?.Schema;
            }
            finally
            {
                rw.ExitReadLock();
            }
        }
    }

    /// <summary>One Read filter under a role: an explicit read of an object outside the scope is PERMISSION_DENIED; wildcard results outside it are dropped.</summary>
    private static void ReadInScope(PipelineState state, Entity filter, List<Entity> output, RoleScope? scope)
    {
        if (scope is null)
        {
            ReadOne(state, filter, output);
            return;
        }
        scope.CheckRead(state.Schema, filter);
        var mark = output.Count;
        ReadOne(state, filter, output);
        var write = mark;
        for (var i = mark; i < output.Count; i++)
        {
            if (scope.Allows(state.Schema, output[i]))
            {
                output[write++] = output[i];
            }
        }
        output.RemoveRange(write, output.Count - write);
    }
}
