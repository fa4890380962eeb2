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

constexpr std::string_view kSymbolPunctuation = ".-_^=";

bool is_alnum(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

Status check_part(std::string_view full, std::string_view part) {
    return check_name_part("symbol", full, part, kSymbolPunctuation);
}

// ISO 4217 codes of the currencies in the original's forex watchlist.
constexpr std::array<std::string_view, 26> kFiat = {
    "USD", "EUR", "JPY", "GBP", "CHF", "AUD", "NZD", "CAD", "SEK", "NOK", "DKK", "SGD", "HKD",
    "MXN", "ZAR", "TRY", "PLN", "INR", "CNY", "THB", "KRW", "CNH", "CZK", "HUF", "ILS", "BRL"};

bool is_fiat(std::string_view code) {
    return std::find(kFiat.begin(), kFiat.end(), code) != kFiat.end();
}

}  // namespace

Status check_name_part(std::string_view kind, std::string_view full, std::string_view part,
                       std::string_view allowed) {
    const std::string_view shown_full = full.substr(0, 64);
    if (part.empty()) {
        return fail(
            Error::invalid_argument(fmt::format("{} '{}' has an empty part", kind, shown_full)));
    }
    for (const char c : part) {
        if (!is_alnum(c) && allowed.find(c) == std::string_view::npos) {
            const auto code = static_cast<unsigned char>(c);
            const std::string shown =
                code >= 0x20 && code < 0x7F ? std::string(1, c) : fmt::format("\\x{:02x}", code);
            return fail(Error::invalid_argument(fmt::format(
                "{} '{}' contains the character '{}'", kind,
                code >= 0x20 && code < 0x7F ? shown_full : std::string_view("..."), shown)));
        }
    }
    if (part.size() > kMaxNamePartLength) {
        return fail(Error::invalid_argument(fmt::format(
            "{} '{}' has a part longer than {} characters", kind, shown_full, kMaxNamePartLength)));
    }
    if (!is_alnum(part.front()) && part.front() != '^') {
        return fail(Error::invalid_argument(
            fmt::format("{} '{}' must start each part with a letter, a digit or '^'", kind, full)));
    }
    if (part.find("..") != std::string_view::npos)
        return fail(Error::invalid_argument(fmt::format("{} '{}' contains '..'", kind, full)));
    return ok_status();
}

Result<Symbol> Symbol::parse(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        AITP_TRY(check_part(text, text));
        return Symbol(std::string(text), {});
    }
    const auto base = text.substr(0, slash);
    const auto quote = text.substr(slash + 1);
    AITP_TRY(check_part(text, base));
    AITP_TRY(check_part(text, quote));
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
