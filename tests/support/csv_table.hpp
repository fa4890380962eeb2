// SPDX-License-Identifier: MIT
// CsvTable: the one numeric CSV reader of the tests, for the reference files and for CSV the CLI
// writes (header row, comma separated, empty field = NaN, "inf"/"-inf" accepted, a "timestamp"
// column also kept as integers). A malformed file fails the current test with its path and line.
// Test support only, so that tests do not depend on the data module they may be testing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace aitp::testing {

struct CsvTable {
    std::vector<std::string> names;
    std::vector<std::vector<double>> columns;
    std::vector<std::int64_t> timestamps;  ///< the "timestamp" column, when present

    /// Returns the index of a column or -1.
    int find(const std::string& name) const;
    bool has(const std::string& name) const { return find(name) >= 0; }
    /// Returns the column named `name`; fails the test and returns an empty column if missing.
    const std::vector<double>& column(const std::string& name) const;
    std::size_t rows() const { return columns.empty() ? 0 : columns[0].size(); }
};

/// Reads a CSV file; fails the current test (and returns what it read) on malformed input.
CsvTable read_csv(const std::filesystem::path& path);

/// Parses CSV text; `origin` names it in failure messages.
CsvTable parse_csv(const std::string& text, const std::string& origin = "<text>");

/// The tolerance rule of tests/data/reference/README.md: NaN and infinities exactly where the
/// golden has them, else |a - g| <= 1e-9 |g| or <= 1e-12.
bool within_tolerance(double actual, double golden);

}  // namespace aitp::testing
