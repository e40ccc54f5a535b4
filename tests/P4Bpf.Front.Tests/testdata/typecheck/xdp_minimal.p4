#include <core.p4>
#include <xdp_model.p4>
header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
struct headers { eth_t eth; }
parser prs(packet_in packet, out headers h) {
    state start {
        packet.extract(h.eth);
        transition accept;
    }
}
control sw(inout headers h, in xdp_input imd, out xdp_output omd) {
    apply {
        omd.output_port = imd.input_port;
        omd.output_action = h.eth.type == 0x0800 ? xdp_action.XDP_PASS : xdp_action.XDP_DROP;
    }
}
control dep(in headers h, packet_out packet) {
    apply { packet.emit(h.eth); }
}
xdp(prs(), sw(), dep()) main;
