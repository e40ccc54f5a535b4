// v1model digests named as p4c names them: digest<T> after the struct type T, a digest of a list expression without a
// named type digest_0, digest_1 … in program order; two calls with the same type share one digest.
#include <core.p4>
#include <v1model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

struct headers_t {
    eth_t eth;
}

struct mac_learn_t {
    bit<48> src;
    bit<9>  port;
}

struct metadata_t {
    mac_learn_t learn;
}

parser P(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    state start {
        packet.extract(hdr.eth);
        transition accept;
    }
}

control NoCheck(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply {
        meta.learn.src = hdr.eth.src;
        meta.learn.port = sm.ingress_port;
        if (hdr.eth.type == 0x0800) {
            digest(1, meta.learn);
        } else if (hdr.eth.type == 0x0806) {
            digest<mac_learn_t>(2, { hdr.eth.dst, sm.ingress_port });
        } else {
            digest(3, { hdr.eth.type });
        }
        sm.egress_spec = 1;
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply { }
}

control MyDeparser(packet_out packet, in headers_t hdr) {
    apply { packet.emit(hdr.eth); }
}

V1Switch(P(), NoCheck(), MyIngress(), MyEgress(), NoCheck(), MyDeparser()) main;
