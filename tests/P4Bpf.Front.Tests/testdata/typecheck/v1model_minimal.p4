#include <core.p4>
#include <v1model.p4>
header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
struct headers { eth_t eth; }
struct meta_t { }
parser MyParser(packet_in pkt, out headers hdr, inout meta_t meta, inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}
control MyVerify(inout headers hdr, inout meta_t meta) { apply { } }
control MyIngress(inout headers hdr, inout meta_t meta, inout standard_metadata_t sm) {
    action fwd(bit<9> port) { sm.egress_spec = port; }
    action drop() { mark_to_drop(sm); }
    table mac {
        key = { hdr.eth.dst : exact; }
        actions = { fwd; drop; }
        default_action = drop();
    }
    apply { mac.apply(); }
}
control MyEgress(inout headers hdr, inout meta_t meta, inout standard_metadata_t sm) { apply { } }
control MyCompute(inout headers hdr, inout meta_t meta) { apply { } }
control MyDeparser(packet_out pkt, in headers hdr) { apply { pkt.emit(hdr); } }
V1Switch(MyParser(), MyVerify(), MyIngress(), MyEgress(), MyCompute(), MyDeparser()) main;
