using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace P4Bpf.Runtime.Ports;

/// <summary>A switch port on a Linux network interface: an <c>AF_PACKET</c>/<c>SOCK_RAW</c> socket bound to the interface's ifindex
/// (whole Ethernet frames in and out, promiscuous by default). Needs Linux and <c>CAP_NET_RAW</c>.</summary>
/// <remarks>Frames the interface transmits (our own sends included) are skipped on receive (<c>PACKET_OUTGOING</c>).
/// Open it inside a network namespace with <see cref="OpenInNamespace"/>; the socket stays bound to that namespace.</remarks>
public sealed partial class RawSocketPort : IPacketPort
{
    private const int AfPacket = 17, SockRaw = 3, SockNonBlock = 0x800, SockCloexec = 0x80000;
    private const ushort EthPAll = 0x0003;
    private const int SolPacket = 263, PacketAddMembership = 1, PacketMrPromisc = 1;
    private const int MsgDontWait = 0x40, PacketOutgoing = 4;
    private const int Eagain = 11, Eintr = 4;
    private const short PollIn = 1;
    private const int SockaddrLlSize = 20;

    /// <summary>Largest frame received (a jumbo frame plus headroom).</summary>
    public const int MaxFrame = 65536;

    private readonly byte[] _buffer = new byte[MaxFrame];
    private int _fd;

    private RawSocketPort(int number, string interfaceName, int ifindex, int fd)
    {
        Number = number;
        InterfaceName = interfaceName;
        Ifindex = ifindex;
        _fd = fd;
    }

    public int Number { get; }

    /// <summary>The Linux interface name (e.g. <c>veth0</c>).</summary>
    public string InterfaceName { get; }

    /// <summary>The interface's ifindex in the namespace where the socket was opened.</summary>
    public int Ifindex { get; }

    /// <summary>Opens a raw socket on <paramref name="interfaceName"/> in the current network namespace; throws <see cref="IOException"/>
    /// naming the failing call and errno (no such interface, no permission, not Linux).</summary>
    public static RawSocketPort Open(int number, string interfaceName, bool promiscuous = true)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("AF_PACKET sockets need Linux");
        }
        var ifindex = (int)IfNameToIndex(interfaceName);
        if (ifindex == 0)
        {
            throw new IOException($"{interfaceName}: no such interface (if_nametoindex: {Errno()})");
        }
        var fd = Socket(AfPacket, SockRaw | SockNonBlock | SockCloexec, BinaryPrimitives.ReverseEndianness(EthPAll));
        if (fd < 0)
        {
            throw new IOException($"{interfaceName}: socket(AF_PACKET, SOCK_RAW): {Errno()}");
        }
        var port = new RawSocketPort(number, interfaceName, ifindex, fd);
        try
        {
            Span<byte> sll = stackalloc byte[SockaddrLlSize];
            port.WriteSockaddr(sll);
            if (Bind(fd, ref MemoryMarshal.GetReference(sll), SockaddrLlSize) != 0)
            {
                throw new IOException($"{interfaceName}: bind(ifindex {ifindex}): {Errno()}");
            }
            if (promiscuous)
            {
                // struct packet_mreq { int mr_ifindex; unsigned short mr_type, mr_alen; unsigned char mr_address[8]; }
                Span<byte> mreq = stackalloc byte[16];
                mreq.Clear();
                BinaryPrimitives.WriteInt32LittleEndian(mreq, ifindex);
                BinaryPrimitives.WriteUInt16LittleEndian(mreq[4..], PacketMrPromisc);
                if (SetSockOpt(fd, SolPacket, PacketAddMembership, ref MemoryMarshal.GetReference(mreq), 16) != 0)
                {
                    throw new IOException($"{interfaceName}: setsockopt(PACKET_ADD_MEMBERSHIP, PROMISC): {Errno()}");
                }
            }
            return port;
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    /// <summary>Opens the port inside the named network namespace (<c>ip netns add NAME</c>, i.e. <c>/var/run/netns/NAME</c>).</summary>
    public static RawSocketPort OpenInNamespace(int number, string interfaceName, string netns, bool promiscuous = true) =>
        NetworkNamespace.Run(netns, () => Open(number, interfaceName, promiscuous));

    public bool TryReceive(out byte[] packet) => TryReceive(out packet, TimeSpan.Zero);

    /// <summary>Waits up to <paramref name="timeout"/> for an inbound frame (frames this interface sent are skipped).</summary>
    public unsafe bool TryReceive(out byte[] packet, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        Span<byte> sll = stackalloc byte[SockaddrLlSize];
        while (true)
        {
            var fromLength = SockaddrLlSize;
            var n = RecvFrom(Fd, ref MemoryMarshal.GetArrayDataReference(_buffer), (nuint)_buffer.Length, MsgDontWait, ref MemoryMarshal.GetReference(sll), ref fromLength);
            if (n >= 0)
            {
                if (sll[10] == PacketOutgoing)
                {
                    continue;
                }
                packet = _buffer.AsSpan(0, (int)n).ToArray();
                return true;
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Eintr)
            {
                continue;
            }
            if (errno != Eagain)
            {
                throw new IOException($"{InterfaceName}: recvfrom: {Errno(errno)}");
            }
            var left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                packet = [];
                return false;
            }
            // struct pollfd { int fd; short events, revents; }
            long pfd = (uint)Fd | ((long)PollIn << 32);
            Poll(ref pfd, 1, (int)Math.Min(left, int.MaxValue));
        }
    }

    /// <summary>Transmits one Ethernet frame; throws <see cref="IOException"/> when the kernel refuses it (too long, interface down).</summary>
    public void Send(ReadOnlySpan<byte> packet)
    {
        Span<byte> sll = stackalloc byte[SockaddrLlSize];
        WriteSockaddr(sll);
        while (true)
        {
            var n = SendTo(Fd, ref MemoryMarshal.GetReference(packet), (nuint)packet.Length, 0, ref MemoryMarshal.GetReference(sll), SockaddrLlSize);
            if (n >= 0)
            {
                return;
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Eintr)
            {
                throw new IOException($"{InterfaceName}: sendto ({packet.Length} bytes): {Errno(errno)}");
            }
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            Close(fd);
        }
    }

    private int Fd => _fd >= 0 ? _fd : throw new ObjectDisposedException(nameof(RawSocketPort));

    /// <summary>struct sockaddr_ll { u16 family; be16 protocol; int ifindex; u16 hatype; u8 pkttype, halen; u8 addr[8]; }.</summary>
    private void WriteSockaddr(Span<byte> sll)
    {
        sll.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(sll, AfPacket);
        BinaryPrimitives.WriteUInt16BigEndian(sll[2..], EthPAll);
        BinaryPrimitives.WriteInt32LittleEndian(sll[4..], Ifindex);
    }

    private static string Errno(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    private static string Errno() => Errno(Marshal.GetLastPInvokeError());

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int fd, ref byte addr, int length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, ref byte value, int length);

    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    private static partial nint RecvFrom(int fd, ref byte buffer, nuint length, int flags, ref byte from, ref int fromLength);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    private static partial nint SendTo(int fd, ref byte buffer, nuint length, int flags, ref byte to, int toLength);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref long fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial uint IfNameToIndex(string name);
}
