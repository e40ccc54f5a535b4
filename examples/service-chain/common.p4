// Headers shared by the two stages of the service chain.
#ifndef SERVICE_CHAIN_COMMON
#define SERVICE_CHAIN_COMMON

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

parser ChainParser(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x0800: parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        p.extract(hdr.ipv4);
        transition select(hdr.ipv4.ihl, hdr.ipv4.protocol) {
            (5, 6): parse_l4;
            (5, 17): parse_l4;
            default: accept;
        }
    }
    state parse_l4 {
        p.extract(hdr.l4);
        transition accept;
    }
}

control ChainDeparser(in headers_t hdr, packet_out p) {
    apply {
        p.emit(hdr.ethernet);
        p.emit(hdr.ipv4);
        p.emit(hdr.l4);
    }
}

#endif
