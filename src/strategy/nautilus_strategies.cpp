// SPDX-License-Identifier: MIT
#include "strategy/nautilus_strategies.hpp"

#include <array>
#include <cmath>
#include <limits>

#include "core/check.hpp"
#include "indicators/average/ema.hpp"
#include "indicators/average/sma.hpp"
#include "indicators/momentum/adx.hpp"
#include "indicators/momentum/macd.hpp"
#include "indicators/momentum/rsi.hpp"
#include "indicators/ratio/volume_ratio.hpp"
#include "indicators/volatility/atr.hpp"
#include "indicators/volatility/bollinger_bands.hpp"
#include "strategy/orders.hpp"
#include "strategy/sizing.hpp"

namespace aitp::strategy {

namespace {

namespace ind = aitp::indicators;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The columns nautilus/strategies/base.py computes that the rules read, at the last row.
struct Pack {
    ind::Ema ema20{{20}}, ema21{{21}}, ema50{{50}}, ema100{{100}};
    ind::Sma sma20{{20}}, sma50{{50}}, sma200{{200}};
    ind::Rsi rsi{{14}};
    ind::Macd macd{{12, 26, 9}};
    ind::BollingerBands bb{{20, 2.0, 1}};
    ind::Atr atr{{14}};
    ind::Adx adx{{14}};
    ind::VolumeRatio vol_ratio{{20}};
    std::array<double, 20> highs{};  ///< last 20 highs before the current bar
    std::size_t n_highs = 0;
    double hist_prev = kNaN;
    double hist = kNaN;
    double high_20_prev = kNaN;
    double close = 0.0;
    long long bars = 0;

    void update(const model::BarPayload& b) {
        ema20.update(b.close);
        ema21.update(b.close);
        ema50.update(b.close);
        ema100.update(b.close);
        sma20.update(b.close);
        sma50.update(b.close);
        sma200.update(b.close);
        rsi.update(b.close);
        hist_prev = hist;
        hist = macd.update(b.close).hist;
        bb.update(b.close);
        atr.update(b.high, b.low, b.close);
        adx.update(b.high, b.low, b.close);
        vol_ratio.update(b.volume);
        // high.shift(1).rolling(20).max(): the max of the 20 highs before this bar.
        high_20_prev = kNaN;
        if (n_highs >= highs.size()) {
            high_20_prev = highs[0];
            for (const double h : highs) high_20_prev = h > high_20_prev ? h : high_20_prev;
        }
        highs[static_cast<std::size_t>(bars) % highs.size()] = b.high;
        ++n_highs;
        close = b.close;
        ++bars;
    }
};

using Rule = bool (*)(const Pack& x, const double* p);

struct Rules {
    std::string_view name;
    double stoploss;
    double atr_multiplier;
    std::vector<ParamSpec> extra;  ///< thresholds, read as p[0], p[1], ... by the rules
    Rule enter;
    Rule exit;
};

// Thresholds are parameters (p[i] in the order of `extra`); comparisons are the original's.
const std::vector<Rules>& all_rules() {
    static const std::vector<Rules> rules = {
        {"NautilusTrendFollowing",
         -0.05,
         2.0,
         {{"rsi_max", 45, 0, 100, false, "entry: RSI < rsi_max"},
          {"vol_ratio_min", 0.8, 0, 10, false, "entry: volume ratio >= this"},
          {"bb_upper_factor", 0.98, 0, 2, false, "entry: close < factor * BB upper"},
          {"exit_rsi", 80, 0, 100, false, "exit: RSI > exit_rsi"}},
         [](const Pack& x, const double* p) {
             const double h = x.hist;
             return x.ema21.value() > x.ema100.value() && x.close > x.ema21.value() &&
                    x.rsi.value() < p[0] && x.vol_ratio.value() >= p[1] &&
                    (h > 0.0 || h > x.hist_prev) && x.close < p[2] * x.bb.value().upper;
         },
         [](const Pack& x, const double* p) {
             return x.rsi.value() > p[3] || x.close < x.ema21.value();
         }},
        {"NautilusMeanReversion",
         -0.04,
         1.5,
         {{"rsi_min", 10, 0, 100, false, "entry: RSI >= rsi_min"},
          {"rsi_max", 35, 0, 100, false, "entry: RSI < rsi_max"},
          {"vol_ratio_min", 1.5, 0, 10, false, "entry: volume ratio >= this"},
          {"adx_max", 30, 0, 100, false, "entry: ADX < adx_max"},
          {"exit_rsi", 65, 0, 100, false, "exit: RSI > exit_rsi"}},
         [](const Pack& x, const double* p) {
             const double r = x.rsi.value();
             return x.close < x.bb.value().lower && r >= p[0] && r < p[1] &&
                    x.vol_ratio.value() >= p[2] && x.adx.value() < p[3];
         },
         [](const Pack& x, const double* p) {
             return x.close > x.bb.value().mid || x.rsi.value() > p[4];
         }},
        {"NautilusVolatilityBreakout",
         -0.03,
         1.5,
         {{"vol_ratio_min", 1.8, 0, 10, false, "entry: volume ratio >= this"},
          {"adx_min", 15, 0, 100, false, "entry: ADX >= adx_min"},
          {"adx_max", 25, 0, 100, false, "entry: ADX <= adx_max"},
          {"rsi_min", 40, 0, 100, false, "entry: RSI >= rsi_min"},
          {"rsi_max", 70, 0, 100, false, "entry: RSI <= rsi_max"},
          {"exit_rsi", 85, 0, 100, false, "exit: RSI > exit_rsi"}},
         [](const Pack& x, const double* p) {
             const double a = x.adx.value();
             const double r = x.rsi.value();
             return x.close > x.high_20_prev && x.vol_ratio.value() >= p[0] &&
                    x.bb.value().width > 0.0 && a >= p[1] && a <= p[2] && r >= p[3] && r <= p[4];
         },
         [](const Pack& x, const double* p) {
             return x.rsi.value() > p[5] || x.close < x.ema20.value();
         }},
        {"EquityMomentum",
         -0.03,
         2.0,
         {{"rsi_min", 30, 0, 100, false, "entry: RSI >= rsi_min"},
          {"rsi_max", 50, 0, 100, false, "entry: RSI <= rsi_max"},
          {"vol_ratio_min", 1.2, 0, 10, false, "entry: volume ratio >= this"},
          {"exit_rsi", 75, 0, 100, false, "exit: RSI > exit_rsi"}},
         [](const Pack& x, const double* p) {
             const double r = x.rsi.value();
             return x.close > x.sma200.value() && r >= p[0] && r <= p[1] && x.hist > 0.0 &&
                    x.vol_ratio.value() >= p[2];
         },
         [](const Pack& x, const double* p) {
             return x.rsi.value() > p[3] || x.close < x.sma50.value();
         }},
        {"EquityMeanReversion",
         -0.04,
         1.5,
         {{"rsi_max", 30, 0, 100, false, "entry: RSI < rsi_max"},
          {"vol_ratio_min", 1.5, 0, 10, false, "entry: volume ratio >= this"}},
         [](const Pack& x, const double* p) {
             return x.close < x.bb.value().lower && x.rsi.value() < p[0] &&
                    x.vol_ratio.value() >= p[1];
         },
         [](const Pack& x, const double*) { return x.close > x.sma20.value(); }},
        {"ForexTrend",
         -0.02,
         1.5,
         {{"adx_min", 25, 0, 100, false, "entry: ADX >= adx_min"},
          {"rsi_min", 40, 0, 100, false, "entry: RSI >= rsi_min"},
          {"rsi_max", 70, 0, 100, false, "entry: RSI <= rsi_max"}},
         [](const Pack& x, const double* p) {
             const double r = x.rsi.value();
             return x.ema20.value() > x.ema50.value() && x.adx.value() >= p[0] && r >= p[1] &&
                    r <= p[2];
         },
         [](const Pack& x, const double*) { return x.ema20.value() < x.ema50.value(); }},
        {"ForexRange",
         -0.015,
         1.0,
         {{"adx_max", 20, 0, 100, false, "entry: ADX < adx_max"},
          {"bb_lower_factor", 1.005, 0, 2, false, "entry: close <= factor * BB lower"},
          {"rsi_max", 30, 0, 100, false, "entry: RSI < rsi_max"},
          {"exit_rsi", 70, 0, 100, false, "exit: RSI > exit_rsi"}},
         [](const Pack& x, const double* p) {
             return x.adx.value() < p[0] && x.close <= p[1] * x.bb.value().lower &&
                    x.rsi.value() < p[2];
         },
         [](const Pack& x, const double* p) {
             return x.close >= x.bb.value().mid || x.rsi.value() > p[3];
         }},
    };
    return rules;
}

const Rules* find_rules(std::string_view name) {
    for (const Rules& r : all_rules()) {
        if (r.name == name) return &r;
    }
    return nullptr;
}

constexpr std::size_t kCommon = 4;  // stoploss, atr_multiplier, risk_fraction, warmup_bars

class NautilusStrategy final : public Strategy {
  public:
    NautilusStrategy(const Rules& rules, const ParamSet& params) : rules_(rules) {
        for (const auto& [n, v] : params.values()) p_.push_back(v);
    }
    std::string_view name() const override { return rules_.name; }

    void on_start(StrategyContext& ctx) override {
        packs_.clear();
        packs_.resize(ctx.instrument_count());
    }

    void on_bar(StrategyContext& ctx, const BarView& bar) override {
        Pack& x = packs_[bar.instrument];
        x.update(bar.bar);
        if (x.bars < static_cast<long long>(p_[3])) return;
        const model::Position& pos = ctx.position(bar.instrument);
        const model::Instrument& inst = ctx.instrument(bar.instrument);
        const double* thresholds = p_.data() + kCommon;
        if (pos.is_long()) {
            ExitTag tag = ExitTag::None;
            if (rules_.exit(x, thresholds)) {
                tag = ExitTag::Signal;
            } else if (x.close / pos.avg_price() - 1.0 <= p_[0]) {
                tag = ExitTag::StopLoss;
            }
            if (tag != ExitTag::None) flatten(ctx, bar.instrument, tag);
            return;
        }
        if (!pos.is_flat() || !rules_.enter(x, thresholds)) return;
        const double balance = ctx.initial_equity();
        const double size =
            round_to(atr_risk_size(balance, p_[2], x.atr.value(), p_[1]), inst.size_precision);
        const double cap =
            affordable_qty(ctx.cash(inst.venue), x.close, ctx.taker_fee_rate(bar.instrument));
        const double qty = size < cap ? size : cap;
        if (inst.make_qty(qty).raw() > 0) {
            ctx.submit(market_order(inst, bar.instrument, model::OrderSide::Buy, qty));
        }
    }

    void on_stop(StrategyContext& ctx) override {
        for (std::size_t i = 0; i < ctx.instrument_count(); ++i) {
            const auto id = static_cast<model::InstrumentId>(i);
            if (ctx.position(id).is_long()) flatten(ctx, id, ExitTag::EndOfData);
        }
    }

  private:
    static void flatten(StrategyContext& ctx, model::InstrumentId id, ExitTag tag) {
        model::OrderRequest r = market_order(ctx.instrument(id), id, model::OrderSide::Sell, 0.0);
        r.qty = ctx.position(id).qty();
        r.tag = tag_value(tag);
        ctx.submit(r);
    }

    const Rules& rules_;
    std::vector<double> p_;
    std::vector<Pack> packs_;
};

}  // namespace

std::span<const std::string_view> nautilus_strategy_names() {
    static const std::array<std::string_view, 7> names = {"NautilusTrendFollowing",
                                                          "NautilusMeanReversion",
                                                          "NautilusVolatilityBreakout",
                                                          "EquityMomentum",
                                                          "EquityMeanReversion",
                                                          "ForexTrend",
                                                          "ForexRange"};
    return names;
}

const std::vector<ParamSpec>& nautilus_param_specs(std::string_view name) {
    static const std::vector<std::vector<ParamSpec>> specs = [] {
        std::vector<std::vector<ParamSpec>> out;
        for (const Rules& r : all_rules()) {
            std::vector<ParamSpec> s = {
                {"stoploss", r.stoploss, -1.0, 0.0, false, "exit when close/entry - 1 <= this"},
                {"atr_multiplier", r.atr_multiplier, 0.01, 100, false, "sizing: ATR multiple"},
                {"risk_fraction", 0.02, 0.0, 1.0, false, "sizing: fraction of initial balance"},
                {"warmup_bars", 200, 1, 100'000, true, "no signal before this many bars"},
            };
            s.insert(s.end(), r.extra.begin(), r.extra.end());
            out.push_back(std::move(s));
        }
        return out;
    }();
    static const std::vector<ParamSpec> empty;
    const auto& rules = all_rules();
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (rules[i].name == name) return specs[i];
    }
    return empty;
}

std::unique_ptr<Strategy> make_nautilus_strategy(std::string_view name, const ParamSet& params) {
    const Rules* rules = find_rules(name);
    AITP_CHECK(rules != nullptr, "Condition failed: name is a Nautilus strategy");
    return std::make_unique<NautilusStrategy>(*rules, params);
}

}  // namespace aitp::strategy
