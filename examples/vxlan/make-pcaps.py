#!/usr/bin/env python3
"""Writes the vxlan sample pcaps (pcaps/in-port1.pcap access side, in-port2.pcap underlay side) and its STF test.

Run from anywhere: python3 examples/vxlan/make-pcaps.py
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from packets import ether, ipv4, udp, icmp_echo, mac, hexs, write_pcap, iphex  # noqa: E402

LOCAL_MAC, LOCAL_IP = "00:00:00:00:aa:01", "172.16.0.1"
REMOTE_MAC, REMOTE_IP = "00:00:00:00:bb:01", "172.16.0.2"
VM1, VM2, VM3 = "02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:00:03"
VNI = 5001


def vxlan(vni, inner, src_mac, dst_mac, src_ip, dst_ip, sport=None, ident=0):
    if sport is None:
        sport = 0xC000 | ((int.from_bytes(inner[6:12], "big") ^ int.from_bytes(inner[0:6], "big")) & 0x3FFF)
    payload = struct.pack("!BBHI", 0x08, 0, 0, vni << 8) + inner
    u = struct.pack("!HHHH", sport, 4789, 8 + len(payload), 0) + payload
    ip = ipv4(src_ip, dst_ip, 17, u, ident=ident)
    ip = ip[:6] + struct.pack("!H", 0x4000) + ip[8:]  # DF, as the program sets it; checksum redone below
    from packets import csum
    ip = ip[:10] + b"\x00\x00" + ip[12:]
    ip = ip[:10] + struct.pack("!H", csum(ip[:20])) + ip[12:]
    return ether(dst_mac, src_mac, 0x0800) + ip


def main():
    stf = ["# vxlan STF test, written by make-pcaps.py (do not edit by hand).",
           "add vxlan_encap hdr.ethernet.dstAddr:0x%s encap(vni:%d, local_mac:0x%s, local_ip:%s, remote_mac:0x%s, remote_ip:%s)"
           % (VM2.replace(":", ""), VNI, LOCAL_MAC.replace(":", ""), iphex(LOCAL_IP), REMOTE_MAC.replace(":", ""), iphex(REMOTE_IP)),
           "add vtep_ip hdr.ipv4.dstAddr:%s NoAction()" % iphex(LOCAL_IP),
           "add vxlan_decap hdr.vxlan.vni:%d decap(port:1)" % VNI]
    access, underlay = [], []

    def send(comment, port, f, expect):
        stf.append("")
        stf.append("# " + comment)
        stf.append("packet %d %s" % (port, hexs(f)))
        if expect:
            stf.append("expect %d %s $" % (expect[0], hexs(expect[1])))
        (access if port == 1 else underlay).append((len(access) + len(underlay), f))

    inner = ether(VM2, VM1, 0x0800) + ipv4("10.10.0.1", "10.10.0.2", 1, icmp_echo(7, 1, b"over the tunnel"), ident=1)
    send("vm1 -> vm2 (behind the remote VTEP): encapsulated with VNI 5001 towards 172.16.0.2", 1, inner,
         (2, vxlan(VNI, inner, LOCAL_MAC, REMOTE_MAC, LOCAL_IP, REMOTE_IP)))
    reply = ether(VM1, VM2, 0x0800) + ipv4("10.10.0.2", "10.10.0.1", 17, udp("10.10.0.2", "10.10.0.1", 7, 7, b"echo"), ident=2)
    send("vm2's reply arrives encapsulated from the remote VTEP: decapsulated to the access port", 2,
         vxlan(VNI, reply, REMOTE_MAC, LOCAL_MAC, REMOTE_IP, LOCAL_IP, sport=49999, ident=9), (1, reply))
    send("a frame for an unknown MAC: dropped", 1, ether(VM3, VM1, 0x0800) + ipv4("10.10.0.1", "10.10.0.3", 17, udp("10.10.0.1", "10.10.0.3", 1, 1, b"?")), None)
    send("VXLAN with an unknown VNI: dropped", 2, vxlan(VNI + 1, reply, REMOTE_MAC, LOCAL_MAC, REMOTE_IP, LOCAL_IP, sport=49999), None)
    send("VXLAN for another VTEP address: dropped", 2, vxlan(VNI, reply, REMOTE_MAC, LOCAL_MAC, REMOTE_IP, "172.16.0.9", sport=49999), None)

    with open(os.path.join(HERE, "vxlan.stf"), "w") as out:
        out.write("\n".join(stf) + "\n")
    os.makedirs(os.path.join(HERE, "pcaps"), exist_ok=True)
    write_pcap(os.path.join(HERE, "pcaps", "in-port1.pcap"), access)
    write_pcap(os.path.join(HERE, "pcaps", "in-port2.pcap"), underlay)


if __name__ == "__main__":
    main()
