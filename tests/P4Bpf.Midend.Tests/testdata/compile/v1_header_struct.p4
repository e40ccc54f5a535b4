// v1model: a header with struct-typed fields (one nested); ingress swaps the pair's members, copies a whole struct, and checks a bool.
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dstAddr;
    bit<48> srcAddr;
    bit<16> etherType;
}

struct pair_t {
    bit<4> a;
    bit<12> b;
}

struct outer_t {
    bit<8> x;
    pair_t inner;
}

header tag_t {
    bit<8>  kind;
    pair_t  p;
    outer_t o;
    bool    flag;
    bit<7>  pad;
}

struct headers_t {
    ethernet_t ethernet;
    tag_t      tag;
}

struct metadata_t { }

parser MyParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x1234: parse_tag;
            default: accept;
        }
    }
    state parse_tag {
        packet.extract(hdr.tag);
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout metadata_t meta) { apply { } }
control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) { apply { } }
control MyComputeChecksum(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.tag);
    }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply {
        standard_metadata.egress_spec = 1;
        if (hdr.tag.isValid()) {
            bit<4> a = hdr.tag.p.a;
            hdr.tag.p.a = hdr.tag.p.b[3:0];
            hdr.tag.p.b = (bit<12>) a;
            hdr.tag.o.inner = hdr.tag.p;
            if (hdr.tag.flag) {
                hdr.tag.o.x = hdr.tag.kind + 1;
            }
        }
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(), MyDeparser()) main;
