using System.Runtime.InteropServices;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Tests.Verifier;

/// <summary>Loads maps and programs into the running kernel through the <c>bpf()</c> system call, to compare verdicts with our verifier.</summary>
internal static partial class KernelBpf
{
    private const long SysBpf = 321; // x86-64
    private const int MapCreate = 0;
    private const int ProgLoad = 5;
    private const int AttrSize = 128;

    [LibraryImport("libc", SetLastError = true)]
    private static partial long syscall(long number, int cmd, IntPtr attr, uint size);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    public static bool Supported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>Creates a map like <paramref name="spec"/>; returns its fd or throws with errno.</summary>
    public static int CreateMap(MapSpec spec)
    {
        var attr = Marshal.AllocHGlobal(AttrSize);
        try
        {
            Zero(attr);
            var flags = spec.Flags;
            if (spec.Type == MapType.LpmTrie)
            {
                flags |= MapSpec.FlagNoPrealloc;
            }
            Marshal.WriteInt32(attr, 0, (int)spec.Type);
            Marshal.WriteInt32(attr, 4, (int)spec.KeySize);
            Marshal.WriteInt32(attr, 8, (int)spec.ValueSize);
            Marshal.WriteInt32(attr, 12, (int)spec.MaxEntries);
            Marshal.WriteInt32(attr, 16, (int)flags);
            var fd = syscall(SysBpf, MapCreate, attr, AttrSize);
            if (fd < 0)
            {
                throw new InvalidOperationException($"BPF_MAP_CREATE {spec.Name} ({spec.Type}): errno {Marshal.GetLastPInvokeError()}");
            }
            return (int)fd;
        }
        finally
        {
            Marshal.FreeHGlobal(attr);
        }
    }

    /// <summary>Loads a program; returns (accepted, verifier log). Map references by index are rewritten to the fds.</summary>
    public static (bool Accepted, string Log) LoadProgram(ProgramType type, byte[] bytecode, IReadOnlyList<int> mapFds)
    {
        var code = (byte[])bytecode.Clone();
        for (var pc = 0; pc + 1 < code.Length / 8; pc++)
        {
            var at = pc * 8;
            if (code[at] != 0x18)
            {
                continue;
            }
            var src = code[at + 1] >> 4;
            if (src is 1 or 2 or 5 or 6)
            {
                var index = BitConverterLe(code, at + 4);
                var newSrc = src is 1 or 5 ? 1 : 2;
                code[at + 1] = (byte)((newSrc << 4) | (code[at + 1] & 0xf));
                var fd = index >= 0 && index < mapFds.Count ? mapFds[index] : -1;
                code[at + 4] = (byte)fd;
                code[at + 5] = (byte)(fd >> 8);
                code[at + 6] = (byte)(fd >> 16);
                code[at + 7] = (byte)(fd >> 24);
            }
            pc++;
        }
        var first = Load(type, code, logLevel: 0, out _);
        if (first >= 0)
        {
            close(first);
            return (true, "");
        }
        var again = Load(type, code, logLevel: 1, out var log);
        if (again >= 0)
        {
            close(again);
            return (true, log);
        }
        return (false, log);
    }

    private static int Load(ProgramType type, byte[] code, int logLevel, out string log)
    {
        var attr = Marshal.AllocHGlobal(AttrSize);
        var insns = Marshal.AllocHGlobal(Math.Max(code.Length, 8));
        var license = Marshal.StringToHGlobalAnsi("GPL");
        const int logSize = 4 << 20;
        var logBuf = logLevel > 0 ? Marshal.AllocHGlobal(logSize) : IntPtr.Zero;
        try
        {
            Zero(attr);
            Marshal.Copy(code, 0, insns, code.Length);
            Marshal.WriteInt32(attr, 0, (int)type);
            Marshal.WriteInt32(attr, 4, code.Length / 8);
            Marshal.WriteInt64(attr, 8, insns.ToInt64());
            Marshal.WriteInt64(attr, 16, license.ToInt64());
            if (logLevel > 0)
            {
                Marshal.WriteByte(logBuf, 0, 0);
                Marshal.WriteInt32(attr, 24, logLevel);
                Marshal.WriteInt32(attr, 28, logSize);
                Marshal.WriteInt64(attr, 32, logBuf.ToInt64());
            }
            var fd = syscall(SysBpf, ProgLoad, attr, AttrSize);
            var errno = Marshal.GetLastPInvokeError();
            log = logLevel > 0 ? Marshal.PtrToStringAnsi(logBuf) ?? "" : "";
            if (fd < 0)
            {
                log += $"\nerrno {errno}";
            }
            return (int)fd;
        }
        finally
        {
            Marshal.FreeHGlobal(attr);
            Marshal.FreeHGlobal(insns);
            Marshal.FreeHGlobal(license);
            if (logBuf != IntPtr.Zero)
            {
                Marshal.FreeHGlobal(logBuf);
            }
        }
    }

    public static void Close(int fd) => close(fd);

    private static void Zero(IntPtr p)
    {
        for (var i = 0; i < AttrSize; i += 8)
        {
            Marshal.WriteInt64(p, i, 0);
        }
    }

    private static int BitConverterLe(byte[] b, int at) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
}
