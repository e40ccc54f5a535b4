// PSA: Hash.get_hash (CRC16 into identification, base + CRC32 mod 1000 into srcAddr) and Meter.execute colours in diffserv.
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

struct headers_t {
    ethernet_t ethernet;
    ipv4_t     ipv4;
}

struct metadata_t { }
struct empty_t { }

parser IngressParserImpl(packet_in buffer, out headers_t hdr, inout metadata_t meta,
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
        transition accept;
    }
}

control ingress(inout headers_t hdr, inout metadata_t meta, in psa_ingress_input_metadata_t istd, inout psa_ingress_output_metadata_t ostd) {
    Hash<bit<16>>(PSA_HashAlgorithm_t.CRC16) h16;
    Hash<bit<32>>(PSA_HashAlgorithm_t.CRC32) h32;
    Meter<bit<32>>(4, PSA_MeterType_t.PACKETS) rate;

    apply {
        send_to_port(ostd, (PortId_t) 1);
        if (hdr.ipv4.isValid()) {
            hdr.ipv4.identification = h16.get_hash({ hdr.ipv4.dstAddr, hdr.ipv4.protocol });
            hdr.ipv4.srcAddr = h32.get_hash(32w7, { hdr.ipv4.dstAddr, hdr.ipv4.protocol }, 32w1000);
            PSA_MeterColor_t c = rate.execute(1);
            if (c == PSA_MeterColor_t.GREEN) {
                hdr.ipv4.diffserv = 1;
            } else if (c == PSA_MeterColor_t.YELLOW) {
                hdr.ipv4.diffserv = 2;
            } else {
                hdr.ipv4.diffserv = 3;
            }
        }
    }
}

control IngressDeparserImpl(packet_out buffer, out empty_t clone_i2e_meta, out empty_t resubmit_meta, out empty_t normal_meta,
                            inout headers_t hdr, in metadata_t meta, in psa_ingress_output_metadata_t istd) {
    apply {
        buffer.emit(hdr.ethernet);
        buffer.emit(hdr.ipv4);
    }
}

parser EgressParserImpl(packet_in buffer, out headers_t hdr, inout metadata_t meta, in psa_egress_parser_input_metadata_t istd,
                        in empty_t normal_meta, in empty_t clone_i2e_meta, in empty_t clone_e2e_meta) {
    state start {
        buffer.extract(hdr.ethernet);
        transition accept;
    }
}

control egress(inout headers_t hdr, inout metadata_t meta, in psa_egress_input_metadata_t istd, inout psa_egress_output_metadata_t ostd) {
    apply { }
}

control EgressDeparserImpl(packet_out buffer, out empty_t clone_e2e_meta, out empty_t recirculate_meta, inout headers_t hdr,
                           in metadata_t meta, in psa_egress_output_metadata_t istd, in psa_egress_deparser_input_metadata_t edstd) {
    apply {
        buffer.emit(hdr.ethernet);
    }
}

IngressPipeline(IngressParserImpl(), ingress(), IngressDeparserImpl()) ip;
EgressPipeline(EgressParserImpl(), egress(), EgressDeparserImpl()) ep;
PSA_Switch(ip, PacketReplicationEngine(), ep, BufferingQueueingEngine()) main;
