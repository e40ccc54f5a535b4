// bench/targets-software.sh: the acl-firewall example's rule table as an xdp_model program, so that the same pipeline runs on the
// software switch, the SmartNIC model and the Linux kernel (the example itself is PSA, which only the software switch runs).
// acl: ternary source/destination/protocol/L4 ports (xdp_model has no range match kind: the bench installs the
// example's 80..443 rule as its two ports 80 and 443); permit(port) redirects, deny() (the default) drops.
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t { bit<48> dstAddr; bit<48> srcAddr; bit<16> etherType; }
header ipv4_t {
    bit<8> versionIhl; bit<8> diffserv; bit<16> totalLen; bit<16> identification; bit<16> flagsFrag;
    bit<8> ttl; bit<8> protocol; bit<16> hdrChecksum; bit<32> srcAddr; bit<32> dstAddr;
}
header ports_t { bit<16> srcPort; bit<16> dstPort; }
struct headers_t { ethernet_t ethernet; ipv4_t ipv4; ports_t l4; }

parser aprs(packet_in p, out headers_t hd) {
    state start { p.extract(hd.ethernet); transition select(hd.ethernet.etherType) { 0x0800: ip; default: accept; } }
    state ip { p.extract(hd.ipv4); transition select(hd.ipv4.protocol) { 6: l4; 17: l4; default: accept; } }
    state l4 { p.extract(hd.l4); transition accept; }
}

control asw(inout headers_t hd, in xdp_input xin, out xdp_output xout) {
    action permit(bit<32> port) { xout.output_port = port; xout.output_action = xdp_action.XDP_REDIRECT; }
    action deny() { xout.output_action = xdp_action.XDP_DROP; }
    table acl {
        key = {
            hd.ipv4.srcAddr : ternary;
            hd.ipv4.dstAddr : ternary;
            hd.ipv4.protocol : ternary;
            hd.l4.srcPort : ternary;
            hd.l4.dstPort : ternary;
        }
        actions = { permit; deny; }
        default_action = deny();
        size = 1024;
    }
    apply {
        xout.output_port = 0;
        xout.output_action = xdp_action.XDP_DROP;
        if (hd.ipv4.isValid()) { acl.apply(); }
    }
}

control adep(in headers_t hd, packet_out p) { apply { p.emit(hd.ethernet); p.emit(hd.ipv4); p.emit(hd.l4); } }

xdp(aprs(), asw(), adep()) main;
