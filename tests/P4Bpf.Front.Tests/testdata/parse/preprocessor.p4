#define WIDTH 16
#define ADD(a, b) ((a) + (b))
#define NAME(x) x ## _t
#define STR(x) #x
#if defined(WIDTH) && WIDTH > 8 && !defined(NOPE)
header NAME(wide) { bit<WIDTH> f; }
#elif WIDTH == 8
header NAME(narrow) { bit<8> f; }
#else
#error unreachable
#endif
#ifdef NOPE
this is not P4 at all
#endif
#undef WIDTH
#ifndef WIDTH
const bit<8> V = ADD(1,
                    2);
#endif
@description(STR(hello world))
struct s_t { wide_t w; }
#pragma once
#line 100 "renamed.p4"
const bit<8> W = 1;
