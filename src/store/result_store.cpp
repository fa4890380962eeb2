// SPDX-License-Identifier: MIT
#include "store/result_store.hpp"

namespace aitp::store {

namespace {

constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

BacktestRecord to_backtest(const Row& r, bool full) {
    BacktestRecord b;
    b.id = r.integer(0);
    b.job_id = r.text(1);
    b.exchange = r.text(2);
    b.symbol = r.text(3);
    b.timeframe = r.text(4);
    b.strategy = r.text(5);
    b.params = r.text(6);
    b.metrics = r.text(7);
    b.created_at = r.text(8);
    if (full) {
        b.equity_curve = r.text(9);
        b.trades = r.text(10);
    }
    return b;
}

ScreenRecord to_screen(const Row& r) {
    ScreenRecord s;
    s.id = r.integer(0);
    s.job_id = r.text(1);
    s.exchange = r.text(2);
    s.symbol = r.text(3);
    s.timeframe = r.text(4);
    s.strategy = r.text(5);
    s.total_combinations = r.integer(6);
    if (!r.is_null(7)) s.top_sharpe = r.real(7);
    if (!r.is_null(8)) s.top_return = r.real(8);
    s.top_results = r.text(9);
    s.summary = r.text(10);
    if (!r.is_null(11)) s.heatmap = r.text(11);
    s.created_at = r.text(12);
    return s;
}

constexpr const char* kBacktestColumns =
    "id, job_id, exchange, symbol, timeframe, strategy, params, metrics, created_at, equity_curve, "
    "trades";
constexpr const char* kScreenColumns =
    "id, job_id, exchange, symbol, timeframe, strategy, total_combinations, top_sharpe, "
    "top_return, "
    "top_results, summary, heatmap, created_at";

SqlValue opt(const std::optional<double>& v) {
    if (!v) return nullptr;
    return *v;
}

Result<std::int64_t> count(Database& db, const char* sql) {
    std::int64_t n = 0;
    AITP_TRY(db.read([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(const auto rows, c.query(sql));
        n = rows.at(0).integer(0);
        return ok_status();
    }));
    return n;
}

}  // namespace

Result<std::int64_t> ResultStore::insert_backtest(const BacktestRecord& r) {
    std::int64_t id = 0;
    AITP_TRY(db_.write([&](Connection& c) -> Status {
        AITP_TRY(c.execute(
            std::string(
                "INSERT INTO backtest_results(job_id, exchange, symbol, timeframe, strategy, "
                "params, metrics, equity_curve, trades, created_at) VALUES "
                "(nullif(?1, ''), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ") +
                kNow + ")",
            {r.job_id, r.exchange, r.symbol, r.timeframe, r.strategy, r.params, r.metrics,
             r.equity_curve, r.trades}));
        id = c.last_insert_id();
        return ok_status();
    }));
    return id;
}

Result<std::vector<BacktestRecord>> ResultStore::list_backtests(int limit, bool full) {
    std::vector<BacktestRecord> out;
    AITP_TRY(db_.read([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(const auto rows,
                        c.query(std::string("SELECT ") + kBacktestColumns +
                                    " FROM backtest_results ORDER BY id DESC LIMIT ?1",
                                {std::int64_t{limit}}));
        for (const auto& r : rows) out.push_back(to_backtest(r, full));
        return ok_status();
    }));
    return out;
}

Result<std::optional<BacktestRecord>> ResultStore::get_backtest(std::int64_t id) {
    std::optional<BacktestRecord> out;
    AITP_TRY(db_.read([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(const auto rows, c.query(std::string("SELECT ") + kBacktestColumns +
                                                     " FROM backtest_results WHERE id=?1",
                                                 {id}));
        if (!rows.empty()) out = to_backtest(rows[0], true);
        return ok_status();
    }));
    return out;
}

Result<std::int64_t> ResultStore::count_backtests() {
    return count(db_, "SELECT count(*) FROM backtest_results");
}

Result<std::int64_t> ResultStore::insert_screen(const ScreenRecord& r) {
    std::int64_t id = 0;
    AITP_TRY(db_.write([&](Connection& c) -> Status {
        SqlValue heat = nullptr;
        if (r.heatmap) heat = *r.heatmap;
        AITP_TRY(c.execute(
            std::string(
                "INSERT INTO screen_results(job_id, exchange, symbol, timeframe, strategy, "
                "total_combinations, top_sharpe, top_return, top_results, summary, heatmap, "
                "created_at) VALUES (nullif(?1, ''), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                "?11, ") +
                kNow + ")",
            {r.job_id, r.exchange, r.symbol, r.timeframe, r.strategy, r.total_combinations,
             opt(r.top_sharpe), opt(r.top_return), r.top_results, r.summary, heat}));
        id = c.last_insert_id();
        return ok_status();
    }));
    return id;
}

Result<std::vector<ScreenRecord>> ResultStore::list_screens(int limit) {
    std::vector<ScreenRecord> out;
    AITP_TRY(db_.read([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(const auto rows,
                        c.query(std::string("SELECT ") + kScreenColumns +
                                    " FROM screen_results ORDER BY id DESC LIMIT ?1",
                                {std::int64_t{limit}}));
        for (const auto& r : rows) out.push_back(to_screen(r));
        return ok_status();
    }));
    return out;
}

Result<std::optional<ScreenRecord>> ResultStore::get_screen(std::int64_t id) {
    std::optional<ScreenRecord> out;
    AITP_TRY(db_.read([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(const auto rows, c.query(std::string("SELECT ") + kScreenColumns +
                                                     " FROM screen_results WHERE id=?1",
                                                 {id}));
        if (!rows.empty()) out = to_screen(rows[0]);
        return ok_status();
    }));
    return out;
}

Result<std::int64_t> ResultStore::count_screens() {
    return count(db_, "SELECT count(*) FROM screen_results");
}

}  // namespace aitp::store
