// l4-lb (PSA): an ECMP layer-4 load balancer in direct-server-return style.
//   * vip (exact: destination address, protocol, destination port) maps a virtual service to a member group.
//   * The 5-tuple is hashed with PSA's Hash extern (CRC32) into one of 16 buckets; members (exact: group, bucket) names
//     the backend that serves the bucket: its MAC and port. (An ActionSelector table compiles, but the switch runtime
//     and the P4Runtime server cannot program action profile members/groups yet — see README.) The controller spreads a group's backends over the 16 buckets, so every packet of a
//     flow goes to the same backend and flows spread evenly.
//   * Each bucket entry has a direct counter; traffic to no virtual service is dropped.
#include <core.p4>
#include <psa.p4>

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
    bit<16> group;
    bit<4>  bucket;
}

struct empty_t { }

parser LbIngressParser(packet_in buffer, out headers_t hdr, inout metadata_t meta,
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
        transition select(hdr.ipv4.ihl, hdr.ipv4.protocol) {
            (5, 6): parse_l4;
            (5, 17): parse_l4;
            default: accept;
        }
    }
    state parse_l4 {
        buffer.extract(hdr.l4);
        transition accept;
    }
}

control LbIngress(inout headers_t hdr, inout metadata_t meta, in psa_ingress_input_metadata_t istd, inout psa_ingress_output_metadata_t ostd) {
    DirectCounter<bit<32>>(PSA_CounterType_t.PACKETS_AND_BYTES) member_hits;
    Hash<bit<32>>(PSA_HashAlgorithm_t.CRC32) flow_hash;

    action drop() {
        ingress_drop(ostd);
    }

    action to_group(bit<16> group) {
        meta.group = group;
    }

    table vip {
        key = {
            hdr.ipv4.dstAddr  : exact;
            hdr.ipv4.protocol : exact;
            hdr.l4.dstPort    : exact;
        }
        actions = { to_group; drop; }
        default_action = drop();
        size = 256;
    }

    action to_backend(bit<48> dmac, PortId_t port) {
        member_hits.count();
        hdr.ethernet.dstAddr = dmac;
        send_to_port(ostd, port);
    }

    action no_backend() {
        member_hits.count();
        ingress_drop(ostd);
    }

    table members {
        key = {
            meta.group  : exact;
            meta.bucket : exact;
        }
        actions = { to_backend; no_backend; }
        default_action = no_backend();
        psa_direct_counter = member_hits;
        size = 4096;
    }

    apply {
        if (!hdr.l4.isValid()) {
            drop();
            return;
        }
        if (!vip.apply().hit) {
            return;
        }
        // CRC32 of the 5-tuple's bytes in network order (make-pcaps.py's flow_hash is zlib.crc32 of the same bytes).
        bit<32> h = flow_hash.get_hash({ hdr.ipv4.srcAddr, hdr.ipv4.dstAddr, hdr.l4.srcPort, hdr.l4.dstPort, hdr.ipv4.protocol });
        meta.bucket = h[3:0];
        members.apply();
    }
}

control LbIngressDeparser(packet_out buffer, out empty_t clone_i2e_meta, out empty_t resubmit_meta, out empty_t normal_meta,
                          inout headers_t hdr, in metadata_t meta, in psa_ingress_output_metadata_t istd) {
    apply {
        buffer.emit(hdr.ethernet);
        buffer.emit(hdr.ipv4);
        buffer.emit(hdr.l4);
    }
}

parser LbEgressParser(packet_in buffer, out headers_t hdr, inout metadata_t meta, in psa_egress_parser_input_metadata_t istd,
                      in empty_t normal_meta, in empty_t clone_i2e_meta, in empty_t clone_e2e_meta) {
    state start {
        transition accept;
    }
}

control LbEgress(inout headers_t hdr, inout metadata_t meta, in psa_egress_input_metadata_t istd, inout psa_egress_output_metadata_t ostd) {
    apply { }
}

control LbEgressDeparser(packet_out buffer, out empty_t clone_e2e_meta, out empty_t recirculate_meta, inout headers_t hdr,
                         in metadata_t meta, in psa_egress_output_metadata_t istd, in psa_egress_deparser_input_metadata_t edstd) {
    apply { }
}

IngressPipeline(LbIngressParser(), LbIngress(), LbIngressDeparser()) ip;
EgressPipeline(LbEgressParser(), LbEgress(), LbEgressDeparser()) ep;
PSA_Switch(ip, PacketReplicationEngine(), ep, BufferingQueueingEngine()) main;
