// service-chain stage 2 (xdp_model): the router. LPM on the destination picks the next hop's MAC, this hop's MAC and
// the output port (XDP_REDIRECT); TTL is decremented and the IPv4 checksum recomputed; no route, TTL <= 1 or
// non-IPv4 drop.
#include <core.p4>
#include <xdp_model.p4>
#include "common.p4"

control Router(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action drop() {
        xout.output_action = xdp_action.XDP_DROP;
    }

    action forward(bit<48> dmac, bit<48> smac, bit<32> port) {
        hdr.ethernet.dstAddr = dmac;
        hdr.ethernet.srcAddr = smac;
        hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
        xout.output_port = port;
        xout.output_action = xdp_action.XDP_REDIRECT;
    }

    table routes {
        key = { hdr.ipv4.dstAddr : lpm; }
        actions = { forward; drop; }
        default_action = drop();
        implementation = array_table(1024);
    }

    apply {
        xout.output_port = 0;
        xout.output_action = xdp_action.XDP_DROP;
        if (!hdr.ipv4.isValid() || hdr.ipv4.ihl != 5 || hdr.ipv4.ttl <= 1) {
            return;
        }
        routes.apply();
        if (xout.output_action == xdp_action.XDP_REDIRECT) {
            // xdp_model's ebpf_ipv4_checksum extern cannot be lowered yet: the checksum is computed with plain arithmetic.
            bit<32> sum = (bit<32>)(hdr.ipv4.version ++ hdr.ipv4.ihl ++ hdr.ipv4.diffserv)
                + (bit<32>)hdr.ipv4.totalLen
                + (bit<32>)hdr.ipv4.identification
                + (bit<32>)(hdr.ipv4.flags ++ hdr.ipv4.fragOffset)
                + (bit<32>)(hdr.ipv4.ttl ++ hdr.ipv4.protocol)
                + (bit<32>)hdr.ipv4.srcAddr[31:16] + (bit<32>)hdr.ipv4.srcAddr[15:0]
                + (bit<32>)hdr.ipv4.dstAddr[31:16] + (bit<32>)hdr.ipv4.dstAddr[15:0];
            sum = (sum & 0xffff) + (sum >> 16);
            sum = (sum & 0xffff) + (sum >> 16);
            hdr.ipv4.hdrChecksum = ~sum[15:0];
        }
    }
}

xdp(ChainParser(), Router(), ChainDeparser()) main;
