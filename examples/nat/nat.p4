// nat (v1model): source NAT (NAPT) between an inside port (1) and an outside port (2).
//   * nat_out (exact: inside address, inside L4 port, protocol) rewrites the source to the public address and a
//     public port; nat_in (exact: public port, protocol) maps replies back to the inside host.
//   * Mappings are installed by the controller, each with an id; the register nat_packets counts packets per mapping
//     id (both directions) and nat_misses counts packets that had no mapping (dropped).
//   * Checksums: the IPv4 header checksum is recomputed (update_checksum); the TCP/UDP checksum is fixed incrementally (RFC 1624) for
//     the changed address and port words; a UDP checksum of 0 (none) stays 0.
#include <core.p4>
#include <v1model.p4>

const bit<9> INSIDE  = 1;
const bit<9> OUTSIDE = 2;

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

header tcp_t {
    bit<16> srcPort;
    bit<16> dstPort;
    bit<32> seqNo;
    bit<32> ackNo;
    bit<4>  dataOffset;
    bit<4>  res;
    bit<8>  flags;
    bit<16> window;
    bit<16> checksum;
    bit<16> urgentPtr;
}

header udp_t {
    bit<16> srcPort;
    bit<16> dstPort;
    bit<16> length;
    bit<16> checksum;
}

struct headers_t {
    ethernet_t ethernet;
    ipv4_t     ipv4;
    tcp_t      tcp;
    udp_t      udp;
}

struct metadata_t {
    bit<16> l4_src;
    bit<16> l4_dst;
    bit<32> old_addr;
    bit<32> new_addr;
    bit<16> old_port;
    bit<16> new_port;
    bool    rewritten;
}

parser NatParser(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x0800: parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        transition select(hdr.ipv4.ihl, hdr.ipv4.protocol) {
            (5, 6): parse_tcp;
            (5, 17): parse_udp;
            default: accept;
        }
    }
    state parse_tcp {
        packet.extract(hdr.tcp);
        transition accept;
    }
    state parse_udp {
        packet.extract(hdr.udp);
        transition accept;
    }
}

control NatVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control NatIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    register<bit<32>>(256) nat_packets;
    register<bit<32>>(1) nat_misses;

    action miss() {
        bit<32> n;
        nat_misses.read(n, 0);
        nat_misses.write(0, n + 1);
        mark_to_drop(standard_metadata);
    }

    action count(bit<8> id) {
        bit<32> n;
        nat_packets.read(n, (bit<32>)id);
        nat_packets.write((bit<32>)id, n + 1);
    }

    // Outbound: the source becomes (public_addr, public_port).
    action snat(bit<8> id, bit<32> public_addr, bit<16> public_port) {
        count(id);
        meta.old_addr = hdr.ipv4.srcAddr;
        meta.new_addr = public_addr;
        meta.old_port = meta.l4_src;
        meta.new_port = public_port;
        hdr.ipv4.srcAddr = public_addr;
        meta.rewritten = true;
        standard_metadata.egress_spec = OUTSIDE;
    }

    table nat_out {
        key = {
            hdr.ipv4.srcAddr  : exact;
            meta.l4_src       : exact;
            hdr.ipv4.protocol : exact;
        }
        actions = { snat; miss; }
        default_action = miss();
        size = 1024;
    }

    // Inbound replies: the destination goes back to (inside_addr, inside_port).
    action dnat(bit<8> id, bit<32> inside_addr, bit<16> inside_port) {
        count(id);
        meta.old_addr = hdr.ipv4.dstAddr;
        meta.new_addr = inside_addr;
        meta.old_port = meta.l4_dst;
        meta.new_port = inside_port;
        hdr.ipv4.dstAddr = inside_addr;
        meta.rewritten = true;
        standard_metadata.egress_spec = INSIDE;
    }

    table nat_in {
        key = {
            meta.l4_dst       : exact;
            hdr.ipv4.protocol : exact;
        }
        actions = { dnat; miss; }
        default_action = miss();
        size = 1024;
    }

    apply {
        meta.rewritten = false;
        if (hdr.tcp.isValid()) {
            meta.l4_src = hdr.tcp.srcPort;
            meta.l4_dst = hdr.tcp.dstPort;
        } else if (hdr.udp.isValid()) {
            meta.l4_src = hdr.udp.srcPort;
            meta.l4_dst = hdr.udp.dstPort;
        } else {
            // Only TCP and UDP over IPv4 are translated.
            mark_to_drop(standard_metadata);
            return;
        }
        if (standard_metadata.ingress_port == INSIDE) {
            nat_out.apply();
        } else if (standard_metadata.ingress_port == OUTSIDE) {
            nat_in.apply();
        } else {
            mark_to_drop(standard_metadata);
            return;
        }
        if (!meta.rewritten) {
            return;
        }
        // The translated port word.
        if (standard_metadata.ingress_port == INSIDE) {
            if (hdr.tcp.isValid()) { hdr.tcp.srcPort = meta.new_port; } else { hdr.udp.srcPort = meta.new_port; }
        } else {
            if (hdr.tcp.isValid()) { hdr.tcp.dstPort = meta.new_port; } else { hdr.udp.dstPort = meta.new_port; }
        }
        // RFC 1624 incremental update: HC' = ~(~HC + ~m + m') over the two address words and the port word.
        bit<16> old_csum = hdr.tcp.isValid() ? hdr.tcp.checksum : hdr.udp.checksum;
        bit<32> sum = (bit<32>)(~old_csum)
            + (bit<32>)(~(meta.old_addr[31:16])) + (bit<32>)(~(meta.old_addr[15:0])) + (bit<32>)(~meta.old_port)
            + (bit<32>)meta.new_addr[31:16] + (bit<32>)meta.new_addr[15:0] + (bit<32>)meta.new_port;
        sum = (sum & 0xffff) + (sum >> 16);
        sum = (sum & 0xffff) + (sum >> 16);
        if (hdr.tcp.isValid()) {
            hdr.tcp.checksum = ~sum[15:0];
        } else if (hdr.udp.checksum != 0) {
            hdr.udp.checksum = ~sum[15:0];
        }
    }
}

control NatEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply { }
}


control NatComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply {
        update_checksum(hdr.ipv4.isValid(),
            { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.diffserv, hdr.ipv4.totalLen, hdr.ipv4.identification,
              hdr.ipv4.flags, hdr.ipv4.fragOffset, hdr.ipv4.ttl, hdr.ipv4.protocol, hdr.ipv4.srcAddr, hdr.ipv4.dstAddr },
            hdr.ipv4.hdrChecksum, HashAlgorithm.csum16);
    }
}

control NatDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.ipv4);
        packet.emit(hdr.tcp);
        packet.emit(hdr.udp);
    }
}

V1Switch(NatParser(), NatVerifyChecksum(), NatIngress(), NatEgress(), NatComputeChecksum(), NatDeparser()) main;
