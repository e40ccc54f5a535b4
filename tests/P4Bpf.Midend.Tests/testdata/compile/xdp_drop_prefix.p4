// xdp_model: drop packets whose IPv4 source is in a blocked prefix (lpm), pass everything else.
#include <core.p4>
#include <xdp_model.p4>

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

parser xprs(packet_in p, out headers_t hd) {
    state start {
        p.extract(hd.ethernet);
        transition select(hd.ethernet.etherType) {
            0x0800: ip;
            default: accept;
        }
    }
    state ip {
        p.extract(hd.ipv4);
        transition accept;
    }
}

control xsw(inout headers_t hd, in xdp_input xin, out xdp_output xout) {
    action block() { xout.output_action = xdp_action.XDP_DROP; }
    action allow() { xout.output_action = xdp_action.XDP_PASS; }

    table blocked {
        key = { hd.ipv4.srcAddr : lpm; }
        actions = { block; allow; }
        default_action = allow();
    }

    apply {
        xout.output_port = 0;
        xout.output_action = xdp_action.XDP_PASS;
        if (hd.ipv4.isValid()) {
            blocked.apply();
        }
    }
}

control xdep(in headers_t hd, packet_out p) {
    apply {
        p.emit(hd.ethernet);
        p.emit(hd.ipv4);
    }
}

xdp(xprs(), xsw(), xdep()) main;
