// l3-router (v1model): an IPv4 router.
//   * ipv4_lpm (lpm on the destination) picks a next hop id; nexthop (exact) gives the next hop's MAC and port;
//     egress rewrites the source MAC with the port's own MAC (port_mac) — the usual three-table split.
//   * The IPv4 header checksum is verified (bad ones are dropped); TTL is decremented and the checksum recomputed
//     (IHL 5 headers; options are not routed).
//   * ARP, ICMP addressed to one of the router's own addresses (local_ip), and packets whose TTL would expire
//     are punted to the controller on CPU_PORT with a packet_in header carrying the ingress port and a reason.
//   * The controller sends packets out through CPU_PORT with a packet_out header naming the egress port.
#include <core.p4>
#include <v1model.p4>

const bit<9>  CPU_PORT      = 255;
const bit<16> ETH_IPV4      = 0x0800;
const bit<16> ETH_ARP       = 0x0806;
const bit<8>  PROTO_ICMP    = 1;
const bit<8>  PUNT_ARP      = 1;
const bit<8>  PUNT_LOCAL    = 2;
const bit<8>  PUNT_TTL      = 3;

@controller_header("packet_in")
header packet_in_t {
    bit<9> ingress_port;
    bit<7> _pad;
    bit<8> reason;
}

@controller_header("packet_out")
header packet_out_t {
    bit<9> egress_port;
    bit<7> _pad;
}

header ethernet_t {
    bit<48> dstAddr;
    bit<48> srcAddr;
    bit<16> etherType;
}

header ipv4_t {
    bit<4>  version;
    bit<4>  ihl;
    bit<8>  diffserv;
    bit<16> totalLen;
    bit<16> identification;
    bit<3>  flags;
    bit<13> fragOffset;
    bit<8>  ttl;
    bit<8>  protocol;
    bit<16> hdrChecksum;
    bit<32> srcAddr;
    bit<32> dstAddr;
}

struct headers_t {
    packet_in_t  packet_in;
    packet_out_t packet_out;
    ethernet_t   ethernet;
    ipv4_t       ipv4;
}

struct metadata_t {
    bit<16> nhop_id;
}

parser RouterParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        transition select(standard_metadata.ingress_port) {
            CPU_PORT: parse_packet_out;
            default: parse_ethernet;
        }
    }
    state parse_packet_out {
        packet.extract(hdr.packet_out);
        transition parse_ethernet;
    }
    state parse_ethernet {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            ETH_IPV4: parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        transition accept;
    }
}

control RouterVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply {
        verify_checksum(hdr.ipv4.isValid(),
            { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.diffserv, hdr.ipv4.totalLen, hdr.ipv4.identification,
              hdr.ipv4.flags, hdr.ipv4.fragOffset, hdr.ipv4.ttl, hdr.ipv4.protocol, hdr.ipv4.srcAddr, hdr.ipv4.dstAddr },
            hdr.ipv4.hdrChecksum, HashAlgorithm.csum16);
    }
}

control RouterIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    direct_counter(CounterType.packets_and_bytes) route_hits;

    action drop() {
        mark_to_drop(standard_metadata);
    }

    action punt(bit<8> reason) {
        standard_metadata.egress_spec = CPU_PORT;
        hdr.packet_in.setValid();
        hdr.packet_in.ingress_port = standard_metadata.ingress_port;
        hdr.packet_in._pad = 0;
        hdr.packet_in.reason = reason;
    }

    action to_cpu() {
        punt(PUNT_LOCAL);
    }

    // Addresses of the router itself: traffic to them goes to the controller.
    table local_ip {
        key = { hdr.ipv4.dstAddr : exact; }
        actions = { to_cpu; NoAction; }
        default_action = NoAction();
        size = 64;
    }

    action set_nhop(bit<16> nhop_id) {
        route_hits.count();
        meta.nhop_id = nhop_id;
    }

    action route_drop() {
        route_hits.count();
        mark_to_drop(standard_metadata);
    }

    table ipv4_lpm {
        key = { hdr.ipv4.dstAddr : lpm; }
        actions = { set_nhop; route_drop; }
        default_action = route_drop();
        counters = route_hits;
        size = 1024;
    }

    action set_nexthop(bit<48> dmac, bit<9> port) {
        hdr.ethernet.dstAddr = dmac;
        standard_metadata.egress_spec = port;
        hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
    }

    table nexthop {
        key = { meta.nhop_id : exact; }
        actions = { set_nexthop; drop; }
        default_action = drop();
        size = 256;
    }

    apply {
        if (hdr.packet_out.isValid()) {
            // From the controller: send as is to the port it names.
            standard_metadata.egress_spec = hdr.packet_out.egress_port;
            hdr.packet_out.setInvalid();
            return;
        }
        if (hdr.ethernet.etherType == ETH_ARP) {
            punt(PUNT_ARP);
            return;
        }
        if (!hdr.ipv4.isValid() || hdr.ipv4.ihl != 5 || standard_metadata.checksum_error == 1) {
            drop();
            return;
        }
        if (local_ip.apply().hit) {
            return;
        }
        if (hdr.ipv4.ttl <= 1) {
            punt(PUNT_TTL);
            return;
        }
        if (ipv4_lpm.apply().hit) {
            nexthop.apply();
        }
    }
}

control RouterEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    action set_smac(bit<48> smac) {
        hdr.ethernet.srcAddr = smac;
    }

    // The router's own MAC address on each port.
    table port_mac {
        key = { standard_metadata.egress_port : exact; }
        actions = { set_smac; NoAction; }
        default_action = NoAction();
        size = 64;
    }

    apply {
        if (hdr.ipv4.isValid() && !hdr.packet_in.isValid()) {
            port_mac.apply();
        }
    }
}


control RouterComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply {
        update_checksum(hdr.ipv4.isValid() && !hdr.packet_in.isValid(),
            { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.diffserv, hdr.ipv4.totalLen, hdr.ipv4.identification,
              hdr.ipv4.flags, hdr.ipv4.fragOffset, hdr.ipv4.ttl, hdr.ipv4.protocol, hdr.ipv4.srcAddr, hdr.ipv4.dstAddr },
            hdr.ipv4.hdrChecksum, HashAlgorithm.csum16);
    }
}

control RouterDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.packet_in);
        packet.emit(hdr.ethernet);
        packet.emit(hdr.ipv4);
    }
}

V1Switch(RouterParser(), RouterVerifyChecksum(), RouterIngress(), RouterEgress(), RouterComputeChecksum(), RouterDeparser()) main;
