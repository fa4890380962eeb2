// SPDX-License-Identifier: MIT
// Natural logarithm written once for a double and for vectors of doubles (GCC vector
// extensions), so a batch kernel computes 8 logs per step and a stream computes the same bits
// one at a time. The algorithm is fdlibm's e_log.c (argument reduction to [sqrt(2)/2, sqrt(2)),
// s = f/(2+f), a degree-14 odd polynomial in s; error below 1 ulp); the reduction uses integer
// arithmetic on the representation instead of fdlibm's 32-bit words. Arguments that are not
// positive normal numbers (0, negatives, subnormals, infinities, NaN) go to std::log. Pure.
//
// fdlibm: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at
// SunSoft, a Sun Microsystems, Inc. business. Permission to use, copy, modify, and distribute
// this software is freely granted, provided that this notice is preserved.
#pragma once

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "indicators/detail/window.hpp"

namespace aitp::indicators::detail {

namespace log_impl {

inline constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 0x3fe62e42fee00000
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;  // 0x3dea39ef35793c76
inline constexpr double kLg1 = 6.666666666666735130e-01;      // 0x3FE5555555555593
inline constexpr double kLg2 = 3.999999999940941908e-01;      // 0x3FD999999997FA04
inline constexpr double kLg3 = 2.857142874366239149e-01;      // 0x3FD2492494229359
inline constexpr double kLg4 = 2.222219843214978396e-01;      // 0x3FCC71C51D8E78AF
inline constexpr double kLg5 = 1.818357216161805012e-01;      // 0x3FC7466496CB03DE
inline constexpr double kLg6 = 1.531383769920937332e-01;      // 0x3FC39A09D078C69F
inline constexpr double kLg7 = 1.479819860511658591e-01;      // 0x3FC2F112DF3E5244
// x = 2^k * z with z in [sqrt(2)/2, sqrt(2)): subtracting the representation of ~sqrt(2)/2
// puts k in the exponent field.
inline constexpr std::int64_t kOffset = 0x3fe6a09e667f3bcd;

typedef std::uint64_t v8ul __attribute__((vector_size(64)));

/// out = log(x) for positive normal x (D = double with I = int64 and U = uint64, or v8d with
/// v8l and v8ul; vectors by reference, see window.hpp). The representation arithmetic is
/// unsigned, so lanes that are not positive normals (fixed up by the caller) wrap instead of
/// overflowing a signed integer.
template <class D, class I, class U>
[[gnu::always_inline]] inline void core(const D& x, D& out) {
    U ux;
    std::memcpy(&ux, &x, sizeof ux);
    const U utmp = ux - (U{} + static_cast<std::uint64_t>(kOffset));
    I tmp;
    std::memcpy(&tmp, &utmp, sizeof tmp);
    const I k = tmp >> 52;  // arithmetic shift: the exponent, -1022..1023
    const U uz = ux - (utmp & (U{} + (std::uint64_t{0xfff} << 52)));
    D z;
    std::memcpy(&z, &uz, sizeof z);
    const D f = z - 1.0;  // exact (Sterbenz)
    D dk;
    if constexpr (std::is_same_v<D, double>) {
        dk = static_cast<double>(k);
    } else {
        dk = __builtin_convertvector(k, D);
    }
    const D hfsq = 0.5 * f * f;
    const D s = f / (2.0 + f);
    const D zz = s * s;
    const D w = zz * zz;
    const D t1 = w * (kLg2 + w * (kLg4 + w * kLg6));
    const D t2 = zz * (kLg1 + w * (kLg3 + w * (kLg5 + w * kLg7)));
    const D r = t2 + t1;
    out = dk * kLn2Hi - ((hfsq - (s * (hfsq + r) + dk * kLn2Lo)) - f);
}

}  // namespace log_impl

/// True when ln() takes the polynomial path for x (a positive normal double).
inline bool log_is_regular(double x) {
    return x >= std::numeric_limits<double>::min() && x <= std::numeric_limits<double>::max();
}

/// Natural logarithm, within 1 ulp; the same bits as ln8() gives in any lane.
inline double ln(double x) {
    if (!log_is_regular(x)) {
        return std::log(x);
    }
    double r;
    log_impl::core<double, std::int64_t, std::uint64_t>(x, r);
    return r;
}

/// ln() of the 8 lanes of x.
inline void ln8(const lanes::v8d& x, lanes::v8d& out) {
    log_impl::core<lanes::v8d, lanes::v8l, log_impl::v8ul>(x, out);
    const lanes::v8l regular =
        (x >= std::numeric_limits<double>::min()) & (x <= std::numeric_limits<double>::max());
    bool all = true;
    for (int k = 0; k < 8; ++k) {
        all = all && regular[k] != 0;
    }
    if (!all) {
        for (int k = 0; k < 8; ++k) {
            if (regular[k] == 0) {
                out[k] = std::log(x[k]);
            }
        }
    }
}

}  // namespace aitp::indicators::detail
