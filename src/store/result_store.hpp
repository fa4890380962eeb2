// SPDX-License-Identifier: MIT
// ResultStore: persisted backtest and screening results (JSON fields as text). SQLite has no
// NaN: a NaN top_sharpe or top_return is stored as NULL and reads back empty.
// Thread-safe (goes through Database).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace aitp::store {

struct BacktestRecord {
    std::int64_t id = 0;
    std::string job_id;
    std::string exchange, symbol, timeframe, strategy;
    std::string params = "{}";
    std::string metrics = "{}";
    std::string equity_curve = "[]";
    std::string trades = "[]";
    std::string created_at;
};

struct ScreenRecord {
    std::int64_t id = 0;
    std::string job_id;
    std::string exchange, symbol, timeframe, strategy;
    std::int64_t total_combinations = 0;
    std::optional<double> top_sharpe;
    std::optional<double> top_return;
    std::string top_results = "[]";
    std::string summary = "{}";
    std::optional<std::string> heatmap;
    std::string created_at;
};

class ResultStore {
  public:
    explicit ResultStore(Database& db) : db_(db) {}

    Result<std::int64_t> insert_backtest(const BacktestRecord& r);
    /// Without the large equity_curve and trades fields unless `full`.
    Result<std::vector<BacktestRecord>> list_backtests(int limit, bool full = false);
    Result<std::optional<BacktestRecord>> get_backtest(std::int64_t id);
    Result<std::int64_t> count_backtests();

    Result<std::int64_t> insert_screen(const ScreenRecord& r);
    Result<std::vector<ScreenRecord>> list_screens(int limit);
    Result<std::optional<ScreenRecord>> get_screen(std::int64_t id);
    Result<std::int64_t> count_screens();

  private:
    Database& db_;
};

}  // namespace aitp::store
