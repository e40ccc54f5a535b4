#!/usr/bin/env python3
"""Writes the xdp-ddos sample pcap (pcaps/in-port1.pcap) and its STF test (xdp_ddos.stf).

The pcap is one second of traffic: a client network (203.0.113.0/24) sends 10 packets per second while an attacker
network (198.18.0.0/24) floods 200 UDP packets per second and a pre-blocked network (192.0.2.0/24) keeps trying.
Replayed by `p4bpf demo xdp-ddos`, the controller sees the flood in the counters and blocks 198.18.0.0/24 within
its first polling interval (100 ms of capture time).
Run from anywhere: python3 examples/xdp-ddos/make-pcaps.py
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from packets import ether, ipv4, udp, tcp, hexs, iphex, csum  # noqa: E402

SERVER, SRV_MAC, GW = "10.0.0.5", "00:00:00:00:00:05", "00:00:00:00:00:fe"


def frame(src, proto, l4, ident, flags=0):
    f = ether(SRV_MAC, GW, 0x0800) + ipv4(src, SERVER, proto, l4, ident=ident)
    if flags:
        ip = bytearray(f[14:34])
        ip[6:8] = struct.pack("!H", flags)
        ip[10:12] = b"\x00\x00"
        ip[10:12] = struct.pack("!H", csum(bytes(ip)))
        f = f[:14] + bytes(ip) + f[34:]
    return f


def flood(i):
    src = "198.18.0.%d" % (1 + i % 250)
    return frame(src, 17, udp(src, SERVER, 1024 + i, 53, b"\x00" * 32), i)


def client(i):
    src = "203.0.113.%d" % (10 + i % 5)
    return frame(src, 6, tcp(src, SERVER, 40000 + i, 443), 5000 + i)


def blocked(i):
    src = "192.0.2.%d" % (1 + i)
    return frame(src, 6, tcp(src, SERVER, 1000 + i, 22), 6000 + i)


def write_timed_pcap(path, timed):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for usec, data in sorted(timed, key=lambda t: t[0]):
            f.write(struct.pack("<IIII", 1_700_000_000 + usec // 1_000_000, usec % 1_000_000, len(data), len(data)))
            f.write(data)


def main():
    stf = ["# xdp-ddos STF test, written by make-pcaps.py (do not edit by hand).",
           "# controller.cs starts with these entries: watch slots 1 and 2, 192.0.2.0/24 blocked in slot 3.",
           "add watch hdr.ipv4.srcAddr:%s/24 observe(slot:1)" % iphex("203.0.113.0"),
           "add watch hdr.ipv4.srcAddr:%s/24 observe(slot:2)" % iphex("198.18.0.0"),
           "add blocklist hdr.ipv4.srcAddr:%s/24 block(slot:3)" % iphex("192.0.2.0")]

    def send(comment, f, passes):
        stf.append("")
        stf.append("# " + comment)
        stf.append("packet 1 %s" % hexs(f))
        if passes:
            stf.append("expect 1 %s $" % hexs(f))

    send("a client: passes, counted in seen[1]", client(0), True)
    for i in range(3):
        send("the flood before the controller reacts: passes, counted in seen[2]", flood(i), True)
    send("the pre-blocked network: dropped, counted in dropped[3]", blocked(0), False)
    send("a fragment (MF set) from a client: dropped", frame("203.0.113.10", 17, udp("203.0.113.10", SERVER, 5, 5, b"frag"), 77, flags=0x2000), False)
    send("non-IPv4 (ARP-type frame): passes untouched", ether(SRV_MAC, GW, 0x0806) + b"\x00" * 28, True)
    stf.append("")
    stf.append("# the controller sees 198.18.0.0/24 over its rate and blocks it (slot 2)")
    stf.append("add blocklist hdr.ipv4.srcAddr:%s/24 block(slot:2)" % iphex("198.18.0.0"))
    for i in range(3, 5):
        send("the flood after the block: dropped at XDP", flood(i), False)
    send("the client still passes", client(1), True)
    stf.append("")
    stf.append("check_counter seen(1) packets == 2")
    stf.append("check_counter seen(2) packets == 3")
    stf.append("check_counter dropped(2) packets == 2")
    stf.append("check_counter dropped(3) packets == 1")
    with open(os.path.join(HERE, "xdp_ddos.stf"), "w") as out:
        out.write("\n".join(stf) + "\n")

    timed = []
    for i in range(10):
        timed.append((i * 100_000 + 5_000, client(i)))
    for i in range(200):
        timed.append((i * 5_000 + 1_000, flood(i)))
    for i in range(5):
        timed.append((i * 200_000 + 7_000, blocked(i)))
    os.makedirs(os.path.join(HERE, "pcaps"), exist_ok=True)
    write_timed_pcap(os.path.join(HERE, "pcaps", "in-port1.pcap"), timed)


if __name__ == "__main__":
    main()
