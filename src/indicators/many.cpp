// SPDX-License-Identifier: MIT
#include "indicators/many.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "indicators/average/ema.hpp"
#include "indicators/average/sma.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/tile.hpp"

namespace aitp::indicators {

namespace {

constexpr std::size_t kMaxLanes = 8;

// Vector types of W lanes: 8 (one 512-bit vector) for full groups, 4 for the rest of a set
// (a group of 2 in 8 lanes would cost as much as 8 where the vector unit splits 512-bit work).
template <std::size_t W>
struct Lanes;
template <>
struct Lanes<8> {
    using D = detail::lanes::v8d;
    using L = detail::lanes::v8l;
    static void transpose(D (&t)[8]) { detail::transpose8(t); }
};
template <>
struct Lanes<4> {
    typedef double D __attribute__((vector_size(32)));
    typedef std::int64_t L __attribute__((vector_size(32)));
    // t[j][k] <- t[k][j] for the 4x4 tile t.
    static void transpose(D (&t)[4]) {
        const D a0 = __builtin_shufflevector(t[0], t[1], 0, 4, 2, 6);  // rows 0, 1: columns 0, 2
        const D a1 = __builtin_shufflevector(t[0], t[1], 1, 5, 3, 7);  // columns 1, 3
        const D a2 = __builtin_shufflevector(t[2], t[3], 0, 4, 2, 6);
        const D a3 = __builtin_shufflevector(t[2], t[3], 1, 5, 3, 7);
        t[0] = __builtin_shufflevector(a0, a2, 0, 1, 4, 5);
        t[2] = __builtin_shufflevector(a0, a2, 2, 3, 6, 7);
        t[1] = __builtin_shufflevector(a1, a3, 0, 1, 4, 5);
        t[3] = __builtin_shufflevector(a1, a3, 2, 3, 6, 7);
    }
};

// RollingKahan::slide + mean() in the steady state (window full, finite values), one
// RollingKahan per lane, the same operations in the same order.
template <std::size_t W>
struct MeanLanes {
    using D = typename Lanes<W>::D;
    using L = typename Lanes<W>::L;
    D sum, comp_add, comp_remove, prev, nobs_d;
    L nobs, neg, run;

    [[gnu::always_inline]] void step(const D& in, const D& leaving, D& mean) {
        const D zero = (D{} + 0.0);
        const L izero = (L{} + 0);
        D y = -leaving - comp_remove;  // remove(leaving)
        D t = sum + y;
        comp_remove = (t - sum) - y;
        sum = t;
        neg += (L)leaving < izero;  // a true comparison is -1: one negative value fewer
        y = in - comp_add;          // add(in)
        t = sum + y;
        comp_add = (t - sum) - y;
        sum = t;
        neg -= (L)in < izero;
        run = in == prev ? run + 1 : (L{} + 1);
        prev = in;
        D r = sum / nobs_d;  // calc_mean
        r = ((neg == nobs) & (r > zero)) ? zero : r;
        r = ((neg == izero) & (r < zero)) ? zero : r;
        mean = run >= nobs ? prev : r;
    }

    /// step() when no lane has a negative value in its window (neg == 0) and neither `in` nor
    /// `leaving` is negative (sign bit clear): neg stays 0, so calc_mean's clamps reduce to
    /// "negative mean -> 0" (the all-negative clamp needs neg == nobs > 0). The same values.
    [[gnu::always_inline]] void step_no_negatives(const D& in, const D& leaving, D& mean) {
        const D zero = (D{} + 0.0);
        D y = -leaving - comp_remove;
        D t = sum + y;
        comp_remove = (t - sum) - y;
        sum = t;
        y = in - comp_add;
        t = sum + y;
        comp_add = (t - sum) - y;
        sum = t;
        run = in == prev ? run + 1 : (L{} + 1);
        prev = in;
        D r = sum / nobs_d;
        r = r < zero ? zero : r;
        mean = run >= nobs ? prev : r;
    }
};

// True when no lane of any of the 2W vectors has its sign bit set and every lane's count of
// negative values is 0.
template <std::size_t W>
[[gnu::always_inline]] inline bool no_negatives(const typename Lanes<W>::D (&a)[W],
                                                const typename Lanes<W>::D (&b)[W],
                                                const typename Lanes<W>::L& neg) {
    using L = typename Lanes<W>::L;
    L bits = (L{} + 0);
    for (std::size_t j = 0; j < W; ++j) {
        bits |= (L)a[j] | (L)b[j];  // a sign bit anywhere: a negative value or -0.0
    }
    bool ok = true;
    for (std::size_t k = 0; k < W; ++k) {
        ok &= (bits[k] >= 0) & (neg[k] == 0);
    }
    return ok;
}

struct Group {
    std::size_t lanes = 0;               // jobs in this group (<= 8); the other lanes repeat job 0
    const AverageJob* job[kMaxLanes]{};  // per lane
    bool same_input = true;              // every lane reads the same series
};

Group make_group(std::span<const AverageJob> jobs) {
    Group g;
    g.lanes = jobs.size();
    for (std::size_t k = 0; k < kMaxLanes; ++k) {
        g.job[k] = &jobs[k < jobs.size() ? k : 0];
        g.same_input = g.same_input && g.job[k]->in.data() == jobs[0].in.data();
    }
    return g;
}

// The W lanes' input rows [i, i+W) as W vectors (vector j = row i+j of every lane), each lane
// `back` rows back (offset[k] for lane k) when back != 0.
template <std::size_t W>
[[gnu::always_inline]] inline void load_rows(const Group& g, std::size_t i, std::size_t back,
                                             const std::size_t (&offset)[kMaxLanes],
                                             typename Lanes<W>::D (&t)[W]) {
    using D = typename Lanes<W>::D;
    if (g.same_input && back == 0) {
        const double* p = g.job[0]->in.data() + i;
        for (std::size_t j = 0; j < W; ++j) {
            t[j] = (D{} + p[j]);
        }
        return;
    }
    for (std::size_t k = 0; k < W; ++k) {
        std::memcpy(&t[k], g.job[k]->in.data() + i - (back != 0 ? offset[k] : 0), sizeof(D));
    }
    Lanes<W>::transpose(t);
}

// out[k][i..i+W) = row j of t, for the group's jobs k (t is clobbered).
template <std::size_t W>
[[gnu::always_inline]] inline void store_rows(const Group& g, std::size_t i,
                                              typename Lanes<W>::D (&t)[W]) {
    Lanes<W>::transpose(t);
    for (std::size_t k = 0; k < g.lanes; ++k) {
        std::memcpy(g.job[k]->out.data() + i, &t[k], sizeof t[k]);
    }
}

template <std::size_t W>
void sma_group(const Group& g) {
    using D = typename Lanes<W>::D;
    const std::size_t n = g.job[0]->in.size();
    std::size_t window[kMaxLanes]{};
    std::size_t warm = 0;
    for (std::size_t k = 0; k < W; ++k) {
        window[k] = static_cast<std::size_t>(g.job[k]->period);
        warm = std::max(warm, g.job[k]->lead + window[k]);
    }
    // Warm-up (windows filling) with the scalar state, which the lanes then continue.
    MeanLanes<W> s{};
    for (std::size_t k = 0; k < W; ++k) {
        const AverageJob& job = *g.job[k];
        detail::RollingKahan rk(window[k]);
        for (std::size_t i = 0; i < warm; ++i) {
            const bool full = i >= window[k];
            rk.slide(job.in[i], full, full ? job.in[i - window[k]] : 0.0);
            if (k < g.lanes) {
                job.out[i] = rk.mean();
            }
        }
        const detail::RollingKahan::State st = rk.state();
        s.sum[k] = st.sum;
        s.comp_add[k] = st.comp_add;
        s.comp_remove[k] = st.comp_remove;
        s.prev[k] = st.prev_value;
        s.nobs_d[k] = static_cast<double>(st.nobs);
        s.nobs[k] = st.nobs;
        s.neg[k] = st.neg_ct;
        s.run[k] = st.same_run;
    }
    std::size_t i = warm;
    D in[W];
    D leaving[W];
    D mean[W];
    for (; i + W <= n; i += W) {
        load_rows<W>(g, i, 0, window, in);
        load_rows<W>(g, i, 1, window, leaving);
        if (no_negatives<W>(in, leaving, s.neg)) {
            for (std::size_t j = 0; j < W; ++j) {
                s.step_no_negatives(in[j], leaving[j], mean[j]);
            }
        } else {
            for (std::size_t j = 0; j < W; ++j) {
                s.step(in[j], leaving[j], mean[j]);
            }
        }
        store_rows<W>(g, i, mean);
    }
    for (; i < n; ++i) {
        D x;
        D l;
        for (std::size_t k = 0; k < W; ++k) {
            x[k] = g.job[k]->in[i];
            l[k] = g.job[k]->in[i - window[k]];
        }
        D m;
        s.step(x, l, m);
        for (std::size_t k = 0; k < g.lanes; ++k) {
            g.job[k]->out[i] = m[k];
        }
    }
}

template <std::size_t W>
void ema_group(const Group& g) {
    using D = typename Lanes<W>::D;
    const std::size_t n = g.job[0]->in.size();
    // Ewm::update for finite values after the first: old_wt = 1 * factor, and factor + alpha
    // rounds to 1 (checked by the caller), so each step is num = factor*w + alpha*x, taken
    // unless x equals the current value.
    D w;
    D factor;
    D alpha;
    for (std::size_t k = 0; k < W; ++k) {
        alpha[k] = detail::ewm_alpha_from_span(g.job[k]->period);
        factor[k] = 1.0 - alpha[k];
        w[k] = g.job[k]->in[0];
        if (k < g.lanes) {
            g.job[k]->out[0] = w[k];
        }
    }
    const std::size_t none[kMaxLanes]{};
    D in[W];
    std::size_t i = 1;
    for (; i + W <= n; i += W) {
        load_rows<W>(g, i, 0, none, in);
        for (std::size_t j = 0; j < W; ++j) {
            const D num = factor * w + alpha * in[j];
            w = w != in[j] ? num : w;
            in[j] = w;
        }
        store_rows<W>(g, i, in);
    }
    for (; i < n; ++i) {
        D x;
        for (std::size_t k = 0; k < W; ++k) {
            x[k] = g.job[k]->in[i];
        }
        const D num = factor * w + alpha * x;
        w = w != x ? num : w;
        for (std::size_t k = 0; k < g.lanes; ++k) {
            g.job[k]->out[i] = w[k];
        }
    }
}

// A group of up to 4 jobs runs in 4 lanes, a larger one in 8.
template <template <std::size_t> class Run>
void run_group(const Group& g) {
    if (g.lanes <= 4) {
        Run<4>::run(g);
    } else {
        Run<8>::run(g);
    }
}
template <std::size_t W>
struct SmaGroup {
    static void run(const Group& g) { sma_group<W>(g); }
};
template <std::size_t W>
struct EmaGroup {
    static void run(const Group& g) { ema_group<W>(g); }
};

bool ema_steps_divide(int period) {
    const double alpha = detail::ewm_alpha_from_span(period);
    return (1.0 - alpha) + alpha != 1.0;
}

// sma()'s rows for a job whose first values may be NaN (KahanWindow skips them as pandas does).
void mean_with_lead(const AverageJob& job) {
    const std::size_t w = static_cast<std::size_t>(job.period);
    detail::KahanWindow k(w);
    for (std::size_t i = 0; i < job.in.size(); ++i) {
        const bool full = i >= w;
        k.slide(job.in[i], full, full ? job.in[i - w] : 0.0);
        job.out[i] = k.mean();
    }
}

template <class Params, class Single, class Fits, class RunGroup>
Status run_many(std::span<const AverageJob> jobs, Single single, Fits fits, RunGroup run_group) {
    std::vector<AverageJob> lane_jobs;
    for (const AverageJob& job : jobs) {
        AITP_TRY(Params{job.period}.validate());
        if (job.finite) {
            if (job.out.size() != job.in.size()) {
                return fail(Error::invalid_argument(fmt::format(
                    "output 0 has {} values but the input has {}", job.out.size(), job.in.size())));
            }
        } else if (job.lead == 0) {
            AITP_TRY(check_series({{"input", job.in}}, {job.out}));
        } else {
            // The lead rows may be NaN (sma() and the scalar warm-up skip them); the rest is
            // checked (an internal job: its row numbers count from the lead).
            const std::size_t lead = std::min(job.lead, job.in.size());
            AITP_TRY(check_series({{"input", job.in.subspan(lead)}}, {}));
            if (job.out.size() != job.in.size()) {
                return fail(Error::invalid_argument(fmt::format(
                    "output 0 has {} values but the input has {}", job.out.size(), job.in.size())));
            }
        }
        if (fits(job)) {
            lane_jobs.push_back(job);
        } else if (job.lead > 0) {
            mean_with_lead(job);
        } else {
            AITP_TRY(single(job.in, Params{job.period}, job.out));
        }
    }
    // Lanes share a length; sort so a group has one length and similar warm-ups.
    std::stable_sort(
        lane_jobs.begin(), lane_jobs.end(), [](const AverageJob& a, const AverageJob& b) {
            return a.in.size() != b.in.size() ? a.in.size() < b.in.size() : a.period < b.period;
        });
    std::size_t start = 0;
    while (start < lane_jobs.size()) {
        std::size_t end = start + 1;
        while (end < lane_jobs.size() && end - start < kMaxLanes &&
               lane_jobs[end].in.size() == lane_jobs[start].in.size()) {
            ++end;
        }
        const std::span<const AverageJob> part(lane_jobs.data() + start, end - start);
        run_group(make_group(part));
        start = end;
    }
    return ok_status();
}

template <std::size_t W>
void ewm_lanes(double* const* x, const double* alpha_in, std::size_t count, std::size_t len,
               double* w_io, bool first) {
    using D = typename Lanes<W>::D;
    D alpha;
    D factor;
    D w;
    double* row[W];
    for (std::size_t k = 0; k < W; ++k) {
        const std::size_t src = k < count ? k : 0;  // spare lanes repeat series 0
        alpha[k] = alpha_in[src];
        factor[k] = 1.0 - alpha[k];  // detail::Ewm's factor
        row[k] = x[src];
        w[k] = first ? x[src][0] : w_io[src];
    }
    // Ewm::update after the first row, finite x: old_wt = factor, and factor + alpha rounds to
    // 1 for every alpha in (0, 1], so the value is factor*w + alpha*x unless x equals it.
    std::size_t i = first ? 1 : 0;
    D t[W];
    for (; i + W <= len; i += W) {
        for (std::size_t k = 0; k < W; ++k) {
            std::memcpy(&t[k], row[k] + i, sizeof(D));
        }
        Lanes<W>::transpose(t);
        for (std::size_t j = 0; j < W; ++j) {
            const D num = factor * w + alpha * t[j];
            w = w != t[j] ? num : w;
            t[j] = w;
        }
        Lanes<W>::transpose(t);
        for (std::size_t k = 0; k < count; ++k) {
            std::memcpy(row[k] + i, &t[k], sizeof(D));
        }
    }
    for (; i < len; ++i) {
        D v;
        for (std::size_t k = 0; k < W; ++k) {
            v[k] = row[k][i];
        }
        const D num = factor * w + alpha * v;
        w = w != v ? num : w;
        for (std::size_t k = 0; k < count; ++k) {
            row[k][i] = w[k];
        }
    }
    for (std::size_t k = 0; k < count; ++k) {
        w_io[k] = w[k];
    }
}

}  // namespace

void ewm_lanes_chunk(double* const* x, const double* alpha, std::size_t count, std::size_t len,
                     double* w, bool first) {
    if (count == 0 || len == 0) {
        return;
    }
    if (count <= 4) {
        ewm_lanes<4>(x, alpha, count, len, w, first);
    } else {
        ewm_lanes<8>(x, alpha, count, len, w, first);
    }
}

Status sma_many(std::span<const AverageJob> jobs) {
    // Window 1 resets pandas' state every row, and a series shorter than warm-up + one tile
    // gains nothing: those go to sma().
    return run_many<SmaParams>(
        jobs, sma,
        [](const AverageJob& j) {
            return j.period > 1 && j.in.size() >= j.lead + static_cast<std::size_t>(j.period) + 16;
        },
        run_group<SmaGroup>);
}

Status ema_many(std::span<const AverageJob> jobs) {
    return run_many<EmaParams>(
        jobs, ema,
        [](const AverageJob& j) { return j.in.size() >= 16 && !ema_steps_divide(j.period); },
        run_group<EmaGroup>);
}

}  // namespace aitp::indicators
