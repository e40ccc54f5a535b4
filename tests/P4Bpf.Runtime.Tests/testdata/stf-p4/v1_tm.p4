// v1model traffic manager: multicast (egress_rid per copy), I2E clone, resubmit, recirculate, mark_to_drop.
// op 1: multicast to group arg; op 2: unicast to port 1 + clone to session arg; op 3: resubmit; op 4: recirculate once; else drop.
#include <core.p4>
#include <v1model.p4>

header h_t {
    bit<8>  op;
    bit<8>  arg;
    bit<8>  itype;
    bit<16> rid;
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
    apply {
        if (sm.instance_type == 6) {
            hdr.h.itype = 6;
            sm.egress_spec = 3;
        } else if (sm.instance_type == 4) {
            hdr.h.itype = 4;
            sm.egress_spec = 4;
        } else if (hdr.h.op == 1) {
            sm.mcast_grp = (bit<16>)hdr.h.arg;
        } else if (hdr.h.op == 2) {
            sm.egress_spec = 1;
            clone(CloneType.I2E, (bit<32>)hdr.h.arg);
        } else if (hdr.h.op == 3) {
            resubmit_preserving_field_list(0);
        } else if (hdr.h.op == 4) {
            sm.egress_spec = 2;
        } else {
            mark_to_drop(sm);
        }
    }
}

control egress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        hdr.h.rid = sm.egress_rid;
        if (hdr.h.op == 4 && sm.instance_type == 0) {
            recirculate_preserving_field_list(0);
        }
    }
}

control ck(inout headers_t hdr, inout meta_t meta) { apply { } }
control dep(packet_out pkt, in headers_t hdr) { apply { pkt.emit(hdr.h); } }

V1Switch(prs(), vrfy(), ingress(), egress(), ck(), dep()) main;
