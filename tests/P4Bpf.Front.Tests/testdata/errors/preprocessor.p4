#include <nonexistent.p4>
#if 1
#warning careful
#endif
#endif
#bogus
#define F(a, b) a
const bit<8> X = F(1);
