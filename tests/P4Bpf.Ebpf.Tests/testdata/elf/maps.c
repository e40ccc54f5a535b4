// Map kinds a P4 pipeline uses, each defined the libbpf BTF way, plus global data.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct lpm_v4_key {
	__u32 prefixlen;
	__u32 addr;
};

struct counters {
	__u64 packets;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct counters);
} flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 256);
	__type(key, struct lpm_v4_key);
	__type(value, __u32);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} routes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 64);
	__type(key, __u64);
	__type(value, __u32);
} percpu_flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 4);
	__uint(key_size, 4);
	__uint(value_size, 16);
} percpu_scratch SEC(".maps");

struct inner_table {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} inner_a SEC(".maps"), inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, struct inner_table);
} tables SEC(".maps") = {
	.values = { [0] = &inner_a, [2] = &inner_b },
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 8);
	__type(key, __u32);
	__array(values, struct inner_table);
} tables_by_id SEC(".maps");

const volatile __u32 threshold = 100;
__u64 seen = 7;
__u32 drops;

SEC("xdp")
int xdp_maps(struct xdp_md *ctx)
{
	__u32 key = 0;
	struct counters *c = bpf_map_lookup_elem(&flows, &key);
	if (c) {
		c->packets++;
		c->bytes += ctx->data_end - ctx->data;
	}
	__u64 *s = bpf_map_lookup_elem(&stats, &key);
	if (s)
		*s += seen;
	struct lpm_v4_key lk = { .prefixlen = 32, .addr = ctx->ingress_ifindex };
	__u32 *port = bpf_map_lookup_elem(&routes, &lk);
	__u64 fk = key;
	__u32 *pf = bpf_map_lookup_elem(&percpu_flows, &fk);
	if (pf)
		(*pf)++;
	void *scratch = bpf_map_lookup_elem(&percpu_scratch, &key);
	if (!scratch)
		return XDP_ABORTED;
	void *inner = bpf_map_lookup_elem(&tables, &key);
	if (inner) {
		__u32 *v = bpf_map_lookup_elem(inner, &key);
		if (v && *v > threshold) {
			drops++;
			return XDP_DROP;
		}
	}
	inner = bpf_map_lookup_elem(&tables_by_id, &key);
	if (inner)
		return XDP_TX;
	return port ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
