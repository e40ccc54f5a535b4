// PSA: unicast (send_to_port), multicast, ingress_drop (and the default drop), I2E clone; egress writes the packet path and instance.
// op 1: send to port arg; op 2: multicast to group arg; op 3: send to port 1 and clone to session arg; op 0: leave ostd alone (dropped).
#include <core.p4>
#include <psa.p4>

header h_t {
    bit<8>  op;
    bit<8>  arg;
    bit<8>  path;
    bit<16> inst;
}

struct headers_t { h_t h; }
struct metadata_t { }
struct empty_t { }

parser IngressParserImpl(packet_in buffer, out headers_t hdr, inout metadata_t meta,
                         in psa_ingress_parser_input_metadata_t istd, in empty_t resubmit_meta, in empty_t recirculate_meta) {
    state start {
        buffer.extract(hdr.h);
        transition accept;
    }
}

control ingress(inout headers_t hdr, inout metadata_t meta, in psa_ingress_input_metadata_t istd, inout psa_ingress_output_metadata_t ostd) {
    apply {
        if (hdr.h.op == 1) {
            send_to_port(ostd, (PortId_t)(bit<32>)hdr.h.arg);
        } else if (hdr.h.op == 2) {
            multicast(ostd, (MulticastGroup_t)(bit<32>)hdr.h.arg);
        } else if (hdr.h.op == 3) {
            send_to_port(ostd, (PortId_t)32w1);
            ostd.clone = true;
            ostd.clone_session_id = (CloneSessionId_t)(bit<16>)hdr.h.arg;
        } else if (hdr.h.op == 4) {
            send_to_port(ostd, (PortId_t)32w1);
            ingress_drop(ostd);
        }
    }
}

control IngressDeparserImpl(packet_out buffer, out empty_t clone_i2e_meta, out empty_t resubmit_meta, out empty_t normal_meta,
                            inout headers_t hdr, in metadata_t meta, in psa_ingress_output_metadata_t istd) {
    apply {
        buffer.emit(hdr.h);
    }
}

parser EgressParserImpl(packet_in buffer, out headers_t hdr, inout metadata_t meta, in psa_egress_parser_input_metadata_t istd,
                        in empty_t normal_meta, in empty_t clone_i2e_meta, in empty_t clone_e2e_meta) {
    state start {
        buffer.extract(hdr.h);
        transition accept;
    }
}

control egress(inout headers_t hdr, inout metadata_t meta, in psa_egress_input_metadata_t istd, inout psa_egress_output_metadata_t ostd) {
    apply {
        if (istd.packet_path == PSA_PacketPath_t.NORMAL_UNICAST) {
            hdr.h.path = 1;
        } else if (istd.packet_path == PSA_PacketPath_t.NORMAL_MULTICAST) {
            hdr.h.path = 2;
        } else if (istd.packet_path == PSA_PacketPath_t.CLONE_I2E) {
            hdr.h.path = 3;
        }
        hdr.h.inst = (bit<16>)istd.instance;
    }
}

control EgressDeparserImpl(packet_out buffer, out empty_t clone_e2e_meta, out empty_t recirculate_meta, inout headers_t hdr,
                           in metadata_t meta, in psa_egress_output_metadata_t istd, in psa_egress_deparser_input_metadata_t edstd) {
    apply {
        buffer.emit(hdr.h);
    }
}

IngressPipeline(IngressParserImpl(), ingress(), IngressDeparserImpl()) ip;
EgressPipeline(EgressParserImpl(), egress(), EgressDeparserImpl()) ep;
PSA_Switch(ip, PacketReplicationEngine(), ep, BufferingQueueingEngine()) main;
