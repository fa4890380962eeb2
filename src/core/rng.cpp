// SPDX-License-Identifier: MIT
#include "core/rng.hpp"

#include <cmath>

#include "core/check.hpp"

namespace aitp {

namespace {

// splitmix64 and xoshiro256** by D. Blackman and S. Vigna, https://prng.di.unimi.it/
std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(std::uint64_t seed) : seed_(seed) {
    std::uint64_t x = seed;
    for (auto& s : s_) s = splitmix64(x);
}

std::uint64_t Rng::next_u64() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

double Rng::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

std::int64_t Rng::uniform_int(std::int64_t lo, std::int64_t hi) {
    AITP_CHECK(lo <= hi, "Condition failed: lo <= hi");
    const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
    if (span == 0) return static_cast<std::int64_t>(next_u64());
    // Rejection sampling removes the modulo bias.
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % span;
    std::uint64_t r = next_u64();
    while (r >= limit) r = next_u64();
    return lo + static_cast<std::int64_t>(r % span);
}

double Rng::normal() {
    if (has_spare_) {
        has_spare_ = false;
        return spare_normal_;
    }
    double u = 0.0;
    double v = 0.0;
    double s = 0.0;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double m = std::sqrt(-2.0 * std::log(s) / s);
    spare_normal_ = v * m;
    has_spare_ = true;
    return u * m;
}

double Rng::gamma(double shape) {
    AITP_CHECK(shape > 0.0, "Condition failed: shape > 0");
    if (shape < 1.0) {
        // Boost to shape + 1 and scale back (Marsaglia-Tsang, section 6).
        const double u = uniform();
        return gamma(shape + 1.0) * std::pow(u > 0.0 ? u : 0x1.0p-53, 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x = 0.0;
        double v = 0.0;
        do {
            x = normal();
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = uniform();
        if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
        if (u > 0.0 && std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
    }
}

double Rng::student_t(double dof) {
    AITP_CHECK(dof > 0.0, "Condition failed: dof > 0");
    const double z = normal();
    const double chi2 = 2.0 * gamma(dof / 2.0);
    return z / std::sqrt(chi2 / dof);
}

}  // namespace aitp
