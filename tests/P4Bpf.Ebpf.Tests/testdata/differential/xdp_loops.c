/* Bounded loops, bpf-to-bpf calls (__noinline), and atomics (fetch_add, xchg, cmpxchg, or/and/xor). */
#include "common.h"

struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 8); __type(key, __u32); __type(value, __u64); } acc SEC(".maps");

static __noinline __u32 fold(const __u8 *p, const void *end, __u32 seed)
{
    __u32 h = seed;
    for (int i = 0; i < 64; i++) {
        if ((void *)(p + i + 1) > end)
            break;
        h = (h ^ p[i]) * 16777619u;
    }
    return h;
}

static __noinline __u64 mix(__u64 a, __u64 b)
{
    return (a << 7) ^ (b >> 3) ^ (a * b);
}

SEC("xdp")
int xdp_loops(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    __u32 h = fold(data, end, 2166136261u);
    __u32 k = 0;
    __u64 *a = bpf_map_lookup_elem(&acc, &k);
    if (!a)
        return XDP_ABORTED;
    __sync_fetch_and_add(a, h & 0xff);
    k = 1;
    __u64 *b = bpf_map_lookup_elem(&acc, &k);
    if (!b)
        return XDP_ABORTED;
    __u64 prev = __sync_lock_test_and_set(b, (__u64)h);
    k = 2;
    __u64 *c = bpf_map_lookup_elem(&acc, &k);
    if (!c)
        return XDP_ABORTED;
    __u64 seen = __sync_val_compare_and_swap(c, 0, prev + 1);
    __sync_fetch_and_or(c, 0x100);
    __sync_fetch_and_xor(c, 0x3);
    __sync_fetch_and_and(c, 0xffffff);
    k = 3;
    __u64 *d = bpf_map_lookup_elem(&acc, &k);
    if (!d)
        return XDP_ABORTED;
    *d = mix(seen, h);
    __u32 sum = 0;
    for (__u32 i = 0; i < 10; i++)
        sum += i * h;
    return (sum & 1) ? XDP_PASS : XDP_TX;
}

char _license[] SEC("license") = "GPL";
