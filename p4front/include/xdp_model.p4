/*
 * xdp_model.p4 — the XDP switch architecture, as written for p4bpf.
 *
 * A program attached at the XDP hook: a parser, a switch control that picks
 * an XDP verdict and an output port, and a deparser that rebuilds the packet.
 * The eBPF filter externs (CounterArray, array_table, hash_table) are
 * available too.
 */

#ifndef _XDP_MODEL_P4
#define _XDP_MODEL_P4

#include <core.p4>
#include <ebpf_model.p4>

/* The XDP verdicts, in kernel order (XDP_ABORTED = 0 ... XDP_REDIRECT = 4). */
enum xdp_action {
    XDP_ABORTED,   // error: drop and raise a trace event
    XDP_DROP,      // drop the packet
    XDP_PASS,      // hand the packet to the kernel network stack
    XDP_TX,        // send the packet back out of the port it came in on
    XDP_REDIRECT   // send the packet out of output_port
}

/* Metadata the switch control receives. */
struct xdp_input {
    bit<32> input_port;     // ifindex of the receiving interface
}

/* Metadata the switch control produces. */
struct xdp_output {
    xdp_action output_action;
    bit<32>    output_port; // ifindex used with XDP_REDIRECT
}

/* The IPv4 header checksum of the given header fields. */
extern bit<16> ebpf_ipv4_checksum(in bit<4> version, in bit<4> ihl, in bit<8> diffserv,
                                  in bit<16> totalLen, in bit<16> identification, in bit<3> flags,
                                  in bit<13> fragOffset, in bit<8> ttl, in bit<8> protocol,
                                  in bit<32> srcAddr, in bit<32> dstAddr);

/* Incremental checksum update (RFC 1624) when a 16-bit word changes from old to new. */
extern bit<16> csum_replace2(in bit<16> csum, in bit<16> old, in bit<16> new);

/* Incremental checksum update (RFC 1624) when a 32-bit word changes from old to new. */
extern bit<16> csum_replace4(in bit<16> csum, in bit<32> old, in bit<32> new);

/* Emit the packet to the perf event ring (bpf_perf_event_output). */
extern bit<32> BPF_PERF_EVENT_OUTPUT();

/* Nanoseconds since boot (bpf_ktime_get_ns). */
extern bit<32> BPF_KTIME_GET_NS();

parser xdp_parse<H>(packet_in packet, out H headers);

control xdp_switch<H>(inout H headers, in xdp_input imd, out xdp_output omd);

control xdp_deparse<H>(in H headers, packet_out packet);

/* The top-level XDP switch: instantiate as xdp(p(), s(), d()) main; */
package xdp<H>(xdp_parse<H> p, xdp_switch<H> s, xdp_deparse<H> d);

#endif /* _XDP_MODEL_P4 */
