using P4Bpf.Ebpf.Kernel;

namespace P4Bpf.Runtime.Targets;

/// <summary>Interface hooks shared by successive <see cref="KernelSwitch"/>es, for pipeline replacement: the first switch attached to a hook
/// creates its link; a later one swaps its program onto the same link (<see cref="KernelLink.Replace"/>, <c>BPF_LINK_UPDATE</c>), so the
/// interface never runs without a program and a second XDP attach (EBUSY) is never tried. TCX links are swapped the same way.</summary>
/// <remarks>
/// Each hook remembers the live switches that were attached to it, oldest first; the newest one's program runs. When a switch is disposed,
/// a hook it runs on goes back to the newest switch still alive (so a replacement that fails after attaching leaves the old pipeline in
/// service), and the link is closed once no switch is left. Thread-safe.
/// </remarks>
public sealed class KernelSwitchHooks : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(int Ifindex, BpfAttachType Type), Hook> _hooks = [];

    private sealed class Hook(KernelLink link)
    {
        public KernelLink Link { get; } = link;

        public List<(KernelSwitch Switch, KernelProgram Program)> Users { get; } = [];
    }

    /// <summary>The links currently open, one per hook.</summary>
    public IReadOnlyList<KernelLink> Links
    {
        get
        {
            lock (_lock)
            {
                return _hooks.Values.Select(h => h.Link).ToList();
            }
        }
    }

    /// <summary>Puts <paramref name="program"/> of <paramref name="owner"/> on the hook: swapped onto the existing link, or a new link from <paramref name="create"/>.</summary>
    internal KernelLink Attach(KernelSwitch owner, KernelProgram program, int ifindex, BpfAttachType type, Func<KernelLink> create)
    {
        lock (_lock)
        {
            if (_hooks.TryGetValue((ifindex, type), out var hook) && !hook.Link.IsDisposed)
            {
                hook.Link.Replace(program);
            }
            else
            {
                hook = new Hook(create());
                _hooks[(ifindex, type)] = hook;
            }
            hook.Users.RemoveAll(u => ReferenceEquals(u.Switch, owner));
            hook.Users.Add((owner, program));
            return hook.Link;
        }
    }

    /// <summary>Takes <paramref name="owner"/> off every hook: a hook it runs on goes back to the newest other switch on it, or is closed.</summary>
    internal void Release(KernelSwitch owner)
    {
        lock (_lock)
        {
            foreach (var (key, hook) in _hooks.ToList())
            {
                var index = hook.Users.FindIndex(u => ReferenceEquals(u.Switch, owner));
                if (index < 0)
                {
                    continue;
                }
                var running = index == hook.Users.Count - 1;
                hook.Users.RemoveAt(index);
                if (hook.Users.Count == 0 || hook.Link.IsDisposed)
                {
                    hook.Link.Dispose();
                    _hooks.Remove(key);
                }
                else if (running)
                {
                    try
                    {
                        hook.Link.Replace(hook.Users[^1].Program);
                    }
                    catch (Exception e) when (e is KernelBpfException or ObjectDisposedException)
                    {
                        // The older pipeline cannot go back on the hook: detach rather than leave a disposed switch's program running.
                        hook.Link.Dispose();
                        _hooks.Remove(key);
                    }
                }
            }
        }
    }

    /// <summary>Closes every link (detaching the programs).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var hook in _hooks.Values)
            {
                hook.Link.Dispose();
            }
            _hooks.Clear();
        }
    }
}
