// l2-switch (v1model): a learning Ethernet switch.
//   * smac (exact on the source MAC): a miss means the switch has not learnt that address yet; the controller is
//     told the (source MAC, ingress port) and adds the address to smac and dmac.
//     With -DUSE_DIGEST this goes through a v1model digest (the textbook way); by default — because this toolchain
//     cannot lower digest() yet — an I2E clone of the packet goes to the CPU port (clone session 100) with a
//     packet_in header carrying the ingress port, and the controller learns from the PacketIn.
//   * dmac (exact on the destination MAC): a hit sends the packet out of the learnt port; a miss (and broadcast)
//     floods it through multicast group 1, which the controller fills with every port.
//   * Egress prunes the copy that would go back out of the port the packet came from.
#include <core.p4>
#include <v1model.p4>

const bit<16> FLOOD_GROUP = 1;
const bit<32> CPU_SESSION = 100;
const bit<32> PKT_INSTANCE_TYPE_INGRESS_CLONE = 1;

@controller_header("packet_in")
header packet_in_t {
    bit<9> ingress_port;
    bit<7> _pad;
}

header ethernet_t {
    bit<48> dstAddr;
    bit<48> srcAddr;
    bit<16> etherType;
}

struct learn_t {
    bit<48> srcAddr;
    bit<9>  ingress_port;
}

struct headers_t {
    packet_in_t packet_in;
    ethernet_t  ethernet;
}

struct metadata_t {
    learn_t learn;
}

parser SwitchParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition accept;
    }
}

control SwitchVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control SwitchIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    action learn() {
#ifdef USE_DIGEST
        meta.learn.srcAddr = hdr.ethernet.srcAddr;
        meta.learn.ingress_port = standard_metadata.ingress_port;
        digest<learn_t>(1, meta.learn);
#else
        clone(CloneType.I2E, CPU_SESSION);
#endif
    }

    table smac {
        key = { hdr.ethernet.srcAddr : exact; }
        actions = { learn; NoAction; }
        default_action = learn();
        size = 4096;
    }

    action forward(bit<9> port) {
        standard_metadata.egress_spec = port;
    }

    action flood() {
        standard_metadata.mcast_grp = FLOOD_GROUP;
    }

    table dmac {
        key = { hdr.ethernet.dstAddr : exact; }
        actions = { forward; flood; }
        default_action = flood();
        size = 4096;
    }

    apply {
        smac.apply();
        dmac.apply();
    }
}

control SwitchEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply {
        if (standard_metadata.instance_type == PKT_INSTANCE_TYPE_INGRESS_CLONE) {
            // The learning copy for the controller: tell it where the packet came from.
            hdr.packet_in.setValid();
            hdr.packet_in.ingress_port = standard_metadata.ingress_port;
            hdr.packet_in._pad = 0;
        } else if (standard_metadata.egress_port == standard_metadata.ingress_port) {
            // Never send a flooded copy back where it came from.
            mark_to_drop(standard_metadata);
        }
    }
}

control SwitchComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control SwitchDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.packet_in);
        packet.emit(hdr.ethernet);
    }
}

V1Switch(SwitchParser(), SwitchVerifyChecksum(), SwitchIngress(), SwitchEgress(), SwitchComputeChecksum(), SwitchDeparser()) main;
