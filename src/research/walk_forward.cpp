// SPDX-License-Identifier: MIT
#include "research/walk_forward.hpp"

#include <cmath>

#include "core/check.hpp"

namespace aitp::research {

std::vector<FoldWindow> rolling_folds(std::size_t n, int n_splits, double train_ratio) {
    std::vector<FoldWindow> out;
    if (n_splits < 1) return out;
    const std::size_t window = n / static_cast<std::size_t>(n_splits);
    if (window < 100) return out;
    for (std::size_t k = 0; k < static_cast<std::size_t>(n_splits); ++k) {
        const std::size_t begin = k * window;
        const auto train = static_cast<std::size_t>(static_cast<double>(window) * train_ratio);
        if (train < 50 || window - train < 20) continue;
        out.push_back({begin, begin + train, begin + train, begin + window});
    }
    return out;
}

std::vector<FoldWindow> expanding_folds(std::size_t n, int folds) {
    std::vector<FoldWindow> out;
    if (folds < 1) return out;
    const std::size_t seg = n / static_cast<std::size_t>(folds + 1);
    for (std::size_t k = 1; k <= static_cast<std::size_t>(folds); ++k) {
        if (seg < 50) continue;
        out.push_back({0, k * seg, k * seg, (k + 1) * seg});
    }
    return out;
}

double scored_sharpe(const metrics::RunMetrics& m) {
    return m.num_trades == 0 || std::isnan(m.sharpe_ratio) ? 0.0 : m.sharpe_ratio;
}

std::size_t best_row(const ScreenTable& table) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < table.rows.size(); ++i) {
        if (ranks_before({i, table.rows[i].metrics}, {best, table.rows[best].metrics})) best = i;
    }
    return best;
}

Result<WalkForwardResult> walk_forward(const StrategySpec& spec, const MarketData& data,
                                       std::span<const ParamVector> grid,
                                       std::span<const FoldWindow> folds,
                                       const ScreenOptions& options) {
    WalkForwardResult res;
    ScreenOptions opt = options;
    opt.top_k = 0;
    opt.pbo_blocks = 0;
    const WorkControl& work = options.sweep.work;
    for (std::size_t k = 0; k < folds.size(); ++k) {
        const FoldWindow& w = folds[k];
        // Each fold's sweep is its share of the progress, so the fraction keeps growing.
        const double share = 1.0 / static_cast<double>(folds.size());
        opt.sweep.work = work.part(share * static_cast<double>(k), share);
        AITP_CHECK(w.train_begin < w.train_end && w.train_end <= w.test_begin &&
                       w.test_begin < w.test_end && w.test_end <= data.size(),
                   "Condition failed: fold windows must lie inside the data");
        AITP_TRY_ASSIGN(const ScreenResult train,
                        run_screen(spec, data.slice(w.train_begin, w.train_end), grid, opt));
        const ScreenRow& best = train.table.rows[best_row(train.table)];
        AITP_TRY_ASSIGN(const SimResult test,
                        run_single(spec, data.slice(w.test_begin, w.test_end), best.params, opt));
        FoldResult f;
        f.window = w;
        f.params = best.params;
        f.in_sample = best.metrics;
        f.out_of_sample = test.metrics;
        const double is = scored_sharpe(f.in_sample);
        f.degradation = is > 0.0 ? scored_sharpe(f.out_of_sample) / is : 0.0;
        res.folds.push_back(std::move(f));
        work.report(share * static_cast<double>(k + 1), "walk-forward");
    }
    if (res.folds.empty()) return res;
    const auto k = static_cast<double>(res.folds.size());
    for (const FoldResult& f : res.folds) {
        res.mean_is_sharpe += scored_sharpe(f.in_sample) / k;
        res.mean_oos_sharpe += scored_sharpe(f.out_of_sample) / k;
        res.mean_degradation += f.degradation / k;
    }
    for (const FoldResult& f : res.folds)
        res.folds_without_oos_trades += f.out_of_sample.num_trades == 0;
    res.robust = res.mean_oos_sharpe > 0.0 && res.mean_degradation > 0.5 &&
                 res.folds_without_oos_trades == 0;
    return res;
}

std::string_view walk_forward_verdict(const WalkForwardResult& wf) {
    if (wf.robust) return "robust";
    const bool means_pass = wf.mean_oos_sharpe > 0.0 && wf.mean_degradation > 0.5;
    if (wf.folds.empty() || (means_pass && wf.folds_without_oos_trades > 0)) return "inconclusive";
    return "not_robust";
}

}  // namespace aitp::research
