// An ebpf_model filter for the graph tests: a parser, a table with a miss branch and the accept flag.
#include <core.p4>
#include <ebpf_model.p4>

header ethernet_t { bit<48> dst; bit<48> src; bit<16> etherType; }
struct headers_t { ethernet_t eth; }

parser FilterParser(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}

control Filter(inout headers_t hdr, out bool pass) {
    action allow() { pass = true; }
    action deny() { pass = false; }

    table allowed {
        key = { hdr.eth.src : exact; }
        actions = { allow; deny; }
        default_action = deny;
    }

    apply {
        pass = false;
        if (allowed.apply().miss) {
            pass = hdr.eth.etherType == 0x88CC;
        } else if (hdr.eth.dst == 0xFFFFFFFFFFFF) {
            deny();
        }
    }
}

ebpfFilter(FilterParser(), Filter()) main;
