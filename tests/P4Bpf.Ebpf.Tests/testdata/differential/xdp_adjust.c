/* Head/tail/meta adjustment: encapsulate in an extra Ethernet header, trim or grow the tail, carry metadata. */
#include "common.h"

SEC("xdp")
int xdp_adjust(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    if (data + 14 > end)
        return XDP_ABORTED;
    __u8 mode = ((__u8 *)data)[13];
    if (mode == 1) {
        if (bpf_xdp_adjust_head(ctx, -(int)sizeof(struct eth)))
            return XDP_DROP;
        data = (void *)(long)ctx->data;
        end = (void *)(long)ctx->data_end;
        struct eth *outer = data, *inner = data + sizeof(struct eth);
        if ((void *)(inner + 1) > end)
            return XDP_DROP;
        __builtin_memcpy(outer->dst, inner->src, 6);
        __builtin_memcpy(outer->src, inner->dst, 6);
        outer->proto = bpf_htons(0x88b5);
        return XDP_TX;
    }
    if (mode == 2) {
        long r = bpf_xdp_adjust_tail(ctx, -4);
        return r ? XDP_DROP : XDP_PASS;
    }
    if (mode == 3) {
        long r = bpf_xdp_adjust_tail(ctx, 6);
        return r ? XDP_DROP : XDP_PASS;
    }
    if (mode == 4) {
        if (bpf_xdp_adjust_meta(ctx, -8))
            return XDP_DROP;
        __u32 *meta = (void *)(long)ctx->data_meta;
        data = (void *)(long)ctx->data;
        if ((void *)(meta + 2) > data)
            return XDP_DROP;
        meta[0] = 0xdeadbeef;
        meta[1] = ctx->ingress_ifindex;
        return XDP_PASS;
    }
    if (mode == 5) {
        /* pop the Ethernet header and restore a shorter one: a decap */
        if (bpf_xdp_adjust_head(ctx, 14))
            return XDP_DROP;
        return XDP_PASS;
    }
    if (mode == 6)
        return bpf_xdp_adjust_head(ctx, -4096) ? XDP_DROP : XDP_PASS;
    return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
