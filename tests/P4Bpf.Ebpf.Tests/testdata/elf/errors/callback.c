// error: function pointers (lddw of a function) are not supported yet
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static long step(__u32 index, void *ctx)
{
	return index > 3;
}

SEC("xdp")
int loops(struct xdp_md *ctx)
{
	bpf_loop(8, step, 0, 0);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
