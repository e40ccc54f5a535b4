// v1model parser: lookahead<H>() of a header (valid, fields at their bit offsets), lookahead<S>() of a struct, and
// extract(_) that consumes a header without keeping it.
#include <core.p4>
#include <v1model.p4>

header skip_t {
    bit<16> junk;
}

header peek_t {
    bit<4>  hi;
    bit<4>  lo;
    bit<8>  b;
}

struct pair_t {
    bit<12> x;
    bit<4>  y;
}

header out_t {
    bit<8>  hi;
    bit<8>  lo;
    bit<8>  b;
    bit<16> x;
    bit<8>  y;
    bit<8>  data;
}

struct headers_t { out_t o; skip_t rest; }
struct meta_t { }

parser prs(packet_in pkt, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    state start {
        pkt.extract<skip_t>(_);
        peek_t p = pkt.lookahead<peek_t>();
        pair_t q = pkt.lookahead<pair_t>();
        hdr.o.setValid();
        hdr.o.hi = (bit<8>)p.hi;
        hdr.o.lo = (bit<8>)p.lo;
        hdr.o.b = p.b;
        hdr.o.x = (bit<16>)q.x;
        hdr.o.y = (bit<8>)q.y;
        hdr.o.data = p.isValid() ? 8w1 : 8w0;
        pkt.extract(hdr.rest);
        transition accept;
    }
}

control vrfy(inout headers_t hdr, inout meta_t meta) { apply { } }
control ingress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { sm.egress_spec = 1; } }
control egress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ck(inout headers_t hdr, inout meta_t meta) { apply { } }
control dep(packet_out pkt, in headers_t hdr) { apply { pkt.emit(hdr.o); pkt.emit(hdr.rest); } }

V1Switch(prs(), vrfy(), ingress(), egress(), ck(), dep()) main;
