@p4runtime_translation("example.org/PortId_t", bool)
type bit<9> PortId_t;
