#!/usr/bin/env python3
"""Writes the acl-firewall sample pcaps (pcaps/in-port1.pcap inside, in-port2.pcap outside) and its STF test.

Run from anywhere: python3 examples/acl-firewall/make-pcaps.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from packets import ether, ipv4, udp, tcp, arp_request, hexs, write_pcap, iphex  # noqa: E402

GW, HOST = "00:00:00:00:00:fe", "00:00:00:00:00:01"

RULES = [
    # (comment, handle, src, dst, proto, sport, dport, action, P4Runtime priority)
    ("block the quarantined subnet 10.1.66.0/24 entirely", "quarantine",
     ("10.1.66.0", 0xFFFFFF00), None, None, None, None, "deny", 40),
    ("inside hosts may open web connections (TCP 80..443)", "web",
     ("10.1.0.0", 0xFFFF0000), None, 6, None, (80, 443), "permit", 30),
    ("inside hosts may use DNS (UDP 53)", "dns",
     ("10.1.0.0", 0xFFFF0000), None, 17, None, (53, 53), "permit", 20),
    ("anyone may reach the bastion 10.1.0.10 on SSH", "ssh",
     None, ("10.1.0.10", 0xFFFFFFFF), 6, None, (22, 22), "permit", 10),
]


def stf_rule(rule):
    comment, handle, src, dst, proto, sport, dport, action, _ = rule
    keys = []
    if src:
        keys.append("hdr.ipv4.srcAddr:%s&&&0x%08x" % (iphex(src[0]), src[1]))
    if dst:
        keys.append("hdr.ipv4.dstAddr:%s&&&0x%08x" % (iphex(dst[0]), dst[1]))
    if proto:
        keys.append("hdr.ipv4.protocol:%d&&&0xff" % proto)
    keys.append("meta.srcPort:%d->%d" % (sport or (0, 0xFFFF)))
    keys.append("meta.dstPort:%d->%d" % (dport or (0, 0xFFFF)))
    return ["# " + comment, "add acl %s %s() = %s" % (" ".join(keys), action, handle)]


def main():
    stf = ["# acl-firewall STF test, written by make-pcaps.py (do not edit by hand).",
           "# Rules without a priority: earlier lines win (controller.cs gives the same order as P4Runtime priorities)."]
    for r in RULES:
        stf += stf_rule(r)
    inside, outside = [], []

    def send(comment, port, f, out):
        stf.append("")
        stf.append("# " + comment)
        stf.append("packet %d %s" % (port, hexs(f)))
        if out is not None:
            stf.append("expect %d %s $" % (out, hexs(f)))
        (inside if port == 1 else outside).append((len(inside) + len(outside), f))

    def ip(src, dst, proto, l4, ident):
        return ether(GW if src.startswith("10.") else HOST, HOST if src.startswith("10.") else GW, 0x0800) \
            + ipv4(src, dst, proto, l4, ident=ident)

    web = [ip("10.1.2.3", "93.184.216.34", 6, tcp("10.1.2.3", "93.184.216.34", 50000, 80), 1),
           ip("10.1.2.3", "93.184.216.34", 6, tcp("10.1.2.3", "93.184.216.34", 50001, 443), 2)]
    send("web from inside: permitted (rule web)", 1, web[0], 2)
    send("HTTPS from inside: permitted (443 is in 80..443)", 1, web[1], 2)
    send("TCP 8080 from inside: no rule, denied", 1, ip("10.1.2.3", "93.184.216.34", 6, tcp("10.1.2.3", "93.184.216.34", 50002, 8080), 3), None)
    send("web from the quarantined subnet: rule quarantine outranks rule web", 1, ip("10.1.66.7", "93.184.216.34", 6, tcp("10.1.66.7", "93.184.216.34", 50003, 80), 4), None)
    send("DNS from inside: permitted (rule dns)", 1, ip("10.1.2.3", "8.8.8.8", 17, udp("10.1.2.3", "8.8.8.8", 53000, 53, b"\x12\x34query"), 5), 2)
    send("SSH from outside to the bastion: permitted into port 1", 2, ip("203.0.113.9", "10.1.0.10", 6, tcp("203.0.113.9", "10.1.0.10", 40000, 22), 6), 1)
    send("SSH from outside to another host: denied", 2, ip("203.0.113.9", "10.1.0.11", 6, tcp("203.0.113.9", "10.1.0.11", 40001, 22), 7), None)
    send("ARP is not IPv4: dropped", 1, ether("ff:ff:ff:ff:ff:ff", HOST, 0x0806) + arp_request(HOST, "10.1.2.3", "10.1.0.1"), None)
    stf.append("")
    stf.append("# the rules' direct counters")
    stf.append("check_counter acl_hits($web) packets == 2")
    stf.append("check_counter acl_hits($web) bytes == %d" % sum(len(f) for f in web))
    stf.append("check_counter acl_hits($quarantine) packets == 1")
    stf.append("check_counter acl_hits($dns) packets == 1")
    stf.append("check_counter acl_hits($ssh) packets == 1")

    with open(os.path.join(HERE, "acl_firewall.stf"), "w") as out:
        out.write("\n".join(stf) + "\n")
    os.makedirs(os.path.join(HERE, "pcaps"), exist_ok=True)
    write_pcap(os.path.join(HERE, "pcaps", "in-port1.pcap"), inside)
    write_pcap(os.path.join(HERE, "pcaps", "in-port2.pcap"), outside)


if __name__ == "__main__":
    main()
