/* TC: NAT the IPv4 destination with l3/l4_csum_replace, csum_diff, load/store bytes, mark, change_tail. */
#include "common.h"

struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 8); __type(key, __u32); __type(value, __u64); } out SEC(".maps");

#define IP_OFF 14
#define CHECK_OFF (IP_OFF + 10)
#define DADDR_OFF (IP_OFF + 16)

static __always_inline void put(__u32 slot, __u64 v)
{
    bpf_map_update_elem(&out, &slot, &v, BPF_ANY);
}

SEC("tc")
int tc_csum(struct __sk_buff *skb)
{
    struct eth eth;
    if (bpf_skb_load_bytes(skb, 0, &eth, sizeof(eth)) < 0)
        return TC_ACT_SHOT;
    put(0, skb->len | ((__u64)skb->protocol << 32));
    skb->mark = 0x77;
    if (eth.proto != bpf_htons(ETH_P_IP))
        return TC_ACT_OK;
    struct ip4 ip;
    long rc = bpf_skb_load_bytes(skb, IP_OFF, &ip, sizeof(ip));
    put(1, (__u64)rc);
    if (rc < 0)
        return TC_ACT_UNSPEC;
    __u32 old = ip.daddr, new = bpf_htonl(0xc0a80001);
    __s64 diff = bpf_csum_diff(&old, 4, &new, 4, 0);
    put(2, (__u64)diff);
    __u32 l4 = IP_OFF + (ip.vhl & 0xf) * 4;
    if (ip.proto == IPPROTO_UDP)
        put(3, bpf_l4_csum_replace(skb, l4 + 6, old, new, BPF_F_PSEUDO_HDR | BPF_F_MARK_MANGLED_0 | 4));
    else if (ip.proto == IPPROTO_TCP)
        put(3, bpf_l4_csum_replace(skb, l4 + 16, old, new, BPF_F_PSEUDO_HDR | 4));
    put(4, bpf_l3_csum_replace(skb, CHECK_OFF, old, new, 4));
    put(5, bpf_skb_store_bytes(skb, DADDR_OFF, &new, 4, 0));
    __u16 ttl_old = bpf_htons((__u16)ip.ttl << 8 | ip.proto), ttl_new = bpf_htons((__u16)(ip.ttl - 1) << 8 | ip.proto);
    put(6, bpf_l3_csum_replace(skb, CHECK_OFF, ttl_old, ttl_new, 2));
    __u8 ttl = ip.ttl - 1;
    bpf_skb_store_bytes(skb, IP_OFF + 8, &ttl, 1, 0);
    /* grow the tail by 4 zero bytes, then report the new length */
    put(7, bpf_skb_change_tail(skb, skb->len + 4, 0) | ((__u64)skb->len << 32));
    return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
