// A small v1model router for the graph tests: every kind of parser transition and control-flow construct.
#include <core.p4>
#include <v1model.p4>

const bit<16> TYPE_IPV4 = 0x0800;

header ethernet_t { bit<48> dst; bit<48> src; bit<16> etherType; }
header vlan_t { bit<16> tci; bit<16> etherType; }
header ipv4_t { bit<8> ttl; bit<8> protocol; bit<32> src; bit<32> dst; }
header udp_t { bit<16> sport; bit<16> dport; }

struct headers_t { ethernet_t eth; vlan_t vlan; ipv4_t ipv4; udp_t udp; }
struct meta_t { bit<16> l4port; bit<9> port; }

parser RouterParser(packet_in pkt, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    value_set<bit<16>>(4) tunnel_types;

    state start {
        pkt.extract(hdr.eth);
        transition select(hdr.eth.etherType) {
            TYPE_IPV4: parse_ipv4;
            0x8100 &&& 0xEFFF: parse_vlan;
            tunnel_types: accept;
            default: reject;
        }
    }

    state parse_vlan {
        pkt.extract(hdr.vlan);
        transition select(hdr.vlan.etherType) {
            0x0800: parse_ipv4;
            0x86DD: parse_ipv4;
        }
    }

    state parse_ipv4 {
        pkt.extract(hdr.ipv4);
        transition select(hdr.ipv4.protocol, hdr.ipv4.ttl) {
            (17, 1..64): parse_udp;
            (_, 0): reject;
            default: accept;
        }
    }

    state parse_udp {
        pkt.extract(hdr.udp);
        meta.l4port = hdr.udp.dport;
        transition accept;
    }

    state orphan {
        transition parse_udp;
    }
}

control Counting(inout headers_t hdr, inout meta_t meta) {
    apply { meta.l4port = meta.l4port + 1; }
}

control RouterIngress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    Counting() counting;

    action drop() { mark_to_drop(sm); }
    action forward(bit<9> port) { sm.egress_spec = port; hdr.ipv4.ttl = hdr.ipv4.ttl - 1; }
    action to_cpu() { sm.egress_spec = 64; }

    table routes {
        key = { hdr.ipv4.dst : lpm; meta.l4port : exact; }
        actions = { forward; drop; to_cpu; }
        default_action = drop();
        size = 1024;
    }

    table acl {
        key = { hdr.ipv4.src : ternary; }
        actions = { drop; NoAction; }
        const entries = {
            0x0A000000 &&& 0xFF000000 : drop();
        }
    }

    apply {
        if (!hdr.ipv4.isValid()) {
            drop();
            exit;
        }
        if (acl.apply().hit) {
            return;
        }
        switch (routes.apply().action_run) {
            forward:
            to_cpu: { counting.apply(hdr, meta); }
            default: { meta.port = 0; }
        }
        meta.port = sm.egress_spec;
    }
}

control RouterEgress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply { }
}

control NoChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control RouterDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.vlan);
        pkt.emit(hdr.ipv4);
        pkt.emit(hdr.udp);
    }
}

V1Switch(RouterParser(), NoChecksum(), RouterIngress(), RouterEgress(), NoChecksum(), RouterDeparser()) main;
