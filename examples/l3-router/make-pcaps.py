#!/usr/bin/env python3
"""Writes the l3-router sample pcaps (pcaps/in-port1.pcap, pcaps/in-port2.pcap) and its STF test (l3_router.stf).

The expected packets are computed here (TTL - 1, RFC 1071 checksum, MAC rewrite) independently of the P4 program.
Run from anywhere: python3 examples/l3-router/make-pcaps.py
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from packets import ether, ipv4, udp, tcp, icmp_echo, arp_request, mac, hexs, write_pcap, iphex  # noqa: E402

CPU_PORT = 255
ROUTER_MAC = {1: "00:00:00:00:01:01", 2: "00:00:00:00:02:01", 3: "00:00:00:00:03:01"}
H1_MAC, H2_MAC, GW_MAC = "00:00:0a:00:01:0a", "00:00:0a:00:02:14", "00:00:0a:00:03:fe"


def routed(frame, port, dmac):
    """What the router makes of an IPv4 frame it forwards: new MACs, TTL - 1, fresh header checksum."""
    ip = bytearray(frame[14:34])
    ip[8] -= 1
    ip[10:12] = b"\x00\x00"
    from packets import csum
    ip[10:12] = struct.pack("!H", csum(bytes(ip)))
    return mac(dmac) + mac(ROUTER_MAC[port]) + frame[12:14] + bytes(ip) + frame[34:]


def punted(frame, port, reason):
    return struct.pack("!HB", port << 7, reason) + frame


def from_h1(dst, payload, proto=17, ttl=64, ident=1):
    return ether(ROUTER_MAC[1], H1_MAC, 0x0800) + ipv4("10.0.1.10", dst, proto, payload, ttl=ttl, ident=ident)


def main():
    stf = []
    port1 = []
    port2 = []

    def case(comment, port, frame, expect=None):
        stf.append("")
        stf.append("# " + comment)
        stf.append("packet %d %s" % (port, hexs(frame)))
        if expect is not None:
            stf.append("expect %d %s $" % (expect[0], hexs(expect[1])))
        (port1 if port == 1 else port2).append((len(port1) + len(port2), frame))

    stf.append("# l3-router STF test, written by make-pcaps.py (do not edit by hand).")
    stf.append("# The same entries as controller.cs installs through P4Runtime.")
    stf.append("add local_ip hdr.ipv4.dstAddr:%s to_cpu()" % iphex("10.0.1.1"))
    stf.append("add local_ip hdr.ipv4.dstAddr:%s to_cpu()" % iphex("10.0.2.1"))
    stf.append("add local_ip hdr.ipv4.dstAddr:%s to_cpu()" % iphex("10.0.3.1"))
    stf.append("add ipv4_lpm hdr.ipv4.dstAddr:%s/24 set_nhop(nhop_id:1)" % iphex("10.0.1.0"))
    stf.append("add ipv4_lpm hdr.ipv4.dstAddr:%s/24 set_nhop(nhop_id:2)" % iphex("10.0.2.0"))
    stf.append("add ipv4_lpm hdr.ipv4.dstAddr:%s/16 set_nhop(nhop_id:3)" % iphex("192.168.0.0"))
    stf.append("add ipv4_lpm hdr.ipv4.dstAddr:%s/24 set_nhop(nhop_id:2)" % iphex("192.168.7.0"))
    stf.append("add nexthop meta.nhop_id:1 set_nexthop(dmac:0x%s, port:1)" % H1_MAC.replace(":", ""))
    stf.append("add nexthop meta.nhop_id:2 set_nexthop(dmac:0x%s, port:2)" % H2_MAC.replace(":", ""))
    stf.append("add nexthop meta.nhop_id:3 set_nexthop(dmac:0x%s, port:3)" % GW_MAC.replace(":", ""))
    for p, m in ROUTER_MAC.items():
        stf.append("add port_mac standard_metadata.egress_port:%d set_smac(smac:0x%s)" % (p, m.replace(":", "")))

    f = from_h1("10.0.2.20", udp("10.0.1.10", "10.0.2.20", 4000, 53, b"hello h2"))
    case("h1 -> h2 (10.0.2.0/24): out of port 2 to h2's MAC, TTL 63, checksum recomputed", 1, f, (2, routed(f, 2, H2_MAC)))
    f = from_h1("192.168.1.5", tcp("10.0.1.10", "192.168.1.5", 40000, 80), proto=6, ident=2)
    case("h1 -> 192.168.1.5 (192.168.0.0/16): to the gateway on port 3", 1, f, (3, routed(f, 3, GW_MAC)))
    f = from_h1("192.168.7.9", udp("10.0.1.10", "192.168.7.9", 4001, 9999, b"lpm"), ident=3)
    case("h1 -> 192.168.7.9: the longer prefix 192.168.7.0/24 wins (port 2)", 1, f, (2, routed(f, 2, H2_MAC)))
    f = from_h1("172.16.0.1", udp("10.0.1.10", "172.16.0.1", 4002, 9999, b"nowhere"), ident=4)
    case("h1 -> 172.16.0.1: no route, dropped", 1, f)
    f = ether(ROUTER_MAC[1], H1_MAC, 0x0800) + ipv4("10.0.1.10", "10.0.2.20", 17, udp("10.0.1.10", "10.0.2.20", 4004, 53, b"bad"), ident=8, checksum=0x1234)
    case("a bad IPv4 header checksum: dropped", 1, f)
    f = from_h1("10.0.2.20", udp("10.0.1.10", "10.0.2.20", 4003, 33434, b"trace"), ttl=1, ident=5)
    case("TTL 1: punted to the controller (reason 3, ingress port 1)", 1, f, (CPU_PORT, punted(f, 1, 3)))
    f = ether("ff:ff:ff:ff:ff:ff", H1_MAC, 0x0806) + arp_request(H1_MAC, "10.0.1.10", "10.0.1.1")
    case("ARP request for the router's address: punted (reason 1)", 1, f, (CPU_PORT, punted(f, 1, 1)))
    f = from_h1("10.0.1.1", icmp_echo(), proto=1, ident=6)
    case("ICMP echo to the router itself: punted (reason 2)", 1, f, (CPU_PORT, punted(f, 1, 2)))
    f = ether(ROUTER_MAC[2], H2_MAC, 0x0800) + ipv4("10.0.2.20", "10.0.1.10", 17, udp("10.0.2.20", "10.0.1.10", 53, 4000, b"hello h1"), ident=7)
    case("h2 -> h1: back out of port 1", 2, f, (1, routed(f, 1, H1_MAC)))
    reply = ether(H1_MAC, ROUTER_MAC[1], 0x0806) + struct.pack("!HHBBH", 1, 0x0800, 6, 4, 2) \
        + mac(ROUTER_MAC[1]) + bytes([10, 0, 1, 1]) + mac(H1_MAC) + bytes([10, 0, 1, 10])
    stf.append("")
    stf.append("# packet-out from the controller (an ARP reply) leaves port 1 untouched")
    stf.append("packet %d %s" % (CPU_PORT, hexs(struct.pack("!H", 1 << 7) + reply)))
    stf.append("expect 1 %s $" % hexs(reply))

    with open(os.path.join(HERE, "l3_router.stf"), "w") as out:
        out.write("\n".join(stf) + "\n")
    os.makedirs(os.path.join(HERE, "pcaps"), exist_ok=True)
    write_pcap(os.path.join(HERE, "pcaps", "in-port1.pcap"), port1)
    write_pcap(os.path.join(HERE, "pcaps", "in-port2.pcap"), port2)


if __name__ == "__main__":
    main()
