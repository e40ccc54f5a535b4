// l4-lb (PSA): an ECMP layer-4 load balancer in direct-server-return style.
//   * lb (exact: destination address, protocol, destination port) publishes a virtual service; its entry points at a group of
//     the PSA ActionSelector `backends`, whose members are set_backend(dmac, port) actions, one per backend.
//   * The selector hashes the table's `selector` key fields — the 5-tuple — with CRC32 and picks the group's member
//     hash mod (number of members), so every packet of a flow goes to the same backend and flows spread over the backends.
//   * lb's direct counter counts each virtual service's packets; backend_packets (indexed by egress port) counts per backend;
//     the ingress deparser sends every forwarded packet's 5-tuple and backend to the controller (digest flow_log), which
//     checks that each flow stayed on one backend.
//     Traffic to no virtual service, and IPv4 without TCP/UDP ports, is dropped.
#include <core.p4>
#include <psa.p4>

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

header l4_ports_t {
    bit<16> srcPort;
    bit<16> dstPort;
}

struct headers_t {
    ethernet_t ethernet;
    ipv4_t     ipv4;
    l4_ports_t l4;
}

// One flow-log record per forwarded packet: the flow's 5-tuple and the backend's port (a PSA digest to the controller).
struct flow_log_t {
    bit<32> client;
    bit<32> vip;
    bit<16> client_port;
    bit<16> vport;
    bit<8>  protocol;
    bit<32> backend_port;
}

struct metadata_t {
    bool    forwarded;
    bit<32> backend_port;
}

struct empty_t { }

parser LbIngressParser(packet_in buffer, out headers_t hdr, inout metadata_t meta,
                       in psa_ingress_parser_input_metadata_t istd, in empty_t resubmit_meta, in empty_t recirculate_meta) {
    state start {
        buffer.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x0800: parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        buffer.extract(hdr.ipv4);
        transition select(hdr.ipv4.ihl, hdr.ipv4.protocol) {
            (5, 6): parse_l4;
            (5, 17): parse_l4;
            default: accept;
        }
    }
    state parse_l4 {
        buffer.extract(hdr.l4);
        transition accept;
    }
}

control LbIngress(inout headers_t hdr, inout metadata_t meta, in psa_ingress_input_metadata_t istd, inout psa_ingress_output_metadata_t ostd) {
    // CRC32 over the selector keys; 1024 members at most; 16 is the hash output width PSA asks for (see README: the data plane
    // takes the whole 32-bit CRC modulo the group's member count).
    ActionSelector(PSA_HashAlgorithm_t.CRC32, 32w1024, 32w16) backends;
    DirectCounter<bit<32>>(PSA_CounterType_t.PACKETS_AND_BYTES) vip_hits;
    Counter<bit<32>, bit<32>>(32w16, PSA_CounterType_t.PACKETS_AND_BYTES) backend_packets;

    action drop() {
        ingress_drop(ostd);
    }

    action set_backend(bit<48> dmac, PortId_t port) {
        hdr.ethernet.dstAddr = dmac;
        send_to_port(ostd, port);
        meta.forwarded = true;
        meta.backend_port = (bit<32>)(PortIdUint_t)port;
        backend_packets.count(meta.backend_port);
    }

    table lb {
        key = {
            hdr.ipv4.dstAddr  : exact @name("vip");
            hdr.ipv4.protocol : exact @name("protocol");
            hdr.l4.dstPort    : exact @name("vport");
            // The flow's 5-tuple: not matched, hashed by the selector to choose the group's member.
            hdr.ipv4.srcAddr  : selector;
            hdr.ipv4.dstAddr  : selector;
            hdr.l4.srcPort    : selector;
            hdr.l4.dstPort    : selector;
            hdr.ipv4.protocol : selector;
        }
        actions = { set_backend; drop; }
        default_action = drop();
        psa_implementation = backends;
        psa_direct_counter = vip_hits;
        size = 256;
    }

    apply {
        meta.forwarded = false;
        if (!hdr.l4.isValid()) {
            drop();
            return;
        }
        lb.apply();
    }
}

control LbIngressDeparser(packet_out buffer, out empty_t clone_i2e_meta, out empty_t resubmit_meta, out empty_t normal_meta,
                          inout headers_t hdr, in metadata_t meta, in psa_ingress_output_metadata_t istd) {
    Digest<flow_log_t>() flow_log;

    apply {
        if (meta.forwarded) {
            flow_log.pack({ hdr.ipv4.srcAddr, hdr.ipv4.dstAddr, hdr.l4.srcPort, hdr.l4.dstPort, hdr.ipv4.protocol, meta.backend_port });
        }
        buffer.emit(hdr.ethernet);
        buffer.emit(hdr.ipv4);
        buffer.emit(hdr.l4);
    }
}

parser LbEgressParser(packet_in buffer, out headers_t hdr, inout metadata_t meta, in psa_egress_parser_input_metadata_t istd,
                      in empty_t normal_meta, in empty_t clone_i2e_meta, in empty_t clone_e2e_meta) {
    state start {
        transition accept;
    }
}

control LbEgress(inout headers_t hdr, inout metadata_t meta, in psa_egress_input_metadata_t istd, inout psa_egress_output_metadata_t ostd) {
    apply { }
}

control LbEgressDeparser(packet_out buffer, out empty_t clone_e2e_meta, out empty_t recirculate_meta, inout headers_t hdr,
                         in metadata_t meta, in psa_egress_output_metadata_t istd, in psa_egress_deparser_input_metadata_t edstd) {
    apply { }
}

IngressPipeline(LbIngressParser(), LbIngress(), LbIngressDeparser()) ip;
EgressPipeline(LbEgressParser(), LbEgress(), LbEgressDeparser()) ep;
PSA_Switch(ip, PacketReplicationEngine(), ep, BufferingQueueingEngine()) main;
