#!/usr/bin/env python3
"""Writes the l4-lb sample pcap (pcaps/in-port1.pcap: 24 client flows, some repeated) and its STF test (l4_lb.stf).

flow_hash below is the program's 5-tuple hash (PSA Hash, CRC32) written again in Python, so the expected backend of each packet is
computed independently of the switch.
Run from anywhere: python3 examples/l4-lb/make-pcaps.py
"""
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from packets import ether, ipv4, tcp, udp, ip4, mac, hexs, write_pcap, iphex  # noqa: E402

VIP = "10.0.0.100"
LB_MAC, CLIENT_GW = "00:00:00:00:00:64", "00:00:00:00:01:fe"
# Backends of group 1 (TCP 80): (MAC, port). Bucket b is served by BACKENDS[b % 3].
BACKENDS = [("00:00:00:00:0b:01", 2), ("00:00:00:00:0b:02", 3), ("00:00:00:00:0b:03", 4)]
BUCKETS = 16


def flow_hash(src, dst, proto, sport, dport):
    """The program's bucket: the low 4 bits of CRC32 over (src, dst, sport, dport, proto) in network byte order."""
    return zlib.crc32(ip4(src) + ip4(dst) + struct.pack("!HHB", sport, dport, proto)) & 0xF


def main():
    stf = ["# l4-lb STF test, written by make-pcaps.py (do not edit by hand).",
           "add vip hdr.ipv4.dstAddr:%s hdr.ipv4.protocol:6 hdr.l4.dstPort:80 to_group(group:1)" % iphex(VIP)]
    for b in range(BUCKETS):
        m, p = BACKENDS[b % len(BACKENDS)]
        stf.append("add members meta.group:1 meta.bucket:%d to_backend(dmac:0x%s, port:%d)" % (b, m.replace(":", ""), p))
    packets = []
    per_backend = [0] * len(BACKENDS)

    def send(comment, f, out):
        stf.append("")
        stf.append("# " + comment)
        stf.append("packet 1 %s" % hexs(f))
        if out is not None:
            stf.append("expect %d %s $" % out)
        packets.append(f)

    for i in range(24):
        client = "198.18.%d.%d" % (i // 8, 10 + i)
        sport = 30000 + 7 * i
        f = ether(LB_MAC, CLIENT_GW, 0x0800) + ipv4(client, VIP, 6, tcp(client, VIP, sport, 80), ident=i)
        b = flow_hash(client, VIP, 6, sport, 80)
        m, p = BACKENDS[b % len(BACKENDS)]
        per_backend[b % len(BACKENDS)] += 1
        out = mac(m) + f[6:]
        send("flow %s:%d -> bucket %d -> backend %s on port %d" % (client, sport, b, m, p), f, (p, hexs(out)))
        if i % 6 == 0:
            per_backend[b % len(BACKENDS)] += 1
            send("the same flow again: the same backend", f, (p, hexs(out)))
    f = ether(LB_MAC, CLIENT_GW, 0x0800) + ipv4("198.18.9.9", VIP, 17, udp("198.18.9.9", VIP, 999, 80, b"udp"), ident=99)
    send("UDP to the VIP: no such service, dropped", f, None)
    f = ether(LB_MAC, CLIENT_GW, 0x0800) + ipv4("198.18.9.9", "10.0.0.101", 6, tcp("198.18.9.9", "10.0.0.101", 999, 80), ident=98)
    send("TCP to another address: dropped", f, None)
    stf.append("")
    stf.append("# packets per backend: %s" % ", ".join("%s %d" % (BACKENDS[i][0], n) for i, n in enumerate(per_backend)))

    with open(os.path.join(HERE, "l4_lb.stf"), "w") as out:
        out.write("\n".join(stf) + "\n")
    os.makedirs(os.path.join(HERE, "pcaps"), exist_ok=True)
    write_pcap(os.path.join(HERE, "pcaps", "in-port1.pcap"), packets)


if __name__ == "__main__":
    main()
