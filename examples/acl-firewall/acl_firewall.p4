// acl-firewall (PSA): a two-port stateless firewall between an inside port (1) and an outside port (2).
//   * acl (ternary source/destination address and protocol, range on the L4 ports): the highest-priority matching
//     rule permits (the packet crosses to the other port) or denies; no match denies.
//   * Every rule has a direct counter (packets and bytes), so the controller sees which rules fire.
//   * Non-IPv4 traffic is dropped.
#include <core.p4>
#include <psa.p4>

const PortId_t INSIDE  = (PortId_t)1;
const PortId_t OUTSIDE = (PortId_t)2;

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

// The first four bytes of TCP and UDP: the ports.
header l4_ports_t {
    bit<16> srcPort;
    bit<16> dstPort;
}

struct headers_t {
    ethernet_t ethernet;
    ipv4_t     ipv4;
    l4_ports_t l4;
}

struct metadata_t {
    bit<16> srcPort;
    bit<16> dstPort;
}

struct empty_t { }

parser FwIngressParser(packet_in buffer, out headers_t hdr, inout metadata_t meta,
                       in psa_ingress_parser_input_metadata_t istd, in empty_t resubmit_meta, in empty_t recirculate_meta) {
    state start {
        buffer.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x0800: parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        buffer.extract(hdr.ipv4);
        transition select(hdr.ipv4.protocol) {
            6: parse_l4;
            17: parse_l4;
            default: accept;
        }
    }
    state parse_l4 {
        buffer.extract(hdr.l4);
        transition accept;
    }
}

control FwIngress(inout headers_t hdr, inout metadata_t meta, in psa_ingress_input_metadata_t istd, inout psa_ingress_output_metadata_t ostd) {
    DirectCounter<bit<32>>(PSA_CounterType_t.PACKETS_AND_BYTES) acl_hits;

    action permit() {
        acl_hits.count();
        send_to_port(ostd, istd.ingress_port == INSIDE ? OUTSIDE : INSIDE);
    }

    action deny() {
        acl_hits.count();
        ingress_drop(ostd);
    }

    table acl {
        key = {
            hdr.ipv4.srcAddr  : ternary;
            hdr.ipv4.dstAddr  : ternary;
            hdr.ipv4.protocol : ternary;
            meta.srcPort      : range;
            meta.dstPort      : range;
        }
        actions = { permit; deny; }
        default_action = deny();
        psa_direct_counter = acl_hits;
        size = 1024;
    }

    apply {
        if (!hdr.ipv4.isValid()) {
            ingress_drop(ostd);
            return;
        }
        if (hdr.l4.isValid()) {
            meta.srcPort = hdr.l4.srcPort;
            meta.dstPort = hdr.l4.dstPort;
        } else {
            meta.srcPort = 0;
            meta.dstPort = 0;
        }
        acl.apply();
    }
}

control FwIngressDeparser(packet_out buffer, out empty_t clone_i2e_meta, out empty_t resubmit_meta, out empty_t normal_meta,
                          inout headers_t hdr, in metadata_t meta, in psa_ingress_output_metadata_t istd) {
    apply {
        buffer.emit(hdr.ethernet);
        buffer.emit(hdr.ipv4);
        buffer.emit(hdr.l4);
    }
}

parser FwEgressParser(packet_in buffer, out headers_t hdr, inout metadata_t meta, in psa_egress_parser_input_metadata_t istd,
                      in empty_t normal_meta, in empty_t clone_i2e_meta, in empty_t clone_e2e_meta) {
    state start {
        transition accept;
    }
}

control FwEgress(inout headers_t hdr, inout metadata_t meta, in psa_egress_input_metadata_t istd, inout psa_egress_output_metadata_t ostd) {
    apply { }
}

control FwEgressDeparser(packet_out buffer, out empty_t clone_e2e_meta, out empty_t recirculate_meta, inout headers_t hdr,
                         in metadata_t meta, in psa_egress_output_metadata_t istd, in psa_egress_deparser_input_metadata_t edstd) {
    apply { }
}

IngressPipeline(FwIngressParser(), FwIngress(), FwIngressDeparser()) ip;
EgressPipeline(FwEgressParser(), FwEgress(), FwEgressDeparser()) ep;
PSA_Switch(ip, PacketReplicationEngine(), ep, BufferingQueueingEngine()) main;
