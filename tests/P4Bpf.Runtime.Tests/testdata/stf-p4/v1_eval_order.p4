// v1model evaluation order and copy-out (spec "Calling convention", "Exit statement"): in x + f(x) with an inout f, the
// left operand is read before f runs; `a[f(i)] |= v` evaluates the index once; an action or sub-control that exits still
// copies its inout parameters out.
#include <core.p4>
#include <v1model.p4>

header h_t {
    bit<8>  op;
    bit<8>  sum;
    bit<16> v;
    bit<8>  w;
    bit<8>  i;
}

header r_t {
    bit<8> x;
}

struct headers_t { h_t h; r_t[4] rest; }
struct meta_t { }

parser prs(packet_in pkt, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.h);
        pkt.extract(hdr.rest[0]);
        pkt.extract(hdr.rest[1]);
        pkt.extract(hdr.rest[2]);
        pkt.extract(hdr.rest[3]);
        transition accept;
    }
}

control vrfy(inout headers_t hdr, inout meta_t meta) { apply { } }

bit<8> bump(inout bit<8> x) {
    x = x + 10;
    return 1;
}

bit<8> postincr(inout bit<8> x) {
    bit<8> old = x;
    x = x + 1;
    return old;
}

control sub(inout bit<8> w) {
    apply {
        w = 0x55;
        exit;
    }
}

control ingress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    sub() s;
    action set_and_exit(inout bit<16> v) {
        v = 0x1234;
        exit;
    }
    apply {
        sm.egress_spec = 1;
        bit<8> x = hdr.h.sum;
        hdr.h.sum = x + bump(x);
        hdr.rest[postincr(hdr.h.i) & 3].x |= 0xf0;
        if (hdr.h.op == 1) {
            set_and_exit(hdr.h.v);
        } else if (hdr.h.op == 2) {
            s.apply(hdr.h.w);
        }
        hdr.h.w = 0xee;
    }
}

control egress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ck(inout headers_t hdr, inout meta_t meta) { apply { } }
control dep(packet_out pkt, in headers_t hdr) { apply { pkt.emit(hdr.h); pkt.emit(hdr.rest); } }

V1Switch(prs(), vrfy(), ingress(), egress(), ck(), dep()) main;
