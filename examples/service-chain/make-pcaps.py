#!/usr/bin/env python3
"""Writes the service-chain STF tests (service_chain.stf: both programs chained by a tail call; firewall.stf, router.stf:
each stage on its own) and pcaps/in-port1.pcap.

Run from anywhere: python3 examples/service-chain/make-pcaps.py
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from packets import ether, ipv4, udp, tcp, mac, csum, hexs, write_pcap, iphex  # noqa: E402

R_MAC, PEER, NH_MAC, R_OUT_MAC = "00:00:00:00:00:aa", "00:00:00:00:00:01", "00:00:00:00:00:bb", "00:00:00:00:00:ab"


def pkt(src, dst, proto, l4, ttl=64, ident=0):
    return ether(R_MAC, PEER, 0x0800) + ipv4(src, dst, proto, l4, ttl=ttl, ident=ident)


def routed(f):
    ip = bytearray(f[14:34])
    ip[8] -= 1
    ip[10:12] = b"\x00\x00"
    ip[10:12] = struct.pack("!H", csum(bytes(ip)))
    return mac(NH_MAC) + mac(R_OUT_MAC) + f[12:14] + bytes(ip) + f[34:]


def main():
    web = pkt("203.0.113.5", "10.2.0.8", 6, tcp("203.0.113.5", "10.2.0.8", 40000, 443), ident=1)
    dns = pkt("203.0.113.5", "10.2.0.9", 17, udp("203.0.113.5", "10.2.0.9", 5300, 53, b"q"), ident=2)
    ssh = pkt("203.0.113.5", "10.2.0.8", 6, tcp("203.0.113.5", "10.2.0.8", 40001, 22), ident=3)
    bad = pkt("198.51.100.7", "10.2.0.8", 6, tcp("198.51.100.7", "10.2.0.8", 40002, 443), ident=4)
    far = pkt("203.0.113.5", "172.31.0.1", 6, tcp("203.0.113.5", "172.31.0.1", 40003, 443), ident=5)
    old = pkt("203.0.113.5", "10.2.0.8", 6, tcp("203.0.113.5", "10.2.0.8", 40004, 443), ttl=1, ident=6)
    bad_csum = bytearray(pkt("203.0.113.5", "10.2.0.8", 6, tcp("203.0.113.5", "10.2.0.8", 40005, 443), ident=7))
    bad_csum[25] ^= 0x01
    bad_csum = bytes(bad_csum)

    fw = ["# service-chain stage 1 (firewall.p4) on its own, written by make-pcaps.py (do not edit by hand).",
          "add deny_src hdr.ipv4.srcAddr:%s/24 deny()" % iphex("198.51.100.0"),
          "add open_ports hdr.ipv4.protocol:6 hdr.l4.dstPort:443 NoAction()",
          "add open_ports hdr.ipv4.protocol:17 hdr.l4.dstPort:53 NoAction()"]
    for comment, f, ok in [("HTTPS: passes", web, True), ("DNS: passes", dns, True), ("SSH: port closed, dropped", ssh, False),
                           ("a denied source: dropped", bad, False), ("HTTPS elsewhere: passes (routing is stage 2's job)", far, True)]:
        fw += ["", "# " + comment, "packet 1 %s" % hexs(f)] + (["expect 1 %s $" % hexs(f)] if ok else [])
    rt = ["# service-chain stage 2 (router.p4) on its own, written by make-pcaps.py (do not edit by hand).",
          "add routes hdr.ipv4.dstAddr:%s/16 forward(dmac:0x%s, smac:0x%s, port:2)"
          % (iphex("10.2.0.0"), NH_MAC.replace(":", ""), R_OUT_MAC.replace(":", ""))]
    for comment, f, ok in [("10.2.0.8: routed to port 2, TTL 63", web, True), ("10.2.0.9: routed", dns, True),
                           ("172.31.0.1: no route, dropped", far, False), ("TTL 1: dropped", old, False),
                           ("a wrong IPv4 header checksum: dropped", bad_csum, False)]:
        rt += ["", "# " + comment, "packet 1 %s" % hexs(f)] + (["expect 2 %s $" % hexs(routed(f))] if ok else [])
    ch = ["# service chain (service_chain.chain): firewall.p4, whose XDP_PASS tail-calls router.p4.",
          "# Written by make-pcaps.py (do not edit by hand).",
          fw[1], fw[2], fw[3], rt[1]]
    for comment, f, out in [("HTTPS to 10.2.0.8: firewall passes, router forwards to port 2 with TTL 63", web, 2),
                            ("DNS to 10.2.0.9: passes both stages", dns, 2),
                            ("SSH: the firewall drops it, the router never runs", ssh, None),
                            ("a denied source: dropped by the firewall", bad, None),
                            ("HTTPS to 172.31.0.1: the firewall passes it, the router has no route and drops it", far, None),
                            ("TTL 1: the firewall passes it, the router drops it", old, None),
                            ("a wrong IPv4 header checksum: the firewall passes it, the router drops it", bad_csum, None)]:
        ch += ["", "# " + comment, "packet 1 %s" % hexs(f)] + (["expect %d %s $" % (out, hexs(routed(f)))] if out else [])
    with open(os.path.join(HERE, "service_chain.stf"), "w") as out:
        out.write("\n".join(ch) + "\n")
    with open(os.path.join(HERE, "firewall.stf"), "w") as out:
        out.write("\n".join(fw) + "\n")
    with open(os.path.join(HERE, "router.stf"), "w") as out:
        out.write("\n".join(rt) + "\n")
    os.makedirs(os.path.join(HERE, "pcaps"), exist_ok=True)
    write_pcap(os.path.join(HERE, "pcaps", "in-port1.pcap"), [web, dns, ssh, bad, far, old])


if __name__ == "__main__":
    main()
