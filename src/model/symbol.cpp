// SPDX-License-Identifier: MIT
#include "model/symbol.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace aitp::model {

std::string_view asset_class_name(AssetClass c) {
    switch (c) {
        case AssetClass::Crypto:
            return "crypto";
        case AssetClass::Equity:
            return "equity";
        case AssetClass::Forex:
            return "forex";
    }
    return "crypto";
}

Result<AssetClass> parse_asset_class(std::string_view text) {
    if (text == "crypto") return AssetClass::Crypto;
    if (text == "equity") return AssetClass::Equity;
    if (text == "forex") return AssetClass::Forex;
    return fail(Error::invalid_argument(
        fmt::format("asset class must be crypto, equity or forex, was '{}'", text)));
}

namespace {

bool is_symbol_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_' || c == '^' || c == '=';
}

Status check_part(std::string_view full, std::string_view part, std::string_view what) {
    if (part.empty()) {
        return fail(
            Error::invalid_argument(fmt::format("symbol '{}' has an empty {}", full, what)));
    }
    for (char c : part) {
        if (!is_symbol_char(c)) {
            return fail(Error::invalid_argument(
                fmt::format("symbol '{}' contains the character '{}'", full, c)));
        }
    }
    return ok_status();
}

// ISO 4217 codes of the currencies in the original's forex watchlist.
constexpr std::array<std::string_view, 26> kFiat = {
    "USD", "EUR", "JPY", "GBP", "CHF", "AUD", "NZD", "CAD", "SEK", "NOK", "DKK", "SGD", "HKD",
    "MXN", "ZAR", "TRY", "PLN", "INR", "CNY", "THB", "KRW", "CNH", "CZK", "HUF", "ILS", "BRL"};

bool is_fiat(std::string_view code) {
    return std::find(kFiat.begin(), kFiat.end(), code) != kFiat.end();
}

}  // namespace

Result<Symbol> Symbol::parse(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        AITP_TRY(check_part(text, text, "ticker"));
        return Symbol(std::string(text), {});
    }
    const auto base = text.substr(0, slash);
    const auto quote = text.substr(slash + 1);
    AITP_TRY(check_part(text, base, "base"));
    AITP_TRY(check_part(text, quote, "quote"));
    if (quote.find('/') != std::string_view::npos) {
        return fail(
            Error::invalid_argument(fmt::format("symbol '{}' has more than one '/'", text)));
    }
    return Symbol(std::string(base), std::string(quote));
}

std::string Symbol::to_string() const { return is_pair() ? base_ + "/" + quote_ : base_; }

std::string Symbol::file_stem() const { return is_pair() ? base_ + "_" + quote_ : base_; }

AssetClass Symbol::guess_asset_class(std::string_view source) const {
    if (is_pair() && base_.size() == 3 && quote_.size() == 3 && is_fiat(base_) && is_fiat(quote_)) {
        return AssetClass::Forex;
    }
    if (source == "yfinance" || !is_pair() || base_.front() == '^') return AssetClass::Equity;
    return AssetClass::Crypto;
}

}  // namespace aitp::model
