// v1model parser: lookahead<H>() of a header (valid, fields at their bit offsets), lookahead<S>() of a struct, and
// extract(_) that consumes a header without keeping it; slices of a 128-bit field (read from its bytes).
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
    bit<8>  top;
    bit<8>  mid;
    bit<64> low;
}

header wide_t {
    bit<128> a;
}

struct headers_t { out_t o; skip_t rest; wide_t w; }
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
        pkt.extract(hdr.w);
        hdr.o.top = hdr.w.a[127:120];
        hdr.o.mid = hdr.w.a[67:60];
        hdr.o.low = hdr.w.a[63:0];
        transition accept;
    }
}

control vrfy(inout headers_t hdr, inout meta_t meta) { apply { } }
control ingress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { sm.egress_spec = 1; } }
control egress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ck(inout headers_t hdr, inout meta_t meta) { apply { } }
control dep(packet_out pkt, in headers_t hdr) { apply { pkt.emit(hdr.o); pkt.emit(hdr.rest); pkt.emit(hdr.w); } }

V1Switch(prs(), vrfy(), ingress(), egress(), ck(), dep()) main;
