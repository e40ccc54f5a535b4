// (3) Eth/IPv4/UDP parse, LPM-trie lookup of the destination address (1000 prefixes), MAC rewrite, XDP_TX.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct lpm_key {
    __u32 prefixlen;
    __u32 addr;
};

struct next_hop {
    __u8 mac[6];
    __u8 pad[2];
};

struct {
    __uint(type, BPF_MAP_TYPE_LPM_TRIE);
    __uint(max_entries, 1024);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, struct lpm_key);
    __type(value, struct next_hop);
} routes SEC(".maps");

SEC("xdp")
int xdp_lpm(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end)
        return XDP_DROP;
    if (eth->h_proto != bpf_htons(ETH_P_IP))
        return XDP_PASS;
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end)
        return XDP_DROP;
    if (ip->ihl != 5 || ip->protocol != IPPROTO_UDP)
        return XDP_PASS;
    struct udphdr *udp = (void *)(ip + 1);
    if ((void *)(udp + 1) > data_end)
        return XDP_DROP;
    struct lpm_key key = { .prefixlen = 32, .addr = ip->daddr };
    struct next_hop *hop = bpf_map_lookup_elem(&routes, &key);
    if (!hop)
        return XDP_PASS;
    __builtin_memcpy(eth->h_dest, hop->mac, 6);
    return XDP_TX;
}

char _license[] SEC("license") = "GPL";
