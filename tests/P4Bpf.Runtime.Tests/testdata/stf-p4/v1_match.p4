// v1model: one table per match kind (exact, lpm, ternary, range, optional); each writes its own result byte.
#include <core.p4>
#include <v1model.p4>

header h_t {
    bit<8>  op;
    bit<32> addr;
    bit<16> port;
    bit<8>  r_exact;
    bit<8>  r_lpm;
    bit<8>  r_ternary;
    bit<8>  r_range;
    bit<8>  r_optional;
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
    action set_exact(bit<8> v) { hdr.h.r_exact = v; }
    action set_lpm(bit<8> v) { hdr.h.r_lpm = v; }
    action set_ternary(bit<8> v) { hdr.h.r_ternary = v; }
    action set_range(bit<8> v) { hdr.h.r_range = v; }
    action set_optional(bit<8> v) { hdr.h.r_optional = v; }
    action nop() { }

    table t_exact {
        key = { hdr.h.addr : exact; }
        actions = { set_exact; nop; }
        default_action = nop();
    }
    table t_lpm {
        key = { hdr.h.addr : lpm; }
        actions = { set_lpm; nop; }
        default_action = nop();
    }
    table t_ternary {
        key = { hdr.h.port : ternary; }
        actions = { set_ternary; nop; }
        default_action = nop();
    }
    table t_range {
        key = { hdr.h.port : range; }
        actions = { set_range; nop; }
        default_action = nop();
    }
    table t_optional {
        key = { hdr.h.op : optional; hdr.h.port : exact; }
        actions = { set_optional; nop; }
        default_action = nop();
    }

    apply {
        sm.egress_spec = 1;
        t_exact.apply();
        t_lpm.apply();
        t_ternary.apply();
        t_range.apply();
        t_optional.apply();
    }
}

control egress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ck(inout headers_t hdr, inout meta_t meta) { apply { } }
control dep(packet_out pkt, in headers_t hdr) { apply { pkt.emit(hdr.h); } }

V1Switch(prs(), vrfy(), ingress(), egress(), ck(), dep()) main;
