/* Every map type the engine models: hash, array, per-CPU array/hash, LRU hash, LPM trie, queue, stack, ring buffer, global data. */
#include "common.h"

struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 16); __type(key, __u32); __type(value, __u32); } h SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 8); __type(key, __u32); __type(value, __u64); } results SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __uint(max_entries, 2); __type(key, __u32); __type(value, __u64); } pc_array SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_HASH); __uint(max_entries, 8); __type(key, __u32); __type(value, __u64); } pc_hash SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_LRU_HASH); __uint(max_entries, 32); __type(key, __u32); __type(value, __u32); } lru SEC(".maps");
struct lpm_key { __u32 prefixlen; __u32 addr; };
struct { __uint(type, BPF_MAP_TYPE_LPM_TRIE); __uint(max_entries, 16); __uint(map_flags, BPF_F_NO_PREALLOC); __type(key, struct lpm_key); __type(value, __u32); } routes SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_QUEUE); __uint(max_entries, 4); __type(value, __u32); } q SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_STACK); __uint(max_entries, 4); __type(value, __u32); } st SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");

__u32 packets = 0;
const volatile __u32 salt = 0x5a5a;

static __always_inline void put(__u32 slot, __u64 v)
{
    bpf_map_update_elem(&results, &slot, &v, BPF_ANY);
}

SEC("xdp")
int xdp_maps(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    struct eth *eth = data;
    if ((void *)(eth + 1) > end)
        return XDP_ABORTED;
    __u32 n = ++packets;
    __u32 key = eth->src[5];
    __u32 val = n ^ salt;
    bpf_map_update_elem(&h, &key, &val, BPF_ANY);
    if (n == 3) {
        __u32 k0 = 1;
        put(7, bpf_map_delete_elem(&h, &k0) + 100);
    }
    __u32 zero = 0;
    __u64 *c = bpf_map_lookup_elem(&pc_array, &zero);
    if (c)
        *c += n;
    __u64 *ph = bpf_map_lookup_elem(&pc_hash, &key);
    __u64 init = 10;
    if (ph)
        *ph *= 2;
    else
        bpf_map_update_elem(&pc_hash, &key, &init, BPF_NOEXIST);
    bpf_map_update_elem(&lru, &key, &n, BPF_ANY);
    /* LPM: insert 10.0.0.0/8 and 10.1.0.0/16 once, then look up the IPv4 destination when present. */
    struct lpm_key k8 = { 8, bpf_htonl(0x0a000000) }, k16 = { 16, bpf_htonl(0x0a010000) };
    __u32 v8 = 8, v16 = 16;
    bpf_map_update_elem(&routes, &k8, &v8, BPF_NOEXIST);
    bpf_map_update_elem(&routes, &k16, &v16, BPF_NOEXIST);
    if (eth->proto == bpf_htons(ETH_P_IP)) {
        struct ip4 *ip = (void *)(eth + 1);
        if ((void *)(ip + 1) <= end) {
            struct lpm_key look = { 32, ip->daddr };
            __u32 *hit = bpf_map_lookup_elem(&routes, &look);
            put(0, hit ? *hit : 0xffff);
        }
    }
    /* queue and stack: push n, and on every second packet pop/peek into results. */
    long qp = bpf_map_push_elem(&q, &n, 0);
    long sp = bpf_map_push_elem(&st, &n, 0);
    put(1, (__u64)qp);
    put(2, (__u64)sp);
    if (n % 2 == 0) {
        __u32 out = 0;
        long r = bpf_map_pop_elem(&q, &out);
        put(3, ((__u64)(__u32)r << 32) | out);
        r = bpf_map_peek_elem(&st, &out);
        put(4, ((__u64)(__u32)r << 32) | out);
    }
    /* ring buffer: reserve+submit one record, output another, report what is queued. */
    __u32 *rec = bpf_ringbuf_reserve(&rb, 8, 0);
    if (rec) {
        rec[0] = n;
        rec[1] = key;
        bpf_ringbuf_submit(rec, BPF_RB_NO_WAKEUP);
    }
    bpf_ringbuf_output(&rb, &n, sizeof(n), BPF_RB_NO_WAKEUP);
    put(5, bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA));
    return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
