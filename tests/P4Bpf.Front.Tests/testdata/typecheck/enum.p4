#include <core.p4>
enum Color { Red, Green, Blue }
control c(inout bit<8> x) {
    apply {
        Color k = Color.Green;
        if (k == Color.Red) {
            x = 1;
        }
        switch (k) {
            Color.Red: { x = 2; }
            Color.Green:
            Color.Blue: { x = 3; }
        }
    }
}
