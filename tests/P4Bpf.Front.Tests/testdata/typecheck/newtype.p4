#include <core.p4>
type bit<32> PortId_t;
const PortId_t CPU = (PortId_t)192;
control c(inout bit<8> x) {
    apply {
        PortId_t p = CPU;
        bit<32> raw = (bit<32>)p;
        p = (PortId_t)(raw + 1);
        bool same = p == CPU;
    }
}
