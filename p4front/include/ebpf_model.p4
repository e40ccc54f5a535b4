/*
 * ebpf_model.p4 — the eBPF packet-filter architecture, as written for p4bpf.
 *
 * A program is a parser followed by a filter control; the filter decides
 * whether the packet is accepted. Tables are eBPF maps: each table names its
 * map kind through the `implementation` property (array_table or hash_table).
 */

#ifndef _EBPF_MODEL_P4_
#define _EBPF_MODEL_P4_

#include <core.p4>

/* An array of 32-bit counters held in an eBPF map (array map, or hash map when sparse). */
extern CounterArray {
    /* max_index: number of cells; sparse: use a hash map instead of an array. */
    CounterArray(bit<32> max_index, bool sparse);
    /* Add one to the cell at index. */
    void increment(in bit<32> index);
    /* Add value to the cell at index. */
    void add(in bit<32> index, in bit<32> value);
}

/* Table implementation backed by an eBPF array map of size entries (LPM tables use an LPM trie). */
extern array_table {
    array_table(bit<32> size);
}

/* Table implementation backed by an eBPF hash map of size entries. */
extern hash_table {
    hash_table(bit<32> size);
}

/* Parser block of an ebpfFilter: fills the headers struct H. */
parser parse<H>(packet_in packet, out H headers);

/* Filter block of an ebpfFilter: sets accept to keep the packet. */
control filter<H>(inout H headers, out bool accept);

/* The top-level eBPF filter: instantiate as ebpfFilter(p(), f()) main; */
package ebpfFilter<H>(parse<H> prs, filter<H> filt);

#endif /* _EBPF_MODEL_P4_ */
