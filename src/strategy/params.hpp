// SPDX-License-Identifier: MIT
// Strategy parameters: each strategy declares ParamSpecs (name, default, range, integer flag);
// ParamSet resolves text overrides (config file, --set key=value) against them with one-line
// errors naming the strategy, parameter and value. Value types.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.hpp"

namespace aitp::strategy {

struct ParamSpec {
    std::string_view name;
    double default_value;
    double min;
    double max;
    bool is_integer;
    std::string_view description;
};

/// A text override, e.g. {"fast", "12"}.
using ParamOverride = std::pair<std::string, std::string>;

class ParamSet {
  public:
    /// Applies overrides (later ones win) to the defaults. Errors: unknown parameter (lists the
    /// known ones), a value that is not a number, a fraction for an integer parameter, or a
    /// value outside [min, max].
    static Result<ParamSet> resolve(std::string_view strategy, std::span<const ParamSpec> specs,
                                    std::span<const ParamOverride> overrides);
    /// Returns the defaults.
    static ParamSet defaults(std::span<const ParamSpec> specs);

    /// Returns a parameter's value. Requires: the name is one of the specs.
    double get(std::string_view name) const;
    int get_int(std::string_view name) const { return static_cast<int>(get(name)); }
    /// Name/value pairs in spec order.
    const std::vector<std::pair<std::string, double>>& values() const { return values_; }

  private:
    std::vector<std::pair<std::string, double>> values_;
};

}  // namespace aitp::strategy
