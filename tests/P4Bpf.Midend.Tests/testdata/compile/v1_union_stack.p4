// v1model: a header stack of header unions. The parser loops over type-length options into opts.next.short / opts.next.long
// (chosen by a lookahead at the kind byte); ingress pops a leading long option, rewrites short ones, and for etherType 0x1236
// pushes a new long option in front.
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dstAddr;
    bit<48> srcAddr;
    bit<16> etherType;
}

header short_opt_t {
    bit<8> kind;
    bit<8> value;
}

header long_opt_t {
    bit<8>  kind;
    bit<24> value;
}

header_union option_t {
    short_opt_t short;
    long_opt_t  long;
}

struct headers_t {
    ethernet_t  ethernet;
    option_t[2] opts;
}

struct metadata_t { }

parser MyParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x1235: parse_opt;
            0x1236: parse_opt;
            default: accept;
        }
    }
    state parse_opt {
        transition select(packet.lookahead<bit<8>>()) {
            1: parse_short;
            2: parse_long;
            default: accept;
        }
    }
    state parse_short {
        packet.extract(hdr.opts.next.short);
        transition parse_opt;
    }
    state parse_long {
        packet.extract(hdr.opts.next.long);
        transition parse_opt;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout metadata_t meta) { apply { } }
control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) { apply { } }
control MyComputeChecksum(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.opts);
    }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply {
        standard_metadata.egress_spec = 1;
        if (hdr.opts[0].long.isValid()) {
            hdr.opts.pop_front(1);
        }
        if (hdr.opts[0].short.isValid()) {
            hdr.opts[0].short.value = 0xAA;
        }
        if (hdr.opts[1].short.isValid()) {
            hdr.opts[1].short.value = hdr.opts[1].short.value + 1;
        } else if (hdr.ethernet.etherType == 0x1236 && hdr.opts[0].isValid() && !hdr.opts[1].isValid()) {
            hdr.opts.push_front(1);
            hdr.opts[0].long.setValid();
            hdr.opts[0].long.kind = 2;
            hdr.opts[0].long.value = 0x010203;
        }
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(), MyDeparser()) main;
