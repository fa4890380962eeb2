// SPDX-License-Identifier: MIT
// CsvTable: a tiny numeric CSV reader for the reference files (header row, comma separated,
// empty field = NaN, "inf"/"-inf" accepted). Test support only.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace aitp::research::testing {

struct CsvTable {
    std::vector<std::string> names;
    std::vector<std::vector<double>> columns;

    /// Returns the column named `name`; fails the test and returns an empty column if missing.
    const std::vector<double>& column(const std::string& name) const;
    bool has(const std::string& name) const;
    std::size_t rows() const { return columns.empty() ? 0 : columns[0].size(); }
};

/// Reads a CSV file; fails the test on a parse error.
CsvTable read_csv(const std::filesystem::path& path);

/// Parses CSV text.
CsvTable parse_csv(const std::string& text);

/// The tolerance rule of tests/data/reference/README.md: NaN and infinities exactly where the
/// golden has them, else |a - g| <= 1e-9 |g| or <= 1e-12.
bool within_tolerance(double actual, double golden);

}  // namespace aitp::research::testing
