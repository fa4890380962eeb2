// SPDX-License-Identifier: MIT
// 8x8 tiles of doubles for kernels that run up to 8 independent series (or parameter sets) in
// the lanes of one vector: load 8 consecutive rows of each series and transpose them so vector
// j holds row j of every series, and the reverse for the outputs. GCC vector extensions; the
// shuffles move values without arithmetic, so results do not depend on the target ISA. Pure.
#pragma once

#include <cstddef>
#include <cstring>

#include "indicators/detail/window.hpp"

namespace aitp::indicators::detail {

/// Transposes the 8x8 tile t in place: afterwards t[j][k] is the former t[k][j].
inline void transpose8(lanes::v8d (&t)[8]) {
    using lanes::v8d;
    v8d a[8];
    for (int k = 0; k < 8; k += 2) {
        a[k] = __builtin_shufflevector(t[k], t[k + 1], 0, 8, 2, 10, 4, 12, 6,
                                       14);  // rows k, k+1: columns 0,2,4,6
        a[k + 1] =
            __builtin_shufflevector(t[k], t[k + 1], 1, 9, 3, 11, 5, 13, 7, 15);  // columns 1,3,5,7
    }
    v8d b[8];
    for (int k = 0; k < 8; k += 4) {
        b[k] = __builtin_shufflevector(a[k], a[k + 2], 0, 1, 8, 9, 4, 5, 12,
                                       13);  // rows k..k+3: columns 0, 4
        b[k + 1] =
            __builtin_shufflevector(a[k], a[k + 2], 2, 3, 10, 11, 6, 7, 14, 15);  // columns 2, 6
        b[k + 2] =
            __builtin_shufflevector(a[k + 1], a[k + 3], 0, 1, 8, 9, 4, 5, 12, 13);  // columns 1, 5
        b[k + 3] = __builtin_shufflevector(a[k + 1], a[k + 3], 2, 3, 10, 11, 6, 7, 14,
                                           15);  // columns 3, 7
    }
    t[0] = __builtin_shufflevector(b[0], b[4], 0, 1, 2, 3, 8, 9, 10, 11);
    t[4] = __builtin_shufflevector(b[0], b[4], 4, 5, 6, 7, 12, 13, 14, 15);
    t[2] = __builtin_shufflevector(b[1], b[5], 0, 1, 2, 3, 8, 9, 10, 11);
    t[6] = __builtin_shufflevector(b[1], b[5], 4, 5, 6, 7, 12, 13, 14, 15);
    t[1] = __builtin_shufflevector(b[2], b[6], 0, 1, 2, 3, 8, 9, 10, 11);
    t[5] = __builtin_shufflevector(b[2], b[6], 4, 5, 6, 7, 12, 13, 14, 15);
    t[3] = __builtin_shufflevector(b[3], b[7], 0, 1, 2, 3, 8, 9, 10, 11);
    t[7] = __builtin_shufflevector(b[3], b[7], 4, 5, 6, 7, 12, 13, 14, 15);
}

}  // namespace aitp::indicators::detail
