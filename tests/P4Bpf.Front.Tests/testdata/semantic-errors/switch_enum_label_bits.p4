#include <core.p4>
enum bit<4> E { A = 1 }
control c(in E e) {
    apply {
        switch (e) {
            4w1: { }
            default: { }
        }
    }
}
