// SPDX-License-Identifier: MIT
// A tiny CSV reader for the reference files (header + numeric columns, empty field = NaN), so
// indicator tests do not depend on the data module.
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
    std::size_t rows() const { return columns.empty() ? 0 : columns[0].size(); }
};

/// Reads a CSV; fails the current test (and returns an empty table) on malformed input.
CsvTable read_csv_table(const std::filesystem::path& path);

}  // namespace aitp::testing
