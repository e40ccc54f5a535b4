#!/usr/bin/env bash
# The vxlan entries as `p4bpf ctl` commands (the same as Controller.cs installs), for a switch started with e.g.
#   ./p4bpf run examples/vxlan/vxlan.p4 --grpc-addr 127.0.0.1:9559 --inject-delay 10 \
#       --port 1=pcap:examples/vxlan/pcaps/in-port1.pcap,out-port1.pcap --port 2=pcap:examples/vxlan/pcaps/in-port2.pcap,out-port2.pcap
# Usage: examples/vxlan/ctl.sh [HOST:PORT]     (P4BPF overrides the command, e.g. P4BPF="dotnet cli/bin/Release/net10.0/p4bpf.dll")
set -euo pipefail
addr="${1:-127.0.0.1:9559}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
read -r -a p4bpf <<< "${P4BPF:-$root/p4bpf}"
ctl() { "${p4bpf[@]}" ctl --addr "$addr" "$@"; }

# This VTEP's underlay address: VXLAN to it is decapsulated.
ctl table-add vtep_ip NoAction -m hdr.ipv4.dstAddr=172.16.0.1
# VM 02:00:00:00:00:02 lives behind the remote VTEP 172.16.0.2, in VNI 5001.
ctl table-add vxlan_encap encap -m hdr.ethernet.dstAddr=02:00:00:00:00:02 \
    -p vni=5001 local_mac=00:00:00:00:aa:01 local_ip=172.16.0.1 remote_mac=00:00:00:00:bb:01 remote_ip=172.16.0.2
# VNI 5001's frames leave on access port 1.
ctl table-add vxlan_decap decap -m hdr.vxlan.vni=5001 -p port=1
ctl table-read
