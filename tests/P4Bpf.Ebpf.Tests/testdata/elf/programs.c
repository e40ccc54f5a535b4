// Several programs in several sections, sharing static and global subprograms in .text,
// a program array initialised with a tail-call target, and static (section-relative) globals.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

int tc_tail(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, int (void *));
} jumps SEC(".maps") = {
	.values = { [1] = (void *)&tc_tail },
};

static __u32 calls;
static __u64 weights[4] = { 1, 2, 3, 4 };
const char banner[] = "p4bpf";
static volatile __u64 first_seen = 1;
static volatile __u64 last_seen = 2;

static __noinline __u64 count_hit(__u32 slot)
{
	__u64 *v = bpf_map_lookup_elem(&hits, &slot);
	if (!v)
		return 0;
	*v += weights[slot & 3];
	calls++;
	return *v;
}

__noinline int classify(__u32 len)
{
	if (len > 1500)
		return 2;
	return (int)(count_hit(len & 3) & 1);
}

__noinline int mix(__u32 a)
{
	return (a * 31) & 1;
}

SEC("xdp")
int xdp_first(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data;
	return classify(len) + mix(len) ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
int xdp_second(struct xdp_md *ctx)
{
	count_hit(1);
	return banner[0] == 'p' ? XDP_PASS : XDP_ABORTED;
}

SEC("tc")
int tc_tail(struct __sk_buff *skb)
{
	return (int)count_hit(2) & 1;
}

SEC("classifier")
int tc_entry(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jumps, 1);
	return classify(skb->len);
}

SEC("socket")
int socket_len(struct __sk_buff *skb)
{
	last_seen = first_seen + skb->len;
	bpf_trace_printk("len\n", sizeof("len\n"));
	return skb->len;
}

char LICENSE[] SEC("license") = "GPL";
