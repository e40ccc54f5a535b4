// (1) 14-byte bounds check, then XDP_PASS.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    if (data + 14 > data_end)
        return XDP_DROP;
    return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
