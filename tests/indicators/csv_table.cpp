// SPDX-License-Identifier: MIT
#include "indicators/csv_table.hpp"

#include <charconv>
#include <fstream>
#include <limits>
#include <sstream>

#include <gtest/gtest.h>

namespace aitp::testing {

namespace {
std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::string cell;
    std::istringstream ss(line);
    while (std::getline(ss, cell, ',')) {
        out.push_back(cell);
    }
    if (!line.empty() && line.back() == ',') {
        out.emplace_back();
    }
    return out;
}
}  // namespace

int CsvTable::find(const std::string& name) const {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

CsvTable read_csv_table(const std::filesystem::path& path) {
    CsvTable t;
    std::ifstream in(path);
    if (!in) {
        ADD_FAILURE() << "cannot open " << path;
        return t;
    }
    std::string line;
    std::getline(in, line);
    t.names = split(line);
    t.columns.resize(t.names.size());
    const int ts_col = t.find("timestamp");
    while (std::getline(in, line)) {
        if (line.empty()) {
            continue;
        }
        const std::vector<std::string> cells = split(line);
        if (cells.size() != t.names.size()) {
            ADD_FAILURE() << path << ": row has " << cells.size() << " fields";
            return {};
        }
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::string& s = cells[c];
            double v = std::numeric_limits<double>::quiet_NaN();
            if (!s.empty()) {
                if (s == "inf") {
                    v = std::numeric_limits<double>::infinity();
                } else if (s == "-inf") {
                    v = -std::numeric_limits<double>::infinity();
                } else {
                    std::from_chars(s.data(), s.data() + s.size(), v);
                }
            }
            t.columns[c].push_back(v);
            if (static_cast<int>(c) == ts_col) {
                std::int64_t ts = 0;
                std::from_chars(s.data(), s.data() + s.size(), ts);
                t.timestamps.push_back(ts);
            }
        }
    }
    return t;
}

}  // namespace aitp::testing
