#include <core.p4>
enum Mode { Fast, Slow }
action a(Mode m) { }
