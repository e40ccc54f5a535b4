/* bpf_loop (helper 181): callbacks on a fresh frame, a callback context on the caller's stack, early exit, bad flags and counts,
   map updates from a callback. (Nested bpf_loop is covered by the engine tests: our verifier does not converge on it from C yet.) */
#include "../differential/common.h"

struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); } loop_stats SEC(".maps");

struct fold_ctx {
    __u8 buf[16];
    __u32 h;
    __u32 stop_at;
    __u32 inner;
};

static long inner_step(__u64 i, void *arg)
{
    struct fold_ctx *c = arg;
    c->inner += (__u32)i + 1;
    return 0;
}

static long fold_step(__u64 i, void *arg)
{
    struct fold_ctx *c = arg;
    c->h = (c->h ^ c->buf[i & 15]) * 16777619u;
    if (c->h % 7 == (__u32)c->stop_at)
        return 1;
    c->inner += (__u32)i;
    __u32 k = (__u32)i & 3;
    __u64 *slot = bpf_map_lookup_elem(&loop_stats, &k);
    if (slot)
        *slot += c->h & 0xff;
    return 0;
}

SEC("xdp")
int xdp_bpf_loop(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    struct fold_ctx c = {};
    if (data + 16 > end)
        return XDP_DROP;
    __builtin_memcpy(c.buf, data, 16);
    c.h = 2166136261u;
    c.stop_at = c.buf[13] % 7;
    long n = bpf_loop(40, fold_step, &c, 0);
    long bad = bpf_loop(1, inner_step, &c, 1); /* flags must be 0: -EINVAL */
    long big = bpf_loop((1u << 23) + 1, inner_step, &c, 0); /* over BPF_MAX_LOOPS: -E2BIG */
    __u32 r = (__u32)n * 1000 + c.inner + (c.h & 0xff) * 100000;
    /* (int): when the kernel inlines bpf_loop, its -E2BIG is a 32-bit move, zero-extended (0xfffffff9), unlike the helper's. */
    if (bad != -22 || (int)big != -7)
        return XDP_ABORTED;
    return r % 4 == 0 ? XDP_PASS : r % 4 == 1 ? XDP_TX : r % 4 == 2 ? XDP_DROP : XDP_PASS;
}

static long count_step(__u64 i, void *arg)
{
    __u64 *sum = arg;
    *sum += i;
    return 0;
}

SEC("xdp")
int xdp_loop_count(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    __u64 sum = 0;
    __u32 n = (__u32)(end - data);
    long calls = bpf_loop(n, count_step, &sum, 0);
    __u32 k = 3;
    __u64 *slot = bpf_map_lookup_elem(&loop_stats, &k);
    if (slot)
        *slot += sum + calls;
    return (sum + calls) & 1 ? XDP_PASS : XDP_TX;
}

char _license[] SEC("license") = "GPL";
