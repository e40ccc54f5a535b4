/* Shared definitions for the differential corpus (our own minimal header structs). */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ETH_P_IP 0x0800
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17

struct eth { unsigned char dst[6]; unsigned char src[6]; __u16 proto; } __attribute__((packed));
struct ip4 { __u8 vhl; __u8 tos; __u16 len; __u16 id; __u16 frag; __u8 ttl; __u8 proto; __u16 check; __u32 saddr; __u32 daddr; } __attribute__((packed));
struct udp { __u16 sport; __u16 dport; __u16 len; __u16 check; } __attribute__((packed));
struct tcp { __u16 sport; __u16 dport; __u32 seq; __u32 ack; __u16 flags; __u16 win; __u16 check; __u16 urg; } __attribute__((packed));
