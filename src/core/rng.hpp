// SPDX-License-Identifier: MIT
// Rng: a seeded, reproducible random generator (xoshiro256**, seeded by splitmix64) with its own
// distributions, so the same seed gives the same stream on every platform and standard library.
// Not thread-safe: give each thread its own Rng (e.g. seeded with seed + thread index).
#pragma once

#include <cstdint>

namespace aitp {

class Rng {
  public:
    explicit Rng(std::uint64_t seed);

    std::uint64_t seed() const { return seed_; }

    /// Returns the next 64 random bits.
    std::uint64_t next_u64();
    /// Returns a double uniform in [0, 1).
    double uniform();
    /// Returns an integer uniform in [lo, hi]. Requires: lo <= hi.
    std::int64_t uniform_int(std::int64_t lo, std::int64_t hi);
    /// Returns a standard normal deviate (Marsaglia polar method).
    double normal();
    /// Returns a Student-t deviate with `dof` degrees of freedom. Requires: dof > 0.
    double student_t(double dof);
    /// Returns a Gamma(shape, 1) deviate (Marsaglia-Tsang). Requires: shape > 0.
    double gamma(double shape);

  private:
    std::uint64_t seed_;
    std::uint64_t s_[4];
    double spare_normal_ = 0.0;
    bool has_spare_ = false;
};

}  // namespace aitp
