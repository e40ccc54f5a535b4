using Google.Rpc;

namespace P4Bpf.P4Runtime.Core;

public sealed partial class DeviceState
{
    /// <summary>Runs <paramref name="read"/> on the committed pipeline's data plane under the read lock (so the device is not replaced meanwhile).</summary>
    /// <exception cref="P4RuntimeException">FAILED_PRECONDITION when no pipeline is committed.</exception>
    internal T ReadDevice<T>(Func<IP4Device, T> read)
    {
        rw.EnterReadLock();
        try
        {
            var device = active?.Device ?? throw new P4RuntimeException(Code.FailedPrecondition, "no forwarding pipeline config has been committed");
            return read(device);
        }
        finally
        {
            rw.ExitReadLock();
        }
    }
}
