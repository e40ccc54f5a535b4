// (2) Eth/IPv4/UDP parse, hash-map lookup of the destination address (1000 entries), MAC rewrite, XDP_TX.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct next_hop {
    __u8 mac[6];
    __u8 pad[2];
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, __u32);
    __type(value, struct next_hop);
} next_hops SEC(".maps");

SEC("xdp")
int xdp_hash(struct xdp_md *ctx)
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
    __u32 key = ip->daddr;
    struct next_hop *hop = bpf_map_lookup_elem(&next_hops, &key);
    if (!hop)
        return XDP_PASS;
    __builtin_memcpy(eth->h_dest, hop->mac, 6);
    return XDP_TX;
}

char _license[] SEC("license") = "GPL";
