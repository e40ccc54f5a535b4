// ebpf_model: accept packets whose IPv4 destination is in a prefix the control plane installs (lpm table).
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
            default: accept;
        }
    }
    state ip {
        p.extract(headers.ipv4);
        transition accept;
    }
}

control pipe(inout headers_t headers, out bool pass) {
    action Drop() { pass = false; }
    action Keep() { pass = true; }

    table dst_prefix {
        key = { headers.ipv4.dstAddr : lpm; }
        actions = { Drop; Keep; }
        default_action = Drop();
        size = 256;
    }

    apply {
        pass = true;
        if (headers.ipv4.isValid())
            dst_prefix.apply();
    }
}

ebpfFilter(prs(), pipe()) main;
