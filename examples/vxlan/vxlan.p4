// vxlan (v1model): a VXLAN tunnel endpoint (VTEP) between an access port (1) and an underlay port (2).
//   * Encapsulation: a frame from the access port whose destination MAC is in vxlan_encap gets outer Ethernet,
//     IPv4 (checksum by update_checksum), UDP (destination port 4789, source port from the inner MACs, checksum 0) and a
//     VXLAN header with the entry's VNI, and leaves on the underlay port towards the remote VTEP.
//   * Decapsulation: a VXLAN packet from the underlay port addressed to this VTEP (vtep_ip) whose VNI is in
//     vxlan_decap loses its outer headers and the inner frame leaves on the entry's access port.
//   * Anything else is dropped.
#include <core.p4>
#include <v1model.p4>

const bit<9>  ACCESS = 1;
const bit<9>  UNDERLAY = 2;
const bit<16> VXLAN_PORT = 4789;

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

header udp_t {
    bit<16> srcPort;
    bit<16> dstPort;
    bit<16> length;
    bit<16> checksum;
}

header vxlan_t {
    bit<8>  flags;
    bit<24> reserved;
    bit<24> vni;
    bit<8>  reserved2;
}

struct headers_t {
    // Pushed by encapsulation.
    ethernet_t new_ethernet;
    ipv4_t     new_ipv4;
    udp_t      new_udp;
    vxlan_t    new_vxlan;
    // As received: a plain frame, or a VXLAN packet followed by its inner frame.
    ethernet_t ethernet;
    ipv4_t     ipv4;
    udp_t      udp;
    vxlan_t    vxlan;
    ethernet_t inner_ethernet;
}

struct metadata_t { }

parser VxlanParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(standard_metadata.ingress_port, hdr.ethernet.etherType) {
            (UNDERLAY, 0x0800): parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        transition select(hdr.ipv4.ihl, hdr.ipv4.protocol) {
            (5, 17): parse_udp;
            default: accept;
        }
    }
    state parse_udp {
        packet.extract(hdr.udp);
        transition select(hdr.udp.dstPort) {
            VXLAN_PORT: parse_vxlan;
            default: accept;
        }
    }
    state parse_vxlan {
        packet.extract(hdr.vxlan);
        packet.extract(hdr.inner_ethernet);
        transition accept;
    }
}

control VxlanVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control VxlanIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    action drop() {
        mark_to_drop(standard_metadata);
    }

    action encap(bit<24> vni, bit<48> local_mac, bit<32> local_ip, bit<48> remote_mac, bit<32> remote_ip) {
        bit<16> frame_len = (bit<16>)standard_metadata.packet_length;
        hdr.new_ethernet.setValid();
        hdr.new_ethernet.dstAddr = remote_mac;
        hdr.new_ethernet.srcAddr = local_mac;
        hdr.new_ethernet.etherType = 0x0800;
        hdr.new_ipv4.setValid();
        hdr.new_ipv4.version = 4;
        hdr.new_ipv4.ihl = 5;
        hdr.new_ipv4.diffserv = 0;
        hdr.new_ipv4.totalLen = frame_len + 36;
        hdr.new_ipv4.identification = 0;
        hdr.new_ipv4.flags = 2;
        hdr.new_ipv4.fragOffset = 0;
        hdr.new_ipv4.ttl = 64;
        hdr.new_ipv4.protocol = 17;
        hdr.new_ipv4.srcAddr = local_ip;
        hdr.new_ipv4.dstAddr = remote_ip;
        hdr.new_udp.setValid();
        // Entropy for the underlay's ECMP: the inner MACs' low bits, in the dynamic port range.
        hdr.new_udp.srcPort = 2w0b11 ++ (hdr.ethernet.srcAddr[15:0] ^ hdr.ethernet.dstAddr[15:0])[13:0];
        hdr.new_udp.dstPort = VXLAN_PORT;
        hdr.new_udp.length = frame_len + 16;
        hdr.new_udp.checksum = 0;
        hdr.new_vxlan.setValid();
        hdr.new_vxlan.flags = 0x08;
        hdr.new_vxlan.reserved = 0;
        hdr.new_vxlan.vni = vni;
        hdr.new_vxlan.reserved2 = 0;
        standard_metadata.egress_spec = UNDERLAY;
    }

    table vxlan_encap {
        key = { hdr.ethernet.dstAddr : exact; }
        actions = { encap; drop; }
        default_action = drop();
        size = 4096;
    }

    action decap(bit<9> port) {
        hdr.ethernet.setInvalid();
        hdr.ipv4.setInvalid();
        hdr.udp.setInvalid();
        hdr.vxlan.setInvalid();
        standard_metadata.egress_spec = port;
    }

    table vxlan_decap {
        key = { hdr.vxlan.vni : exact; }
        actions = { decap; drop; }
        default_action = drop();
        size = 4096;
    }

    // This VTEP's own underlay addresses.
    table vtep_ip {
        key = { hdr.ipv4.dstAddr : exact; }
        actions = { NoAction; }
        size = 16;
    }

    apply {
        if (standard_metadata.ingress_port == ACCESS) {
            vxlan_encap.apply();
        } else if (hdr.vxlan.isValid() && vtep_ip.apply().hit) {
            vxlan_decap.apply();
        } else {
            drop();
        }
    }
}

control VxlanEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply { }
}


control VxlanComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply {
        update_checksum(hdr.new_ipv4.isValid(),
            { hdr.new_ipv4.version, hdr.new_ipv4.ihl, hdr.new_ipv4.diffserv, hdr.new_ipv4.totalLen, hdr.new_ipv4.identification,
              hdr.new_ipv4.flags, hdr.new_ipv4.fragOffset, hdr.new_ipv4.ttl, hdr.new_ipv4.protocol, hdr.new_ipv4.srcAddr, hdr.new_ipv4.dstAddr },
            hdr.new_ipv4.hdrChecksum, HashAlgorithm.csum16);
    }
}

control VxlanDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.new_ethernet);
        packet.emit(hdr.new_ipv4);
        packet.emit(hdr.new_udp);
        packet.emit(hdr.new_vxlan);
        packet.emit(hdr.ethernet);
        packet.emit(hdr.ipv4);
        packet.emit(hdr.udp);
        packet.emit(hdr.vxlan);
        packet.emit(hdr.inner_ethernet);
    }
}

V1Switch(VxlanParser(), VxlanVerifyChecksum(), VxlanIngress(), VxlanEgress(), VxlanComputeChecksum(), VxlanDeparser()) main;
