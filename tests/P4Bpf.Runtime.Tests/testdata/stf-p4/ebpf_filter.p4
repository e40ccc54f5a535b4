// ebpf_model filter: Ethernet + IPv4, an exact allow-list on the source address and a packet counter per verdict.
#include <core.p4>
#include <ebpf_model.p4>

header ethernet_t {
    bit<48> dstAddr;
    bit<48> srcAddr;
    bit<16> etherType;
}

header ipv4_t {
    bit<8>  versionIhl;
    bit<8>  diffserv;
    bit<16> totalLen;
    bit<16> identification;
    bit<16> flagsFrag;
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
    CounterArray(2, true) verdicts;

    action allow() { pass = true; }
    action deny() { pass = false; }

    table allowed {
        key = { headers.ipv4.srcAddr : exact; }
        actions = { allow; deny; }
        implementation = hash_table(64);
        default_action = deny();
    }

    apply {
        pass = false;
        if (headers.ipv4.isValid()) {
            allowed.apply();
        }
        if (pass) {
            verdicts.increment(1);
        } else {
            verdicts.increment(0);
        }
    }
}

ebpfFilter(prs(), pipe()) main;
