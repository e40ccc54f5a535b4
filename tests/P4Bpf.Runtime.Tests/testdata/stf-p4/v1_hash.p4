// v1model hash() over inputs whose bit count is not a multiple of 8: bmv2 pads the buffer with zero bits in front
// (right-aligned), so crc16 over a 12-bit 0x456 hashes the bytes 04 56.
#include <core.p4>
#include <v1model.p4>

header h_t {
    bit<4>  pad;
    bit<12> a;
    bit<16> crc16;
    bit<32> crc32;
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
        sm.egress_spec = 1;
        hash(hdr.h.crc16, HashAlgorithm.crc16, 16w0, { hdr.h.a }, 32w0);
        hash(hdr.h.crc32, HashAlgorithm.crc32, 32w0, { hdr.h.a }, 64w0);
    }
}

control egress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ck(inout headers_t hdr, inout meta_t meta) { apply { } }
control dep(packet_out pkt, in headers_t hdr) { apply { pkt.emit(hdr.h); } }

V1Switch(prs(), vrfy(), ingress(), egress(), ck(), dep()) main;
