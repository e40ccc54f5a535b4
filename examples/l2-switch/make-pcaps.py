#!/usr/bin/env python3
"""Writes the l2-switch sample pcaps (pcaps/in-port1.pcap, in-port2.pcap) and its STF test (l2_switch.stf).

The STF test plays the controller's part by hand: after a packet that sends a learning digest it adds the learnt address,
as Controller.cs does when the digest list arrives. (STF has no command to check digests; ExampleDigestTests checks them.)
Run from anywhere: python3 examples/l2-switch/make-pcaps.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from packets import ether, ipv4, udp, hexs, write_pcap  # noqa: E402

PORTS = [1, 2, 3, 4]
H1, H2 = "00:00:00:00:00:01", "00:00:00:00:00:02"


def frame(src, dst, text, ident):
    return ether(dst, src, 0x0800) + ipv4("10.0.0.%d" % int(src[-2:], 16), "10.0.0.%d" % (int(dst[-2:], 16) % 255), 17,
                                          udp("10.0.0.1", "10.0.0.2", 1000, 2000, text), ident=ident)


def main():
    stf = ["# l2-switch STF test, written by make-pcaps.py (do not edit by hand).",
           "# Flood group 1 holds every port (one node per port).",
           "mc_mgrp_create 1"]
    for i, p in enumerate(PORTS):
        stf.append("mc_node_create %d %d" % (p, p))
        stf.append("mc_node_associate 1 %d" % i)
    port1, port2 = [], []

    def send(comment, port, f, out_ports, learn):
        stf.append("")
        stf.append("# " + comment)
        stf.append("packet %d %s" % (port, hexs(f)))
        for p in out_ports:
            stf.append("expect %d %s $" % (p, hexs(f)))
        if learn:
            stf.append("# digest learn_t {srcAddr: 0x%s, ingress_port: %d} goes to the controller" % (hexs(f[6:12]).replace(" ", ""), port))
        (port1 if port == 1 else port2).append((len(port1) + len(port2), f))

    send("h1 -> h2, both unknown: flooded to ports 2, 3, 4 (not back to 1); a digest reports h1",
         1, frame(H1, H2, b"who is h2", 1), [2, 3, 4], True)
    stf.append("# the controller learns h1 on port 1")
    stf.append("add smac hdr.ethernet.srcAddr:0x%s NoAction()" % H1.replace(":", ""))
    stf.append("add dmac hdr.ethernet.dstAddr:0x%s forward(port:1)" % H1.replace(":", ""))
    send("h2 -> h1: h1 is known, so only port 1; a digest reports h2", 2, frame(H2, H1, b"hi h1", 2), [1], True)
    stf.append("# the controller learns h2 on port 2")
    stf.append("add smac hdr.ethernet.srcAddr:0x%s NoAction()" % H2.replace(":", ""))
    stf.append("add dmac hdr.ethernet.dstAddr:0x%s forward(port:2)" % H2.replace(":", ""))
    send("h1 -> h2: unicast to port 2, no digest (h1 is known)", 1, frame(H1, H2, b"hello again", 3), [2], False)
    send("broadcast from h2: flooded to 1, 3, 4", 2, frame(H2, "ff:ff:ff:ff:ff:ff", b"everyone", 4), [1, 3, 4], False)

    with open(os.path.join(HERE, "l2_switch.stf"), "w") as out:
        out.write("\n".join(stf) + "\n")
    os.makedirs(os.path.join(HERE, "pcaps"), exist_ok=True)
    # The demo replays port 1's packets, then port 2's, so the controller has learnt h1 before h2 answers.
    write_pcap(os.path.join(HERE, "pcaps", "in-port1.pcap"), port1)
    write_pcap(os.path.join(HERE, "pcaps", "in-port2.pcap"), port2)


if __name__ == "__main__":
    main()
