// xdp-ddos (xdp_model): early drop at the XDP hook, before the kernel spends anything on a packet.
//   * blocklist (lpm on the source address): matching packets are dropped at once (XDP_DROP) and counted in
//     dropped[slot], the slot the controller gave the prefix.
//   * watch (lpm on the source address): packets from watched prefixes are counted in seen[slot]. The controller
//     polls seen[] and, when a prefix sends faster than its rate limit, adds it to blocklist.
//     The rate is measured by the controller: xdp_model has a clock (BPF_KTIME_GET_NS) but no registers or meters,
//     so the data plane cannot keep per-source state between packets — see README.
//   * Fragments are dropped (a classic amplification vector); everything else passes to the stack (XDP_PASS).
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

parser DdosParser(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x0800: parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        p.extract(hdr.ipv4);
        transition accept;
    }
}

control DdosSwitch(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    CounterArray(256, false) seen;
    CounterArray(256, false) dropped;

    action block(bit<32> slot) {
        dropped.increment(slot);
        xout.output_action = xdp_action.XDP_DROP;
    }

    table blocklist {
        key = { hdr.ipv4.srcAddr : lpm; }
        actions = { block; NoAction; }
        default_action = NoAction();
        implementation = array_table(4096);
    }

    action observe(bit<32> slot) {
        seen.increment(slot);
    }

    table watch {
        key = { hdr.ipv4.srcAddr : lpm; }
        actions = { observe; NoAction; }
        default_action = NoAction();
        implementation = array_table(256);
    }

    apply {
        xout.output_port = 0;
        xout.output_action = xdp_action.XDP_PASS;
        if (!hdr.ipv4.isValid()) {
            return;
        }
        if (blocklist.apply().hit) {
            return;
        }
        if (hdr.ipv4.fragOffset != 0 || hdr.ipv4.flags[0:0] == 1) {
            xout.output_action = xdp_action.XDP_DROP;
            return;
        }
        watch.apply();
    }
}

control DdosDeparser(in headers_t hdr, packet_out p) {
    apply {
        p.emit(hdr.ethernet);
        p.emit(hdr.ipv4);
    }
}

xdp(DdosParser(), DdosSwitch(), DdosDeparser()) main;
