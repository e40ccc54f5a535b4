// ebpf_model: count packets per IPv4 protocol in a CounterArray and per table hit; accept everything IPv4.
#include <core.p4>
#include <ebpf_model.p4>

header ethernet_t {
    bit<48> dstAddr;
    bit<48> srcAddr;
    bit<16> etherType;
}

header ipv4_t {
    bit<4>  version;
    bit<4>  ihl;
    bit<8>  diffserv;
    bit<16> totalLen;
    bit<16> identification;
    bit<3>  flags;
    bit<13> fragOffset;
    bit<8>  ttl;
    bit<8>  protocol;
    bit<16> hdrChecksum;
    bit<32> srcAddr;
    bit<32> dstAddr;
}

struct headers_t {
    ethernet_t ethernet;
    ipv4_t     ipv4;
}

parser prs(packet_in p, out headers_t headers) {
    state start {
        p.extract(headers.ethernet);
        transition select(headers.ethernet.etherType) {
            0x0800: ip;
            default: reject;
        }
    }
    state ip {
        p.extract(headers.ipv4);
        transition accept;
    }
}

control pipe(inout headers_t headers, out bool pass) {
    CounterArray(256, false) by_proto;
    CounterArray(16, false) by_class;

    action classify(bit<32> cls) {
        by_class.increment(cls);
    }

    table classes {
        key = { headers.ipv4.dstAddr : exact; }
        actions = { classify; NoAction; }
        default_action = classify(0);
    }

    apply {
        by_proto.increment((bit<32>) headers.ipv4.protocol);
        if (classes.apply().hit) {
            by_class.add(15, 1);
        }
        pass = true;
    }
}

ebpfFilter(prs(), pipe()) main;
