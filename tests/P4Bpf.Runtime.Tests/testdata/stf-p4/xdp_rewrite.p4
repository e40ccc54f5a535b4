// xdp_model: an lpm route that rewrites the destination MAC and redirects to a port; a ternary ACL that drops; default XDP_PASS.
#include <core.p4>
#include <xdp_model.p4>

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
    action route(bit<48> mac, bit<32> port) {
        hd.ethernet.dstAddr = mac;
        hd.ipv4.ttl = hd.ipv4.ttl - 1;
        xout.output_action = xdp_action.XDP_REDIRECT;
        xout.output_port = port;
    }
    action drop() { xout.output_action = xdp_action.XDP_DROP; }
    action nop() { }

    table routes {
        key = { hd.ipv4.dstAddr : lpm; }
        actions = { route; nop; }
        default_action = nop();
    }
    table acl {
        key = { hd.ipv4.protocol : ternary; hd.ipv4.srcAddr : ternary; }
        actions = { drop; nop; }
        default_action = nop();
    }

    apply {
        xout.output_port = 0;
        xout.output_action = xdp_action.XDP_PASS;
        if (hd.ipv4.isValid()) {
            routes.apply();
            acl.apply();
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
