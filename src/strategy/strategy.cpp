// SPDX-License-Identifier: MIT
#include "strategy/strategy.hpp"

namespace aitp::strategy {

std::string_view exit_tag_name(std::uint32_t tag) {
    switch (static_cast<ExitTag>(tag)) {
        case ExitTag::None:
            return "";
        case ExitTag::Signal:
            return "exit_signal";
        case ExitTag::StopLoss:
            return "stop_loss";
        case ExitTag::TakeProfit:
            return "take_profit";
        case ExitTag::Roi:
            return "roi";
        case ExitTag::TrailingStop:
            return "trailing_stop_loss";
        case ExitTag::CustomExit:
            return "custom_exit";
        case ExitTag::EndOfData:
            return "end_of_data";
        case ExitTag::TrendBreakdown:
            return "trend_breakdown";
        case ExitTag::StaleTrade:
            return "stale_trade";
    }
    return "";
}

}  // namespace aitp::strategy
