// v1model: controls passed to controls as constructor arguments, both an instance declared beside (Twice(add3)) and one
// constructed in place (Twice(Add(5))); each applies its argument twice.
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dstAddr;
    bit<48> srcAddr;
    bit<16> etherType;
}

header data_t {
    bit<8> x;
    bit<8> y;
}

struct headers_t {
    ethernet_t ethernet;
    data_t     data;
}

struct metadata_t { }

control adder_t(inout bit<8> v);

control Add(inout bit<8> v)(bit<8> k) {
    apply { v = v + k; }
}

control Twice(inout bit<8> v)(adder_t a) {
    apply {
        a.apply(v);
        a.apply(v);
    }
}

parser MyParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x1238: parse_data;
            default: accept;
        }
    }
    state parse_data {
        packet.extract(hdr.data);
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout metadata_t meta) { apply { } }
control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) { apply { } }
control MyComputeChecksum(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.data);
    }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    Add(3) add3;
    Twice(add3) t1;
    Twice(Add(5)) t2;
    apply {
        standard_metadata.egress_spec = 1;
        if (hdr.data.isValid()) {
            t1.apply(hdr.data.x);
            t2.apply(hdr.data.y);
        }
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(), MyDeparser()) main;
