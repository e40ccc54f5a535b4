// v1model externs: an indirect counter, a register read-modify-write, a direct counter on a table.
// (meters: the lowering does not support v1model 'meter' yet.)
#include <core.p4>
#include <v1model.p4>

header h_t {
    bit<8>  idx;
    bit<32> before;
    bit<8>  color;
}

struct headers_t { h_t h; }
struct meta_t { }

parser prs(packet_in pkt, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.h);
        transition accept;
    }
}

control vrfy(inout headers_t hdr, inout meta_t meta) { apply { } }

control ingress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    counter(8, CounterType.packets_and_bytes) pkts;
    register<bit<32>>(8) acc;
    direct_counter(CounterType.packets_and_bytes) dc;

    action hit() { }
    action nop() { }

    table t {
        key = { hdr.h.idx : exact; }
        actions = { hit; nop; }
        counters = dc;
        default_action = nop();
    }

    apply {
        sm.egress_spec = 2;
        pkts.count((bit<32>)hdr.h.idx);
        bit<32> v;
        acc.read(v, (bit<32>)hdr.h.idx);
        hdr.h.before = v;
        acc.write((bit<32>)hdr.h.idx, v + 1);
        hdr.h.color = 0x77;
        t.apply();
    }
}

control egress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ck(inout headers_t hdr, inout meta_t meta) { apply { } }
control dep(packet_out pkt, in headers_t hdr) { apply { pkt.emit(hdr.h); } }

V1Switch(prs(), vrfy(), ingress(), egress(), ck(), dep()) main;
