// v1model: comparisons of bit<128> values (stored and constant operands); ingress sets one bit of r per comparison.
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dstAddr;
    bit<48> srcAddr;
    bit<16> etherType;
}

header wide_t {
    bit<128> a;
    bit<128> b;
    bit<8>   r;
}

struct headers_t {
    ethernet_t ethernet;
    wide_t     wide;
}

struct metadata_t { }

parser MyParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x123b: parse_wide;
            default: accept;
        }
    }
    state parse_wide {
        packet.extract(hdr.wide);
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout metadata_t meta) { apply { } }
control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) { apply { } }
control MyComputeChecksum(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.wide);
    }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply {
        standard_metadata.egress_spec = 1;
        bit<8> r = 0;
        if (hdr.wide.a == hdr.wide.b) { r = r | 0x01; }
        if (hdr.wide.a != hdr.wide.b) { r = r | 0x02; }
        if (hdr.wide.a < hdr.wide.b)  { r = r | 0x04; }
        if (hdr.wide.a <= hdr.wide.b) { r = r | 0x08; }
        if (hdr.wide.a > hdr.wide.b)  { r = r | 0x10; }
        if (hdr.wide.a >= hdr.wide.b) { r = r | 0x20; }
        if (hdr.wide.a == 128w0x0102030405060708090a0b0c0d0e0f10) { r = r | 0x40; }
        if (hdr.wide.b > 128w0xffffffffffffffff) { r = r | 0x80; }
        hdr.wide.r = r;
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(), MyDeparser()) main;
