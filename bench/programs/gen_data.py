#!/usr/bin/env python3
"""Writes the benchmark packets and map contents into OUTDIR:
  pkt_hash_hit.bin, pkt_lpm_hit.bin, pkt_miss.bin  64-byte Ethernet/IPv4/UDP frames (valid IPv4 checksum)
  hash_{kernel,engine}.txt   1000 entries 10.1.x.y -> MAC, as bpftool batch lines (pinned path / map name)
  lpm_{kernel,engine}.txt    1000 prefixes: 10/8, 49 x /16, 450 x /24, 500 x /32, all nested under 10/8
The hash hit is 10.1.2.3; the LPM hit 10.1.0.1 is a /32 under 10.1.0.0/24, 10.1.0.0/16 and 10/8 (the deep path)."""
import struct
import sys

out = sys.argv[1]
kernel_pin = sys.argv[2] if len(sys.argv) > 2 else "/sys/fs/bpf/p4bpf_jitbench"


def csum(data):
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def packet(dst):
    eth = bytes.fromhex("020000000001") + bytes.fromhex("020000000002") + b"\x08\x00"
    total = 64 - 14
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, 1, 0, 64, 17, 0, bytes([192, 0, 2, 1]), bytes(dst))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    udp = struct.pack("!HHHH", 1234, 5678, total - 20, 0)
    frame = eth + ip + udp
    return frame + bytes(64 - len(frame))


def mac(i):
    return [0x02, 0x10, (i >> 16) & 0xFF, (i >> 8) & 0xFF, i & 0xFF, 0x01, 0, 0]


def hexs(bs):
    return " ".join("%02x" % b for b in bs)


open(f"{out}/pkt_hash_hit.bin", "wb").write(packet([10, 1, 2, 3]))
open(f"{out}/pkt_lpm_hit.bin", "wb").write(packet([10, 1, 0, 1]))
open(f"{out}/pkt_miss.bin", "wb").write(packet([192, 168, 1, 1]))

hash_entries = []
for i in range(1000):
    addr = [10, 1, i // 250, i % 250 + 1]  # includes the hit 10.1.2.3 (i = 502)
    hash_entries.append((addr, mac(i)))
assert len({tuple(a) for a, _ in hash_entries}) == 1000

lpm_entries = [(8, [10, 0, 0, 0])]
lpm_entries += [(16, [10, k, 0, 0]) for k in range(1, 50)]
lpm_entries += [(24, [10, 1 + k % 49, k // 49, 0]) for k in range(450)]
lpm_entries += [(32, [10, 1 + k % 49, (k // 49) % 10, 1 + k // 490]) for k in range(500)]
assert len({(p, tuple(a)) for p, a in lpm_entries}) == 1000


def write(name, map_name, entries, key):
    with open(f"{out}/{name}_kernel.txt", "w") as k, open(f"{out}/{name}_engine.txt", "w") as e:
        for i, entry in enumerate(entries):
            kb, vb = key(entry), mac(i)
            k.write(f"map update pinned {kernel_pin}/{name}_maps/{map_name} key hex {hexs(kb)} value hex {hexs(vb)}\n")
            e.write(f"map update name {map_name} key hex {hexs(kb)} value hex {hexs(vb)}\n")


write("hash", "next_hops", hash_entries, lambda e: e[0])
write("lpm", "routes", lpm_entries, lambda e: list(struct.pack("<I", e[0])) + e[1])
