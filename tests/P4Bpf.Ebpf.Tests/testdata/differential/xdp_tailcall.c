/* Tail calls through a program array initialised in the object, with global data shared between the programs. */
#include "common.h"

__u64 hops = 0;

SEC("xdp")
int stage_two(struct xdp_md *ctx)
{
    hops += 10;
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    if (data + 1 > end)
        return XDP_ABORTED;
    return ((__u8 *)data)[0] == 0xff ? XDP_DROP : XDP_TX;
}

struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 4); __type(key, __u32); __array(values, int (void *)); } jump SEC(".maps") = {
    .values = { [1] = (void *)&stage_two },
};

SEC("xdp")
int stage_one(struct xdp_md *ctx)
{
    hops += 1;
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    if (data + 14 > end)
        return XDP_ABORTED;
    __u32 slot = ((__u8 *)data)[13] & 3;
    bpf_tail_call(ctx, &jump, slot);
    return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
