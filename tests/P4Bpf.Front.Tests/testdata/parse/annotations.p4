@pragma netro reglocked
@name("x") @hidden @tableonly
@anno(1, "two", three, (nested, (parens)), $weird)
@structured[a = 1, b = "two"]
@list[1, 2, 3]
struct s_t { bit<8> f; }
