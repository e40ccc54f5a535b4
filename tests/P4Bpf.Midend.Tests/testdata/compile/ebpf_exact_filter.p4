// ebpf_model: Ethernet/IPv4 parser and an exact-match filter on the IPv4 source address.
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
    action Reject() {
        pass = false;
    }
    action Allow() {
        pass = true;
    }

    table check_src {
        key = { headers.ipv4.srcAddr : exact; }
        actions = { Reject; Allow; }
        implementation = hash_table(1024);
        default_action = Reject();
    }

    apply {
        pass = false;
        if (headers.ipv4.isValid()) {
            check_src.apply();
        }
    }
}

ebpfFilter(prs(), pipe()) main;
