// bench/targets-software.sh: the l3-router example's forwarding path as an xdp_model program, so that the same pipeline runs on the
// software switch, the SmartNIC model and the Linux kernel (the example itself is v1model, which only the software switch runs).
// ipv4_lpm (lpm dst) -> set_nhop; nexthop (exact) -> dmac + port; port_mac (exact port) -> smac; TTL - 1 with the checksum patched (RFC 1624).
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t { bit<48> dstAddr; bit<48> srcAddr; bit<16> etherType; }
header ipv4_t {
    bit<8> versionIhl; bit<8> diffserv; bit<16> totalLen; bit<16> identification; bit<16> flagsFrag;
    bit<8> ttl; bit<8> protocol; bit<16> hdrChecksum; bit<32> srcAddr; bit<32> dstAddr;
}
struct headers_t { ethernet_t ethernet; ipv4_t ipv4; }

parser rprs(packet_in p, out headers_t hd) {
    state start { p.extract(hd.ethernet); transition select(hd.ethernet.etherType) { 0x0800: ip; default: accept; } }
    state ip { p.extract(hd.ipv4); transition accept; }
}

control rsw(inout headers_t hd, in xdp_input xin, out xdp_output xout) {
    bit<32> nhop = 0;
    action set_nhop(bit<32> nhop_id) { nhop = nhop_id; }
    action set_nexthop(bit<48> dmac, bit<32> port) {
        hd.ethernet.dstAddr = dmac;
        xout.output_port = port;
        xout.output_action = xdp_action.XDP_REDIRECT;
    }
    action set_smac(bit<48> smac) { hd.ethernet.srcAddr = smac; }
    action drop() { xout.output_action = xdp_action.XDP_DROP; }

    table ipv4_lpm { key = { hd.ipv4.dstAddr : lpm; } actions = { set_nhop; drop; } default_action = drop(); size = 1024; }
    table nexthop { key = { nhop : exact; } actions = { set_nexthop; drop; } default_action = drop(); size = 64; }
    table port_mac { key = { xout.output_port : exact; } actions = { set_smac; NoAction; } default_action = NoAction(); size = 64; }

    apply {
        xout.output_port = 0;
        xout.output_action = xdp_action.XDP_PASS;
        if (hd.ipv4.isValid() && hd.ipv4.ttl > 1) {
            if (ipv4_lpm.apply().hit) {
                nexthop.apply();
                port_mac.apply();
                // RFC 1624 incremental update: HC' = ~(~HC + ~m + m') over the 16-bit word holding TTL and protocol.
                bit<32> sum = (bit<32>)(~hd.ipv4.hdrChecksum) + (bit<32>)(~(hd.ipv4.ttl ++ hd.ipv4.protocol)) + (bit<32>)((hd.ipv4.ttl - 1) ++ hd.ipv4.protocol);
                sum = (sum & 0xffff) + (sum >> 16);
                sum = (sum & 0xffff) + (sum >> 16);
                hd.ipv4.hdrChecksum = ~((bit<16>)sum);
                hd.ipv4.ttl = hd.ipv4.ttl - 1;
            }
        }
    }
}

control rdep(in headers_t hd, packet_out p) { apply { p.emit(hd.ethernet); p.emit(hd.ipv4); } }

xdp(rprs(), rsw(), rdep()) main;
