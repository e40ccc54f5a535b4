namespace P4Bpf.Ebpf.Kernel;

public static unsafe partial class BpfSyscall
{
    private const int MaxLogSize = 64 << 20;

    /// <summary><c>BPF_PROG_LOAD</c>: verifies and loads a program; <paramref name="log"/> is the verifier log (empty when none was asked for).</summary>
    /// <remarks>
    /// With <see cref="ProgLoadAttributes.LogLevel"/> 0 the program is loaded without a log and, when the kernel rejects it, loaded again
    /// with level 1 so the exception carries the verifier's explanation (libbpf does the same). The log buffer doubles on ENOSPC.
    /// </remarks>
    /// <exception cref="KernelBpfException">The kernel rejected the program (<c>EACCES</c>/<c>EINVAL</c> from the verifier, with the log).</exception>
    public static BpfFd ProgLoad(ProgLoadAttributes program, out string log)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (program.Instructions.Length == 0 || program.Instructions.Length % 8 != 0)
        {
            throw new ArgumentException($"program '{program.Name}': {program.Instructions.Length} bytes of bytecode is not a positive multiple of 8", nameof(program));
        }
        var level = program.LogLevel;
        var size = Math.Clamp(program.LogSize, 4096, MaxLogSize);
        long firstError = 0;
        while (true)
        {
            var buffer = level == 0 ? null : new byte[size];
            var rc = ProgLoadOnce(program, level, buffer);
            log = buffer is null ? "" : LogText(buffer);
            if (rc >= 0)
            {
                return new BpfFd((int)rc);
            }
            if (firstError == 0)
            {
                firstError = rc;
            }
            if (level == 0 && rc != -Libc.EPERM)
            {
                level = 1;
                continue;
            }
            if (rc == -Libc.ENOSPC && buffer is not null && size < MaxLogSize)
            {
                size *= 2;
                continue;
            }
            // Report the original failure: a log-only retry can fail differently (ENOSPC on a huge log).
            var errno = (int)-(rc == -Libc.ENOSPC ? firstError : rc);
            throw new KernelBpfException(BpfCommand.ProgLoad, errno,
                $"loading program '{program.Name}' ({program.Type}, {program.Instructions.Length / 8} instructions)", log.Length > 0 ? log : null);
        }
    }

    private static long ProgLoadOnce(ProgLoadAttributes program, uint logLevel, byte[]? logBuffer)
    {
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        attr.Clear();
        var license = CString(program.License);
        using var btf = new FdLease(program.Btf);
        fixed (byte* insns = program.Instructions.Span)
        fixed (byte* lic = license)
        fixed (byte* logPtr = logBuffer)
        {
            WriteU32(attr, BpfAttrLayout.ProgType, (uint)program.Type);
            WriteU32(attr, BpfAttrLayout.InsnCount, (uint)(program.Instructions.Length / 8));
            WriteU64(attr, BpfAttrLayout.Insns, (ulong)insns);
            WriteU64(attr, BpfAttrLayout.License, (ulong)lic);
            if (logBuffer is not null)
            {
                WriteU32(attr, BpfAttrLayout.LogLevel, logLevel);
                WriteU32(attr, BpfAttrLayout.LogSize, (uint)logBuffer.Length);
                WriteU64(attr, BpfAttrLayout.LogBuf, (ulong)logPtr);
            }
            WriteU32(attr, BpfAttrLayout.KernVersion, program.KernelVersion);
            WriteU32(attr, BpfAttrLayout.ProgFlags, program.Flags);
            WriteName(attr, BpfAttrLayout.ProgName, program.Name);
            WriteU32(attr, BpfAttrLayout.ExpectedAttachType, (uint)program.ExpectedAttachType);
            if (program.Btf is not null)
            {
                WriteU32(attr, BpfAttrLayout.ProgBtfFd, (uint)btf.Fd);
            }
            return Libc.Bpf(BpfCommand.ProgLoad, attr);
        }
    }

    /// <summary><c>BPF_PROG_TEST_RUN</c>: runs the program on a packet (<paramref name="options"/>.Data) in the kernel, on the calling thread's CPU.</summary>
    /// <exception cref="KernelBpfException">The kernel refused the run (<c>EINVAL</c> for a packet too short for the program type…).</exception>
    public static TestRunResult ProgTestRun(BpfFd program, TestRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataOut = new byte[Math.Max(options.DataSizeOut, options.Data.Length)];
        var ctxOut = new byte[options.Context.IsEmpty ? 0 : Math.Max(options.ContextSizeOut, options.Context.Length)];
        for (var attempt = 0; ; attempt++)
        {
            var (rc, retval, dataSize, ctxSize, duration) = TestRunOnce(program, options, dataOut, ctxOut);
            if (rc == -Libc.ENOSPC && attempt == 0 && dataSize > dataOut.Length)
            {
                dataOut = new byte[dataSize];
                continue;
            }
            if (rc < 0)
            {
                throw new KernelBpfException(BpfCommand.ProgTestRun, (int)-rc, $"test-running {program} on a {options.Data.Length}-byte packet");
            }
            return new TestRunResult(retval, dataOut.AsSpan(0, (int)Math.Min(dataSize, (uint)dataOut.Length)).ToArray(),
                ctxOut.AsSpan(0, (int)Math.Min(ctxSize, (uint)ctxOut.Length)).ToArray(), duration);
        }
    }

    private static (long Rc, uint Retval, uint DataSize, uint CtxSize, uint Duration) TestRunOnce(BpfFd program, TestRunOptions options, byte[] dataOut, byte[] ctxOut)
    {
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        attr.Clear();
        using var lease = new FdLease(program);
        fixed (byte* dataIn = options.Data.Span)
        fixed (byte* ctxIn = options.Context.Span)
        fixed (byte* dOut = dataOut)
        fixed (byte* cOut = ctxOut)
        {
            WriteU32(attr, BpfAttrLayout.TestProgFd, (uint)lease.Fd);
            WriteU32(attr, BpfAttrLayout.TestDataSizeIn, (uint)options.Data.Length);
            WriteU32(attr, BpfAttrLayout.TestDataSizeOut, (uint)dataOut.Length);
            WriteU64(attr, BpfAttrLayout.TestDataIn, options.Data.IsEmpty ? 0 : (ulong)dataIn);
            WriteU64(attr, BpfAttrLayout.TestDataOut, dataOut.Length == 0 ? 0 : (ulong)dOut);
            WriteU32(attr, BpfAttrLayout.TestRepeat, options.Repeat);
            if (!options.Context.IsEmpty)
            {
                WriteU32(attr, BpfAttrLayout.TestCtxSizeIn, (uint)options.Context.Length);
                WriteU32(attr, BpfAttrLayout.TestCtxSizeOut, (uint)ctxOut.Length);
                WriteU64(attr, BpfAttrLayout.TestCtxIn, (ulong)ctxIn);
                WriteU64(attr, BpfAttrLayout.TestCtxOut, (ulong)cOut);
            }
            WriteU32(attr, BpfAttrLayout.TestFlags, options.Flags);
            WriteU32(attr, BpfAttrLayout.TestCpu, options.Cpu);
            WriteU32(attr, BpfAttrLayout.TestBatchSize, options.BatchSize);
            var rc = Libc.Bpf(BpfCommand.ProgTestRun, attr);
            return (rc, ReadU32(attr, BpfAttrLayout.TestRetval), ReadU32(attr, BpfAttrLayout.TestDataSizeOut),
                ReadU32(attr, BpfAttrLayout.TestCtxSizeOut), ReadU32(attr, BpfAttrLayout.TestDuration));
        }
    }
}
