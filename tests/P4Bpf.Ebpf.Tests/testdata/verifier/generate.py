#!/usr/bin/env python3
"""Writes the verifier corpus: small kernel-syntax programs, each with a header giving program type,
maps, expected verdict (and error substring + pc), and where we knowingly differ from the kernel.
Run from this folder: python3 generate.py (it rewrites every generated .s file)."""
import os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
count = 0

def case(folder, name, body, expect, type_="xdp", maps=(), kernel=None, profile=None, comment=None):
    global count
    d = os.path.join(HERE, folder)
    os.makedirs(d, exist_ok=True)
    lines = []
    if comment:
        lines.append(f"# {comment}")
    lines.append(f"# type: {type_}")
    if profile:
        lines.append(f"# profile: {profile}")
    for m in maps:
        lines.append(f"# map: {m}")
    if expect == "accept":
        lines.append("# expect: accept")
    else:
        pc, msg = expect
        lines.append(f'# expect: reject {pc} "{msg}"')
    if kernel:
        lines.append(f"# kernel: {kernel}")
    text = "\n".join(lines) + "\n" + body.strip("\n") + "\n"
    with open(os.path.join(d, name + ".s"), "w") as f:
        f.write(text)
    count += 1

def rej(pc, msg):
    return (pc, msg)

XDP_PKT = """r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
"""
TC_PKT = """r2 = *(u32 *)(r1 + 76)
r3 = *(u32 *)(r1 + 80)
"""
SIZES = {1: "u8", 2: "u16", 4: "u32", 8: "u64"}
HASH = "m hash key=4 value=16 entries=64"
ARRAY = "a array key=4 value=64 entries=8"

def gen_packet():
    # Bounds proven with each comparison form, both branch directions; access at the last byte and one past.
    forms = {
        "gt_fall": ("if r4 > r3 goto drop", "fall"),
        "lt_rev_fall": ("if r3 < r4 goto drop", "fall"),
        "le_taken": ("if r4 <= r3 goto ok", "taken"),
        "ge_rev_taken": ("if r3 >= r4 goto ok", "taken"),
    }
    for fname, (cond, where) in forms.items():
        for size, t in SIZES.items():
            for n in (14, 34):
                for edge, off in (("last", n - size), ("past", n - size + 1)):
                    if where == "fall":
                        body = XDP_PKT + f"r4 = r2\nr4 += {n}\n{cond}\nr0 = *({t} *)(r2 + {off})\nr0 = 2\nexit\ndrop:\nr0 = 1\nexit\n"
                        pc = 5
                    else:
                        body = XDP_PKT + f"r4 = r2\nr4 += {n}\n{cond}\nr0 = 1\nexit\nok:\nr0 = *({t} *)(r2 + {off})\nr0 = 2\nexit\n"
                        pc = 7
                    exp = "accept" if edge == "last" else rej(pc, f"invalid access to packet, off={off} size={size}, R2(id=0,off=0,r={n})")
                    case("packet", f"{fname}_{t}_{n}_{edge}", body, exp)
    # The open forms (ptr >= end false / ptr < end true) prove one byte more.
    case("packet", "ge_open_fall_exact", XDP_PKT + "r4 = r2\nr4 += 14\nif r4 >= r3 goto drop\nr0 = *(u8 *)(r2 + 14)\nr0 = 2\nexit\ndrop:\nr0 = 1\nexit\n", "accept")
    case("packet", "ge_open_fall_past", XDP_PKT + "r4 = r2\nr4 += 14\nif r4 >= r3 goto drop\nr0 = *(u8 *)(r2 + 15)\nr0 = 2\nexit\ndrop:\nr0 = 1\nexit\n",
         rej(5, "invalid access to packet, off=15 size=1"))
    case("packet", "lt_open_taken_exact", XDP_PKT + "r4 = r2\nr4 += 14\nif r4 < r3 goto ok\nr0 = 1\nexit\nok:\nr0 = *(u8 *)(r2 + 14)\nr0 = 2\nexit\n", "accept")
    # Access on the wrong side of the check.
    case("packet", "access_in_drop_branch", XDP_PKT + "r4 = r2\nr4 += 14\nif r4 > r3 goto drop\nr0 = 2\nexit\ndrop:\nr0 = *(u8 *)(r2 + 0)\nexit\n",
         rej(7, "invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)"))
    case("packet", "no_check", "r2 = *(u32 *)(r1 + 0)\nr2 += 14\nr0 = *(u8 *)(r2 + 0)\nr0 = 2\nexit\n",
         rej(2, "invalid access to packet, off=14 size=1, R2(id=0,off=14,r=0)"))
    case("packet", "negative_offset", XDP_PKT + "r4 = r2\nr4 += 14\nif r4 > r3 goto drop\nr0 = *(u8 *)(r2 - 1)\ndrop:\nr0 = 1\nexit\n",
         rej(5, "invalid access to packet, off=-1 size=1"))
    case("packet", "check_via_copy", XDP_PKT + "r5 = r2\nr4 = r2\nr4 += 20\nif r4 > r3 goto drop\nr0 = *(u32 *)(r5 + 16)\ndrop:\nr0 = 1\nexit\n", "accept")
    case("packet", "check_on_offset_pointer", XDP_PKT + "r2 += 14\nr4 = r2\nr4 += 20\nif r4 > r3 goto drop\nr0 = *(u32 *)(r2 + 16)\nr0 = *(u8 *)(r2 - 14)\ndrop:\nr0 = 1\nexit\n", "accept")
    case("packet", "write_xdp", XDP_PKT + "r4 = r2\nr4 += 6\nif r4 > r3 goto drop\n*(u16 *)(r2 + 4) = 0\nr5 = 7\n*(u32 *)(r2 + 0) = r5\ndrop:\nr0 = 1\nexit\n", "accept")
    case("packet", "write_past_range", XDP_PKT + "r4 = r2\nr4 += 6\nif r4 > r3 goto drop\n*(u32 *)(r2 + 4) = 0\ndrop:\nr0 = 1\nexit\n",
         rej(5, "invalid access to packet, off=4 size=4"))
    # Variable offsets: a new id, so they need their own check.
    case("packet", "var_offset_checked", XDP_PKT + "r4 = r2\nr4 += 1\nif r4 > r3 goto drop\nr5 = *(u8 *)(r2 + 0)\nr5 &= 15\nr2 += r5\nr4 = r2\nr4 += 4\nif r4 > r3 goto drop\nr0 = *(u32 *)(r2 + 0)\ndrop:\nr0 = 1\nexit\n", "accept")
    case("packet", "var_offset_unchecked", XDP_PKT + "r4 = r2\nr4 += 20\nif r4 > r3 goto drop\nr5 = *(u8 *)(r2 + 0)\nr5 &= 15\nr2 += r5\nr0 = *(u8 *)(r2 + 0)\ndrop:\nr0 = 1\nexit\n",
         rej(8, "invalid access to packet, off=0 size=1, R2(id=1,off=0,r=0)"))
    case("packet", "var_offset_unbounded", XDP_PKT + "r4 = r2\nr4 += 8\nif r4 > r3 goto drop\nr5 = *(u64 *)(r2 + 0)\nr2 += r5\nr0 = 1\nexit\ndrop:\nr0 = 1\nexit\n",
         rej(6, "math between pkt pointer and register with unbounded min value is not allowed"))
    case("packet", "var_offset_signed_negative", XDP_PKT + "r4 = r2\nr4 += 8\nif r4 > r3 goto drop\nr5 = *(u8 *)(r2 + 0)\nr5 -= 100\nr2 += r5\nr4 = r2\nr4 += 4\nif r4 > r3 goto drop\nr0 = *(u32 *)(r2 + 0)\ndrop:\nr0 = 1\nexit\n",
         rej(11, "R2 min value is negative"))
    case("packet", "pkt_end_deref", XDP_PKT + "r0 = *(u8 *)(r3 + 0)\nexit\n", rej(2, "invalid mem access 'pkt_end'"))
    case("packet", "pkt_end_arith", XDP_PKT + "r3 += 1\nr0 = 1\nexit\n", rej(2, "R3 pointer arithmetic on pkt_end prohibited"))
    case("packet", "pkt_add_pkt", XDP_PKT + "r2 += r3\nr0 = 1\nexit\n", rej(2, "R2 pointer += pointer prohibited"))
    case("packet", "pkt_minus_pkt_ok", XDP_PKT + "r3 -= r2\nr0 = r3\nr0 &= 1\nexit\n", "accept")
    case("packet", "meta_checked", "r2 = *(u32 *)(r1 + 8)\nr3 = *(u32 *)(r1 + 0)\nr4 = r2\nr4 += 4\nif r4 > r3 goto drop\nr0 = *(u32 *)(r2 + 0)\ndrop:\nr0 = 2\nexit\n", "accept")
    case("packet", "meta_unchecked", "r2 = *(u32 *)(r1 + 8)\nr0 = *(u32 *)(r2 + 0)\nr0 = 2\nexit\n", rej(1, "invalid access to packet, off=0 size=4"))
    case("packet", "meta_against_end_no_range", "r2 = *(u32 *)(r1 + 8)\nr3 = *(u32 *)(r1 + 4)\nr4 = r2\nr4 += 4\nif r4 > r3 goto drop\nr0 = *(u32 *)(r2 + 0)\ndrop:\nr0 = 2\nexit\n",
         rej(5, "invalid access to packet, off=0 size=4"))
    case("packet", "adjust_head_invalidates", XDP_PKT + "r6 = r1\nr7 = r2\nr7 += 14\nif r7 > r3 goto drop\nr1 = r6\nr2 = 4\ncall 44\nr0 = *(u8 *)(r7 - 1)\ndrop:\nr0 = 1\nexit\n",
         rej(9, "R7 invalid mem access 'scalar'"))
    case("packet", "adjust_head_reload", XDP_PKT + "r6 = r1\nr1 = r6\nr2 = 4\ncall 44\nr2 = *(u32 *)(r6 + 0)\nr3 = *(u32 *)(r6 + 4)\nr4 = r2\nr4 += 14\nif r4 > r3 goto drop\nr0 = *(u8 *)(r2 + 13)\ndrop:\nr0 = 1\nexit\n", "accept")
    case("packet", "tc_checked", TC_PKT + "r4 = r2\nr4 += 14\nif r4 > r3 goto drop\nr0 = *(u16 *)(r2 + 12)\nr0 = 0\nexit\ndrop:\nr0 = 2\nexit\n", "accept", type_="tc")
    case("packet", "tc_unchecked", TC_PKT + "r0 = *(u16 *)(r2 + 12)\nr0 = 0\nexit\n", rej(2, "invalid access to packet, off=12 size=2"), type_="tc")
    case("packet", "tc_write_checked", TC_PKT + "r4 = r2\nr4 += 14\nif r4 > r3 goto drop\n*(u8 *)(r2 + 0) = 1\ndrop:\nr0 = 2\nexit\n", "accept", type_="tc")
    case("packet", "parse_eth_ip", XDP_PKT + """r4 = r2
r4 += 14
if r4 > r3 goto drop
r5 = *(u16 *)(r2 + 12)
if r5 != 8 goto pass
r4 = r2
r4 += 34
if r4 > r3 goto drop
r5 = *(u8 *)(r2 + 14)
r5 &= 15
r5 <<= 2
r6 = r2
r6 += 14
r6 += r5
r7 = r6
r7 += 8
if r7 > r3 goto drop
r0 = *(u16 *)(r6 + 2)
pass:
r0 = 2
exit
drop:
r0 = 1
exit
""", "accept")
    case("packet", "jmp32_compare_pointer", XDP_PKT + "r4 = r2\nr4 += 14\nif w4 > w3 goto drop\nr0 = *(u8 *)(r2 + 0)\ndrop:\nr0 = 1\nexit\n",
         rej(5, "invalid access to packet"))

def gen_ctx():
    for off, name in ((0, "data"), (4, "data_end"), (8, "data_meta"), (12, "ingress_ifindex"), (16, "rx_queue_index")):
        case("ctx", f"xdp_read_{name}", f"r0 = *(u32 *)(r1 + {off})\nr0 = 2\nexit\n", "accept")
    case("ctx", "xdp_read_egress_ifindex", "r0 = *(u32 *)(r1 + 20)\nr0 = 2\nexit\n", rej(0, "invalid bpf_context access off=20 size=4"))
    case("ctx", "xdp_read_past_end", "r0 = *(u32 *)(r1 + 24)\nr0 = 2\nexit\n", rej(0, "invalid bpf_context access off=24 size=4"))
    for t, sz in (("u8", 1), ("u16", 2), ("u64", 8)):
        case("ctx", f"xdp_read_{t}", f"r0 = *({t} *)(r1 + 0)\nr0 = 2\nexit\n", rej(0, f"invalid bpf_context access off=0 size={sz}"))
    case("ctx", "xdp_misaligned", "r0 = *(u32 *)(r1 + 2)\nr0 = 2\nexit\n", rej(0, "invalid bpf_context access off=2 size=4"))
    case("ctx", "xdp_write", "r2 = 0\n*(u32 *)(r1 + 12) = r2\nr0 = 2\nexit\n", rej(1, "invalid bpf_context access off=12 size=4"))
    case("ctx", "xdp_st_imm", "*(u32 *)(r1 + 12) = 0\nr0 = 2\nexit\n", rej(0, "BPF_ST stores into R1 ctx is not allowed"))
    case("ctx", "modified_ctx", "r1 += 4\nr0 = *(u32 *)(r1 + 0)\nr0 = 2\nexit\n", rej(1, "dereference of modified ctx ptr R1 off=4 disallowed"))
    case("ctx", "ctx_negative", "r0 = *(u32 *)(r1 - 4)\nr0 = 2\nexit\n", rej(0, "invalid bpf_context access off=-4 size=4"))
    case("ctx", "ctx_copy_ok", "r6 = r1\nr0 = *(u32 *)(r6 + 12)\nr0 = 2\nexit\n", "accept")
    case("ctx", "ctx_spilled_ok", "*(u64 *)(r10 - 8) = r1\nr6 = *(u64 *)(r10 - 8)\nr0 = *(u32 *)(r6 + 12)\nr0 = 2\nexit\n", "accept")
    # __sk_buff for tc
    for off, name in ((0, "len"), (4, "pkt_type"), (8, "mark"), (12, "queue_mapping"), (16, "protocol"), (32, "priority"),
                      (36, "ingress_ifindex"), (40, "ifindex"), (44, "tc_index"), (48, "cb0"), (64, "cb4"), (68, "hash"),
                      (72, "tc_classid"), (76, "data"), (80, "data_end"), (140, "data_meta"), (160, "wire_len")):
        case("ctx", f"tc_read_{name}", f"r0 = *(u32 *)(r1 + {off})\nr0 = 0\nexit\n", "accept", type_="tc")
    case("ctx", "tc_read_len_u8", "r0 = *(u8 *)(r1 + 0)\nr0 = 0\nexit\n", "accept", type_="tc")
    case("ctx", "tc_read_len_u16_hi", "r0 = *(u16 *)(r1 + 2)\nr0 = 0\nexit\n", "accept", type_="tc")
    case("ctx", "tc_read_tstamp", "r0 = *(u64 *)(r1 + 152)\nr0 = 0\nexit\n", "accept", type_="tc")
    case("ctx", "tc_read_tstamp_u32", "r0 = *(u32 *)(r1 + 152)\nr0 = 0\nexit\n", rej(0, "invalid bpf_context access off=152 size=4"), type_="tc")
    case("ctx", "tc_read_data_u16", "r0 = *(u16 *)(r1 + 76)\nr0 = 0\nexit\n", rej(0, "invalid bpf_context access off=76 size=2"), type_="tc")
    case("ctx", "tc_read_family", "r0 = *(u32 *)(r1 + 88)\nr0 = 0\nexit\n", rej(0, "invalid bpf_context access off=88 size=4"), type_="tc")
    case("ctx", "tc_read_past_end", "r0 = *(u32 *)(r1 + 192)\nr0 = 0\nexit\n", rej(0, "invalid bpf_context access off=192 size=4"), type_="tc")
    for off, name in ((8, "mark"), (32, "priority"), (44, "tc_index"), (48, "cb0"), (60, "cb3"), (72, "tc_classid"), (12, "queue_mapping")):
        case("ctx", f"tc_write_{name}", f"r2 = 1\n*(u32 *)(r1 + {off}) = r2\nr0 = 0\nexit\n", "accept", type_="tc")
    for off, name in ((0, "len"), (4, "pkt_type"), (16, "protocol"), (68, "hash"), (76, "data")):
        case("ctx", f"tc_write_{name}", f"r2 = 1\n*(u32 *)(r1 + {off}) = r2\nr0 = 0\nexit\n", rej(1, f"invalid bpf_context access off={off} size=4"), type_="tc")
    case("ctx", "tc_write_mark_u16", "r2 = 1\n*(u16 *)(r1 + 8) = r2\nr0 = 0\nexit\n", rej(1, "invalid bpf_context access off=8 size=2"), type_="tc")
    case("ctx", "tc_write_cb_u64", "r2 = 1\n*(u64 *)(r1 + 48) = r2\nr0 = 0\nexit\n", "accept", type_="tc")
    # socket filter
    case("ctx", "socket_read_len", "r0 = *(u32 *)(r1 + 0)\nexit\n", "accept", type_="socket")
    case("ctx", "socket_read_data", "r0 = *(u32 *)(r1 + 76)\nr0 = 0\nexit\n", rej(0, "invalid bpf_context access off=76 size=4"), type_="socket")
    case("ctx", "socket_read_tc_classid", "r0 = *(u32 *)(r1 + 72)\nr0 = 0\nexit\n", rej(0, "invalid bpf_context access off=72 size=4"), type_="socket")
    case("ctx", "socket_write_cb", "r2 = 1\n*(u32 *)(r1 + 48) = r2\nr0 = 0\nexit\n", "accept", type_="socket")
    case("ctx", "socket_write_mark", "r2 = 1\n*(u32 *)(r1 + 8) = r2\nr0 = 0\nexit\n", rej(1, "invalid bpf_context access off=8 size=4"), type_="socket")
    case("ctx", "socket_ld_abs", "r6 = r1\nr0 = *(u8 *)skb[12]\nr0 = 0\nexit\n", "accept", type_="socket")
    case("ctx", "socket_ld_abs_no_r6", "r0 = *(u8 *)skb[12]\nr0 = 0\nexit\n", rej(0, "at the time of BPF_LD_ABS|IND R6 != pointer to skb"), type_="socket")
    case("ctx", "socket_ld_ind", "r6 = r1\nr7 = 2\nr0 = *(u16 *)skb[r7 + 12]\nr0 = 0\nexit\n", "accept", type_="socket")
    case("ctx", "xdp_ld_abs", "r6 = r1\nr0 = *(u8 *)skb[12]\nr0 = 0\nexit\n", rej(1, "BPF_LD_[ABS|IND] instructions not allowed for this program type"))
    case("ctx", "ld_abs_clobbers_r1", "r6 = r1\nr0 = *(u8 *)skb[12]\nr0 = r1\nexit\n", rej(2, "R1 !read_ok"), type_="socket")
    case("ctx", "scalar_deref", "r1 = 0\nr0 = *(u32 *)(r1 + 0)\nexit\n", rej(1, "R1 invalid mem access 'scalar'"))
    case("ctx", "scalar_store", "r2 = 100\n*(u32 *)(r2 + 0) = 1\nr0 = 2\nexit\n", rej(1, "R2 invalid mem access 'scalar'"))

def lookup(key_setup="*(u32 *)(r10 - 4) = 0\n", map_idx=0):
    return key_setup + f"r2 = r10\nr2 += -4\nr1 = map_by_idx({map_idx}) ll\ncall 1\n"
# lookup(): key store (1) + 2 + lddw (2 slots) + call = pcs 0..5, r0 at pc 6

def gen_maps():
    L = lookup()
    case("maps", "lookup_null_checked", L + "if r0 == 0 goto out\nr1 = *(u64 *)(r0 + 0)\nout:\nr0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "lookup_unchecked", L + "r1 = *(u64 *)(r0 + 0)\nr0 = 2\nexit\n", rej(6, "R0 invalid mem access 'map_value_or_null'"), maps=[HASH])
    case("maps", "lookup_jne_form", L + "if r0 != 0 goto use\nr0 = 2\nexit\nuse:\nr1 = *(u64 *)(r0 + 8)\nr0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "lookup_null_branch_deref", L + "if r0 != 0 goto use\nr1 = *(u64 *)(r0 + 0)\nuse:\nr0 = 2\nexit\n", rej(7, "R0 invalid mem access 'scalar'"), maps=[HASH])
    case("maps", "lookup_copy_refined", L + "r6 = r0\nif r0 == 0 goto out\nr1 = *(u64 *)(r6 + 8)\nout:\nr0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "lookup_copy_spilled_refined", L + "*(u64 *)(r10 - 16) = r0\nif r0 == 0 goto out\nr6 = *(u64 *)(r10 - 16)\nr1 = *(u64 *)(r6 + 8)\nout:\nr0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "lookup_two_ids", L + "r6 = r0\n" + lookup().replace("*(u32 *)(r10 - 4) = 0\n", "") + "if r0 == 0 goto out\nr1 = *(u64 *)(r6 + 0)\nout:\nr0 = 2\nexit\n",
         rej(13, "R6 invalid mem access 'map_value_or_null'"), maps=[HASH])
    case("maps", "or_null_arith", L + "r0 += 4\nr0 = 2\nexit\n", rej(6, "R0 pointer arithmetic on map_value_or_null prohibited, null-check it first"), maps=[HASH])
    for size, t in SIZES.items():
        case("maps", f"value_last_{t}", L + f"if r0 == 0 goto out\nr1 = *({t} *)(r0 + {16 - size})\nout:\nr0 = 2\nexit\n", "accept", maps=[HASH])
        case("maps", f"value_past_{t}", L + f"if r0 == 0 goto out\nr1 = *({t} *)(r0 + {17 - size})\nout:\nr0 = 2\nexit\n",
             rej(7, f"invalid access to map value, value_size=16 off={17 - size} size={size}"), maps=[HASH])
        case("maps", f"value_write_{t}", L + f"if r0 == 0 goto out\n*({t} *)(r0 + 0) = 1\nout:\nr0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "value_negative", L + "if r0 == 0 goto out\nr1 = *(u32 *)(r0 - 4)\nout:\nr0 = 2\nexit\n", rej(7, "invalid access to map value, value_size=16 off=-4 size=4"), maps=[HASH])
    case("maps", "value_var_index_masked", L + "if r0 == 0 goto out\nr1 = *(u32 *)(r0 + 0)\nr1 &= 7\nr0 += r1\nr1 = *(u64 *)(r0 + 0)\nout:\nr0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "value_var_index_too_big", L + "if r0 == 0 goto out\nr1 = *(u32 *)(r0 + 0)\nr1 &= 15\nr0 += r1\nr1 = *(u64 *)(r0 + 0)\nout:\nr0 = 2\nexit\n",
         rej(10, "invalid access to map value, value_size=16 off=15 size=8"), maps=[HASH])
    case("maps", "value_var_index_checked", L + "if r0 == 0 goto out\nr1 = *(u32 *)(r0 + 0)\nif r1 > 8 goto out\nr0 += r1\nr1 = *(u64 *)(r0 + 0)\nout:\nr0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "value_var_index_check_off_by_one", L + "if r0 == 0 goto out\nr1 = *(u32 *)(r0 + 0)\nif r1 > 9 goto out\nr0 += r1\nr1 = *(u64 *)(r0 + 0)\nout:\nr0 = 2\nexit\n",
         rej(10, "invalid access to map value, value_size=16 off=9 size=8"), maps=[HASH])
    case("maps", "value_var_index_signed", L + "if r0 == 0 goto out\nr1 = *(u32 *)(r0 + 0)\nr1 <<= 32\nr1 s>>= 32\nif r1 s> 8 goto out\nr0 += r1\nr1 = *(u64 *)(r0 + 0)\nout:\nr0 = 2\nexit\n",
         rej(11, "value -2147483648 makes map_value pointer be out of bounds"), maps=[HASH])
    case("maps", "value_var_index_signed_both", L + "if r0 == 0 goto out\nr1 = *(u32 *)(r0 + 0)\nr1 <<= 32\nr1 s>>= 32\nif r1 s> 8 goto out\nif r1 s< 0 goto out\nr0 += r1\nr1 = *(u64 *)(r0 + 0)\nout:\nr0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "value_var_index_jmp32", L + "if r0 == 0 goto out\nr1 = *(u32 *)(r0 + 0)\nif w1 > 8 goto out\nr0 += r1\nr1 = *(u64 *)(r0 + 0)\nout:\nr0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "value_unbounded", L + "if r0 == 0 goto out\nr1 = *(u64 *)(r0 + 0)\nr0 += r1\nr1 = *(u8 *)(r0 + 0)\nout:\nr0 = 2\nexit\n",
         rej(8, "math between map_value pointer and register with unbounded min value is not allowed"), maps=[HASH])
    case("maps", "update_ok", "*(u32 *)(r10 - 4) = 0\n*(u64 *)(r10 - 24) = 0\n*(u64 *)(r10 - 16) = 0\nr2 = r10\nr2 += -4\nr3 = r10\nr3 += -24\nr4 = 0\nr1 = map_by_idx(0) ll\ncall 2\nr0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "update_value_partial", "*(u32 *)(r10 - 4) = 0\n*(u64 *)(r10 - 24) = 0\nr2 = r10\nr2 += -4\nr3 = r10\nr3 += -24\nr4 = 0\nr1 = map_by_idx(0) ll\ncall 2\nr0 = 2\nexit\n",
         rej(9, "invalid indirect read from stack R3 off -24+8 size 16"), maps=[HASH], kernel="differs privileged loads may read uninitialised stack (allow_uninit_stack)")
    case("maps", "delete_ok", L.replace("call 1", "call 3") + "r0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "key_uninit", "r2 = r10\nr2 += -4\nr1 = map_by_idx(0) ll\ncall 1\nr0 = 2\nexit\n", rej(4, "invalid indirect read from stack R2 off -4+0 size 4"), maps=[HASH],
         kernel="differs privileged loads may read uninitialised stack (allow_uninit_stack)")
    case("maps", "key_scalar", "r2 = 0\nr1 = map_by_idx(0) ll\ncall 1\nr0 = 2\nexit\n", rej(3, "R2 type=scalar expected="), maps=[HASH])
    case("maps", "map_arg_scalar", "*(u32 *)(r10 - 4) = 0\nr2 = r10\nr2 += -4\nr1 = 0\ncall 1\nr0 = 2\nexit\n", rej(4, "R1 type=scalar expected=map_ptr"), maps=[HASH])
    case("maps", "map_arg_uninit", "*(u32 *)(r10 - 4) = 0\nr2 = r10\nr2 += -4\ncall 1\nr0 = 2\nexit\n", rej(3, "R1 type=ctx expected=map_ptr"), maps=[HASH])
    case("maps", "key_is_or_null", L + "r2 = r0\nr1 = map_by_idx(0) ll\ncall 1\nr0 = 2\nexit\n", rej(9, "R2 type=map_value_or_null expected="), maps=[HASH])
    case("maps", "key_from_value", L + "if r0 == 0 goto out\nr2 = r0\nr1 = map_by_idx(0) ll\ncall 1\nout:\nr0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "key_from_packet", XDP_PKT + "r4 = r2\nr4 += 4\nif r4 > r3 goto out\nr1 = map_by_idx(0) ll\ncall 1\nout:\nr0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "key_from_packet_short", XDP_PKT + "r4 = r2\nr4 += 3\nif r4 > r3 goto out\nr1 = map_by_idx(0) ll\ncall 1\nout:\nr0 = 2\nexit\n", rej(7, "invalid access to packet, off=0 size=4"), maps=[HASH])
    case("maps", "key_stack_out_of_frame", "*(u32 *)(r10 - 4) = 0\nr2 = r10\nr2 += -2\nr1 = map_by_idx(0) ll\ncall 1\nr0 = 2\nexit\n", rej(5, "invalid indirect access to stack R2 off=-2 size=4"), maps=[HASH])
    case("maps", "array_lookup", lookup(map_idx=0) + "if r0 == 0 goto out\nr1 = *(u64 *)(r0 + 56)\nout:\nr0 = 2\nexit\n", "accept", maps=[ARRAY])
    case("maps", "map_ptr_deref", "r1 = map_by_idx(0) ll\nr0 = *(u64 *)(r1 + 0)\nr0 = 2\nexit\n", rej(2, "R1 invalid mem access 'map_ptr'"), maps=[HASH], kernel="differs the kernel reads map fields through BTF of struct bpf_map")
    case("maps", "map_ptr_arith", "r1 = map_by_idx(0) ll\nr1 += 8\nr0 = 2\nexit\n", rej(2, "R1 pointer arithmetic on map_ptr prohibited"), maps=[HASH])
    case("maps", "bad_map_index", "r1 = map_by_idx(3) ll\nr0 = 2\nexit\n", rej(0, "fd 3 is not pointing to valid bpf_map"), maps=[HASH])
    case("maps", "prog_array_lookup", L + "r0 = 2\nexit\n", rej(5, "cannot pass map_type 3 into func bpf_map_lookup_elem#1"), maps=["p prog_array key=4 value=4 entries=4"])
    case("maps", "ringbuf_lookup", L + "r0 = 2\nexit\n", rej(5, "cannot pass map_type 27 into func bpf_map_lookup_elem#1"), maps=["rb ringbuf key=0 value=0 entries=4096"])
    case("maps", "queue_push_pop", "*(u64 *)(r10 - 8) = 0\nr2 = r10\nr2 += -8\nr3 = 0\nr1 = map_by_idx(0) ll\ncall 87\nr2 = r10\nr2 += -16\nr1 = map_by_idx(0) ll\ncall 88\nr0 = 2\nexit\n", "accept",
         maps=["q queue key=0 value=8 entries=16"])
    case("maps", "queue_peek", "r2 = r10\nr2 += -8\nr1 = map_by_idx(0) ll\ncall 89\nr0 = *(u64 *)(r10 - 8)\nr0 = 2\nexit\n", "accept", maps=["q stack key=0 value=8 entries=16"])
    case("maps", "queue_lookup", "*(u32 *)(r10 - 4) = 0\nr2 = r10\nr2 += -4\nr1 = map_by_idx(0) ll\ncall 1\nr0 = 2\nexit\n", rej(5, "cannot pass map_type 22 into func bpf_map_lookup_elem#1"), maps=["q queue key=0 value=8 entries=16"])
    case("maps", "hash_push", "*(u64 *)(r10 - 8) = 0\nr2 = r10\nr2 += -8\nr3 = 0\nr1 = map_by_idx(0) ll\ncall 87\nr0 = 2\nexit\n", rej(6, "cannot pass map_type 1 into func bpf_map_push_elem#87"), maps=[HASH])
    case("maps", "rodata_read", "r1 = map_val(map_by_idx(0)) + 0 ll\nr0 = *(u32 *)(r1 + 4)\nexit\n", "accept", maps=["ro array key=4 value=8 entries=1 flags=128"])
    case("maps", "rodata_write", "r1 = map_val(map_by_idx(0)) + 0 ll\n*(u32 *)(r1 + 4) = 1\nr0 = 2\nexit\n", rej(2, "write into map forbidden"), maps=["ro array key=4 value=8 entries=1 flags=128"])
    case("maps", "data_value_past", "r1 = map_val(map_by_idx(0)) + 4 ll\nr0 = *(u64 *)(r1 + 0)\nexit\n", rej(2, "invalid access to map value, value_size=8 off=4 size=8"), maps=["d array key=4 value=8 entries=1"])
    case("maps", "lpm_lookup", "*(u32 *)(r10 - 8) = 32\n*(u32 *)(r10 - 4) = 0\nr2 = r10\nr2 += -8\nr1 = map_by_idx(0) ll\ncall 1\nif r0 == 0 goto out\nr0 = *(u32 *)(r0 + 0)\nout:\nr0 = 2\nexit\n", "accept",
         maps=["l lpm_trie key=8 value=4 entries=16"])
    case("maps", "percpu_array_atomic", L + "if r0 == 0 goto out\nr1 = 1\nlock *(u64 *)(r0 + 0) += r1\nout:\nr0 = 2\nexit\n", "accept", maps=["c percpu_array key=4 value=16 entries=4"])
    case("maps", "atomic_misaligned", L + "if r0 == 0 goto out\nr1 = 1\nlock *(u64 *)(r0 + 4) += r1\nout:\nr0 = 2\nexit\n", rej(8, "misaligned value access"), maps=[HASH])
    case("maps", "atomic_fetch_add", L + "if r0 == 0 goto out\nr1 = 1\nr1 = atomic_fetch_add((u64 *)(r0 + 8), r1)\nr0 = r1\nout:\nr0 = 2\nexit\n", "accept", maps=[HASH])
    case("maps", "atomic_packet", XDP_PKT + "r4 = r2\nr4 += 8\nif r4 > r3 goto out\nr1 = 1\nlock *(u64 *)(r2 + 0) += r1\nout:\nr0 = 2\nexit\n", rej(6, "BPF_ATOMIC stores into R2 pkt is not allowed"))
    case("maps", "redirect_map_devmap", "r1 = map_by_idx(0) ll\nr2 = 0\nr3 = 0\ncall 51\nexit\n", "accept", maps=["d devmap key=4 value=4 entries=4"])
    case("maps", "redirect_map_hash", "r1 = map_by_idx(0) ll\nr2 = 0\nr3 = 0\ncall 51\nexit\n", rej(4, "cannot pass map_type 1 into func bpf_redirect_map#51"), maps=[HASH])

def gen_stack():
    case("stack", "write_read_ok", "*(u64 *)(r10 - 8) = 7\nr0 = *(u64 *)(r10 - 8)\nexit\n", "accept")
    case("stack", "read_uninit", "r0 = *(u64 *)(r10 - 8)\nexit\n", rej(0, "invalid read from stack off -8+0 size 8"), kernel="differs privileged loads may read uninitialised stack (allow_uninit_stack)")
    case("stack", "read_partly_init", "*(u32 *)(r10 - 8) = 1\nr0 = *(u64 *)(r10 - 8)\nexit\n", rej(1, "invalid read from stack off -8+4 size 8"), kernel="differs privileged loads may read uninitialised stack (allow_uninit_stack)")
    case("stack", "write_at_fp", "*(u64 *)(r10 + 0) = 1\nr0 = 2\nexit\n", rej(0, "invalid write to stack R10 off=0 size=8"))
    case("stack", "write_below_512", "*(u64 *)(r10 - 520) = 1\nr0 = 2\nexit\n", rej(0, "invalid write to stack R10 off=-520 size=8"))
    case("stack", "write_at_512", "*(u64 *)(r10 - 512) = 1\nr0 = *(u64 *)(r10 - 512)\nexit\n", "accept")
    case("stack", "read_above_fp", "*(u64 *)(r10 - 8) = 1\nr0 = *(u64 *)(r10 - 4)\nexit\n", rej(1, "misaligned stack access"))
    case("stack", "misaligned_write", "*(u32 *)(r10 - 6) = 1\nr0 = 2\nexit\n", rej(0, "misaligned stack access"))
    for size, t in SIZES.items():
        case("stack", f"narrow_{t}", f"*({t} *)(r10 - 16) = 5\nr0 = *({t} *)(r10 - 16)\nexit\n", "accept")
    case("stack", "spill_fill_ctx", "*(u64 *)(r10 - 8) = r1\nr1 = 0\nr1 = *(u64 *)(r10 - 8)\nr0 = *(u32 *)(r1 + 0)\nr0 = 2\nexit\n", "accept")
    case("stack", "spill_fill_pkt_keeps_range", XDP_PKT + "r4 = r2\nr4 += 8\nif r4 > r3 goto out\n*(u64 *)(r10 - 8) = r2\nr5 = *(u64 *)(r10 - 8)\nr0 = *(u64 *)(r5 + 0)\nout:\nr0 = 2\nexit\n", "accept")
    case("stack", "partial_fill_pointer", "*(u64 *)(r10 - 8) = r1\nr0 = *(u32 *)(r10 - 8)\nr0 = 2\nexit\n", rej(1, "invalid size of register fill"))
    case("stack", "overwrite_spill_then_deref", "*(u64 *)(r10 - 8) = r1\n*(u32 *)(r10 - 8) = 0\nr1 = *(u64 *)(r10 - 8)\nr0 = *(u32 *)(r1 + 0)\nr0 = 2\nexit\n", rej(3, "R1 invalid mem access 'scalar'"))
    case("stack", "spill_scalar_keeps_bounds", "r1 = *(u32 *)(r1 + 12)\nr1 &= 7\n*(u64 *)(r10 - 16) = r1\nr3 = *(u64 *)(r10 - 16)\nr2 = r10\nr2 += -8\nr2 += r3\n*(u8 *)(r2 - 8) = 1\nr0 = 2\nexit\n", "accept")
    case("stack", "zero_fill_is_const", "*(u64 *)(r10 - 8) = 0\nr1 = *(u64 *)(r10 - 8)\nr2 = r10\nr2 += r1\n*(u8 *)(r2 - 1) = 1\nr0 = 2\nexit\n", "accept")
    case("stack", "var_offset_write_read", "r1 = *(u32 *)(r1 + 12)\nr1 &= 8\nr2 = r10\nr2 += -16\nr2 += r1\n*(u64 *)(r2 + 0) = 1\n*(u64 *)(r10 - 16) = 0\n*(u64 *)(r10 - 8) = 0\nr0 = *(u64 *)(r2 + 0)\nr0 = 2\nexit\n", "accept")
    case("stack", "var_offset_out_of_frame", "r1 = *(u32 *)(r1 + 12)\nr1 &= 31\nr2 = r10\nr2 += -16\nr2 += r1\n*(u8 *)(r2 + 0) = 1\nr0 = 2\nexit\n", rej(5, "invalid variable-offset write to stack R2"))
    case("stack", "var_offset_read_uninit", "r1 = *(u32 *)(r1 + 12)\nr1 &= 8\nr2 = r10\nr2 += -16\nr2 += r1\n*(u64 *)(r10 - 16) = 0\nr0 = *(u64 *)(r2 + 0)\nr0 = 2\nexit\n",
         rej(6, "invalid variable-offset read from stack R2"), kernel="differs privileged loads may read uninitialised stack (allow_uninit_stack)")
    case("stack", "fp_copy_write", "r2 = r10\n*(u64 *)(r2 - 8) = 1\nr0 = *(u64 *)(r10 - 8)\nexit\n", "accept")
    case("stack", "stack_ptr_spilled", "r2 = r10\nr2 += -16\n*(u64 *)(r10 - 8) = r2\nr3 = *(u64 *)(r10 - 8)\n*(u64 *)(r3 + 0) = 5\nr0 = *(u64 *)(r10 - 16)\nexit\n", "accept")
    case("stack", "deep_512_ok", "\n".join(f"*(u64 *)(r10 - {8*i}) = {i}" for i in range(1, 65)) + "\nr0 = *(u64 *)(r10 - 512)\nexit\n", "accept")

def gen_alu():
    case("alu", "write_r10", "r10 = 0\nr0 = 2\nexit\n", rej(0, "frame pointer is read only"))
    case("alu", "add_r10", "r10 += 8\nr0 = 2\nexit\n", rej(0, "frame pointer is read only"))
    case("alu", "load_into_r10", "r10 = *(u32 *)(r1 + 0)\nr0 = 2\nexit\n", rej(0, "frame pointer is read only"))
    for op, imm, bits in (("<<=", 64, 64), (">>=", 64, 64), ("s>>=", 64, 64), ("<<=", 100, 64), (">>=", -1, 64)):
        case("alu", f"shift64_{op.replace('<','l').replace('>','r').replace('=','').replace('s','s_')}_{imm}".replace("-", "m"), f"r0 = 1\nr0 {op} {imm}\nexit\n", rej(1, f"invalid shift {imm}"))
    for op, imm in (("<<=", 32), (">>=", 32), ("s>>=", 40)):
        case("alu", f"shift32_{op.replace('<','l').replace('>','r').replace('=','').replace('s','s_')}_{imm}", f"w0 = 1\nw0 {op} {imm}\nexit\n", rej(1, f"invalid shift {imm}"))
    case("alu", "shift64_63_ok", "r0 = 1\nr0 <<= 63\nr0 >>= 63\nexit\n", "accept")
    case("alu", "shift32_31_ok", "w0 = 1\nw0 <<= 31\nexit\n", "accept")
    case("alu", "shift_by_reg_ok", "r0 = 1\nr1 = 70\nr0 <<= r1\nexit\n", "accept")
    case("alu", "div_imm_zero", "r0 = 1\nr0 /= 0\nexit\n", rej(1, "div by zero"))
    case("alu", "mod_imm_zero", "w0 = 1\nw0 %= 0\nexit\n", rej(1, "div by zero"))
    case("alu", "div_reg_zero_ok", "r0 = 1\nr1 = 0\nr0 /= r1\nexit\n", "accept")
    case("alu", "uninit_src", "r0 = 1\nr0 += r5\nexit\n", rej(1, "R5 !read_ok"))
    case("alu", "uninit_dst", "r5 += 1\nr0 = 2\nexit\n", rej(0, "R5 !read_ok"))
    case("alu", "uninit_r0_exit", "exit\n", rej(0, "R0 !read_ok"))
    case("alu", "mov_uninit", "r0 = r7\nexit\n", rej(0, "R7 !read_ok"))
    case("alu", "ptr_32bit_add", "w1 += 4\nr0 = 2\nexit\n", rej(0, "R1 32-bit pointer arithmetic prohibited"))
    case("alu", "ptr_mul", "r1 *= 2\nr0 = 2\nexit\n", rej(0, "R1 pointer arithmetic with *= operator prohibited"))
    case("alu", "ptr_or", "r1 |= 2\nr0 = 2\nexit\n", rej(0, "R1 bitwise operator |= on pointer prohibited"))
    case("alu", "ptr_and", "r1 &= 2\nr0 = 2\nexit\n", rej(0, "R1 bitwise operator &= on pointer prohibited"))
    case("alu", "ptr_lsh", "r1 <<= 2\nr0 = 2\nexit\n", rej(0, "R1 pointer arithmetic with <<= operator prohibited"))
    case("alu", "ptr_neg_becomes_scalar", "r1 = -r1\nr0 = *(u32 *)(r1 + 0)\nexit\n", rej(1, "R1 invalid mem access 'scalar'"))
    case("alu", "scalar_minus_ptr", "r0 = 5\nr0 -= r1\nexit\n", rej(1, "R0 tried to subtract pointer from scalar"))
    case("alu", "scalar_plus_ptr", "r0 = 8\nr0 += r10\n*(u64 *)(r0 - 16) = 1\nr0 = 2\nexit\n", "accept")
    case("alu", "ptr_minus_ptr", "r0 = r10\nr0 -= r1\nr0 = 2\nexit\n", "accept")
    case("alu", "mov32_pointer_is_scalar", "w2 = w1\nr0 = *(u32 *)(r2 + 0)\nexit\n", rej(1, "R2 invalid mem access 'scalar'"))
    case("alu", "ptr_huge_const", "r2 = r10\nr2 += 536870912\nr0 = 2\nexit\n", rej(1, "math between fp pointer and 536870912 is not allowed"))
    case("alu", "bounds_and_mask", "r1 = *(u32 *)(r1 + 12)\nr1 &= 7\nr2 = r10\nr2 += -8\nr2 += r1\n*(u64 *)(r10 - 8) = 0\nr0 = *(u8 *)(r2 + 0)\nexit\n", "accept")
    case("alu", "bounds_mod", "r1 = *(u32 *)(r1 + 12)\nr1 %= 8\nr2 = r10\nr2 += -8\nr2 += r1\n*(u64 *)(r10 - 8) = 0\nr0 = *(u8 *)(r2 + 0)\nexit\n", rej(4, "math between fp pointer and register with unbounded min value is not allowed"))
    case("alu", "bounds_rsh", "r1 = *(u32 *)(r1 + 12)\nr1 >>= 29\nr2 = r10\nr2 += -8\nr2 += r1\n*(u64 *)(r10 - 8) = 0\nr0 = *(u8 *)(r2 + 0)\nexit\n", "accept")
    case("alu", "bounds_rsh_too_wide", "r1 = *(u32 *)(r1 + 12)\nr1 >>= 28\nr2 = r10\nr2 += -8\nr2 += r1\n*(u64 *)(r10 - 8) = 0\nr0 = *(u8 *)(r2 + 0)\nexit\n",
         rej(6, "invalid variable-offset read from stack R2"))
    case("alu", "bounds_add_const", "r1 = *(u32 *)(r1 + 12)\nr1 &= 3\nr1 += 2\nr2 = r10\nr2 += -8\nr2 += r1\n*(u64 *)(r10 - 8) = 0\nr0 = *(u8 *)(r2 + 0)\nexit\n", "accept")
    case("alu", "bounds_var_stack_misaligned", "r1 = *(u32 *)(r1 + 12)\nr1 &= 3\nr1 += 2\nr2 = r10\nr2 += -8\nr2 += r1\n*(u64 *)(r10 - 8) = 0\nr0 = *(u16 *)(r2 + 0)\nexit\n", rej(7, "misaligned stack access"))
    case("alu", "bounds_sub_goes_negative", "r1 = *(u32 *)(r1 + 12)\nr1 &= 3\nr1 -= 2\nr2 = r10\nr2 += -8\nr2 += r1\n*(u64 *)(r10 - 8) = 0\nr0 = *(u8 *)(r2 + 0)\nexit\n",
         rej(7, "invalid variable-offset read from stack R2"), kernel="differs privileged loads may read uninitialised stack (allow_uninit_stack)")
    case("alu", "alu32_zero_extends", "r1 = -1\nw1 += 0\nr1 >>= 32\nr2 = r10\nr2 += -8\nr2 += r1\n*(u64 *)(r10 - 8) = 0\nr0 = *(u8 *)(r2 + 0)\nexit\n", "accept")
    case("alu", "movsx_bounds", "r1 = *(u8 *)(r1 + 0)\nr1 = 0\nr2 = *(u32 *)(r10 - 0)\nexit\n", rej(0, "invalid bpf_context access off=0 size=1"))
    case("alu", "const_fold_branch", "r1 = 5\nr1 *= 3\nif r1 == 15 goto ok\nr0 = *(u64 *)(r10 - 8)\nok:\nr0 = 2\nexit\n", "accept")
    case("alu", "xor_self_zero", "r1 = *(u32 *)(r1 + 12)\nr1 ^= r1\nr0 = 2\nexit\n", "accept")
    case("alu", "endian_bounds", "r1 = *(u32 *)(r1 + 12)\nr1 = be16 r1\nif r1 > 65535 goto bad\nr0 = 2\nexit\nbad:\nr0 = *(u64 *)(r10 - 8)\nexit\n", "accept")
    case("alu", "lddw_imm", "r0 = 0x123456789 ll\nr0 >>= 32\nexit\n", "accept")

def gen_jumps():
    case("jumps", "out_of_range_forward", "r0 = 2\ngoto +5\nexit\n", rej(1, "jump out of range from insn 1 to 7"))
    case("jumps", "out_of_range_backward", "r0 = 2\nif r0 == 1 goto -5\nexit\n", rej(1, "jump out of range from insn 1 to -3"))
    case("jumps", "into_lddw", "r0 = 2\nif r0 == 1 goto +1\nr1 = 0x100000000 ll\nexit\n", rej(1, "jump into the middle of ldimm64 insn 2"))
    case("jumps", "fall_off_end", "r0 = 2\n", rej(0, "last insn is not an exit or jmp"))
    case("jumps", "fall_off_after_branch", "r0 = 2\nif r0 == 1 goto +1\nexit\nr0 = 1\n", rej(3, "last insn is not an exit or jmp"))
    case("jumps", "unreachable", "r0 = 2\nexit\nr0 = 1\nexit\n", rej(2, "unreachable insn 2"))
    case("jumps", "unreachable_after_goto", "r0 = 2\ngoto +1\nr0 = 3\nexit\n", rej(2, "unreachable insn 2"))
    case("jumps", "infinite_self_loop", "r0 = 2\ngoto -1\n", rej(1, "infinite loop detected at insn 1"))
    case("jumps", "infinite_loop_no_progress", "r0 = 0\nloop:\nr1 = 5\nif r0 == 0 goto loop\nexit\n", rej(1, "infinite loop detected at insn 1"))
    case("jumps", "bounded_loop_10", "r0 = 0\nr1 = 0\nloop:\nr0 += 2\nr1 += 1\nif r1 < 10 goto loop\nexit\n", "accept")
    case("jumps", "bounded_loop_1000", "r0 = 0\nr1 = 0\nloop:\nr0 += 2\nr1 += 1\nif r1 < 1000 goto loop\nexit\n", "accept")
    case("jumps", "bounded_loop_jmp32", "w0 = 0\nw1 = 0\nloop:\nw0 += 2\nw1 += 1\nif w1 < 100 goto loop\nexit\n", "accept")
    case("jumps", "unbounded_loop_unknown", "r1 = *(u32 *)(r1 + 12)\nr0 = 0\nloop:\nr0 += 1\nr1 -= 1\nif r1 != 0 goto loop\nexit\n", rej(4, "BPF program is too large. Processed 1000001 insn"))
    case("jumps", "loop_too_long", "r0 = 0\nr1 = 0\nloop:\nr0 += 2\nr1 += 1\nif r1 < 400000 goto loop\nexit\n", rej(4, "BPF program is too large"))
    case("jumps", "loop_stack_walk", "r1 = 0\nloop:\nr2 = r10\nr2 += -64\nr2 += r1\n*(u8 *)(r2 + 0) = 0\nr1 += 1\nif r1 < 64 goto loop\nr0 = *(u64 *)(r10 - 64)\nexit\n", "accept")
    case("jumps", "loop_stack_walk_overflow", "r1 = 0\nloop:\nr2 = r10\nr2 += -64\nr2 += r1\n*(u8 *)(r2 + 0) = 0\nr1 += 1\nif r1 <= 64 goto loop\nr0 = 2\nexit\n", rej(4, "invalid write to stack R2 off=0 size=1"))
    case("jumps", "dead_branch_bad_code", "r0 = 2\nif r0 == 2 goto ok\nr0 = *(u64 *)(r10 + 8)\nok:\nexit\n", "accept")
    case("jumps", "diamond_join", "r1 = *(u32 *)(r1 + 12)\nif r1 > 5 goto a\nr0 = 1\ngoto j\na:\nr0 = 2\nj:\nexit\n", "accept")
    case("jumps", "branch_uninit_one_side", "r1 = *(u32 *)(r1 + 12)\nif r1 > 5 goto a\nr0 = 1\na:\nexit\n", rej(3, "R0 !read_ok"))
    case("jumps", "jset_refines", "r1 = *(u32 *)(r1 + 12)\nr1 &= 12\nif r1 & 4 goto a\nr2 = r10\nr2 += -16\nr2 += r1\n*(u64 *)(r10 - 16) = 0\n*(u64 *)(r10 - 8) = 0\nr0 = *(u32 *)(r2 + 0)\na:\nr0 = 2\nexit\n", "accept")
    case("jumps", "signed_refine_jsge", "r1 = *(u32 *)(r1 + 12)\nr1 = (s8)r1\nif r1 s>= 8 goto out\nif r1 s< 0 goto out\nr2 = r10\nr2 += -8\nr2 += r1\n*(u64 *)(r10 - 8) = 0\nr0 = *(u8 *)(r2 + 0)\nout:\nr0 = 2\nexit\n", "accept")
    case("jumps", "reg_reg_refine", "r1 = *(u32 *)(r1 + 12)\nr3 = 8\nif r1 >= r3 goto out\nr2 = r10\nr2 += -8\nr2 += r1\n*(u64 *)(r10 - 8) = 0\nr0 = *(u8 *)(r2 + 0)\nout:\nr0 = 2\nexit\n", "accept")
    case("jumps", "jeq_const_refine", "r1 = *(u32 *)(r1 + 12)\nif r1 != 3 goto out\nr2 = r10\nr2 += -8\nr2 += r1\n*(u64 *)(r10 - 8) = 0\nr0 = *(u8 *)(r2 + 0)\nout:\nr0 = 2\nexit\n", "accept")
    case("jumps", "gotol", "r0 = 2\ngotol +1\nr0 = 3\nexit\n", rej(2, "unreachable insn 2"))
    case("jumps", "unknown_opcode", "r0 = 2\nexit\n", "accept")
    case("jumps", "many_branches_pruned", "r6 = *(u32 *)(r1 + 12)\nr0 = 0\n" + "".join(f"if r6 & {1 << i} goto +1\nr0 += 1\n" for i in range(10)) + "r0 = 2\nexit\n", "accept")

def gen_calls():
    case("calls", "unknown_helper", "call 9999\nr0 = 2\nexit\n", rej(0, "invalid func unknown#9999"))
    case("calls", "helper_200", "call 200\nr0 = 2\nexit\n", rej(0, "invalid func unknown#200"))
    case("calls", "xdp_uses_skb_helper", "r2 = 0\nr3 = r10\nr3 += -8\n*(u64 *)(r10 - 8) = 0\nr4 = 8\nr5 = 0\ncall 9\nr0 = 2\nexit\n", rej(6, "program of this type cannot use helper bpf_skb_store_bytes#9"))
    case("calls", "tc_uses_xdp_helper", "r2 = 4\ncall 44\nr0 = 0\nexit\n", rej(1, "program of this type cannot use helper bpf_xdp_adjust_head#44"), type_="tc")
    case("calls", "clobbers_r1", "call 7\nr0 = r1\nexit\n", rej(1, "R1 !read_ok"))
    case("calls", "clobbers_r5", "call 5\nr0 = r5\nexit\n", rej(1, "R5 !read_ok"))
    case("calls", "keeps_r6", "r6 = 3\ncall 7\nr0 = r6\nexit\n", "accept")
    for hid, name in ((5, "ktime"), (7, "prandom"), (8, "smp_id"), (125, "ktime_boot"), (118, "jiffies")):
        case("calls", f"helper_{name}", f"call {hid}\nr0 &= 3\nexit\n", "accept")
    case("calls", "trace_printk", "*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\nr2 = 8\ncall 6\nr0 = 2\nexit\n", "accept")
    case("calls", "trace_printk_size_too_big", "*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\nr2 = 16\ncall 6\nr0 = 2\nexit\n", rej(4, "invalid indirect access to stack R1 off=-8 size=16"))
    case("calls", "trace_printk_size_zero", "*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\nr2 = 0\ncall 6\nr0 = 2\nexit\n", rej(4, "R2 invalid zero-sized read"))
    case("calls", "trace_printk_size_unknown", "r6 = *(u32 *)(r1 + 12)\n*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\nr2 = r6\ncall 6\nr0 = 2\nexit\n", rej(5, "R2 invalid zero-sized read"))
    case("calls", "redirect", "r1 = 1\nr2 = 0\ncall 23\nexit\n", "accept")
    case("calls", "redirect_uninit_arg", "r1 = 1\ncall 23\nexit\n", rej(1, "R2 !read_ok"))
    case("calls", "adjust_tail", "r2 = -4\ncall 65\nr0 = 2\nexit\n", "accept")
    case("calls", "adjust_meta_modified_ctx", "r1 += 8\nr2 = -4\ncall 54\nr0 = 2\nexit\n", rej(2, "dereference of modified ctx ptr R1 off=8 disallowed"))
    case("calls", "ctx_arg_scalar", "r1 = 0\nr2 = -4\ncall 65\nr0 = 2\nexit\n", rej(2, "R1 type=scalar expected=ctx"))
    case("calls", "csum_diff", "*(u64 *)(r10 - 8) = 0\nr1 = 0\nr2 = 0\nr3 = r10\nr3 += -8\nr4 = 8\nr5 = 0\ncall 28\nr0 = 2\nexit\n", "accept")
    case("calls", "csum_diff_size_unaligned_ok", "*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\nr2 = 4\nr3 = 0\nr4 = 0\nr5 = 0\ncall 28\nr0 = 2\nexit\n", "accept")
    case("calls", "perf_event_output", "*(u64 *)(r10 - 8) = 0\nr2 = map_by_idx(0) ll\nr3 = 0xffffffff ll\nr4 = r10\nr4 += -8\nr5 = 8\ncall 25\nr0 = 2\nexit\n", "accept",
         maps=["events perf_event_array key=4 value=4 entries=2"])
    case("calls", "perf_event_output_wrong_map", "*(u64 *)(r10 - 8) = 0\nr2 = map_by_idx(0) ll\nr3 = 0\nr4 = r10\nr4 += -8\nr5 = 8\ncall 25\nr0 = 2\nexit\n",
         rej(7, "cannot pass map_type 1 into func bpf_perf_event_output#25"), maps=[HASH])
    # tail calls
    case("calls", "tail_call", "r2 = map_by_idx(0) ll\nr3 = 0\ncall 12\nr0 = 2\nexit\n", "accept", maps=["p prog_array key=4 value=4 entries=4"])
    case("calls", "tail_call_r0_uninit", "r2 = map_by_idx(0) ll\nr3 = 0\ncall 12\nexit\n", rej(4, "R0 !read_ok"), maps=["p prog_array key=4 value=4 entries=4"])
    case("calls", "tail_call_wrong_map", "r2 = map_by_idx(0) ll\nr3 = 0\ncall 12\nr0 = 2\nexit\n", rej(3, "cannot pass map_type 1 into func bpf_tail_call#12"), maps=[HASH])
    case("calls", "tail_call_modified_ctx", "r1 += 4\nr2 = map_by_idx(0) ll\nr3 = 0\ncall 12\nr0 = 2\nexit\n", rej(4, "dereference of modified ctx ptr R1 off=4 disallowed"), maps=["p prog_array key=4 value=4 entries=4"])
    # tc helpers
    case("calls", "skb_load_bytes", "r2 = 0\nr3 = r10\nr3 += -16\nr4 = 16\ncall 26\nr0 = *(u64 *)(r10 - 16)\nr0 = 0\nexit\n", "accept", type_="tc")
    case("calls", "skb_load_bytes_too_big", "r2 = 0\nr3 = r10\nr3 += -16\nr4 = 24\ncall 26\nr0 = 0\nexit\n", rej(4, "invalid indirect access to stack R3 off=-16 size=24"), type_="tc")
    case("calls", "skb_load_bytes_socket", "r2 = 0\nr3 = r10\nr3 += -8\nr4 = 8\ncall 26\nr0 = 0\nexit\n", "accept", type_="socket")
    case("calls", "skb_load_bytes_var_size", "r6 = r1\nr4 = *(u32 *)(r1 + 0)\nr4 &= 15\nr4 += 1\nr1 = r6\nr2 = 0\nr3 = r10\nr3 += -16\ncall 26\nr0 = 0\nexit\n", "accept", type_="tc")
    case("calls", "skb_load_bytes_var_size_zero", "r6 = r1\nr4 = *(u32 *)(r1 + 0)\nr4 &= 15\nr1 = r6\nr2 = 0\nr3 = r10\nr3 += -16\ncall 26\nr0 = 0\nexit\n", rej(7, "R4 invalid zero-sized read"), type_="tc")
    case("calls", "skb_load_bytes_neg_size", "r6 = r1\nr4 = *(u32 *)(r1 + 0)\nr4 = (s8)r4\nr1 = r6\nr2 = 0\nr3 = r10\nr3 += -16\ncall 26\nr0 = 0\nexit\n", rej(7, "R4 min value is negative"), type_="tc")
    case("calls", "skb_store_bytes", "*(u64 *)(r10 - 8) = 0\nr2 = 0\nr3 = r10\nr3 += -8\nr4 = 8\nr5 = 0\ncall 9\nr0 = 0\nexit\n", "accept", type_="tc")
    case("calls", "skb_store_invalidates_pkt", TC_PKT + "r6 = r1\nr4 = r2\nr4 += 8\nif r4 > r3 goto out\n*(u64 *)(r10 - 8) = 0\nr1 = r6\nr2 = 0\nr3 = r10\nr3 += -8\nr4 = 8\nr5 = 0\ncall 9\nr7 = *(u32 *)(r6 + 76)\nr0 = *(u8 *)(r7 + 0)\nout:\nr0 = 0\nexit\n",
         rej(15, "invalid access to packet, off=0 size=1"), type_="tc")
    case("calls", "l3_csum_replace", "r2 = 24\nr3 = 0\nr4 = 1\nr5 = 2\ncall 10\nr0 = 0\nexit\n", "accept", type_="tc")
    case("calls", "l4_csum_replace", "r2 = 40\nr3 = 0\nr4 = 1\nr5 = 4\ncall 11\nr0 = 0\nexit\n", "accept", type_="tc")
    case("calls", "clone_redirect", "r2 = 1\nr3 = 0\ncall 13\nr0 = 0\nexit\n", "accept", type_="tc")
    case("calls", "skb_change_tail", "r2 = 100\nr3 = 0\ncall 38\nr0 = 0\nexit\n", "accept", type_="tc")
    case("calls", "skb_change_head", "r2 = 14\nr3 = 0\ncall 43\nr0 = 0\nexit\n", "accept", type_="tc")
    case("calls", "vlan_push_pop", "r6 = r1\nr2 = 0x81\nr3 = 5\ncall 18\nr1 = r6\ncall 19\nr0 = 0\nexit\n", "accept", type_="tc")
    case("calls", "get_hash_recalc", "call 34\nr0 = 0\nexit\n", "accept", type_="tc")
    # bpf-to-bpf
    case("calls", "local_call", "r1 = 5\ncall f\nexit\nf:\nr0 = r1\nr0 += 1\nexit\n", "accept")
    case("calls", "local_call_r6_uninit", "r6 = 5\ncall f\nexit\nf:\nr0 = r6\nexit\n", rej(3, "R6 !read_ok"))
    case("calls", "local_call_r1_clobbered", "r1 = 5\ncall f\nr0 = r1\nexit\nf:\nr0 = 1\nexit\n", rej(2, "R1 !read_ok"))
    case("calls", "local_call_keeps_r6", "r6 = 5\ncall f\nr0 = r6\nexit\nf:\nr0 = 1\nexit\n", "accept")
    case("calls", "local_call_no_r0", "call f\nexit\nf:\nr1 = 1\nexit\n", rej(3, "R0 !read_ok"))
    case("calls", "local_call_return_stack", "call f\nr0 = 2\nexit\nf:\nr0 = r10\nr0 += -8\nexit\n", rej(5, "cannot return stack pointer to the caller"))
    case("calls", "local_call_caller_stack", "*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\ncall f\nr0 = *(u64 *)(r10 - 8)\nexit\nf:\n*(u64 *)(r1 + 0) = 7\nr0 = 0\nexit\n", "accept")
    case("calls", "local_call_callee_stack_uninit", "call f\nexit\nf:\nr0 = *(u64 *)(r10 - 8)\nexit\n", rej(2, "invalid read from stack off -8+0 size 8"), kernel="differs privileged loads may read uninitialised stack (allow_uninit_stack)")
    case("calls", "local_call_pkt_arg", XDP_PKT + "r4 = r2\nr4 += 4\nif r4 > r3 goto out\nr1 = r2\ncall f\nexit\nout:\nr0 = 1\nexit\nf:\nr0 = *(u32 *)(r1 + 0)\nr0 = 2\nexit\n", "accept")
    case("calls", "recursion_too_deep", "r0 = 1\ncall f\nexit\nf:\ncall f\nr0 = 1\nexit\n", rej(3, "the call stack of 9 frames is too deep"))
    case("calls", "combined_stack_too_large", "*(u64 *)(r10 - 320) = 0\ncall f\nr0 = 2\nexit\nf:\n*(u64 *)(r10 - 256) = 0\nr0 = 1\nexit\n", rej(4, "combined stack size of calls is 576. Too large"))
    case("calls", "combined_stack_ok", "*(u64 *)(r10 - 256) = 0\ncall f\nr0 = 2\nexit\nf:\n*(u64 *)(r10 - 256) = 0\nr0 = 1\nexit\n", "accept")
    case("calls", "call_invalid_target", "call pc+10\nr0 = 2\nexit\n", rej(0, "call to invalid destination"))
    case("calls", "jump_across_subprog", "call f\nif r0 == 0 goto +2\nexit\nf:\nr0 = 1\nexit\n", rej(1, "jump out of range from insn 1 to 4"))
    case("calls", "subprog_falls_into_next", "call f\nexit\nf:\nr0 = 1\ncall g\ng:\nr0 = 2\nexit\n", rej(3, "last insn is not an exit or jmp"))
    case("calls", "kfunc", "call kfunc(1000)\nr0 = 2\nexit\n", rej(0, "not supported yet: calling kernel functions"), kernel="skip kfunc ids depend on the running kernel's BTF")

def gen_ringbuf():
    RB = ["rb ringbuf key=0 value=0 entries=4096"]
    RES = "r1 = map_by_idx(0) ll\nr2 = 16\nr3 = 0\ncall 131\n"  # pcs 0..4, r0 at 5
    case("ringbuf", "reserve_submit", RES + "if r0 == 0 goto out\n*(u64 *)(r0 + 8) = 1\nr1 = r0\nr2 = 0\ncall 132\nout:\nr0 = 2\nexit\n", "accept", maps=RB)
    case("ringbuf", "reserve_discard", RES + "if r0 == 0 goto out\nr1 = r0\nr2 = 0\ncall 133\nout:\nr0 = 2\nexit\n", "accept", maps=RB)
    case("ringbuf", "reserve_leak", RES + "if r0 == 0 goto out\n*(u64 *)(r0 + 8) = 1\nout:\nr0 = 2\nexit\n", rej(8, "Unreleased reference id="), maps=RB)
    case("ringbuf", "reserve_leak_one_path", "r6 = *(u32 *)(r1 + 12)\n" + RES + "if r0 == 0 goto out\nif r6 == 1 goto out\nr1 = r0\nr2 = 0\ncall 132\nout:\nr0 = 2\nexit\n", rej(12, "Unreleased reference"), maps=RB)
    case("ringbuf", "reserve_unchecked_write", RES + "*(u64 *)(r0 + 0) = 1\nr0 = 2\nexit\n", rej(5, "R0 invalid mem access 'ringbuf_mem_or_null'"), maps=RB)
    case("ringbuf", "reserve_out_of_bounds", RES + "if r0 == 0 goto out\n*(u64 *)(r0 + 12) = 1\nr1 = r0\nr2 = 0\ncall 132\nout:\nr0 = 2\nexit\n", rej(6, "invalid access to memory, mem_size=16 off=12 size=8"), maps=RB)
    case("ringbuf", "use_after_submit", RES + "if r0 == 0 goto out\nr6 = r0\nr1 = r0\nr2 = 0\ncall 132\n*(u64 *)(r6 + 0) = 1\nout:\nr0 = 2\nexit\n", rej(10, "R6 invalid mem access 'scalar'"), maps=RB)
    case("ringbuf", "double_submit", RES + "if r0 == 0 goto out\nr6 = r0\nr1 = r0\nr2 = 0\ncall 132\nr1 = r6\nr2 = 0\ncall 132\nout:\nr0 = 2\nexit\n", rej(12, "R1 type=scalar expected=ringbuf_mem"), maps=RB)
    case("ringbuf", "submit_offset", RES + "if r0 == 0 goto out\nr1 = r0\nr1 += 8\nr2 = 0\ncall 132\nout:\nr0 = 2\nexit\n", rej(9, "R1 must have zero offset when passed to release func"), maps=RB)
    case("ringbuf", "submit_stack", "*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\nr2 = 0\ncall 132\nr0 = 2\nexit\n", rej(4, "R1 type=fp expected=ringbuf_mem"))
    case("ringbuf", "reserve_size_unknown", "r2 = *(u32 *)(r1 + 12)\nr1 = map_by_idx(0) ll\nr3 = 0\ncall 131\nr0 = 2\nexit\n", rej(4, "R2 is not a known constant"), maps=RB)
    case("ringbuf", "reserve_wrong_map", RES + "r0 = 2\nexit\n", rej(4, "cannot pass map_type 1 into func bpf_ringbuf_reserve#131"), maps=[HASH])
    case("ringbuf", "output", "*(u64 *)(r10 - 8) = 0\nr1 = map_by_idx(0) ll\nr2 = r10\nr2 += -8\nr3 = 8\nr4 = 0\ncall 130\nr0 = 2\nexit\n", "accept", maps=RB)
    case("ringbuf", "query", "r1 = map_by_idx(0) ll\nr2 = 0\ncall 134\nr0 = 2\nexit\n", "accept", maps=RB)
    case("ringbuf", "tail_call_with_ref", RES + "if r0 == 0 goto out\nr6 = r0\nr1 = 0\nr2 = map_by_idx(1) ll\nr3 = 0\ncall 12\nr1 = r6\nr2 = 0\ncall 133\nout:\nr0 = 2\nexit\n",
         rej(11, "R1 type=scalar expected=ctx"), maps=RB + ["p prog_array key=4 value=4 entries=4"])
    case("ringbuf", "tail_call_leak", "r7 = r1\n" + RES + "if r0 == 0 goto out\nr6 = r0\nr1 = r7\nr2 = map_by_idx(1) ll\nr3 = 0\ncall 12\nr1 = r6\nr2 = 0\ncall 133\nout:\nr0 = 2\nexit\n",
         rej(12, "tail_call would lead to reference leak"), maps=RB + ["p prog_array key=4 value=4 entries=4"])
    case("ringbuf", "copy_then_check", RES + "r6 = r0\nif r6 == 0 goto out\nr1 = r0\nr2 = 0\ncall 132\nout:\nr0 = 2\nexit\n", "accept", maps=RB)

def gen_spinlock():
    LM = ["l hash key=4 value=16 entries=4 lock=0"]
    K = "spin locks need map BTF, which this harness does not load"
    L = lookup()
    case("spinlock", "lock_unlock", L + "if r0 == 0 goto out\nr6 = r0\nr1 = r0\ncall 93\n*(u64 *)(r6 + 8) = 1\nr1 = r6\ncall 94\nout:\nr0 = 2\nexit\n", "accept", maps=LM, kernel="skip " + K)
    case("spinlock", "double_lock", L + "if r0 == 0 goto out\nr6 = r0\nr1 = r0\ncall 93\nr1 = r6\ncall 93\nout:\nr0 = 2\nexit\n", rej(11, "Locking two bpf_spin_locks are not allowed"), maps=LM, kernel="skip " + K)
    case("spinlock", "unlock_without_lock", L + "if r0 == 0 goto out\nr1 = r0\ncall 94\nout:\nr0 = 2\nexit\n", rej(8, "bpf_spin_unlock without taking a lock"), maps=LM, kernel="skip " + K)
    case("spinlock", "exit_with_lock", L + "if r0 == 0 goto out\nr1 = r0\ncall 93\nr0 = 2\nexit\nout:\nr0 = 2\nexit\n", rej(10, "bpf_spin_unlock is missing"), maps=LM, kernel="skip " + K)
    case("spinlock", "call_while_locked", L + "if r0 == 0 goto out\nr6 = r0\nr1 = r0\ncall 93\ncall 7\nr1 = r6\ncall 94\nout:\nr0 = 2\nexit\n", rej(10, "function calls are not allowed while holding a lock"), maps=LM, kernel="skip " + K)
    case("spinlock", "direct_access", L + "if r0 == 0 goto out\nr1 = *(u32 *)(r0 + 0)\nout:\nr0 = 2\nexit\n", rej(7, "bpf_spin_lock cannot be accessed directly by load/store"), maps=LM, kernel="skip " + K)
    case("spinlock", "wrong_offset", L + "if r0 == 0 goto out\nr1 = r0\nr1 += 4\ncall 93\nout:\nr0 = 2\nexit\n", rej(9, "off 4 doesn't point to 'struct bpf_spin_lock' that is at 0"), maps=LM, kernel="skip " + K)
    case("spinlock", "no_btf", L + "if r0 == 0 goto out\nr1 = r0\ncall 93\nout:\nr0 = 2\nexit\n", rej(8, "map 'm' has to have BTF in order to use bpf_spin_lock"), maps=[HASH])
    case("spinlock", "local_call_while_locked", L + "if r0 == 0 goto out\nr6 = r0\nr1 = r0\ncall 93\ncall f\nr1 = r6\ncall 94\nout:\nr0 = 2\nexit\nf:\nr0 = 0\nexit\n", rej(10, "function calls are not allowed while holding a lock"), maps=LM, kernel="skip " + K)

LOOPK = "skip callbacks need BTF func_info, which this harness does not load"

def gen_loop_helper():
    # bpf_loop(nr, callback, ctx, flags); callback at label cb, address via code_addr(offset from next insn)
    body = "*(u64 *)(r10 - 8) = 0\nr1 = 10\nr2 = code_addr(7) ll\nr3 = r10\nr3 += -8\nr4 = 0\ncall 181\nr0 = 2\nexit\n"
    case("loops", "bpf_loop", body + "r0 = *(u64 *)(r2 + 0)\nr0 += 1\n*(u64 *)(r2 + 0) = r0\nr0 = 0\nexit\n", "accept", kernel=LOOPK)
    case("loops", "bpf_loop_bad_return", body + "r0 = 2\nexit\n", rej(11, "should have been in [0, 1]"), kernel=LOOPK)
    case("loops", "bpf_loop_ctx_oob", body + "r0 = *(u64 *)(r2 + 8)\nr0 = 0\nexit\n", rej(10, "invalid read from stack R2 off=0 size=8"), kernel=LOOPK)
    case("loops", "bpf_loop_null_ctx", "r1 = 10\nr2 = code_addr(6) ll\nr3 = 0\nr4 = 0\ncall 181\nr0 = 2\nexit\nr0 = 1\nexit\n", "accept", kernel=LOOPK)
    case("loops", "bpf_loop_not_func", "r1 = 10\nr2 = 0\nr3 = 0\nr4 = 0\ncall 181\nr0 = 2\nexit\n", rej(4, "R2 type=scalar expected=func"))
    case("loops", "bpf_loop_callback_r1_bounded", body + "r1 &= 7\nr3 = r2\nr3 += r1\nr0 = *(u8 *)(r3 + 0)\nr0 = 0\nexit\n", "accept", kernel=LOOPK)
    case("loops", "array_walk", "*(u32 *)(r10 - 4) = 0\nr2 = r10\nr2 += -4\nr1 = map_by_idx(0) ll\ncall 1\nif r0 == 0 goto out\nr1 = 0\nr2 = 0\nloop:\nr3 = r0\nr3 += r1\nr4 = *(u8 *)(r3 + 0)\nr2 += r4\nr1 += 1\nif r1 < 64 goto loop\nout:\nr0 = 2\nexit\n", "accept", maps=[ARRAY])
    case("loops", "array_walk_one_too_far", "*(u32 *)(r10 - 4) = 0\nr2 = r10\nr2 += -4\nr1 = map_by_idx(0) ll\ncall 1\nif r0 == 0 goto out\nr1 = 0\nr2 = 0\nloop:\nr3 = r0\nr3 += r1\nr4 = *(u8 *)(r3 + 0)\nr2 += r4\nr1 += 1\nif r1 <= 64 goto loop\nout:\nr0 = 2\nexit\n",
         rej(11, "invalid access to map value, value_size=64 off=64 size=1"), maps=[ARRAY])

def gen_smartnic():
    P = "smartnic"
    K = "skip offload profile; the kernel has no such limits without a device"
    case("smartnic", "pass", "r0 = 2\nexit\n", "accept", profile=P, kernel=K)
    case("smartnic", "hash_lookup", lookup() + "if r0 == 0 goto out\nr1 = *(u64 *)(r0 + 0)\nout:\nr0 = 2\nexit\n", "accept", maps=[HASH], profile=P, kernel=K)
    case("smartnic", "array_update", "*(u32 *)(r10 - 4) = 0\n" + "\n".join(f"*(u64 *)(r10 - {8*i+8}) = 0" for i in range(1, 9)) + "\nr2 = r10\nr2 += -4\nr3 = r10\nr3 += -72\nr4 = 0\nr1 = map_by_idx(0) ll\ncall 2\nr0 = 2\nexit\n", "accept", maps=[ARRAY], profile=P, kernel=K)
    case("smartnic", "lpm_map", "r0 = 2\nexit\n", rej(0, "map 'l' of type lpm_trie does not offload"), maps=["l lpm_trie key=8 value=4 entries=16"], profile=P, kernel=K)
    case("smartnic", "ringbuf_map", "r0 = 2\nexit\n", rej(0, "map 'rb' of type ringbuf does not offload"), maps=["rb ringbuf key=0 value=0 entries=4096"], profile=P, kernel=K)
    case("smartnic", "too_many_entries", "r0 = 2\nexit\n", rej(0, "has 1000000 entries"), maps=["big hash key=4 value=8 entries=1000000"], profile=P, kernel=K)
    case("smartnic", "value_too_big", "r0 = 2\nexit\n", rej(0, "value size 1024 is larger than 256 bytes"), maps=["big array key=4 value=1024 entries=4"], profile=P, kernel=K)
    case("smartnic", "tc_program", "r0 = 0\nexit\n", rej(0, "program type sched_cls does not offload"), type_="tc", profile=P, kernel=K)
    case("smartnic", "loop", "r0 = 0\nr1 = 0\nloop:\nr1 += 1\nif r1 < 10 goto loop\nexit\n", rej(3, "loops do not offload: back-edge from insn 3 to 2"), profile=P, kernel=K)
    case("smartnic", "bpf_to_bpf", "call f\nexit\nf:\nr0 = 2\nexit\n", rej(0, "bpf-to-bpf call at insn 0 does not offload"), profile=P, kernel=K)
    case("smartnic", "tail_call", "r2 = map_by_idx(0) ll\nr3 = 0\ncall 12\nr0 = 2\nexit\n", rej(3, "helper bpf_tail_call#12 does not offload"), maps=["p array key=4 value=4 entries=4"], profile=P, kernel=K)
    case("smartnic", "ktime_ok", "call 5\nr0 = 2\nexit\n", "accept", profile=P, kernel=K)
    case("smartnic", "redirect_not_offloaded", "r1 = 1\nr2 = 0\ncall 23\nexit\n", rej(2, "helper bpf_redirect#23 does not offload"), profile=P, kernel=K)
    case("smartnic", "adjust_head_ok", "r2 = 4\ncall 44\nr0 = 2\nexit\n", "accept", profile=P, kernel=K)
    case("smartnic", "too_large", "r0 = 0\n" + "r0 += 1\n" * 4100 + "exit\n", rej(0, "program of 4102 insns is larger than the 4096"), profile=P, kernel=K)
    case("smartnic", "packet_parse", XDP_PKT + "r4 = r2\nr4 += 14\nif r4 > r3 goto drop\nr0 = *(u16 *)(r2 + 12)\nr0 = 2\nexit\ndrop:\nr0 = 1\nexit\n", "accept", profile=P, kernel=K)
    case("smartnic", "still_checks_safety", "r2 = *(u32 *)(r1 + 0)\nr0 = *(u8 *)(r2 + 0)\nexit\n", rej(1, "invalid access to packet"), profile=P, kernel=K)
    case("smartnic", "large_but_fits", "r0 = 0\n" + "r0 += 1\n" * 4000 + "exit\n", "accept", profile=P, kernel=K)

def gen_large():
    case("large", "kernel_long_straight", "r0 = 0\n" + "r0 += 1\n" * 20000 + "exit\n", "accept")

if __name__ == "__main__":
    for sub in ("packet", "ctx", "maps", "stack", "alu", "jumps", "calls", "ringbuf", "spinlock", "loops", "smartnic", "large"):
        p = os.path.join(HERE, sub)
        if os.path.isdir(p):
            shutil.rmtree(p)
    gen_packet(); gen_ctx(); gen_maps(); gen_stack(); gen_alu(); gen_jumps(); gen_calls(); gen_ringbuf(); gen_spinlock(); gen_loop_helper(); gen_smartnic(); gen_large()
    print(f"{count} cases")
