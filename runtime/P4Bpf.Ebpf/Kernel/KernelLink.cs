namespace P4Bpf.Ebpf.Kernel;

/// <summary>A program attached to an interface through a BPF link (XDP or TCX); the program stays attached while the link is open or pinned.</summary>
public sealed class KernelLink : IDisposable
{
    internal KernelLink(KernelProgram program, BpfFd fd, int ifindex, BpfAttachType attachType)
    {
        Program = program;
        Fd = fd;
        Ifindex = ifindex;
        AttachType = attachType;
    }

    /// <summary>The program on the hook: the one attached, or the last one <see cref="Replace"/> put there.</summary>
    public KernelProgram Program { get; private set; }

    public BpfFd Fd { get; }

    public int Ifindex { get; }

    public BpfAttachType AttachType { get; }

    /// <summary>Where this link was pinned by <see cref="Pin"/>, or null.</summary>
    public string? PinPath { get; private set; }

    public bool IsDisposed => Fd.IsClosed;

    public KernelLinkInfo QueryInfo() => BpfSyscall.GetLinkInfo(Fd);

    /// <summary>Pins the link, so it (and the attachment) outlives this process until the pin is removed.</summary>
    public void Pin(string path)
    {
        BpfSyscall.ObjPin(Fd, path);
        PinPath = path;
    }

    /// <summary>Removes the pin made by <see cref="Pin"/>, if any.</summary>
    public void Unpin()
    {
        if (PinPath is { } path)
        {
            File.Delete(path);
            PinPath = null;
        }
    }

    /// <summary>Swaps the attached program for <paramref name="program"/> in one step (<c>BPF_LINK_UPDATE</c> with <c>BPF_F_REPLACE</c> on the current
    /// program), so the hook never runs without a program; the link then belongs to <paramref name="program"/> (closed when it is disposed).</summary>
    /// <exception cref="KernelBpfException">The kernel refused the swap (another program type, the link detached, or another program on it now).</exception>
    public void Replace(KernelProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        ObjectDisposedException.ThrowIf(Fd.IsClosed, this);
        if (ReferenceEquals(program, Program))
        {
            return;
        }
        BpfSyscall.LinkUpdate(Fd, program.Fd, Program.Fd);
        program.Adopt(this, Program);
        Program = program;
    }

    /// <summary>Detaches the program now (<c>BPF_LINK_DETACH</c>, even when pinned) and closes the link.</summary>
    public void Detach()
    {
        if (!Fd.IsClosed)
        {
            BpfSyscall.LinkDetach(Fd);
        }
        Dispose();
    }

    /// <summary>Closes the link, which detaches the program unless the link is pinned.</summary>
    public void Dispose() => Fd.Dispose();

    public override string ToString() => $"{Program.Name} on ifindex {Ifindex} ({AttachType})";
}
