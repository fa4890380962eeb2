// SPDX-License-Identifier: MIT
#include "strategy/names.hpp"

namespace aitp::strategy {

namespace {

constexpr StrategyName kNames[] = {
    {"sma_crossover",
     "long while SMA(fast) is above SMA(slow): buy the cross up, sell the cross down",
     {"sma_cross"}},
    {"rsi_mean_reversion", "buy when RSI(period) falls below oversold, sell above overbought"},
    {"bollinger_breakout",
     "buy a close above the upper Bollinger band, sell a close below the lower band"},
    {"ema_rsi_combo",
     "buy a close above the EMA with RSI(14) below the entry level; sell a "
     "close below the EMA or RSI(14) above 75"},
    {"volatility_breakout",
     "buy a close above the previous N-bar high on a volume surge, widening bands and a rising "
     "ADX in a band; sell on RSI > 85 or a close below EMA20; 3 % stop"},
    {"relative_strength",
     "buy when the asset's lookback return relative to the benchmark's "
     "exceeds the threshold, sell when it falls below 1"},
    {"CryptoInvestorV1",
     "Freqtrade: buy RSI pullbacks in an EMA uptrend with MACD/Bollinger/volume confirmation",
     {"crypto_investor_v1"}},
    {"BollingerMeanReversion",
     "Freqtrade: buy a close below the lower Bollinger band with low RSI under an ADX ceiling",
     {"bollinger_mean_reversion"}},
    {"VolatilityBreakout",
     "Freqtrade: buy a close above the previous N-bar high with volume, ADX and RSI filters",
     {"volatility_breakout_v"}},
    {"NautilusTrendFollowing", "Nautilus: EMA21>EMA100 trend pullback, RSI<45, MACD confirmation"},
    {"NautilusMeanReversion", "Nautilus: close below lower band, 10<=RSI<35, volume spike, ADX<30"},
    {"NautilusVolatilityBreakout",
     "Nautilus: close above previous 20-bar high with volume, ADX 15-25"},
    {"EquityMomentum", "Nautilus: close above SMA200, RSI 30-50, MACD hist > 0, volume"},
    {"EquityMeanReversion",
     "Nautilus: close below lower band, RSI<30, volume spike; exit above SMA20"},
    {"ForexTrend", "Nautilus: EMA20>EMA50 with ADX>=25 and RSI 40-70"},
    {"ForexRange", "Nautilus: ADX<20 range, close near lower band, RSI<30"},
};

}  // namespace

std::span<const StrategyName> strategy_names() { return kNames; }

std::string_view canonical_strategy_name(std::string_view name) {
    for (const StrategyName& n : kNames) {
        if (n.name == name) return n.name;
        for (std::string_view a : n.aliases) {
            if (!a.empty() && a == name) return n.name;
        }
    }
    return name;
}

std::string_view strategy_summary(std::string_view canonical) {
    for (const StrategyName& n : kNames) {
        if (n.name == canonical) return n.summary;
    }
    return {};
}

}  // namespace aitp::strategy
