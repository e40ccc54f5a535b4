// Hand-written XDP counterpart of examples/l3-router/l3_router.p4, for the compile-time comparison
// (bench/compile-time.sh: clang -O2 -target bpf on this file beside `p4bpf compile` on the P4 program).
// One program does what the P4 pipeline's stages do: packet-out from the controller (a 2-byte header naming the
// port), ARP and local addresses and expiring TTLs punted (a 3-byte packet-in header pushed in front), IPv4 header
// checksum verified, local_ip (hash), ipv4_lpm (LPM trie, counted per entry), nexthop (hash), port_mac (hash),
// TTL decremented and the checksum recomputed. The chosen port goes to the redirect map.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define CPU_PORT 255
#define PUNT_ARP 1
#define PUNT_LOCAL 2
#define PUNT_TTL 3

struct lpm_key { __u32 prefixlen; __u32 addr; };
struct route { __u16 nhop_id; __u16 action; __u32 pad; __u64 packets; __u64 bytes; };
struct nexthop { __u8 dmac[6]; __u16 port; };
struct smac { __u8 mac[6]; __u16 pad; };

struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 64); __type(key, __u32); __type(value, __u8); } local_ip SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_LPM_TRIE); __uint(max_entries, 1024); __uint(map_flags, BPF_F_NO_PREALLOC);
         __type(key, struct lpm_key); __type(value, struct route); } ipv4_lpm SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 256); __type(key, __u16); __type(value, struct nexthop); } nexthop SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 64); __type(key, __u16); __type(value, struct smac); } port_mac SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_DEVMAP); __uint(max_entries, 512); __type(key, __u32); __type(value, __u32); } ports SEC(".maps");

static __always_inline __u16 csum16(const struct iphdr *ip)
{
    const __u16 *w = (const __u16 *)ip;
    __u32 sum = 0;
#pragma unroll
    for (int i = 0; i < 10; i++)
        if (i != 5)
            sum += w[i];
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return ~sum;
}

static __always_inline int punt(struct xdp_md *ctx, __u32 ingress, __u8 reason)
{
    if (bpf_xdp_adjust_head(ctx, -3))
        return XDP_DROP;
    __u8 *p = (void *)(long)ctx->data;
    if ((void *)(p + 3) > (void *)(long)ctx->data_end)
        return XDP_DROP;
    p[0] = ingress >> 1;                  // bit<9> ingress_port, bit<7> pad, bit<8> reason
    p[1] = (ingress & 1) << 7;
    p[2] = reason;
    return bpf_redirect_map(&ports, CPU_PORT, XDP_DROP);
}

SEC("xdp")
int l3_router(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    __u32 ingress = ctx->ingress_ifindex;
    if (ingress == CPU_PORT) {
        __u8 *out = data;
        if ((void *)(out + 2) > data_end)
            return XDP_DROP;
        __u32 port = (__u32)out[0] << 1 | out[1] >> 7;
        if (bpf_xdp_adjust_head(ctx, 2))
            return XDP_DROP;
        return bpf_redirect_map(&ports, port, XDP_DROP);
    }
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end)
        return XDP_DROP;
    if (eth->h_proto == bpf_htons(ETH_P_ARP))
        return punt(ctx, ingress, PUNT_ARP);
    if (eth->h_proto != bpf_htons(ETH_P_IP))
        return XDP_DROP;
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end || ip->ihl != 5 || csum16(ip) != ip->check)
        return XDP_DROP;
    __u32 dst = ip->daddr;
    if (bpf_map_lookup_elem(&local_ip, &dst))
        return punt(ctx, ingress, PUNT_LOCAL);
    if (ip->ttl <= 1)
        return punt(ctx, ingress, PUNT_TTL);
    struct lpm_key key = { .prefixlen = 32, .addr = dst };
    struct route *route = bpf_map_lookup_elem(&ipv4_lpm, &key);
    if (!route)
        return XDP_DROP;
    __sync_fetch_and_add(&route->packets, 1);
    __sync_fetch_and_add(&route->bytes, (__u64)(data_end - data));
    if (route->action != 0)
        return XDP_DROP;
    __u16 id = route->nhop_id;
    struct nexthop *hop = bpf_map_lookup_elem(&nexthop, &id);
    if (!hop)
        return XDP_DROP;
    __builtin_memcpy(eth->h_dest, hop->dmac, 6);
    ip->ttl--;
    __u16 port = hop->port;
    struct smac *smac = bpf_map_lookup_elem(&port_mac, &port);
    if (smac)
        __builtin_memcpy(eth->h_source, smac->mac, 6);
    ip->check = csum16(ip);
    return bpf_redirect_map(&ports, port, XDP_DROP);
}

char _license[] SEC("license") = "GPL";
