/* Parse Eth/IPv4/UDP/TCP, count per protocol and per source, swap MACs for UDP echo. */
#include "common.h"

struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); } proto_count SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 64); __type(key, __u32); __type(value, __u64); } by_source SEC(".maps");

static __always_inline void bump(__u32 slot)
{
    __u64 *v = bpf_map_lookup_elem(&proto_count, &slot);
    if (v)
        __sync_fetch_and_add(v, 1);
}

SEC("xdp")
int xdp_parse(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    struct eth *eth = data;
    if ((void *)(eth + 1) > end)
        return XDP_ABORTED;
    if (eth->proto != bpf_htons(ETH_P_IP)) {
        bump(0);
        return XDP_PASS;
    }
    struct ip4 *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > end)
        return XDP_DROP;
    __u64 one = 1, *n = bpf_map_lookup_elem(&by_source, &ip->saddr);
    if (n)
        *n += 1;
    else
        bpf_map_update_elem(&by_source, &ip->saddr, &one, BPF_NOEXIST);
    if (ip->proto == IPPROTO_UDP) {
        struct udp *udp = (void *)(ip + 1);
        if ((void *)(udp + 1) > end)
            return XDP_DROP;
        bump(1);
        if (udp->dport == bpf_htons(7)) {
            unsigned char tmp[6];
            __builtin_memcpy(tmp, eth->dst, 6);
            __builtin_memcpy(eth->dst, eth->src, 6);
            __builtin_memcpy(eth->src, tmp, 6);
            __u16 p = udp->sport; udp->sport = udp->dport; udp->dport = p;
            return XDP_TX;
        }
        return XDP_PASS;
    }
    if (ip->proto == IPPROTO_TCP) {
        struct tcp *tcp = (void *)(ip + 1);
        if ((void *)(tcp + 1) > end)
            return XDP_DROP;
        bump(2);
        return tcp->dport == bpf_htons(22) ? XDP_DROP : XDP_PASS;
    }
    bump(3);
    return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
