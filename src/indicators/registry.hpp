// SPDX-License-Identifier: MIT
// The indicator registry: one table of every indicator (name, inputs, parameters with defaults
// and ranges, outputs, batch kernel and streaming factory) that the CLI, the server and Python
// enumerate, plus each flavour's standard column set (the golden-file headers). The table is
// immutable after first use and safe to read from any thread; streaming objects are not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace aitp::indicators {

/// Which numbers an indicator reproduces.
enum class Flavor {
    Reference,  ///< the original Python library (pandas numerics)
    Talib,      ///< TA-Lib 0.6.4 C library
    Extra,      ///< indicators the original lacks (Ichimoku, Squeeze Momentum)
};

std::string_view flavor_name(Flavor f);
/// Parses "reference", "talib" or "extra".
Result<Flavor> parse_flavor(std::string_view text);

/// Identifies a registry entry (one value per entry, in registry order), so code that treats
/// some indicators specially dispatches on it instead of comparing names.
enum class IndicatorId {
    Sma,
    Ema,
    Wma,
    HullMa,
    Supertrend,
    Rsi,
    Macd,
    Stochastic,
    Cci,
    WilliamsR,
    Adx,
    AtrIndicator,
    BollingerBands,
    KeltnerChannels,
    Obv,
    Vwap,
    Mfi,
    VolumeSma,
    VolumeRatio,
    Returns,
    LogReturns,
    TalibSma,
    TalibEma,
    TalibRsi,
    TalibMacd,
    TalibBbands,
    TalibAtr,
    TalibAdx,
    TalibObv,
    TalibStoch,
    TalibWillr,
    TalibCci,
    TalibMfi,
    Ichimoku,
    Squeeze,
};

/// Columnar OHLCV input; every span has the same length (ts may be empty when unused).
struct SeriesInput {
    std::span<const std::int64_t> ts;
    std::span<const double> open, high, low, close, volume;
    std::size_t size() const { return close.size(); }
};

/// One bar for streaming updates.
struct BarInput {
    std::int64_t ts = 0;
    double open = 0, high = 0, low = 0, close = 0, volume = 0;
};

/// A parameter: name, default and inclusive range; integer parameters reject fractions.
struct ParamInfo {
    std::string_view name;
    double default_value;
    double min;
    double max;
    bool is_integer;
    std::string_view description;
};

/// A type-erased streaming indicator: update() writes one value per output.
class StreamingIndicator {
  public:
    virtual ~StreamingIndicator() = default;
    /// Requires: out.size() == number of outputs.
    virtual void update(const BarInput& bar, std::span<double> out) = 0;
    virtual void reset() = 0;
};

using BatchFn = Status (*)(const SeriesInput& in, std::span<const double> params,
                           std::span<const std::span<double>> out);
using StreamFactory = std::unique_ptr<StreamingIndicator> (*)(std::span<const double> params);
/// The lookback for validated params: rows before it have a NaN in some output (on finite input
/// and a long enough series), rows from it on have none.
using LookbackFn = int (*)(std::span<const double> params);
/// Row offset of a streaming output: the value emitted at bar t belongs to row t + offset.
using RowOffsetFn = int (*)(std::span<const double> params, std::size_t output);

struct IndicatorInfo {
    IndicatorId id;
    std::string_view name;
    std::string_view full_name;
    std::string_view family;
    Flavor flavor;
    std::vector<std::string_view> inputs;
    std::vector<ParamInfo> params;
    std::vector<std::string_view> outputs;
    /// Checks the inputs (finite, one length) and outputs (that length), then runs `kernel`.
    /// Requires: params already validated by validate_params().
    BatchFn batch;
    /// The batch kernel without checks (x_unchecked, see common.hpp). Requires: validated
    /// params, finite inputs of one length, outputs of that length.
    BatchFn kernel;
    /// Requires: params already validated by validate_params().
    StreamFactory make_stream;
    LookbackFn lookback;
    RowOffsetFn row_offset = nullptr;

    /// Returns the defaults of every parameter, in order.
    std::vector<double> default_params() const;
    /// Checks count, ranges and integrality; errors name the parameter ("period must be >= 1, was
    /// 0").
    Status validate_params(std::span<const double> params) const;
    /// Returns the column name of an output: `name` for one output, else `name.output`.
    std::string column_name(std::size_t output) const;
};

/// Returns every registered indicator, reference first, then talib, then extra.
const std::vector<IndicatorInfo>& registry();
/// Returns the indicator with this name, or nullptr.
const IndicatorInfo* find_indicator(std::string_view name);

/// Runs one indicator: validates params, then the batch kernel. out holds one span per output.
Status run_batch(const IndicatorInfo& info, const SeriesInput& in, std::span<const double> params,
                 std::span<const std::span<double>> out);
/// Creates a streaming object after validating params.
Result<std::unique_ptr<StreamingIndicator>> make_stream(const IndicatorInfo& info,
                                                        std::span<const double> params);

/// One column of a flavour's standard output.
struct ColumnSpec {
    std::string_view column;
    std::string_view indicator;
    std::vector<double> params;
    std::size_t output;
};

/// Returns the standard columns of a flavour, in the golden-file order.
const std::vector<ColumnSpec>& flavor_columns(Flavor f);

/// Selects columns of a flavour: all when `only` is empty, else every column whose name, or
/// whose prefix before the first '.', equals an entry. Unknown entries are an error.
Result<std::vector<const ColumnSpec*>> select_columns(Flavor f, std::span<const std::string> only);

/// Named columns with owned values. A column that repeats an earlier one (the same indicator,
/// parameters and output, as the reference set's add_all_indicators.rsi_14 and rsi) is an alias
/// of it: its values are stored once.
struct ColumnTable {
    std::vector<std::string> names;             ///< one per column
    std::vector<std::vector<double>> distinct;  ///< the values of each distinct column
    std::vector<std::size_t> source;            ///< column k's values are distinct[source[k]]

    /// Returns the values of column k (one per input row).
    std::span<const double> column(std::size_t k) const { return distinct[source[k]]; }
};

/// Computes the given columns into `table`. Each distinct (indicator, params) call runs once, a
/// repeated column is an alias (see ColumnTable). Columns already in the table are reused when
/// long enough, so computing into the same table again allocates no column. On error the
/// table's contents are unspecified.
Status compute_columns(std::span<const ColumnSpec* const> columns, const SeriesInput& in,
                       ColumnTable& table);

/// Computes a flavour's columns (all, or those selected by `only`).
Result<ColumnTable> compute_flavor(Flavor f, const SeriesInput& in,
                                   std::span<const std::string> only = {});

}  // namespace aitp::indicators
