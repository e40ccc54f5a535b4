// service-chain stage 2 (xdp_model): the router. LPM on the destination picks the next hop's MAC, this hop's MAC and
// the output port (XDP_REDIRECT); TTL is decremented and the IPv4 checksum updated incrementally (csum_replace2);
// no route, TTL <= 1, a bad header checksum (ebpf_ipv4_checksum) or non-IPv4 drop.
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
        // TTL - 1 changes one 16-bit word of the header: the checksum is updated incrementally (RFC 1624).
        bit<16> old = hdr.ipv4.ttl ++ hdr.ipv4.protocol;
        hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
        hdr.ipv4.hdrChecksum = csum_replace2(hdr.ipv4.hdrChecksum, old, hdr.ipv4.ttl ++ hdr.ipv4.protocol);
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
        // A router drops headers whose checksum is wrong (RFC 1812 5.2.2).
        bit<16> expected = ebpf_ipv4_checksum(hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.diffserv, hdr.ipv4.totalLen,
            hdr.ipv4.identification, hdr.ipv4.flags, hdr.ipv4.fragOffset, hdr.ipv4.ttl, hdr.ipv4.protocol,
            hdr.ipv4.srcAddr, hdr.ipv4.dstAddr);
        if (expected != hdr.ipv4.hdrChecksum) {
            return;
        }
        routes.apply();
    }
}

xdp(ChainParser(), Router(), ChainDeparser()) main;
