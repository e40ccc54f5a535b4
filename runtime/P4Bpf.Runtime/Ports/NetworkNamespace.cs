using System.Runtime.InteropServices;

namespace P4Bpf.Runtime.Ports;

/// <summary>Runs code inside a named Linux network namespace (<c>ip netns add NAME</c>): on a dedicated thread that <c>setns</c>es into
/// <c>/var/run/netns/NAME</c> and back, so sockets created there belong to that namespace while the rest of the process stays put.</summary>
public static partial class NetworkNamespace
{
    private const int CloneNewNet = 0x40000000;
    private const int OReadOnly = 0, OCloexec = 0x80000;

    /// <summary>Runs <paramref name="action"/> in namespace <paramref name="name"/> and returns its result; rethrows its exception;
    /// throws <see cref="IOException"/> when the namespace cannot be entered.</summary>
    public static T Run<T>(string name, Func<T> action)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("network namespaces need Linux");
        }
        if (name.Contains('/', StringComparison.Ordinal) || name is "" or "." or "..")
        {
            throw new ArgumentException($"bad namespace name '{name}'", nameof(name));
        }
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = RunHere(name, action);
            }
            catch (Exception e)
            {
                error = e;
            }
        }) { IsBackground = true, Name = $"netns {name}" };
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }
        return result;
    }

    private static T RunHere<T>(string name, Func<T> action)
    {
        var home = Open("/proc/thread-self/ns/net", OReadOnly | OCloexec);
        if (home < 0)
        {
            throw new IOException($"open /proc/thread-self/ns/net: {Errno()}");
        }
        try
        {
            var target = Open($"/var/run/netns/{name}", OReadOnly | OCloexec);
            if (target < 0)
            {
                throw new IOException($"network namespace {name}: open /var/run/netns/{name}: {Errno()}");
            }
            try
            {
                if (SetNs(target, CloneNewNet) != 0)
                {
                    throw new IOException($"network namespace {name}: setns: {Errno()}");
                }
            }
            finally
            {
                Close(target);
            }
            try
            {
                return action();
            }
            finally
            {
                // The thread ends right after; restoring keeps the runtime's view of it consistent meanwhile.
                SetNs(home, CloneNewNet);
            }
        }
        finally
        {
            Close(home);
        }
    }

    private static string Errno()
    {
        var errno = Marshal.GetLastPInvokeError();
        return $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
