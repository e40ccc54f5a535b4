#!/usr/bin/env python3
"""Writes the l4-lb sample pcap (pcaps/in-port1.pcap: 24 client flows, four of them with a later packet) and its STF test (l4_lb.stf).

pick_member below is the data plane's member choice written again in Python (CRC32 of the selector key fields, modulo the
group's member count), so the expected backend of each packet is computed independently of the switch.
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
# Backends of the VIP's group: (MAC, port), one selector member each, in the group's slot order (member handle = index).
BACKENDS = [("00:00:00:00:0b:01", 2), ("00:00:00:00:0b:02", 3), ("00:00:00:00:0b:03", 4)]


def flow_hash(src, dst, proto, sport, dport):
    """The selector's hash: CRC32 (IEEE, zlib's) over the selector key fields in key order — srcAddr, dstAddr, srcPort,
    dstPort, protocol — packed big-endian (13 bytes)."""
    return zlib.crc32(ip4(src) + ip4(dst) + struct.pack("!HHB", sport, dport, proto))


def pick_member(src, dst, proto, sport, dport, members):
    """The group's slot the data plane runs: the 32-bit hash modulo the number of members (slots in the order they joined)."""
    return flow_hash(src, dst, proto, sport, dport) % members


def main():
    stf = ["# l4-lb STF test, written by make-pcaps.py (do not edit by hand).",
           "# One member per backend (handles 0, 1, 2), group 0 holding them in that order, the VIP's entry running group 0."]
    for m, p in BACKENDS:
        stf.append("act_prof_create_member backends set_backend(dmac:0x%s, port:%d)" % (m.replace(":", ""), p))
    stf.append("act_prof_create_group backends")
    for i in range(len(BACKENDS)):
        stf.append("act_prof_add_member_to_group backends %d 0" % i)
    stf.append("table_indirect_add_with_group lb vip:%s protocol:6 vport:80 => 0" % iphex(VIP))
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
        h = flow_hash(client, VIP, 6, sport, 80)
        b = pick_member(client, VIP, 6, sport, 80, len(BACKENDS))
        m, p = BACKENDS[b]
        per_backend[b] += 1
        out = mac(m) + f[6:]
        send("flow %s:%d -> crc32 0x%08x mod %d = %d -> backend %s on port %d" % (client, sport, h, len(BACKENDS), b, m, p), f, (p, hexs(out)))
    # Later packets of four of the flows (ACK with data, another IP id): only the 5-tuple is hashed, so the same backend.
    for i in (0, 6, 12, 18):
        client = "198.18.%d.%d" % (i // 8, 10 + i)
        sport = 30000 + 7 * i
        data = b"GET / HTTP/1.0\r\n\r\n"
        f = ether(LB_MAC, CLIENT_GW, 0x0800) + ipv4(client, VIP, 6, tcp(client, VIP, sport, 80, data, flags=0x18, seq=2), ident=100 + i)
        b = pick_member(client, VIP, 6, sport, 80, len(BACKENDS))
        m, p = BACKENDS[b]
        per_backend[b] += 1
        send("flow %s:%d again (ACK with data): the same backend %s on port %d" % (client, sport, m, p), f, (p, hexs(mac(m) + f[6:])))
    f = ether(LB_MAC, CLIENT_GW, 0x0800) + ipv4("198.18.9.9", VIP, 17, udp("198.18.9.9", VIP, 999, 80, b"udp"), ident=99)
    send("UDP to the VIP: no such service, dropped", f, None)
    f = ether(LB_MAC, CLIENT_GW, 0x0800) + ipv4("198.18.9.9", "10.0.0.101", 6, tcp("198.18.9.9", "10.0.0.101", 999, 80), ident=98)
    send("TCP to another address: dropped", f, None)
    stf.append("")
    stf.append("# packets per backend, counted by backend_packets (indexed by the backend's port)")
    for (m, p), n in zip(BACKENDS, per_backend):
        stf.append("check_counter backend_packets(%d) packets == %d" % (p, n))

    with open(os.path.join(HERE, "l4_lb.stf"), "w") as out:
        out.write("\n".join(stf) + "\n")
    os.makedirs(os.path.join(HERE, "pcaps"), exist_ok=True)
    write_pcap(os.path.join(HERE, "pcaps", "in-port1.pcap"), packets)


if __name__ == "__main__":
    main()
