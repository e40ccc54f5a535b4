// v1model: a sub-parser extracts into a header stack of the headers it takes inout; the caller's loop then continues the
// same stack, so the copy-out carries the stack's next index (ParserUnroll follows it through the copies).
#include <core.p4>
#include <v1model.p4>

header tag_t {
    bit<8> more;
    bit<8> v;
}

header out_t {
    bit<8> valid_bits;
}

struct headers_t { out_t o; tag_t[4] tags; }
struct meta_t { }

parser first_tag(packet_in pkt, inout headers_t hdr, out bit<8> more) {
    state start {
        pkt.extract(hdr.tags.next);
        more = hdr.tags.last.more;
        transition accept;
    }
}

parser prs(packet_in pkt, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    first_tag() sub;
    bit<8> more;
    state start {
        pkt.extract(hdr.o);
        sub.apply(pkt, hdr, more);
        transition select(more) {
            1: next_tag;
            default: accept;
        }
    }
    state next_tag {
        pkt.extract(hdr.tags.next);
        transition select(hdr.tags.last.more) {
            1: next_tag;
            default: accept;
        }
    }
}

control vrfy(inout headers_t hdr, inout meta_t meta) { apply { } }

control ingress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        hdr.o.valid_bits = 0;
        if (hdr.tags[0].isValid()) { hdr.o.valid_bits = hdr.o.valid_bits | 1; }
        if (hdr.tags[1].isValid()) { hdr.o.valid_bits = hdr.o.valid_bits | 2; }
        if (hdr.tags[2].isValid()) { hdr.o.valid_bits = hdr.o.valid_bits | 4; }
        if (hdr.tags[3].isValid()) { hdr.o.valid_bits = hdr.o.valid_bits | 8; }
    }
}

control egress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ck(inout headers_t hdr, inout meta_t meta) { apply { } }
control dep(packet_out pkt, in headers_t hdr) { apply { pkt.emit(hdr.o); pkt.emit(hdr.tags); } }

V1Switch(prs(), vrfy(), ingress(), egress(), ck(), dep()) main;
