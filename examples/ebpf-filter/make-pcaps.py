#!/usr/bin/env python3
"""Writes the ebpf-filter sample pcap (pcaps/in-port1.pcap) and its STF test (ebpf_filter.stf).

ebpf_model sends accepted packets back out of the port they came in on (port 1), unchanged.
Run from anywhere: python3 examples/ebpf-filter/make-pcaps.py
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from packets import ether, ipv4, udp, tcp, icmp_echo, arp_request, hexs, write_pcap, ip4  # noqa: E402

SERVER, SRV_MAC, GW = "10.0.0.5", "00:00:00:00:00:05", "00:00:00:00:00:fe"


def to_server(src, proto, l4, ident):
    return ether(SRV_MAC, GW, 0x0800) + ipv4(src, SERVER, proto, l4, ident=ident)


def main():
    stf = ["# ebpf-filter STF test, written by make-pcaps.py (do not edit by hand).",
           "add services hdr.ipv4.protocol:6 hdr.l4.dstPort:22 allow()",
           "add services hdr.ipv4.protocol:6 hdr.l4.dstPort:443 allow()",
           "add services hdr.ipv4.protocol:17 hdr.l4.dstPort:123 allow()",
           "add icmp_types hdr.icmp.type:8 allow()",
           "# 198.51.0.0/16: p4c's eBPF STF convention writes lpm keys as the host-order (little-endian) integer of the",
           "# network-order bytes, so the address reads byte-swapped here (the P4Runtime controller writes it plainly).",
           "add blocked hdr.ipv4.srcAddr:0x%08x/16 reject_source()" % int.from_bytes(ip4("198.51.0.0"), "little")]
    packets = []

    def send(comment, f, accepted):
        stf.append("")
        stf.append("# " + comment)
        stf.append("packet 1 %s" % hexs(f))
        if accepted:
            stf.append("expect 1 %s $" % hexs(f))
        packets.append(f)

    send("SSH: accepted", to_server("203.0.113.7", 6, tcp("203.0.113.7", SERVER, 51000, 22), 1), True)
    send("HTTPS: accepted", to_server("203.0.113.7", 6, tcp("203.0.113.7", SERVER, 51001, 443), 2), True)
    send("NTP: accepted", to_server("203.0.113.8", 17, udp("203.0.113.8", SERVER, 123, 123, b"\x23" + b"\x00" * 47), 3), True)
    send("ping: accepted", to_server("203.0.113.8", 1, icmp_echo(), 4), True)
    send("telnet: no such service, dropped", to_server("203.0.113.7", 6, tcp("203.0.113.7", SERVER, 51002, 23), 5), False)
    send("SSH from the blocked 198.51.0.0/16: dropped", to_server("198.51.3.4", 6, tcp("198.51.3.4", SERVER, 51003, 22), 6), False)
    icmp_unreach = struct.pack("!BBHI", 3, 3, 0xFCFC, 0)
    send("ICMP port unreachable (type 3): not allowed, dropped", to_server("203.0.113.8", 1, icmp_unreach, 7), False)
    send("GRE (protocol 47): no service, dropped", to_server("203.0.113.8", 47, b"\x00" * 8, 8), False)
    send("ARP: not IPv4, rejected by the parser", ether("ff:ff:ff:ff:ff:ff", GW, 0x0806) + arp_request(GW, "10.0.0.1", SERVER), False)
    stf.append("")
    stf.append("check_counter verdicts(0) packets == 4")
    stf.append("check_counter verdicts(1) packets == 1")
    stf.append("check_counter verdicts(2) packets == 2")
    stf.append("check_counter verdicts(3) packets == 1")

    with open(os.path.join(HERE, "ebpf_filter.stf"), "w") as out:
        out.write("\n".join(stf) + "\n")
    os.makedirs(os.path.join(HERE, "pcaps"), exist_ok=True)
    write_pcap(os.path.join(HERE, "pcaps", "in-port1.pcap"), packets)


if __name__ == "__main__":
    main()
