// Map attributes beyond type/key/value/max_entries: sizes only, flags, pinning; two programs in one section.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(key_size, 16);
	__uint(value_size, 32);
	__uint(max_entries, 100);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} pinned_sessions SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 10);
	__type(key, __u32);
	__type(value, __u64);
} recent SEC(".maps");

SEC("tc")
int tc_in(struct __sk_buff *skb)
{
	char key[16] = {};
	return bpf_map_lookup_elem(&pinned_sessions, key) ? 1 : 0;
}

SEC("tc")
int tc_in2(struct __sk_buff *skb)
{
	__u32 k = skb->mark;
	return bpf_map_lookup_elem(&recent, &k) ? 2 : 0;
}

char LICENSE[] SEC("license") = "GPL";
