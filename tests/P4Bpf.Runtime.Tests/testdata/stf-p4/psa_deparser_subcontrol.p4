// PSA: the deparsers emit through a sub-control that takes the headers by copy-in (as p4c's PSA samples do). The sizes of
// the emitted headers must be those after the copy-in; op 1 adds a tag header in ingress, op 2 removes it in egress.
#include <core.p4>
#include <psa.p4>

header h_t {
    bit<8>  op;
    bit<8>  port;
}

header tag_t {
    bit<16> value;
}

struct headers_t { h_t h; tag_t tag; }
struct metadata_t { }
struct empty_t { }

control CommonDeparser(packet_out buffer, in headers_t hdr) {
    apply {
        buffer.emit(hdr.h);
        buffer.emit(hdr.tag);
    }
}

parser IngressParserImpl(packet_in buffer, out headers_t hdr, inout metadata_t meta,
                         in psa_ingress_parser_input_metadata_t istd, in empty_t resubmit_meta, in empty_t recirculate_meta) {
    state start {
        buffer.extract(hdr.h);
        transition select(hdr.h.op) {
            2: parse_tag;
            default: accept;
        }
    }
    state parse_tag {
        buffer.extract(hdr.tag);
        transition accept;
    }
}

control ingress(inout headers_t hdr, inout metadata_t meta, in psa_ingress_input_metadata_t istd, inout psa_ingress_output_metadata_t ostd) {
    apply {
        send_to_port(ostd, (PortId_t)(bit<32>)hdr.h.port);
        if (hdr.h.op == 1) {
            hdr.tag.setValid();
            hdr.tag.value = 0xabcd;
        }
    }
}

control IngressDeparserImpl(packet_out buffer, out empty_t clone_i2e_meta, out empty_t resubmit_meta, out empty_t normal_meta,
                            inout headers_t hdr, in metadata_t meta, in psa_ingress_output_metadata_t istd) {
    CommonDeparser() cp;
    apply {
        cp.apply(buffer, hdr);
    }
}

parser EgressParserImpl(packet_in buffer, out headers_t hdr, inout metadata_t meta, in psa_egress_parser_input_metadata_t istd,
                        in empty_t normal_meta, in empty_t clone_i2e_meta, in empty_t clone_e2e_meta) {
    state start {
        buffer.extract(hdr.h);
        transition select(hdr.h.op) {
            1: parse_tag;
            2: parse_tag;
            default: accept;
        }
    }
    state parse_tag {
        buffer.extract(hdr.tag);
        transition accept;
    }
}

control egress(inout headers_t hdr, inout metadata_t meta, in psa_egress_input_metadata_t istd, inout psa_egress_output_metadata_t ostd) {
    apply {
        if (hdr.h.op == 2) {
            hdr.tag.setInvalid();
        }
    }
}

control EgressDeparserImpl(packet_out buffer, out empty_t clone_e2e_meta, out empty_t recirculate_meta, inout headers_t hdr,
                           in metadata_t meta, in psa_egress_output_metadata_t istd, in psa_egress_deparser_input_metadata_t edstd) {
    CommonDeparser() cp;
    apply {
        cp.apply(buffer, hdr);
    }
}

IngressPipeline(IngressParserImpl(), ingress(), IngressDeparserImpl()) ip;
EgressPipeline(EgressParserImpl(), egress(), EgressDeparserImpl()) ep;
PSA_Switch(ip, PacketReplicationEngine(), ep, BufferingQueueingEngine()) main;
