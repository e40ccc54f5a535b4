/*
 * v1model.p4 — the V1 switch architecture (BMv2 simple_switch), as written for p4bpf.
 *
 * Pipeline: Parser -> VerifyChecksum -> Ingress -> traffic manager -> Egress
 *           -> ComputeChecksum -> Deparser.
 *
 * V1MODEL_VERSION selects between the original signatures (20180101: indices
 * are bit<32>, ports are bit<9>) and the later ones (20200408: counter, meter
 * and register take an index type parameter I, ports use PortId_t).
 * A program may #define V1MODEL_VERSION before including this file.
 */

#ifndef _V1_MODEL_P4_
#define _V1_MODEL_P4_

#include "core.p4"

#ifndef V1MODEL_VERSION
#define V1MODEL_VERSION 20180101
#endif

/* The version this file was compiled with, visible to programs. */
const bit<32> __v1model_version = V1MODEL_VERSION;

/* Additional match kinds supported by v1model tables. */
match_kind {
    range,     // lo <= field <= hi
    optional,  // exact match, or a wildcard
    selector   // the field feeds an action_selector's hash
}

#if V1MODEL_VERSION >= 20200408
/* Port numbers on a v1model switch. */
typedef bit<9> PortId_t;
#endif

/* ------------------------------------------------------------------ */
/* Standard metadata                                                   */
/* ------------------------------------------------------------------ */

/* Per-packet metadata provided by the switch; read and written by the pipeline. */
@metadata @name("standard_metadata")
struct standard_metadata_t {
#if V1MODEL_VERSION >= 20200408
    PortId_t ingress_port;   // port the packet arrived on
    PortId_t egress_spec;    // set in ingress: the port to send to
    PortId_t egress_port;    // in egress: the port being sent to
#else
    bit<9>   ingress_port;
    bit<9>   egress_spec;
    bit<9>   egress_port;
#endif
    bit<32>  instance_type;  // normal, clone, resubmit, recirculate, replication
    bit<32>  packet_length;  // bytes, not counting what the parser has not seen

    @alias("queueing_metadata.enq_timestamp")
    bit<32>  enq_timestamp;             // microseconds at enqueue
    @alias("queueing_metadata.enq_qdepth")
    bit<19>  enq_qdepth;                // queue depth at enqueue
    @alias("queueing_metadata.deq_timedelta")
    bit<32>  deq_timedelta;             // microseconds spent queued
    @alias("queueing_metadata.deq_qdepth")
    bit<19>  deq_qdepth;                // queue depth at dequeue

    @alias("intrinsic_metadata.ingress_global_timestamp")
    bit<48>  ingress_global_timestamp;  // microseconds at ingress
    @alias("intrinsic_metadata.egress_global_timestamp")
    bit<48>  egress_global_timestamp;   // microseconds at egress
    @alias("intrinsic_metadata.mcast_grp")
    bit<16>  mcast_grp;                 // set in ingress: multicast group, 0 for none
    @alias("intrinsic_metadata.egress_rid")
    bit<16>  egress_rid;                // replication id of a multicast copy

    bit<1>   checksum_error;            // set when verify_checksum failed
    error    parser_error;              // the error the parser ended with
    @alias("intrinsic_metadata.priority")
    bit<3>   priority;                  // queue priority
}

/* ------------------------------------------------------------------ */
/* Enumerations                                                        */
/* ------------------------------------------------------------------ */

/* What a counter counts. */
enum CounterType {
    packets,
    bytes,
    packets_and_bytes
}

/* What a meter measures. */
enum MeterType {
    packets,
    bytes
}

/* Hash and checksum algorithms for hash(), action_selector and the checksum functions. */
enum HashAlgorithm {
    crc32,
    crc32_custom,
    crc16,
    crc16_custom,
    random,
    identity,
    csum16,
    xor16
}

/* Which pipeline a clone leaves from. */
enum CloneType {
    I2E,  // ingress to egress
    E2E   // egress to egress
}

/* Colours returned by meters. */
#define V1MODEL_METER_COLOR_GREEN  0
#define V1MODEL_METER_COLOR_YELLOW 1
#define V1MODEL_METER_COLOR_RED    2

/* ------------------------------------------------------------------ */
/* Stateful externs                                                    */
/* ------------------------------------------------------------------ */

/* An array of size counters, indexed by the data plane. */
#if V1MODEL_VERSION >= 20200408
extern counter<I> {
    counter(bit<32> size, CounterType type);
    void count(in I index);
}
#else
extern counter {
    counter(bit<32> size, CounterType type);
    void count(in bit<32> index);
}
#endif

/* A counter attached to one table: one cell per entry. */
extern direct_counter {
    direct_counter(CounterType type);
    /* Count the current packet against the matched entry (optional; the table counts anyway). */
    void count();
}

/* An array of size two-rate three-colour meters. */
#if V1MODEL_VERSION >= 20200408
extern meter<I> {
    meter(bit<32> size, MeterType type);
    void execute_meter<T>(in I index, out T result);
}
#else
extern meter {
    meter(bit<32> size, MeterType type);
    void execute_meter<T>(in bit<32> index, out T result);
}
#endif

/* A meter attached to one table: one cell per entry. */
extern direct_meter<T> {
    direct_meter(MeterType type);
    /* The colour computed for the matched entry. */
    void read(out T result);
}

/* An array of size cells of type T, read and written by the data plane. */
#if V1MODEL_VERSION >= 20200408
extern register<T, I> {
    register(bit<32> size);
    @noSideEffects
    void read(out T result, in I index);
    void write(in I index, in T value);
}
#else
extern register<T> {
    register(bit<32> size);
    @noSideEffects
    void read(out T result, in bit<32> index);
    void write(in bit<32> index, in T value);
}
#endif

/* Table implementation: actions chosen by the control plane from a shared pool of members. */
extern action_profile {
    action_profile(bit<32> size);
}

/* Table implementation: a member of a group chosen by hashing the selector keys. */
extern action_selector {
    action_selector(HashAlgorithm algorithm, bit<32> size, bit<32> outputWidth);
}

/* Deprecated 16-bit checksum unit. */
@deprecated("Please use verify_checksum/update_checksum instead.")
extern Checksum16 {
    Checksum16();
    bit<16> get<D>(in D data);
}

/* ------------------------------------------------------------------ */
/* Functions                                                           */
/* ------------------------------------------------------------------ */

/* A uniformly distributed value in [lo, hi]. */
extern void random<T>(out T result, in T lo, in T hi);

/* Send data to the control plane; receiver selects the digest stream. */
extern void digest<T>(in bit<32> receiver, in T data);

/* Drop the packet at the end of the current pipeline (old form). */
@deprecated("Please use mark_to_drop(standard_metadata) instead.")
extern void mark_to_drop();

/* Drop the packet at the end of the current pipeline. */
@pure
extern void mark_to_drop(inout standard_metadata_t standard_metadata);

/* result = base + (hash(data) mod max); max == 0 yields base. */
@pure
extern void hash<O, T, D, M>(out O result, in HashAlgorithm algo, in T base, in D data, in M max);

/* If condition holds, set checksum_error when checksum differs from the checksum of data. */
extern void verify_checksum<T, O>(in bool condition, in T data, in O checksum, HashAlgorithm algo);

/* If condition holds, store the checksum of data into checksum. */
@pure
extern void update_checksum<T, O>(in bool condition, in T data, inout O checksum, HashAlgorithm algo);

/* As verify_checksum, with the unparsed payload appended to data. */
extern void verify_checksum_with_payload<T, O>(in bool condition, in T data, in O checksum, HashAlgorithm algo);

/* As update_checksum, with the unparsed payload appended to data. */
@noSideEffects
extern void update_checksum_with_payload<T, O>(in bool condition, in T data, inout O checksum, HashAlgorithm algo);

/* Send a copy of the packet to the clone session's port. */
extern void clone(in CloneType type, in bit<32> session);

/* As clone, carrying the listed metadata fields into the copy (old form). */
@deprecated("Please use 'clone_preserving_field_list' instead")
extern void clone3<T>(in CloneType type, in bit<32> session, in T data);

/* As clone, carrying the metadata fields annotated @field_list(index) into the copy. */
extern void clone_preserving_field_list(in CloneType type, in bit<32> session, bit<8> index);

/* Send the packet through ingress again after this pass (old form). */
@deprecated("Please use 'resubmit_preserving_field_list' instead")
extern void resubmit<T>(in T data);

/* Resubmit, keeping the metadata fields annotated @field_list(index). */
extern void resubmit_preserving_field_list(bit<8> index);

/* Send the deparsed packet back to the parser after egress (old form). */
@deprecated("Please use 'recirculate_preserving_field_list' instead")
extern void recirculate<T>(in T data);

/* Recirculate, keeping the metadata fields annotated @field_list(index). */
extern void recirculate_preserving_field_list(bit<8> index);

/* Send at most length bytes of the packet. */
extern void truncate(in bit<32> length);

/* Abort (on targets that check) when check is false. */
extern void assert(in bool check);

/* Tell verification tools to assume check holds. */
extern void assume(in bool check);

/* Write a message to the target's log; "{}" in msg is replaced by the fields of data. */
extern void log_msg(string msg);
extern void log_msg<T>(string msg, in T data);

/* ------------------------------------------------------------------ */
/* Pipeline blocks and the package                                     */
/* ------------------------------------------------------------------ */

/* H: the headers struct; M: the user metadata struct. */
parser Parser<H, M>(packet_in b,
                    out H parsedHdr,
                    inout M meta,
                    inout standard_metadata_t standard_metadata);

control VerifyChecksum<H, M>(inout H hdr,
                             inout M meta);

@pipeline
control Ingress<H, M>(inout H hdr,
                      inout M meta,
                      inout standard_metadata_t standard_metadata);

@pipeline
control Egress<H, M>(inout H hdr,
                     inout M meta,
                     inout standard_metadata_t standard_metadata);

control ComputeChecksum<H, M>(inout H hdr,
                              inout M meta);

@deparser
control Deparser<H>(packet_out b, in H hdr);

/* The top-level v1model switch: instantiate as V1Switch(...) main; */
package V1Switch<H, M>(Parser<H, M> p,
                       VerifyChecksum<H, M> vr,
                       Ingress<H, M> ig,
                       Egress<H, M> eg,
                       ComputeChecksum<H, M> ck,
                       Deparser<H> dep);

#endif /* _V1_MODEL_P4_ */
