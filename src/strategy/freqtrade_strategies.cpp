// SPDX-License-Identifier: MIT
#include "strategy/freqtrade_strategies.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "indicators/ratio/volume_ratio.hpp"
#include "indicators/talib/adx.hpp"
#include "indicators/talib/atr.hpp"
#include "indicators/talib/bbands.hpp"
#include "indicators/talib/ema.hpp"
#include "indicators/talib/macd.hpp"
#include "indicators/talib/rsi.hpp"
#include "strategy/freqtrade.hpp"

namespace aitp::strategy {

namespace {

namespace ta = aitp::indicators::talib;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kSevenDaysMs = 7 * kMillisPerDay;

/// qtpylib.crossed_below: a < b now and a >= b on the previous bar.
bool crossed_below(double a, double b, double prev_a, double prev_b) {
    return a < b && prev_a >= prev_b;
}

/// Common Freqtrade parameters (the run-time config of the original's JSON files).
std::vector<ParamSpec> with_common(std::vector<ParamSpec> specs, double stoploss,
                                   int max_open_trades, double tradable) {
    specs.push_back({"stoploss", stoploss, -1.0, 0.0, false, "static stoploss ratio"});
    specs.push_back({"max_open_trades", static_cast<double>(max_open_trades), 1, 1000, true,
                     "max simultaneous trades"});
    specs.push_back({"stake_amount", 0, 0, 1e12, false, "stake per trade; 0 = unlimited"});
    specs.push_back({"tradable_balance_ratio", tradable, 0.0, 1.0, false,
                     "share of cash an unlimited stake may use"});
    return specs;
}

FreqtradeConfig common_config(const ParamSet& p, std::vector<RoiStep> roi, double tsp, double tspo,
                              int startup) {
    FreqtradeConfig c;
    c.minimal_roi = std::move(roi);
    c.stoploss = p.get("stoploss");
    c.trailing_stop = true;
    c.trailing_stop_positive = tsp;
    c.trailing_stop_positive_offset = tspo;
    c.trailing_only_offset_is_reached = true;
    c.use_custom_stoploss = true;
    c.max_open_trades = p.get_int("max_open_trades");
    c.stake_amount = p.get("stake_amount");
    c.tradable_balance_ratio = p.get("tradable_balance_ratio");
    c.startup_candles = startup;
    return c;
}

/// Applies "profit > hi => stop at least hi_floor, else profit > lo => at least lo_floor".
double tighten(double sl, double profit, double hi, double hi_floor, double lo, double lo_floor) {
    if (profit > hi) return std::max(sl, hi_floor);
    if (profit > lo) return std::max(sl, lo_floor);
    return sl;
}

class CryptoInvestorV1 final : public FreqtradeStrategy {
  public:
    explicit CryptoInvestorV1(const ParamSet& p)
        : FreqtradeStrategy(common_config(p, {{0, 0.05}, {60, 0.03}, {240, 0.02}, {720, 0.005}},
                                          0.015, 0.035, 150)),
          ema_fast_(p.get_int("buy_ema_fast")),
          ema_slow_(p.get_int("buy_ema_slow")),
          buy_rsi_(p.get("buy_rsi")),
          sell_rsi_(p.get("sell_rsi")),
          atr_mult_(p.get("atr_mult")) {}
    std::string_view name() const override { return "CryptoInvestorV1"; }

  protected:
    struct S {
        ta::Rsi rsi{{14}};
        ta::Macd macd{{12, 26, 9}};
        ta::Bbands bb{{20, 2.0, 2.0}};
        ta::Atr atr{{14}};
        ta::Ema fast;
        ta::Ema slow;
        indicators::VolumeRatio vol_ratio{{20}};
        double hist_prev = kNaN, close = kNaN, close_prev = kNaN, fast_prev = kNaN;
        double volume = 0.0;
    };
    void init_instruments(std::size_t n) override {
        s_.clear();
        for (std::size_t i = 0; i < n; ++i) {
            s_.push_back(S{.fast = ta::Ema({ema_fast_}), .slow = ta::Ema({ema_slow_})});
        }
    }
    void update(model::InstrumentId id, const BarView& b) override {
        S& s = s_[id];
        s.hist_prev = s.macd.value().hist;
        s.close_prev = s.close;
        s.fast_prev = s.fast.value();
        s.rsi.update(b.bar.close);
        s.macd.update(b.bar.close);
        s.bb.update(b.bar.close);
        s.atr.update(b.bar.high, b.bar.low, b.bar.close);
        s.fast.update(b.bar.close);
        s.slow.update(b.bar.close);
        s.vol_ratio.update(b.bar.volume);
        s.volume = b.bar.volume;
        s.close = b.bar.close;
    }
    bool entry_signal(model::InstrumentId id, const BarView& b) override {
        const S& s = s_[id];
        const double rsi = s.rsi.value();
        const auto& m = s.macd.value();
        const bool confirm = m.hist > s.hist_prev || m.macd > m.signal ||
                             b.bar.close < s.bb.value().middle || s.vol_ratio.value() > 0.8;
        return rsi < buy_rsi_ && confirm && s.volume > 0.0 && rsi > 10.0;
    }
    bool exit_signal(model::InstrumentId id, const BarView& b) override {
        const S& s = s_[id];
        return s.rsi.value() > sell_rsi_ ||
               crossed_below(b.bar.close, s.fast.value(), s.close_prev, s.fast_prev);
    }
    double custom_stoploss(model::InstrumentId id, const TradeView& t) override {
        const double sl = tighten(-s_[id].atr.value() * atr_mult_ / t.current_rate, t.profit, 0.06,
                                  -0.02, 0.03, -0.03);
        return std::isfinite(sl) ? std::max(sl, config().stoploss) : kNaN;
    }
    ExitTag custom_exit(model::InstrumentId id, const TradeView& t) override {
        const S& s = s_[id];
        if (s.fast.value() < s.slow.value() && t.profit > -0.02) return ExitTag::TrendBreakdown;
        if (t.now - t.open_ts > kSevenDaysMs && t.profit < 0.01) return ExitTag::StaleTrade;
        return ExitTag::None;
    }

  private:
    int ema_fast_, ema_slow_;
    double buy_rsi_, sell_rsi_, atr_mult_;
    std::vector<S> s_;
};

class BollingerMeanReversion final : public FreqtradeStrategy {
  public:
    explicit BollingerMeanReversion(const ParamSet& p)
        : FreqtradeStrategy(common_config(p, {{0, 0.04}, {60, 0.025}, {240, 0.015}, {480, 0.005}},
                                          0.01, 0.025, 50)),
          bb_period_(p.get_int("bb_period")),
          bb_std_(p.get("bb_std")),
          buy_rsi_(p.get("buy_rsi")),
          volume_factor_(p.get("volume_factor")),
          adx_ceiling_(p.get("adx_ceiling")),
          sell_rsi_(p.get("sell_rsi")) {}
    std::string_view name() const override { return "BollingerMeanReversion"; }

  protected:
    struct S {
        ta::Bbands bb;
        ta::Rsi rsi{{14}};
        ta::Adx adx{{14}};
        ta::Atr atr{{14}};
        indicators::VolumeRatio vol_ratio{{20}};
        double volume = 0.0;
    };
    void init_instruments(std::size_t n) override {
        s_.clear();
        for (std::size_t i = 0; i < n; ++i) {
            s_.push_back(S{.bb = ta::Bbands({bb_period_, bb_std_, bb_std_})});
        }
    }
    void update(model::InstrumentId id, const BarView& b) override {
        S& s = s_[id];
        s.bb.update(b.bar.close);
        s.rsi.update(b.bar.close);
        s.adx.update(b.bar.high, b.bar.low, b.bar.close);
        s.atr.update(b.bar.high, b.bar.low, b.bar.close);
        s.vol_ratio.update(b.bar.volume);
        s.volume = b.bar.volume;
    }
    bool entry_signal(model::InstrumentId id, const BarView& b) override {
        const S& s = s_[id];
        const double rsi = s.rsi.value();
        bool ok = b.bar.close < s.bb.value().lower && rsi < buy_rsi_ &&
                  s.adx.value() < adx_ceiling_ && rsi > 10.0 && s.volume > 0.0;
        if (volume_factor_ > 0.0) ok = ok && s.vol_ratio.value() > volume_factor_;
        return ok;
    }
    bool exit_signal(model::InstrumentId id, const BarView& b) override {
        const S& s = s_[id];
        return b.bar.close > s.bb.value().middle || s.rsi.value() > sell_rsi_;
    }
    double custom_stoploss(model::InstrumentId id, const TradeView& t) override {
        const S& s = s_[id];
        const double mult = s.adx.value() > 35.0 ? 1.2 : 1.5;
        const double sl =
            tighten(-s.atr.value() * mult / t.current_rate, t.profit, 0.03, -0.015, 0.015, -0.02);
        return std::isfinite(sl) ? sl : kNaN;
    }

  private:
    int bb_period_;
    double bb_std_, buy_rsi_, volume_factor_, adx_ceiling_, sell_rsi_;
    std::vector<S> s_;
};

class VolatilityBreakout final : public FreqtradeStrategy {
  public:
    explicit VolatilityBreakout(const ParamSet& p)
        : FreqtradeStrategy(
              common_config(p, {{0, 0.05}, {60, 0.03}, {180, 0.02}, {360, 0.005}}, 0.02, 0.04, 80)),
          period_(static_cast<std::size_t>(p.get_int("breakout_period"))),
          volume_factor_(p.get("volume_factor")),
          adx_low_(p.get("adx_low")),
          adx_high_(p.get("adx_high")),
          rsi_low_(p.get("rsi_low")),
          rsi_high_(p.get("rsi_high")),
          sell_rsi_(p.get("sell_rsi")),
          atr_mult_(p.get("atr_mult")) {}
    std::string_view name() const override { return "VolatilityBreakout"; }

  protected:
    struct S {
        ta::Rsi rsi{{14}};
        ta::Adx adx{{14}};
        ta::Atr atr{{14}};
        ta::Ema ema20{{20}};
        indicators::VolumeRatio vol_ratio{{20}};
        std::vector<double> highs;  ///< ring of the last `period` highs
        std::size_t n = 0;
        double high_prev = kNaN;  ///< high_N.shift(1)
        double close = kNaN, close_prev = kNaN, ema_prev = kNaN;
        double volume = 0.0;
    };
    void init_instruments(std::size_t n) override {
        s_.assign(n, S{});
        for (S& s : s_) s.highs.assign(period_, 0.0);
    }
    void update(model::InstrumentId id, const BarView& b) override {
        S& s = s_[id];
        // high.rolling(N).max().shift(1): the max of the N highs before this bar.
        s.high_prev = kNaN;
        if (s.n >= period_) s.high_prev = *std::max_element(s.highs.begin(), s.highs.end());
        s.highs[s.n % period_] = b.bar.high;
        ++s.n;
        s.close_prev = s.close;
        s.ema_prev = s.ema20.value();
        s.rsi.update(b.bar.close);
        s.adx.update(b.bar.high, b.bar.low, b.bar.close);
        s.atr.update(b.bar.high, b.bar.low, b.bar.close);
        s.ema20.update(b.bar.close);
        s.vol_ratio.update(b.bar.volume);
        s.volume = b.bar.volume;
        s.close = b.bar.close;
    }
    bool entry_signal(model::InstrumentId id, const BarView& b) override {
        const S& s = s_[id];
        const double adx = s.adx.value();
        const double rsi = s.rsi.value();
        const double c = b.bar.close;
        return c > s.high_prev && (s.vol_ratio.value() > volume_factor_ || c > s.ema20.value()) &&
               adx_low_ <= adx && adx <= adx_high_ && rsi_low_ <= rsi && rsi <= rsi_high_ &&
               s.volume > 0.0;
    }
    bool exit_signal(model::InstrumentId id, const BarView& b) override {
        const S& s = s_[id];
        return s.rsi.value() > sell_rsi_ ||
               (crossed_below(b.bar.close, s.ema20.value(), s.close_prev, s.ema_prev) &&
                s.vol_ratio.value() > 1.0);
    }
    double custom_stoploss(model::InstrumentId id, const TradeView& t) override {
        const double sl = tighten(-s_[id].atr.value() * atr_mult_ / t.current_rate, t.profit, 0.05,
                                  -0.015, 0.03, -0.02);
        return std::isfinite(sl) ? sl : kNaN;
    }

  private:
    std::size_t period_;
    double volume_factor_, adx_low_, adx_high_, rsi_low_, rsi_high_, sell_rsi_, atr_mult_;
    std::vector<S> s_;
};

}  // namespace

const std::vector<ParamSpec>& crypto_investor_v1_params() {
    static const std::vector<ParamSpec> specs = with_common(
        {{"buy_ema_fast", 21, 10, 80, true, "EMA period of the exit cross and trend test"},
         {"buy_ema_slow", 100, 50, 300, true, "slow EMA period (trend_breakdown exit)"},
         {"buy_rsi", 45, 25, 55, true, "entry: RSI < buy_rsi"},
         {"sell_rsi", 75, 65, 90, true, "exit: RSI > sell_rsi"},
         {"atr_mult", 2.0, 1.5, 3.5, false, "custom stoploss: ATR multiple"}},
        -0.05, 5, 0.99);
    return specs;
}

const std::vector<ParamSpec>& bollinger_mean_reversion_params() {
    static const std::vector<ParamSpec> specs = with_common(
        {{"bb_period", 20, 15, 30, true, "Bollinger period"},
         {"bb_std", 1.2, 0.8, 3.0, false, "Bollinger width in std devs"},
         {"buy_rsi", 45, 25, 50, true, "entry: RSI < buy_rsi"},
         {"volume_factor", 0.0, 0.0, 2.5, false, "entry: volume ratio > this (0 = off)"},
         {"adx_ceiling", 55, 25, 60, true, "entry: ADX < adx_ceiling"},
         {"sell_rsi", 60, 55, 75, true, "exit: RSI > sell_rsi"}},
        -0.04, 1, 0.90);
    return specs;
}

const std::vector<ParamSpec>& volatility_breakout_params() {
    static const std::vector<ParamSpec> specs = with_common(
        {{"breakout_period", 20, 10, 30, true, "entry: close > max of the previous N highs"},
         {"volume_factor", 1.2, 0.8, 3.0, false, "entry: volume ratio > this (or close > EMA20)"},
         {"adx_low", 8, 5, 20, true, "entry: ADX >= adx_low"},
         {"adx_high", 55, 25, 65, true, "entry: ADX <= adx_high"},
         {"rsi_low", 25, 20, 40, true, "entry: RSI >= rsi_low"},
         {"rsi_high", 75, 65, 80, true, "entry: RSI <= rsi_high"},
         {"sell_rsi", 80, 75, 95, true, "exit: RSI > sell_rsi"},
         {"adx_tolerance", 2, 0, 3, true, "unused, as in the original"},
         {"atr_mult", 1.5, 1.0, 2.5, false, "custom stoploss: ATR multiple"}},
        -0.03, 1, 0.99);
    return specs;
}

std::unique_ptr<Strategy> make_crypto_investor_v1(const ParamSet& p) {
    return std::make_unique<CryptoInvestorV1>(p);
}
std::unique_ptr<Strategy> make_bollinger_mean_reversion(const ParamSet& p) {
    return std::make_unique<BollingerMeanReversion>(p);
}
std::unique_ptr<Strategy> make_volatility_breakout(const ParamSet& p) {
    return std::make_unique<VolatilityBreakout>(p);
}

}  // namespace aitp::strategy
