/*
 * psa.p4 — the Portable Switch Architecture (PSA 1.x), as written for p4bpf.
 *
 * Two pipelines joined by a packet replication engine (PRE) and a buffering
 * and queueing engine (BQE):
 *   IngressParser -> Ingress -> IngressDeparser -> PRE/BQE
 *   -> EgressParser -> Egress -> EgressDeparser
 * with resubmit (back to ingress), recirculate (egress back to ingress) and
 * clones (I2E, E2E). Declarations follow the PSA specification.
 */

#ifndef __PSA_P4__
#define __PSA_P4__

#include <core.p4>

/* ------------------------------------------------------------------ */
/* Numeric types                                                       */
/* ------------------------------------------------------------------ */

/* Widths used inside the pipeline; a target may choose other widths. */
typedef bit<32> PortIdUint_t;
typedef bit<32> MulticastGroupUint_t;
typedef bit<16> CloneSessionIdUint_t;
typedef bit<8>  ClassOfServiceUint_t;
typedef bit<16> PacketLengthUint_t;
typedef bit<16> EgressInstanceUint_t;
typedef bit<64> TimestampUint_t;

/* Distinct types so that ports, groups and sessions are not mixed up; the
 * P4Runtime translation annotations give the controller-facing widths. */
@p4runtime_translation("p4.org/psa/v1/PortId_t", 32)
type PortIdUint_t         PortId_t;
@p4runtime_translation("p4.org/psa/v1/MulticastGroup_t", 32)
type MulticastGroupUint_t MulticastGroup_t;
@p4runtime_translation("p4.org/psa/v1/CloneSessionId_t", 16)
type CloneSessionIdUint_t CloneSessionId_t;
@p4runtime_translation("p4.org/psa/v1/ClassOfService_t", 8)
type ClassOfServiceUint_t ClassOfService_t;
@p4runtime_translation("p4.org/psa/v1/PacketLength_t", 16)
type PacketLengthUint_t   PacketLength_t;
@p4runtime_translation("p4.org/psa/v1/EgressInstance_t", 16)
type EgressInstanceUint_t EgressInstance_t;
@p4runtime_translation("p4.org/psa/v1/Timestamp_t", 64)
type TimestampUint_t      Timestamp_t;

typedef error ParserError_t;

/* Well-known port and session numbers. */
const PortId_t PSA_PORT_RECIRCULATE = (PortId_t) 0xfffffffa;
const PortId_t PSA_PORT_CPU = (PortId_t) 0xfffffffd;
const CloneSessionId_t PSA_CLONE_SESSION_TO_CPU = (CloneSessionId_t) 0;

/* Widths used when these values travel in packet headers (e.g. to/from the CPU). */
typedef bit<32> PortIdInHeaderUint_t;
typedef bit<32> MulticastGroupInHeaderUint_t;
typedef bit<16> CloneSessionIdInHeaderUint_t;
typedef bit<8>  ClassOfServiceInHeaderUint_t;
typedef bit<16> PacketLengthInHeaderUint_t;
typedef bit<16> EgressInstanceInHeaderUint_t;
typedef bit<64> TimestampInHeaderUint_t;

@p4runtime_translation("p4.org/psa/v1/PortIdInHeader_t", 32)
type PortIdInHeaderUint_t         PortIdInHeader_t;
@p4runtime_translation("p4.org/psa/v1/MulticastGroupInHeader_t", 32)
type MulticastGroupInHeaderUint_t MulticastGroupInHeader_t;
@p4runtime_translation("p4.org/psa/v1/CloneSessionIdInHeader_t", 16)
type CloneSessionIdInHeaderUint_t CloneSessionIdInHeader_t;
@p4runtime_translation("p4.org/psa/v1/ClassOfServiceInHeader_t", 8)
type ClassOfServiceInHeaderUint_t ClassOfServiceInHeader_t;
@p4runtime_translation("p4.org/psa/v1/PacketLengthInHeader_t", 16)
type PacketLengthInHeaderUint_t   PacketLengthInHeader_t;
@p4runtime_translation("p4.org/psa/v1/EgressInstanceInHeader_t", 16)
type EgressInstanceInHeaderUint_t EgressInstanceInHeader_t;
@p4runtime_translation("p4.org/psa/v1/TimestampInHeader_t", 64)
type TimestampInHeaderUint_t      TimestampInHeader_t;

/* Conversions from the in-header forms to the pipeline forms. */
PortId_t psa_PortId_header_to_int(in PortIdInHeader_t x) {
    return (PortId_t) (PortIdUint_t) (PortIdInHeaderUint_t) x;
}
MulticastGroup_t psa_MulticastGroup_header_to_int(in MulticastGroupInHeader_t x) {
    return (MulticastGroup_t) (MulticastGroupUint_t) (MulticastGroupInHeaderUint_t) x;
}
CloneSessionId_t psa_CloneSessionId_header_to_int(in CloneSessionIdInHeader_t x) {
    return (CloneSessionId_t) (CloneSessionIdUint_t) (CloneSessionIdInHeaderUint_t) x;
}
ClassOfService_t psa_ClassOfService_header_to_int(in ClassOfServiceInHeader_t x) {
    return (ClassOfService_t) (ClassOfServiceUint_t) (ClassOfServiceInHeaderUint_t) x;
}
PacketLength_t psa_PacketLength_header_to_int(in PacketLengthInHeader_t x) {
    return (PacketLength_t) (PacketLengthUint_t) (PacketLengthInHeaderUint_t) x;
}
EgressInstance_t psa_EgressInstance_header_to_int(in EgressInstanceInHeader_t x) {
    return (EgressInstance_t) (EgressInstanceUint_t) (EgressInstanceInHeaderUint_t) x;
}
Timestamp_t psa_Timestamp_header_to_int(in TimestampInHeader_t x) {
    return (Timestamp_t) (TimestampUint_t) (TimestampInHeaderUint_t) x;
}

/* Conversions from the pipeline forms to the in-header forms. */
PortIdInHeader_t psa_PortId_int_to_header(in PortId_t x) {
    return (PortIdInHeader_t) (PortIdInHeaderUint_t) (PortIdUint_t) x;
}
MulticastGroupInHeader_t psa_MulticastGroup_int_to_header(in MulticastGroup_t x) {
    return (MulticastGroupInHeader_t) (MulticastGroupInHeaderUint_t) (MulticastGroupUint_t) x;
}
CloneSessionIdInHeader_t psa_CloneSessionId_int_to_header(in CloneSessionId_t x) {
    return (CloneSessionIdInHeader_t) (CloneSessionIdInHeaderUint_t) (CloneSessionIdUint_t) x;
}
ClassOfServiceInHeader_t psa_ClassOfService_int_to_header(in ClassOfService_t x) {
    return (ClassOfServiceInHeader_t) (ClassOfServiceInHeaderUint_t) (ClassOfServiceUint_t) x;
}
PacketLengthInHeader_t psa_PacketLength_int_to_header(in PacketLength_t x) {
    return (PacketLengthInHeader_t) (PacketLengthInHeaderUint_t) (PacketLengthUint_t) x;
}
EgressInstanceInHeader_t psa_EgressInstance_int_to_header(in EgressInstance_t x) {
    return (EgressInstanceInHeader_t) (EgressInstanceInHeaderUint_t) (EgressInstanceUint_t) x;
}
TimestampInHeader_t psa_Timestamp_int_to_header(in Timestamp_t x) {
    return (TimestampInHeader_t) (TimestampInHeaderUint_t) (TimestampUint_t) x;
}

/* ------------------------------------------------------------------ */
/* Match kinds and table properties                                    */
/* ------------------------------------------------------------------ */

match_kind {
    range,     // lo <= field <= hi
    selector,  // the field feeds an ActionSelector's hash
    optional   // exact match, or a wildcard
}

/* Values of the psa_idle_timeout table property. */
enum PSA_IdleTimeout_t {
    NO_TIMEOUT,
    NOTIFY_CONTROL
}

/* ------------------------------------------------------------------ */
/* Metadata                                                            */
/* ------------------------------------------------------------------ */

/* How the packet reached the current parser or control. */
enum PSA_PacketPath_t {
    NORMAL,            // arrived from a port (ingress)
    NORMAL_UNICAST,    // unicast from ingress (egress)
    NORMAL_MULTICAST,  // multicast copy from ingress (egress)
    CLONE_I2E,         // clone made by ingress (egress)
    CLONE_E2E,         // clone made by egress (egress)
    RESUBMIT,          // resubmitted by ingress (ingress)
    RECIRCULATE        // recirculated by egress (ingress)
}

struct psa_ingress_parser_input_metadata_t {
    PortId_t         ingress_port;
    PSA_PacketPath_t packet_path;
}

struct psa_egress_parser_input_metadata_t {
    PortId_t         egress_port;
    PSA_PacketPath_t packet_path;
}

struct psa_ingress_input_metadata_t {
    PortId_t         ingress_port;
    PSA_PacketPath_t packet_path;
    Timestamp_t      ingress_timestamp;
    ParserError_t    parser_error;
}

/* Set by Ingress; the values shown are those at the start of Ingress. */
struct psa_ingress_output_metadata_t {
    ClassOfService_t class_of_service;  // 0
    bool             clone;             // false
    CloneSessionId_t clone_session_id;  // undefined
    bool             drop;              // true
    bool             resubmit;          // false
    MulticastGroup_t multicast_group;   // 0 (no multicast)
    PortId_t         egress_port;       // undefined
}

struct psa_egress_input_metadata_t {
    ClassOfService_t class_of_service;
    PortId_t         egress_port;
    PSA_PacketPath_t packet_path;
    EgressInstance_t instance;          // instance of a multicast copy
    Timestamp_t      egress_timestamp;
    ParserError_t    parser_error;
}

struct psa_egress_deparser_input_metadata_t {
    PortId_t         egress_port;
}

/* Set by Egress; the values shown are those at the start of Egress. */
struct psa_egress_output_metadata_t {
    bool             clone;             // false
    CloneSessionId_t clone_session_id;  // undefined
    bool             drop;              // false
}

/* ------------------------------------------------------------------ */
/* Deparser helpers                                                    */
/* ------------------------------------------------------------------ */

/* True when ingress asked for an I2E clone. */
@pure
extern bool psa_clone_i2e(in psa_ingress_output_metadata_t istd);

/* True when ingress asked for a resubmit (and did not drop). */
@pure
extern bool psa_resubmit(in psa_ingress_output_metadata_t istd);

/* True when the packet continues normally from ingress to the PRE. */
@pure
extern bool psa_normal(in psa_ingress_output_metadata_t istd);

/* True when egress asked for an E2E clone. */
@pure
extern bool psa_clone_e2e(in psa_egress_output_metadata_t istd);

/* True when the packet is sent to PSA_PORT_RECIRCULATE and not dropped. */
@pure
extern bool psa_recirculate(in psa_egress_output_metadata_t istd,
                            in psa_egress_deparser_input_metadata_t edstd);

/* Abort (on targets that check) when check is false. */
extern void assert(in bool check);

/* Tell verification tools to assume check holds. */
extern void assume(in bool check);

/* ------------------------------------------------------------------ */
/* Forwarding actions                                                  */
/* ------------------------------------------------------------------ */

/* Send the packet unicast to egress_port. */
@noWarn("unused")
action send_to_port(inout psa_ingress_output_metadata_t meta, in PortId_t egress_port) {
    meta.drop = false;
    meta.multicast_group = (MulticastGroup_t) 0;
    meta.egress_port = egress_port;
}

/* Replicate the packet to multicast_group. */
@noWarn("unused")
action multicast(inout psa_ingress_output_metadata_t meta, in MulticastGroup_t multicast_group) {
    meta.drop = false;
    meta.multicast_group = multicast_group;
}

/* Drop the packet at the end of ingress. */
@noWarn("unused")
action ingress_drop(inout psa_ingress_output_metadata_t meta) {
    meta.drop = true;
}

/* Drop the packet at the end of egress. */
@noWarn("unused")
action egress_drop(inout psa_egress_output_metadata_t meta) {
    meta.drop = true;
}

/* ------------------------------------------------------------------ */
/* Fixed-function blocks                                               */
/* ------------------------------------------------------------------ */

extern PacketReplicationEngine {
    PacketReplicationEngine();
}

extern BufferingQueueingEngine {
    BufferingQueueingEngine();
}

/* ------------------------------------------------------------------ */
/* Hashes and checksums                                                */
/* ------------------------------------------------------------------ */

enum PSA_HashAlgorithm_t {
    IDENTITY,
    CRC32,
    CRC32_CUSTOM,
    CRC16,
    CRC16_CUSTOM,
    ONES_COMPLEMENT16,  // the Internet checksum
    TARGET_DEFAULT      // whatever the target prefers
}

/* A hash unit producing values of type O. */
extern Hash<O> {
    Hash(PSA_HashAlgorithm_t algo);
    /* The hash of data. */
    @pure
    O get_hash<D>(in D data);
    /* base + (hash(data) mod max). */
    @pure
    O get_hash<T, D>(in T base, in D data, in T max);
}

/* An incremental checksum unit producing values of type W. */
extern Checksum<W> {
    Checksum(PSA_HashAlgorithm_t hash);
    void clear();
    void update<T>(in T data);
    @noSideEffects
    W get();
}

/* The Internet (ones' complement) checksum, with subtraction for incremental updates. */
extern InternetChecksum {
    InternetChecksum();
    void clear();
    void add<T>(in T data);
    void subtract<T>(in T data);
    @noSideEffects
    bit<16> get();
    @noSideEffects
    bit<16> get_state();
    void set_state(in bit<16> checksum_state);
}

/* ------------------------------------------------------------------ */
/* Counters, meters, registers                                         */
/* ------------------------------------------------------------------ */

enum PSA_CounterType_t {
    PACKETS,
    BYTES,
    PACKETS_AND_BYTES
}

/* n_counters counters of width W, indexed by S. */
@noWarn("unused")
extern Counter<W, S> {
    Counter(bit<32> n_counters, PSA_CounterType_t type);
    void count(in S index);
}

/* A counter attached to one table: one cell of width W per entry. */
@noWarn("unused")
extern DirectCounter<W> {
    DirectCounter(PSA_CounterType_t type);
    void count();
}

enum PSA_MeterType_t {
    PACKETS,
    BYTES
}

enum PSA_MeterColor_t { RED, GREEN, YELLOW }

/* n_meters two-rate three-colour meters (RFC 2698), indexed by S. */
extern Meter<S> {
    Meter(bit<32> n_meters, PSA_MeterType_t type);
    /* Colour-aware execution. */
    PSA_MeterColor_t execute(in S index, in PSA_MeterColor_t color);
    /* Colour-blind execution. */
    PSA_MeterColor_t execute(in S index);
}

/* A meter attached to one table: one meter per entry. */
extern DirectMeter {
    DirectMeter(PSA_MeterType_t type);
    PSA_MeterColor_t execute(in PSA_MeterColor_t color);
    PSA_MeterColor_t execute();
}

/* size cells of type T indexed by S, optionally initialised to initial_value. */
extern Register<T, S> {
    Register(bit<32> size);
    Register(bit<32> size, T initial_value);
    @noSideEffects
    T read(in S index);
    void write(in S index, in T value);
}

/* A uniformly distributed value in [min, max]. */
extern Random<T> {
    Random(T min, T max);
    T read();
}

/* ------------------------------------------------------------------ */
/* Table implementations and digests                                   */
/* ------------------------------------------------------------------ */

/* Table implementation: actions chosen from a shared pool of size members. */
extern ActionProfile {
    ActionProfile(bit<32> size);
}

/* Table implementation: a group member chosen by hashing the selector keys. */
extern ActionSelector {
    ActionSelector(PSA_HashAlgorithm_t algo, bit<32> size, bit<32> outputWidth);
}

/* A message of type T sent to the control plane; used in IngressDeparser only. */
extern Digest<T> {
    Digest();
    void pack(in T data);
}

/* ------------------------------------------------------------------ */
/* Programmable blocks and packages                                    */
/* ------------------------------------------------------------------ */

/* Type parameters: H headers, M user metadata, RESUBM/RECIRCM metadata carried by
 * resubmit/recirculate, CI2EM/CE2EM by clones, NM from ingress to egress. */

parser IngressParser<H, M, RESUBM, RECIRCM>(
    packet_in buffer,
    out H parsed_hdr,
    inout M user_meta,
    in psa_ingress_parser_input_metadata_t istd,
    in RESUBM resubmit_meta,
    in RECIRCM recirculate_meta);

control Ingress<H, M>(
    inout H hdr,
    inout M user_meta,
    in psa_ingress_input_metadata_t istd,
    inout psa_ingress_output_metadata_t ostd);

control IngressDeparser<H, M, CI2EM, RESUBM, NM>(
    packet_out buffer,
    out CI2EM clone_i2e_meta,
    out RESUBM resubmit_meta,
    out NM normal_meta,
    inout H hdr,
    in M meta,
    in psa_ingress_output_metadata_t istd);

parser EgressParser<H, M, NM, CI2EM, CE2EM>(
    packet_in buffer,
    out H parsed_hdr,
    inout M user_meta,
    in psa_egress_parser_input_metadata_t istd,
    in NM normal_meta,
    in CI2EM clone_i2e_meta,
    in CE2EM clone_e2e_meta);

control Egress<H, M>(
    inout H hdr,
    inout M user_meta,
    in psa_egress_input_metadata_t istd,
    inout psa_egress_output_metadata_t ostd);

control EgressDeparser<H, M, CE2EM, RECIRCM>(
    packet_out buffer,
    out CE2EM clone_e2e_meta,
    out RECIRCM recirculate_meta,
    inout H hdr,
    in M meta,
    in psa_egress_output_metadata_t istd,
    in psa_egress_deparser_input_metadata_t edstd);

package IngressPipeline<IH, IM, NM, CI2EM, RESUBM, RECIRCM>(
    IngressParser<IH, IM, RESUBM, RECIRCM> ip,
    Ingress<IH, IM> ig,
    IngressDeparser<IH, IM, CI2EM, RESUBM, NM> id);

package EgressPipeline<EH, EM, NM, CI2EM, CE2EM, RECIRCM>(
    EgressParser<EH, EM, NM, CI2EM, CE2EM> ep,
    Egress<EH, EM> eg,
    EgressDeparser<EH, EM, CE2EM, RECIRCM> ed);

/* The top-level PSA switch: PSA_Switch(IngressPipeline(...), PacketReplicationEngine(),
 * EgressPipeline(...), BufferingQueueingEngine()) main; */
package PSA_Switch<IH, IM, EH, EM, NM, CI2EM, CE2EM, RESUBM, RECIRCM>(
    IngressPipeline<IH, IM, NM, CI2EM, RESUBM, RECIRCM> ingress,
    PacketReplicationEngine pre,
    EgressPipeline<EH, EM, NM, CI2EM, CE2EM, RECIRCM> egress,
    BufferingQueueingEngine bqe);

#endif /* __PSA_P4__ */
