// ebpf_model: ternary filter on (protocol, destination) with priorities, plus const entries in a second table.
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
        verify(headers.ipv4.version == 4, error.ParserInvalidArgument);
        transition accept;
    }
}

control pipe(inout headers_t headers, out bool pass) {
    action deny() { pass = false; }
    action permit() { pass = true; }

    table acl {
        key = {
            headers.ipv4.protocol : ternary;
            headers.ipv4.dstAddr  : ternary;
        }
        actions = { deny; permit; }
        default_action = deny();
    }

    table ttl_guard {
        key = { headers.ipv4.ttl : exact; }
        actions = { deny; NoAction; }
        const entries = {
            0 : deny();
            1 : deny();
        }
        const default_action = NoAction();
    }

    apply {
        pass = false;
        acl.apply();
        if (pass) {
            ttl_guard.apply();
        }
    }
}

ebpfFilter(prs(), pipe()) main;
