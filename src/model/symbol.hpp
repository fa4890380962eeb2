// SPDX-License-Identifier: MIT
// Symbol (BASE/QUOTE pairs such as BTC/USDT, or plain tickers such as ^GSPC) and AssetClass.
// Value types.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace aitp::model {

enum class AssetClass { Crypto, Equity, Forex };

std::string_view asset_class_name(AssetClass c);
Result<AssetClass> parse_asset_class(std::string_view text);

/// Longest name part (source, base, quote or ticker) accepted.
inline constexpr std::size_t kMaxNamePartLength = 40;

/// The one rule for names that become part of a store file name (sources, bases, quotes,
/// tickers): 1..kMaxNamePartLength characters, letters, digits and those in `allowed`, the
/// first a letter, a digit or '^', and no "..", so that every stored file is listed (no hidden
/// dot files) and no name reaches outside its folder. The message names `kind` and `full`.
Status check_name_part(std::string_view kind, std::string_view full, std::string_view part,
                       std::string_view allowed);

class Symbol {
  public:
    /// Parses "BASE/QUOTE" or a ticker without a slash ("^GSPC", "SPY"). Letters, digits and
    /// . - _ ^ = are allowed; anything else is rejected with the offending character named.
    /// Each part follows check_name_part (starts with a letter, digit or '^'; no "..").
    static Result<Symbol> parse(std::string_view text);

    const std::string& base() const { return base_; }
    /// Empty for a plain ticker.
    const std::string& quote() const { return quote_; }
    bool is_pair() const { return !quote_.empty(); }

    /// Returns "BASE/QUOTE" or the ticker.
    std::string to_string() const;
    /// Returns the file-name form: "BASE_QUOTE" or the ticker (as the original's replace("/","_")).
    std::string file_stem() const;

    /// Guesses the asset class the original's routing implies: three-letter ISO currencies on
    /// both sides are forex, "yfinance"-style tickers and */USD stocks are equity, else crypto.
    AssetClass guess_asset_class(std::string_view source) const;

    friend bool operator==(const Symbol&, const Symbol&) = default;

  private:
    Symbol(std::string base, std::string quote)
        : base_(std::move(base)), quote_(std::move(quote)) {}
    std::string base_;
    std::string quote_;
};

}  // namespace aitp::model
