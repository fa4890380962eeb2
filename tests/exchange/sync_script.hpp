// SPDX-License-Identifier: MIT
// A scripted Binance depth stream with its own truth: a random initial book and a sequence of
// depthUpdate events (consecutive update ids, absolute quantities), with the book after every
// event kept in std::map (an implementation independent of book::OrderBook).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "book/order_book.hpp"
#include "exchange/venue.hpp"

namespace aitp::exchange::testing {

struct ScriptLevel {
    std::string price;  // the decimal text as the venue sends it
    std::string qty;
};

struct ScriptEvent {
    std::int64_t first_id = 0;
    std::int64_t final_id = 0;
    std::vector<ScriptLevel> bids;
    std::vector<ScriptLevel> asks;

    std::string json() const {
        auto side = [](const std::vector<ScriptLevel>& levels) {
            std::string out;
            for (const ScriptLevel& l : levels) {
                out += fmt::format("{}[\"{}\",\"{}\"]", out.empty() ? "" : ",", l.price, l.qty);
            }
            return out;
        };
        return fmt::format(
            R"({{"e":"depthUpdate","E":{},"s":"BTCUSDT","U":{},"u":{},"b":[{}],"a":[{}]}})",
            1700000000000 + final_id, first_id, final_id, side(bids), side(asks));
    }
};

struct TruthBook {
    std::map<double, double, std::greater<>> bids;
    std::map<double, double> asks;
    std::int64_t last_id = 0;

    book::Depth depth() const {
        book::Depth d;
        for (const auto& [p, q] : bids) d.bids.push_back({p, q});
        for (const auto& [p, q] : asks) d.asks.push_back({p, q});
        return d;
    }
    BookSnapshot snapshot() const {
        BookSnapshot s;
        s.sequence = last_id;
        for (const auto& [p, q] : bids) s.bids.push_back({p, q});
        for (const auto& [p, q] : asks) s.asks.push_back({p, q});
        return s;
    }
};

class DepthScript {
  public:
    DepthScript(unsigned seed, int events) {
        std::mt19937 rng(seed);
        std::uniform_int_distribution<int> tick(0, 300);
        std::uniform_int_distribution<int> lots(0, 40);
        std::uniform_int_distribution<int> count(1, 6);
        std::uniform_int_distribution<int> span(0, 2);
        TruthBook truth;
        truth.last_id = 1000;
        for (int i = 0; i < 80; ++i) {
            set(truth, true, bid_text(tick(rng)), qty_text(1 + lots(rng)));
            set(truth, false, ask_text(tick(rng)), qty_text(1 + lots(rng)));
        }
        states_.push_back(truth);
        std::int64_t next_id = truth.last_id + 1;
        for (int e = 0; e < events; ++e) {
            ScriptEvent ev;
            ev.first_id = next_id;
            ev.final_id = next_id + span(rng);
            next_id = ev.final_id + 1;
            const int n = count(rng);
            for (int k = 0; k < n; ++k) {
                const bool bid = (k + e) % 2 == 0;
                const int l = lots(rng);  // 0 removes the level
                ScriptLevel lvl{bid ? bid_text(tick(rng)) : ask_text(tick(rng)), qty_text(l)};
                set(truth, bid, lvl.price, lvl.qty);
                (bid ? ev.bids : ev.asks).push_back(lvl);
            }
            truth.last_id = ev.final_id;
            events_.push_back(ev);
            states_.push_back(truth);
        }
    }

    const std::vector<ScriptEvent>& events() const { return events_; }
    /// The book before any event (index 0) or after event i - 1 (index i).
    const TruthBook& state(std::size_t index) const { return states_.at(index); }
    const TruthBook& final_state() const { return states_.back(); }
    /// The index of the state whose last id is `final_id` (0 when there is none).
    std::size_t state_index(std::int64_t final_id) const {
        for (std::size_t i = 0; i < states_.size(); ++i) {
            if (states_[i].last_id == final_id) return i;
        }
        return 0;
    }
    std::size_t state_count() const { return states_.size(); }

  private:
    static std::string bid_text(int t) { return fmt::format("{}.{:02}", 29000 + t / 100, t % 100); }
    static std::string ask_text(int t) { return fmt::format("{}.{:02}", 29004 + t / 100, t % 100); }
    static std::string qty_text(int lots) {
        return fmt::format("{}.{:03}", lots / 1000, lots % 1000);
    }
    static void set(TruthBook& b, bool bid, const std::string& price, const std::string& qty) {
        const double p = std::stod(price);
        const double q = std::stod(qty);
        if (bid) {
            if (q > 0)
                b.bids[p] = q;
            else
                b.bids.erase(p);
        } else {
            if (q > 0)
                b.asks[p] = q;
            else
                b.asks.erase(p);
        }
    }

    std::vector<ScriptEvent> events_;
    std::vector<TruthBook> states_;
};

}  // namespace aitp::exchange::testing
