namespace P4Bpf.Ebpf.Maps;

/// <summary>The <c>flags</c> argument of <c>bpf_map_update_elem</c> and related calls, with the kernel's values.</summary>
public static class UpdateFlags
{
    /// <summary><c>BPF_ANY</c>: create a new element or update an existing one.</summary>
    public const ulong Any = 0;

    /// <summary><c>BPF_NOEXIST</c>: create only; <c>-EEXIST</c> when the key exists.</summary>
    public const ulong NoExist = 1;

    /// <summary><c>BPF_EXIST</c>: update only; <c>-ENOENT</c> when the key is missing (for queue/stack: overwrite the oldest when full).</summary>
    public const ulong Exist = 2;

    /// <summary><c>BPF_F_LOCK</c>: spin-lock the value (needs a <c>bpf_spin_lock</c> in the value's BTF; we reject it with <c>-EINVAL</c>).</summary>
    public const ulong Lock = 4;
}

/// <summary>Ring buffer flags (<c>BPF_RB_*</c>) for submit/discard/output and the <c>bpf_ringbuf_query</c> selectors.</summary>
public static class RingbufFlags
{
    public const ulong NoWakeup = 1;
    public const ulong ForceWakeup = 2;

    public const ulong QueryAvailData = 0;
    public const ulong QueryRingSize = 1;
    public const ulong QueryConsPos = 2;
    public const ulong QueryProdPos = 3;
}
