// ebpf-filter (ebpf_model): a TC ingress filter for a server.
//   * Only IPv4 is parsed; anything else (and IPv4 with a bad version or options) is rejected by the parser.
//   * services (exact: protocol, destination port; a hash map) lists the services the host offers: a hit accepts,
//     a miss drops. ICMP is accepted when its type is in icmp_types.
//   * blocked (lpm on the source address) drops known-bad sources before the service check.
//   * verdicts counts packets per outcome: 0 accepted, 1 blocked source, 2 no such service, 3 ICMP not allowed.
#include <core.p4>
#include <ebpf_model.p4>

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

header icmp_t {
    bit<8>  type;
    bit<8>  code;
    bit<16> checksum;
}

struct headers_t {
    ethernet_t ethernet;
    ipv4_t     ipv4;
    l4_ports_t l4;
    icmp_t     icmp;
}

parser FilterParser(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x0800: parse_ipv4;
            default: reject;
        }
    }
    state parse_ipv4 {
        p.extract(hdr.ipv4);
        verify(hdr.ipv4.version == 4 && hdr.ipv4.ihl == 5, error.ParserInvalidArgument);
        transition select(hdr.ipv4.protocol) {
            1: parse_icmp;
            6: parse_l4;
            17: parse_l4;
            default: accept;
        }
    }
    state parse_l4 {
        p.extract(hdr.l4);
        transition accept;
    }
    state parse_icmp {
        p.extract(hdr.icmp);
        transition accept;
    }
}

control Filter(inout headers_t hdr, out bool pass) {
    CounterArray(4, false) verdicts;

    action reject_source() {
        pass = false;
        verdicts.increment(1);
    }

    action allow() {
        pass = true;
    }

    table blocked {
        key = { hdr.ipv4.srcAddr : lpm; }
        actions = { reject_source; NoAction; }
        default_action = NoAction();
        implementation = array_table(1024);
    }

    table services {
        key = {
            hdr.ipv4.protocol : exact;
            hdr.l4.dstPort    : exact;
        }
        actions = { allow; NoAction; }
        default_action = NoAction();
        implementation = hash_table(256);
    }

    table icmp_types {
        key = { hdr.icmp.type : exact; }
        actions = { allow; NoAction; }
        default_action = NoAction();
        implementation = hash_table(16);
    }

    apply {
        pass = false;
        if (blocked.apply().hit) {
            return;
        }
        if (hdr.l4.isValid()) {
            services.apply();
            if (!pass) {
                verdicts.increment(2);
            }
        } else if (hdr.icmp.isValid()) {
            icmp_types.apply();
            if (!pass) {
                verdicts.increment(3);
            }
        } else {
            verdicts.increment(2);
        }
        if (pass) {
            verdicts.increment(0);
        }
    }
}

ebpfFilter(FilterParser(), Filter()) main;
