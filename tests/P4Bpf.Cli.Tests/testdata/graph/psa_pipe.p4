// A PSA program for the graph tests: nested IngressPipeline/EgressPipeline packages become two eBPF programs.
#include <core.p4>
#include <psa.p4>

header ethernet_t { bit<48> dst; bit<48> src; bit<16> etherType; }
struct headers_t { ethernet_t eth; }
struct empty_t { }

parser IP(packet_in pkt, out headers_t hdr, inout empty_t meta, in psa_ingress_parser_input_metadata_t istd, in empty_t resub, in empty_t recirc) {
    state start { pkt.extract(hdr.eth); transition accept; }
}

control IC(inout headers_t hdr, inout empty_t meta, in psa_ingress_input_metadata_t istd, inout psa_ingress_output_metadata_t ostd) {
    apply { send_to_port(ostd, (PortId_t)1); }
}

control ID(packet_out pkt, out empty_t clone_i2e, out empty_t resub, out empty_t normal, inout headers_t hdr, in empty_t meta, in psa_ingress_output_metadata_t istd) {
    apply { pkt.emit(hdr.eth); }
}

parser EP(packet_in pkt, out headers_t hdr, inout empty_t meta, in psa_egress_parser_input_metadata_t istd, in empty_t normal, in empty_t clone_i2e, in empty_t clone_e2e) {
    state start { pkt.extract(hdr.eth); transition accept; }
}

control EC(inout headers_t hdr, inout empty_t meta, in psa_egress_input_metadata_t istd, inout psa_egress_output_metadata_t ostd) {
    apply { }
}

control ED(packet_out pkt, out empty_t clone_e2e, out empty_t recirc, inout headers_t hdr, in empty_t meta, in psa_egress_output_metadata_t istd, in psa_egress_deparser_input_metadata_t edstd) {
    apply { pkt.emit(hdr.eth); }
}

IngressPipeline(IP(), IC(), ID()) ip;
EgressPipeline(EP(), EC(), ED()) ep;

PSA_Switch(ip, PacketReplicationEngine(), ep, BufferingQueueingEngine()) main;
