// SPDX-License-Identifier: MIT
#include "backtest/bar_matcher.hpp"

#include <algorithm>

namespace aitp::backtest {

using model::Liquidity;
using model::OrderSide;
using model::OrderType;

namespace {

BarMatch limit_match(OrderSide side, double limit, const model::BarPayload& b) {
    BarMatch m;
    m.priority = 2;
    m.liquidity = Liquidity::Maker;
    if (side == OrderSide::Buy) {
        if (b.open <= limit) {
            m.moment = FillMoment::AtOpen;
            m.price = b.open;
        } else if (b.low <= limit) {
            m.moment = FillMoment::Intrabar;
            m.price = limit;
        }
    } else {
        if (b.open >= limit) {
            m.moment = FillMoment::AtOpen;
            m.price = b.open;
        } else if (b.high >= limit) {
            m.moment = FillMoment::Intrabar;
            m.price = limit;
        }
    }
    return m;
}

/// Returns the trigger price of a stop on this bar (moment None when not reached).
BarMatch stop_match(OrderSide side, double stop, const model::BarPayload& b) {
    BarMatch m;
    m.priority = 1;
    m.liquidity = Liquidity::Taker;
    if (side == OrderSide::Buy) {
        if (b.open >= stop) {
            m.moment = FillMoment::AtOpen;
            m.price = b.open;
        } else if (b.high >= stop) {
            m.moment = FillMoment::Intrabar;
            m.price = stop;
        }
    } else {
        if (b.open <= stop) {
            m.moment = FillMoment::AtOpen;
            m.price = b.open;
        } else if (b.low <= stop) {
            m.moment = FillMoment::Intrabar;
            m.price = stop;
        }
    }
    return m;
}

}  // namespace

BarMatch match_on_bar(const model::Order& o, const model::BarPayload& b) {
    switch (o.type) {
        case OrderType::Market: {
            BarMatch m;
            m.moment = FillMoment::AtOpen;
            m.priority = 0;
            m.price = b.open;
            return m;
        }
        case OrderType::Limit:
            return limit_match(o.side, o.price.as_double(), b);
        case OrderType::Stop:
        case OrderType::TrailingStop:
            return stop_match(o.side, o.trigger.as_double(), b);
        case OrderType::StopLimit: {
            if (o.triggered) {
                return limit_match(o.side, o.price.as_double(), b);
            }
            BarMatch m = stop_match(o.side, o.trigger.as_double(), b);
            if (m.moment == FillMoment::None) {
                return m;
            }
            m.triggers = true;
            const double limit = o.price.as_double();
            const bool within = o.side == OrderSide::Buy ? m.price <= limit : m.price >= limit;
            if (!within) {
                m.moment = FillMoment::None;  // rests as a limit from the next bar
            }
            return m;
        }
    }
    return {};
}

double trail(const model::Order& o, const model::BarPayload& b) {
    const double current = o.trigger.as_double();
    if (o.side == OrderSide::Sell) {
        return std::max(current, b.high - o.trailing_offset);
    }
    return std::min(current, b.low + o.trailing_offset);
}

}  // namespace aitp::backtest
