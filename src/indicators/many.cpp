// SPDX-License-Identifier: MIT
#include "indicators/many.hpp"

#include <algorithm>
#include <cstdint>

#include "indicators/average/ema.hpp"
#include "indicators/average/sma.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/tile.hpp"

namespace aitp::indicators {

namespace {

using detail::lanes::v8d;
using detail::lanes::v8l;

constexpr std::size_t kLanes = 8;

// RollingKahan::slide + mean() in the steady state (window full, finite values), one
// RollingKahan per lane, the same operations in the same order.
struct MeanLanes {
    v8d sum, comp_add, comp_remove, prev, nobs_d;
    v8l nobs, neg, run;

    [[gnu::always_inline]] void step(const v8d& in, const v8d& leaving, v8d& mean) {
        const v8d zero = (v8d{} + 0.0);
        const v8l izero = (v8l{} + 0);
        v8d y = -leaving - comp_remove;  // remove(leaving)
        v8d t = sum + y;
        comp_remove = (t - sum) - y;
        sum = t;
        neg += (v8l)leaving < izero;  // a true comparison is -1: one negative value fewer
        y = in - comp_add;            // add(in)
        t = sum + y;
        comp_add = (t - sum) - y;
        sum = t;
        neg -= (v8l)in < izero;
        run = in == prev ? run + 1 : (v8l{} + 1);
        prev = in;
        v8d r = sum / nobs_d;  // calc_mean
        r = (neg == nobs) & (r > zero) ? zero : r;
        r = (neg == izero) & (r < zero) ? zero : r;
        mean = run >= nobs ? prev : r;
    }
};

struct Group {
    std::size_t lanes = 0;            // jobs in this group (<= 8); the other lanes repeat job 0
    const AverageJob* job[kLanes]{};  // per lane
    bool same_input = true;           // every lane reads the same series
};

Group make_group(std::span<const AverageJob> jobs) {
    Group g;
    g.lanes = jobs.size();
    for (std::size_t k = 0; k < kLanes; ++k) {
        g.job[k] = &jobs[k < jobs.size() ? k : 0];
        g.same_input = g.same_input && g.job[k]->in.data() == jobs[0].in.data();
    }
    return g;
}

// The 8 lanes' input rows [i, i+8) as 8 vectors (vector j = row i+j of every lane).
[[gnu::always_inline]] inline void load_rows(const Group& g, std::size_t i, std::size_t back,
                                             const std::size_t (&offset)[kLanes], v8d (&t)[8]) {
    if (g.same_input && back == 0) {
        const double* p = g.job[0]->in.data() + i;
        for (std::size_t j = 0; j < 8; ++j) {
            t[j] = (v8d{} + p[j]);
        }
        return;
    }
    const double* src[kLanes];
    for (std::size_t k = 0; k < kLanes; ++k) {
        src[k] = g.job[k]->in.data() + i - (back != 0 ? offset[k] : 0);
    }
    detail::load_tile(t, src);
}

void sma_group(const Group& g) {
    const std::size_t n = g.job[0]->in.size();
    std::size_t window[kLanes];
    std::size_t warm = 0;
    for (std::size_t k = 0; k < kLanes; ++k) {
        window[k] = static_cast<std::size_t>(g.job[k]->period);
        warm = std::max(warm, window[k]);
    }
    // Warm-up (windows filling) with the scalar state, which the lanes then continue.
    MeanLanes s{};
    for (std::size_t k = 0; k < kLanes; ++k) {
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
    v8d in[8];
    v8d leaving[8];
    v8d mean[8];
    for (; i + 8 <= n; i += 8) {
        load_rows(g, i, 0, window, in);
        load_rows(g, i, 1, window, leaving);
        for (std::size_t j = 0; j < 8; ++j) {
            s.step(in[j], leaving[j], mean[j]);
        }
        double* dst[kLanes];
        for (std::size_t k = 0; k < kLanes; ++k) {
            dst[k] = g.job[k]->out.data() + i;
        }
        detail::store_tile(mean, dst, g.lanes);
    }
    for (; i < n; ++i) {
        v8d x;
        v8d l;
        for (std::size_t k = 0; k < kLanes; ++k) {
            x[k] = g.job[k]->in[i];
            l[k] = g.job[k]->in[i - window[k]];
        }
        v8d m;
        s.step(x, l, m);
        for (std::size_t k = 0; k < g.lanes; ++k) {
            g.job[k]->out[i] = m[k];
        }
    }
}

void ema_group(const Group& g) {
    const std::size_t n = g.job[0]->in.size();
    // Ewm::update for finite values after the first: old_wt = 1 * factor, and factor + alpha
    // rounds to 1 (checked by the caller), so each step is num = factor*w + alpha*x, taken
    // unless x equals the current value.
    v8d w;
    v8d factor;
    v8d alpha;
    for (std::size_t k = 0; k < kLanes; ++k) {
        alpha[k] = detail::ewm_alpha_from_span(g.job[k]->period);
        factor[k] = 1.0 - alpha[k];
        w[k] = g.job[k]->in[0];
        if (k < g.lanes) {
            g.job[k]->out[0] = w[k];
        }
    }
    const std::size_t none[kLanes]{};
    v8d in[8];
    std::size_t i = 1;
    for (; i + 8 <= n; i += 8) {
        load_rows(g, i, 0, none, in);
        for (std::size_t j = 0; j < 8; ++j) {
            const v8d num = factor * w + alpha * in[j];
            w = w != in[j] ? num : w;
            in[j] = w;
        }
        double* dst[kLanes];
        for (std::size_t k = 0; k < kLanes; ++k) {
            dst[k] = g.job[k]->out.data() + i;
        }
        detail::store_tile(in, dst, g.lanes);
    }
    for (; i < n; ++i) {
        v8d x;
        for (std::size_t k = 0; k < kLanes; ++k) {
            x[k] = g.job[k]->in[i];
        }
        const v8d num = factor * w + alpha * x;
        w = w != x ? num : w;
        for (std::size_t k = 0; k < g.lanes; ++k) {
            g.job[k]->out[i] = w[k];
        }
    }
}

bool ema_steps_divide(int period) {
    const double alpha = detail::ewm_alpha_from_span(period);
    return (1.0 - alpha) + alpha != 1.0;
}

template <class Params, class Single, class Fits, class RunGroup>
Status run_many(std::span<const AverageJob> jobs, Single single, Fits fits, RunGroup run_group) {
    std::vector<AverageJob> lane_jobs;
    for (const AverageJob& job : jobs) {
        AITP_TRY(Params{job.period}.validate());
        AITP_TRY(check_series({{"input", job.in}}, {job.out}));
        if (fits(job)) {
            lane_jobs.push_back(job);
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
        while (end < lane_jobs.size() && end - start < kLanes &&
               lane_jobs[end].in.size() == lane_jobs[start].in.size()) {
            ++end;
        }
        const std::span<const AverageJob> part(lane_jobs.data() + start, end - start);
        if (part.size() == 1) {
            AITP_TRY(single(part[0].in, Params{part[0].period}, part[0].out));
        } else {
            run_group(make_group(part));
        }
        start = end;
    }
    return ok_status();
}

}  // namespace

Status sma_many(std::span<const AverageJob> jobs) {
    // Window 1 resets pandas' state every row, and a series shorter than warm-up + one tile
    // gains nothing: those go to sma().
    return run_many<SmaParams>(
        jobs, sma,
        [](const AverageJob& j) {
            return j.period > 1 && j.in.size() >= static_cast<std::size_t>(j.period) + 16;
        },
        sma_group);
}

Status ema_many(std::span<const AverageJob> jobs) {
    return run_many<EmaParams>(
        jobs, ema,
        [](const AverageJob& j) { return j.in.size() >= 16 && !ema_steps_divide(j.period); },
        ema_group);
}

}  // namespace aitp::indicators
