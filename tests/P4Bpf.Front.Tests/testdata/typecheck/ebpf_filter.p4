#include <core.p4>
#include <ebpf_model.p4>
header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
struct headers { eth_t eth; }
parser prs(packet_in p, out headers h) {
    state start {
        p.extract(h.eth);
        transition accept;
    }
}
control pipe(inout headers h, out bool pass) {
    apply { pass = h.eth.type == 0x0800; }
}
ebpfFilter(prs(), pipe()) main;
