using System.Buffers.Binary;
using System.Text;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>The <c>bpf()</c> syscall, one method per command, with <c>union bpf_attr</c> laid out by hand.</summary>
/// <remarks>
/// Commands that create something return a <see cref="BpfFd"/> or throw <see cref="KernelBpfException"/>; map element commands
/// return 0 or a negated errno, like the in-process maps' control plane, because "not found" is an everyday answer there.
/// Needs Linux and CAP_BPF (we run as root); <see cref="IsAvailable"/> probes it.
/// </remarks>
public static unsafe partial class BpfSyscall
{
    private static readonly Lazy<bool> Available = new(Probe);
    private static readonly Lazy<int> PossibleCpusLazy = new(ReadPossibleCpus);

    /// <summary>True when this process can create maps in the running kernel.</summary>
    public static bool IsAvailable => Available.Value;

    /// <summary>The number of possible CPUs (<c>/sys/devices/system/cpu/possible</c>): the slices of a per-CPU value.</summary>
    public static int PossibleCpus => PossibleCpusLazy.Value;

    /// <summary>The index of the network interface <paramref name="name"/>; throws <see cref="ArgumentException"/> when there is none.</summary>
    public static int InterfaceIndex(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var index = Libc.IfNameToIndex(name);
        return index != 0 ? (int)index : throw new ArgumentException($"no network interface '{name}'", nameof(name));
    }

    // ---- objects -------------------------------------------------------------------------------------------------

    /// <summary><c>BPF_OBJ_PIN</c>: pins the map, program or link at <paramref name="path"/> (in a bpf filesystem).</summary>
    public static void ObjPin(BpfFd fd, string path)
    {
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        attr.Clear();
        var pathBytes = CString(path);
        using var lease = new FdLease(fd);
        fixed (byte* p = pathBytes)
        {
            WriteU64(attr, BpfAttrLayout.Pathname, (ulong)p);
            WriteU32(attr, BpfAttrLayout.PinBpfFd, (uint)lease.Fd);
            Check(BpfCommand.ObjPin, Libc.Bpf(BpfCommand.ObjPin, attr), $"pinning {fd} at {path}");
        }
    }

    /// <summary><c>BPF_OBJ_GET</c>: opens the object pinned at <paramref name="path"/>.</summary>
    public static BpfFd ObjGet(string path, uint fileFlags = 0)
    {
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        attr.Clear();
        var pathBytes = CString(path);
        fixed (byte* p = pathBytes)
        {
            WriteU64(attr, BpfAttrLayout.Pathname, (ulong)p);
            WriteU32(attr, BpfAttrLayout.FileFlags, fileFlags);
            return NewFd(BpfCommand.ObjGet, Libc.Bpf(BpfCommand.ObjGet, attr), $"opening the pin {path}");
        }
    }

    /// <summary><c>BPF_BTF_LOAD</c>: loads a BTF blob; a rejection carries the kernel's BTF log.</summary>
    public static BpfFd BtfLoad(ReadOnlySpan<byte> btf)
    {
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        fixed (byte* b = btf)
        {
            attr.Clear();
            WriteU64(attr, BpfAttrLayout.Btf, (ulong)b);
            WriteU32(attr, BpfAttrLayout.BtfSize, (uint)btf.Length);
            var rc = Libc.Bpf(BpfCommand.BtfLoad, attr);
            if (rc >= 0)
            {
                return new BpfFd((int)rc);
            }
            var log = new byte[1 << 16];
            fixed (byte* l = log)
            {
                attr.Clear();
                WriteU64(attr, BpfAttrLayout.Btf, (ulong)b);
                WriteU32(attr, BpfAttrLayout.BtfSize, (uint)btf.Length);
                WriteU64(attr, BpfAttrLayout.BtfLogBuf, (ulong)l);
                WriteU32(attr, BpfAttrLayout.BtfLogSize, (uint)log.Length);
                WriteU32(attr, BpfAttrLayout.BtfLogLevel, 1);
                var again = Libc.Bpf(BpfCommand.BtfLoad, attr);
                if (again >= 0)
                {
                    return new BpfFd((int)again);
                }
            }
            throw new KernelBpfException(BpfCommand.BtfLoad, (int)-rc, "loading BTF", LogText(log));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /// <summary>Keeps a <see cref="BpfFd"/> alive (and its number valid) while a syscall uses it.</summary>
    private readonly ref struct FdLease
    {
        private readonly BpfFd? _fd;

        public FdLease(BpfFd? fd)
        {
            _fd = fd;
            if (fd is null)
            {
                Fd = 0;
                return;
            }
            var added = false;
            fd.DangerousAddRef(ref added);
            Fd = (int)fd.DangerousGetHandle();
        }

        public int Fd { get; }

        public void Dispose() => _fd?.DangerousRelease();
    }

    private static BpfFd NewFd(BpfCommand command, long rc, string what) =>
        rc >= 0 ? new BpfFd((int)rc) : throw new KernelBpfException(command, (int)-rc, what);

    private static void Check(BpfCommand command, long rc, string what)
    {
        if (rc < 0)
        {
            throw new KernelBpfException(command, (int)-rc, what);
        }
    }

    private static void WriteU32(Span<byte> attr, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(attr[offset..], value);

    private static void WriteU64(Span<byte> attr, int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(attr[offset..], value);

    private static uint ReadU32(ReadOnlySpan<byte> attr, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(attr[offset..]);

    private static byte[] CString(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>Writes an object name as the kernel accepts it: letters, digits, '_' and '.', at most 15 bytes, NUL-terminated.</summary>
    private static void WriteName(Span<byte> attr, int offset, string name)
    {
        var length = Math.Min(name.Length, BpfAttrLayout.ObjNameLength - 1);
        for (var i = 0; i < length; i++)
        {
            var c = name[i];
            attr[offset + i] = (byte)(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_');
        }
    }

    private static string LogText(ReadOnlySpan<byte> log)
    {
        var end = log.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end >= 0 ? log[..end] : log);
    }

    private static string CStringAt(ReadOnlySpan<byte> buffer)
    {
        var end = buffer.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end >= 0 ? buffer[..end] : buffer);
    }

    private static bool Probe()
    {
        if (!Libc.HasBpfSyscall)
        {
            return false;
        }
        try
        {
            using var fd = MapCreate(new MapCreateAttributes(Maps.MapType.Array, 4, 4, 1) { Name = "p4bpf_probe" });
            return true;
        }
        catch (KernelBpfException)
        {
            return false;
        }
    }

    /// <summary>Parses the kernel's CPU list (<c>0-3,5</c>) and returns the highest CPU plus one, as libbpf does.</summary>
    internal static int ParseCpuList(string text)
    {
        var max = -1;
        foreach (var part in text.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var last = dash >= 0 ? part[(dash + 1)..] : part;
            if (int.TryParse(last, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cpu))
            {
                max = Math.Max(max, cpu);
            }
        }
        return max + 1;
    }

    private static int ReadPossibleCpus()
    {
        try
        {
            var count = ParseCpuList(File.ReadAllText("/sys/devices/system/cpu/possible"));
            return count > 0 ? count : Environment.ProcessorCount;
        }
        catch (IOException)
        {
            return Environment.ProcessorCount;
        }
        catch (UnauthorizedAccessException)
        {
            return Environment.ProcessorCount;
        }
    }
}
