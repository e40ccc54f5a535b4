// service-chain stage 1 (xdp_model): the firewall. Drops sources in deny_src (lpm) and any TCP/UDP destination port
// not in open_ports; what survives ends with XDP_PASS, which a chained build (p4bpf compile --tail-call-on-pass, or
// service_chain.chain) turns into a tail call to stage 2 (router.p4) — see README.
#include <core.p4>
#include <xdp_model.p4>
#include "common.p4"

control Firewall(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action deny() {
        xout.output_action = xdp_action.XDP_DROP;
    }

    table deny_src {
        key = { hdr.ipv4.srcAddr : lpm; }
        actions = { deny; NoAction; }
        default_action = NoAction();
        implementation = array_table(1024);
    }

    table open_ports {
        key = {
            hdr.ipv4.protocol : exact;
            hdr.l4.dstPort    : exact;
        }
        actions = { NoAction; deny; }
        default_action = deny();
        implementation = hash_table(256);
    }

    apply {
        xout.output_port = 0;
        xout.output_action = xdp_action.XDP_PASS;
        if (!hdr.ipv4.isValid()) {
            deny();
            return;
        }
        if (deny_src.apply().hit) {
            return;
        }
        if (hdr.l4.isValid()) {
            open_ports.apply();
        }
    }
}

xdp(ChainParser(), Firewall(), ChainDeparser()) main;
