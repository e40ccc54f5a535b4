// v1model const entries and their priorities (spec "Entry priorities"): an lpm table matches the longest prefix whatever the
// entry order; ternary entries without priorities win in entry order; explicit `priority =` values win largest first, or
// smallest first under `largest_priority_wins = false`, and entries after an explicit one step by `priority_delta`.
// t_wide: a constant 128-bit key (a map lookup with the constant's bytes) hits its entry.
#include <core.p4>
#include <v1model.p4>

header h_t {
    bit<8> sel;
    bit<8> k;
    bit<8> lpm_out;
    bit<8> order_out;
    bit<8> largest_out;
    bit<8> smallest_out;
    bit<8> wide_out;
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
    action lpm_set(bit<8> v) { hdr.h.lpm_out = v; }
    action order_set(bit<8> v) { hdr.h.order_out = v; }
    action largest_set(bit<8> v) { hdr.h.largest_out = v; }
    action smallest_set(bit<8> v) { hdr.h.smallest_out = v; }

    action wide_set(bit<8> v) { hdr.h.wide_out = v; }

    table t_wide {
        key = { 128w0x0102030405060708090a0b0c0d0e0f10 : exact @name("k"); }
        actions = { wide_set; }
        const entries = {
            0x0102030405060708090a0b0c0d0e0f10 : wide_set(0x77);
        }
    }

    table t_lpm {
        key = { hdr.h.k : lpm; }
        actions = { lpm_set; }
        const entries = {
            _ : lpm_set(1);
            0x10 &&& 0xf0 : lpm_set(2);
            0x12 : lpm_set(3);
            0x10 &&& 0xfc : lpm_set(4);
        }
    }

    table t_order {
        key = { hdr.h.k : ternary; }
        actions = { order_set; }
        const entries = {
            0x10 &&& 0xf0 : order_set(1);
            0x12 : order_set(2);
            _ : order_set(3);
        }
    }

    table t_largest {
        key = { hdr.h.k : ternary; }
        actions = { largest_set; }
        priority_delta = 10;
        const entries = {
            priority = 25 : 0x12 : largest_set(1);
            0x13 : largest_set(2);
            priority = 30 : 0x1f : largest_set(3);
            priority = 20 : _ : largest_set(4);
        }
    }

    table t_smallest {
        key = { hdr.h.k : ternary; }
        actions = { smallest_set; }
        largest_priority_wins = false;
        const entries = {
            priority = 50 : 0x10 &&& 0xf0 : smallest_set(1);
            priority = 20 : 0x12 : smallest_set(2);
            0x13 : smallest_set(3);
        }
    }

    apply {
        sm.egress_spec = 1;
        t_lpm.apply();
        t_order.apply();
        t_largest.apply();
        t_smallest.apply();
        t_wide.apply();
    }
}

control egress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ck(inout headers_t hdr, inout meta_t meta) { apply { } }
control dep(packet_out pkt, in headers_t hdr) { apply { pkt.emit(hdr.h); } }

V1Switch(prs(), vrfy(), ingress(), egress(), ck(), dep()) main;
