// v1model parser errors: the ingress sees standard_metadata.parser_error (PacketTooShort, NoMatch, a verify error) and reports it in a
// header it always emits first; headers the parser did not finish stay invalid.
#include <core.p4>
#include <v1model.p4>

error { BadVersion }

header report_t { bit<8> code; }
header a_t { bit<8> kind; bit<8> version; }
header b_t { bit<32> data; }

struct headers_t {
    report_t report;
    a_t a;
    b_t b;
}
struct meta_t { }

parser prs(packet_in pkt, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.a);
        verify(hdr.a.version == 1, error.BadVersion);
        transition select(hdr.a.kind) {
            1: parse_b;
            2: accept;
        }
    }
    state parse_b {
        pkt.extract(hdr.b);
        transition accept;
    }
}

control vrfy(inout headers_t hdr, inout meta_t meta) { apply { } }

control ingress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        hdr.report.setValid();
        if (sm.parser_error == error.NoError) {
            hdr.report.code = 0;
        } else if (sm.parser_error == error.PacketTooShort) {
            hdr.report.code = 1;
        } else if (sm.parser_error == error.NoMatch) {
            hdr.report.code = 2;
        } else if (sm.parser_error == error.BadVersion) {
            hdr.report.code = 3;
        } else {
            hdr.report.code = 0xff;
        }
    }
}

control egress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control ck(inout headers_t hdr, inout meta_t meta) { apply { } }
control dep(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.report);
        pkt.emit(hdr.a);
        pkt.emit(hdr.b);
    }
}

V1Switch(prs(), vrfy(), ingress(), egress(), ck(), dep()) main;
