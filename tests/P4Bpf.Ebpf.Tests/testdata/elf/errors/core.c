// error: section '.BTF.ext': CO-RE relocations are not supported yet
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct pkt_meta {
	__u32 len;
	__u32 mark;
} __attribute__((preserve_access_index));

SEC("tc")
int core_read(struct pkt_meta *m)
{
	return m->mark;
}

char LICENSE[] SEC("license") = "GPL";
