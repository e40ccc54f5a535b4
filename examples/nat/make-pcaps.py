#!/usr/bin/env python3
"""Writes the nat sample pcaps (pcaps/in-port1.pcap inside, in-port2.pcap outside) and its STF test (nat.stf).

The translated packets are rebuilt from scratch here (fresh checksums over the new addresses and ports), so the
STF test checks the program's incremental checksum fix-up against a full recomputation.
Run from anywhere: python3 examples/nat/make-pcaps.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from packets import ether, ipv4, udp, tcp, hexs, write_pcap, iphex  # noqa: E402

PUBLIC = "198.51.100.1"
IN_MAC, OUT_MAC, GW_MAC = "00:00:00:00:01:01", "00:00:00:00:02:01", "00:00:00:00:02:fe"
H1 = "192.168.1.10"
H2 = "192.168.1.11"
SERVER = "203.0.113.80"

# (id, inside address, inside port, protocol, public port): what controller.cs installs.
MAPPINGS = [(1, H1, 40000, 6, 61000), (2, H1, 5353, 17, 61001), (3, H2, 40000, 6, 61002)]


def l4(proto, src, dst, sport, dport, payload, flags=0x18):
    return tcp(src, dst, sport, dport, payload, flags=flags) if proto == 6 else udp(src, dst, sport, dport, payload)


def pkt(proto, src, dst, sport, dport, payload, ident, macs):
    return ether(macs[0], macs[1], 0x0800) + ipv4(src, dst, proto, l4(proto, src, dst, sport, dport, payload), ident=ident)


def main():
    stf = ["# nat STF test, written by make-pcaps.py (do not edit by hand).",
           "# The mappings controller.cs installs; every translated packet is compared with one built from scratch."]
    for (i, addr, port, proto, public) in MAPPINGS:
        stf.append("add nat_out hdr.ipv4.srcAddr:%s meta.l4_src:%d hdr.ipv4.protocol:%d snat(id:%d, public_addr:%s, public_port:%d)"
                   % (iphex(addr), port, proto, i, iphex(PUBLIC), public))
        stf.append("add nat_in meta.l4_dst:%d hdr.ipv4.protocol:%d dnat(id:%d, inside_addr:%s, inside_port:%d)"
                   % (public, proto, i, iphex(addr), port))
    inside, outside = [], []

    def send(comment, port, f, expect):
        stf.append("")
        stf.append("# " + comment)
        stf.append("packet %d %s" % (port, hexs(f)))
        if expect:
            stf.append("expect %d %s $" % (expect[0], hexs(expect[1])))
        (inside if port == 1 else outside).append((len(inside) + len(outside), f))

    up, down = (OUT_MAC, IN_MAC), (IN_MAC, OUT_MAC)
    send("h1 TCP 40000 -> server:80 leaves as 198.51.100.1:61000", 1,
         pkt(6, H1, SERVER, 40000, 80, b"GET / HTTP/1.0\r\n\r\n", 1, up), (2, pkt(6, PUBLIC, SERVER, 61000, 80, b"GET / HTTP/1.0\r\n\r\n", 1, up)))
    send("the server's reply to 198.51.100.1:61000 goes back to h1:40000", 2,
         pkt(6, SERVER, PUBLIC, 80, 61000, b"HTTP/1.0 200 OK\r\n", 2, down), (1, pkt(6, SERVER, H1, 80, 40000, b"HTTP/1.0 200 OK\r\n", 2, down)))
    send("h1 UDP 5353 -> server:53 leaves as 198.51.100.1:61001", 1,
         pkt(17, H1, SERVER, 5353, 53, b"\xab\xcdquery", 3, up), (2, pkt(17, PUBLIC, SERVER, 61001, 53, b"\xab\xcdquery", 3, up)))
    send("h2 TCP 40000 (same inside port as h1) leaves as 198.51.100.1:61002", 1,
         pkt(6, H2, SERVER, 40000, 443, b"hello", 4, up), (2, pkt(6, PUBLIC, SERVER, 61002, 443, b"hello", 4, up)))
    send("h2 TCP 40001 has no mapping: dropped (nat_misses counts it)", 1, pkt(6, H2, SERVER, 40001, 443, b"x", 5, up), None)
    send("unsolicited traffic to 198.51.100.1:12345: dropped", 2, pkt(6, SERVER, PUBLIC, 80, 12345, b"x", 6, down), None)
    stf.append("")
    stf.append("register_read nat_packets 1")
    stf.append("register_read nat_misses 0")

    with open(os.path.join(HERE, "nat.stf"), "w") as out:
        out.write("\n".join(stf) + "\n")
    os.makedirs(os.path.join(HERE, "pcaps"), exist_ok=True)
    write_pcap(os.path.join(HERE, "pcaps", "in-port1.pcap"), inside)
    write_pcap(os.path.join(HERE, "pcaps", "in-port2.pcap"), outside)


if __name__ == "__main__":
    main()
