// v1model: lookahead of a header and of a struct. The parser peeks at a tag (as a struct into metadata and as a header
// in a local) and extracts it only for kind 0x123; ingress reports what the peeks saw.
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dstAddr;
    bit<48> srcAddr;
    bit<16> etherType;
}

header tag_t {
    bit<4>  ver;
    bit<12> kind;
    bit<16> val;
}

struct peek_t {
    bit<4>  ver;
    bit<12> kind;
}

struct headers_t {
    ethernet_t ethernet;
    tag_t      tag;
}

struct metadata_t {
    peek_t peek;
    bit<8> valid;
}

parser MyParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x1237: peek;
            default: accept;
        }
    }
    state peek {
        meta.peek = packet.lookahead<peek_t>();
        tag_t t = packet.lookahead<tag_t>();
        meta.valid = (bit<8>)(bit<1>)t.isValid();
        transition select(t.kind) {
            0x123: parse_tag;
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
            hdr.tag.val = meta.peek.kind ++ meta.peek.ver;
        } else {
            hdr.ethernet.etherType = meta.peek.kind ++ meta.peek.ver;
            hdr.ethernet.dstAddr = (bit<48>)meta.valid;
        }
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(), MyDeparser()) main;
