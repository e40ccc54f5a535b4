#include "../include/mini_core.p4"
#include "../include/mini_core.p4"
header ethernet_t { bit<48> dst; bit<48> src; bit<16> etherType; }
header_union ip_u { ethernet_t a; ethernet_t b; }
@name("meta") struct meta_t { bit<8> x; int<4> y; varbit<(8 * 4)> v; bool b; error e; }
struct pair<T> { T first; T second; }
struct headers { ethernet_t eth; ethernet_t[4] stack; pair<bit<8>> p; tuple<bit<8>, bool> t; }
enum Color { Red, Green, }
enum bit<8> Op { Add = 1, Sub = 0x2 }
typedef bit<9> port_t;
type bit<32> PortId;
const port_t CPU = 9w64;
error { Custom }
