// v1model: a parser loop that is not over a header stack (a chain of tags, each overwriting the last, while next == 1).
// The midend bounds it (ParserLoopBound): past the bound the parser rejects with ParserTimeout, which ingress reports.
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dstAddr;
    bit<48> srcAddr;
    bit<16> etherType;
}

header tag_t {
    bit<8> next;
    bit<8> val;
}

struct headers_t {
    ethernet_t ethernet;
    tag_t      tag;
}

struct metadata_t {
    bit<8> tags;
}

parser MyParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        meta.tags = 0;
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x123a: parse_tag;
            default: accept;
        }
    }
    state parse_tag {
        packet.extract(hdr.tag);
        meta.tags = meta.tags + 1;
        transition select(hdr.tag.next) {
            1: parse_tag;
            default: accept;
        }
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout metadata_t meta) { apply { } }
control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) { apply { } }
control MyComputeChecksum(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
    }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply {
        standard_metadata.egress_spec = 1;
        hdr.ethernet.srcAddr = (bit<48>)meta.tags;
        if (standard_metadata.parser_error == error.ParserTimeout) {
            hdr.ethernet.dstAddr = 0xdead;
        } else {
            hdr.ethernet.dstAddr = (bit<48>)hdr.tag.val;
        }
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(), MyDeparser()) main;
