using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Tests.Kernel;

/// <summary>Sends raw Ethernet frames out of an interface inside a network namespace through an AF_PACKET socket
/// (a dedicated thread enters the namespace with <c>setns</c>, so no external tool is needed).</summary>
internal static unsafe partial class NamespaceSocket
{
    private const int AfPacket = 17;
    private const int SockRaw = 3;
    private const int CloneNewNet = 0x40000000;
    private const ushort EthPAll = 0x0003;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nstype);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint sendto(int fd, byte* buffer, nuint length, int flags, byte* address, int addressLength);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial uint if_nametoindex(string name);

    /// <summary>Sends <paramref name="frame"/> <paramref name="count"/> times out of <paramref name="interfaceName"/> in namespace <paramref name="netns"/>.</summary>
    public static void Send(string netns, string interfaceName, byte[] frame, int count)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                SendInNamespace(netns, interfaceName, frame, count);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException($"sending frames in namespace {netns} failed: {failure.Message}", failure);
        }
    }

    private static void SendInNamespace(string netns, string interfaceName, byte[] frame, int count)
    {
        using var original = File.OpenHandle("/proc/thread-self/ns/net");
        using var target = File.OpenHandle($"/run/netns/{netns}");
        Check(setns((int)target.DangerousGetHandle(), CloneNewNet), "setns");
        try
        {
            var ifindex = if_nametoindex(interfaceName);
            if (ifindex == 0)
            {
                throw new InvalidOperationException($"no interface {interfaceName} in {netns}");
            }
            var protocol = (ushort)((EthPAll >> 8) | (EthPAll << 8));
            var fd = socket(AfPacket, SockRaw, protocol);
            Check(fd, "socket(AF_PACKET)");
            try
            {
                // struct sockaddr_ll: u16 family, be16 protocol, s32 ifindex, u16 hatype, u8 pkttype, u8 halen, u8 addr[8].
                var address = stackalloc byte[20];
                new Span<byte>(address, 20).Clear();
                *(ushort*)address = AfPacket;
                *(ushort*)(address + 2) = protocol;
                *(int*)(address + 4) = (int)ifindex;
                address[11] = 6;
                frame.AsSpan(0, 6).CopyTo(new Span<byte>(address + 12, 6));
                fixed (byte* data = frame)
                {
                    for (var i = 0; i < count; i++)
                    {
                        Check((int)sendto(fd, data, (nuint)frame.Length, 0, address, 20), "sendto");
                    }
                }
            }
            finally
            {
                close(fd);
            }
        }
        finally
        {
            Check(setns((int)original.DangerousGetHandle(), CloneNewNet), "setns back");
        }
    }

    private static void Check(int rc, string what)
    {
        if (rc < 0)
        {
            throw new InvalidOperationException($"{what} failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
