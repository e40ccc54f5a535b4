// error: lddw of 'CONFIG_HZ': extern symbols (.kconfig, .ksyms) are not supported
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern unsigned int CONFIG_HZ __kconfig;

SEC("xdp")
int uses_kconfig(struct xdp_md *ctx)
{
	return CONFIG_HZ > 100 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
