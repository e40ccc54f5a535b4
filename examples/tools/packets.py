"""Tiny packet builders and a pcap writer for the examples (python3 standard library only).

Every example's make-pcaps.py imports this to write its sample pcaps and to print the hex of the
packets its STF file uses, so the checksums in the STF files are computed, not typed by hand.
"""
import struct


def mac(text):
    return bytes(int(b, 16) for b in text.split(":"))


def ip4(text):
    return bytes(int(b) for b in text.split("."))


def csum(data):
    """The Internet checksum (RFC 1071) of data."""
    if len(data) % 2:
        data += b"\x00"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ether(dst, src, ethertype):
    return mac(dst) + mac(src) + struct.pack("!H", ethertype)


def ipv4(src, dst, proto, payload, ttl=64, ident=0, tos=0, checksum=None):
    total = 20 + len(payload)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, tos, total, ident, 0, ttl, proto, 0, ip4(src), ip4(dst))
    c = csum(hdr) if checksum is None else checksum
    return hdr[:10] + struct.pack("!H", c) + hdr[12:] + payload


def pseudo(src, dst, proto, length):
    return ip4(src) + ip4(dst) + struct.pack("!BBH", 0, proto, length)


def udp(src, dst, sport, dport, payload, checksum=True):
    length = 8 + len(payload)
    hdr = struct.pack("!HHHH", sport, dport, length, 0)
    c = csum(pseudo(src, dst, 17, length) + hdr + payload) if checksum else 0
    return struct.pack("!HHHH", sport, dport, length, c) + payload


def tcp(src, dst, sport, dport, payload=b"", flags=0x02, seq=1):
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 5 << 4, flags, 8192, 0, 0)
    c = csum(pseudo(src, dst, 6, len(hdr) + len(payload)) + hdr + payload)
    return hdr[:16] + struct.pack("!H", c) + hdr[18:] + payload


def icmp_echo(ident=1, seq=1, payload=b"ping"):
    hdr = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
    c = csum(hdr + payload)
    return struct.pack("!BBHHH", 8, 0, c, ident, seq) + payload


def arp_request(sha, spa, tpa):
    return struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + mac(sha) + ip4(spa) + b"\x00" * 6 + ip4(tpa)


def write_pcap(path, packets, linktype=1):
    """Writes packets to a classic little-endian pcap. Each is bytes (sent i ms after the start) or a (seq, bytes) pair
    (sent seq ms after the start): the demo replays all of an example's in-portN.pcap files merged by timestamp."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype))
        for i, p in enumerate(packets):
            seq, data = p if isinstance(p, tuple) else (i, p)
            f.write(struct.pack("<IIII", 1_700_000_000, seq * 1000, len(data), len(data)))
            f.write(data)


def hexs(data):
    """Hex grouped in 4-byte words, as the STF files show packets."""
    h = data.hex()
    return " ".join(h[i:i + 8] for i in range(0, len(h), 8))


def iphex(text):
    """An IPv4 address as the 0x… number STF files use."""
    return "0x" + ip4(text).hex()
