// SPDX-License-Identifier: MIT
#include "support/csv_table.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>

#include <gtest/gtest.h>

#include "support/test_paths.hpp"

namespace aitp::testing {

namespace {

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    for (const char c : line) {
        if (c == ',') {
            out.push_back(cur);
            cur.clear();
        } else if (c != '\r') {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

/// Parses one field; false when it is not a whole number (NaN, inf, -inf included).
bool parse_field(const std::string& f, double& out) {
    if (f.empty()) {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (f == "inf" || f == "-inf") {
        out = (f[0] == '-' ? -1.0 : 1.0) * std::numeric_limits<double>::infinity();
        return true;
    }
    const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), out);
    return ec == std::errc() && end == f.data() + f.size();
}

}  // namespace

int CsvTable::find(const std::string& name) const {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) return static_cast<int>(i);
    }
    return -1;
}

const std::vector<double>& CsvTable::column(const std::string& name) const {
    const int i = find(name);
    if (i >= 0) return columns[static_cast<std::size_t>(i)];
    ADD_FAILURE() << "no column " << name;
    static const std::vector<double> kEmpty;
    return kEmpty;
}

CsvTable parse_csv(const std::string& text, const std::string& origin) {
    CsvTable t;
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line)) return t;
    t.names = split(line);
    t.columns.resize(t.names.size());
    const int ts_col = t.find("timestamp");
    for (int lineno = 2; std::getline(in, line); ++lineno) {
        if (line.empty() || line == "\r") continue;
        const std::vector<std::string> fields = split(line);
        if (fields.size() != t.names.size()) {
            ADD_FAILURE() << origin << ":" << lineno << ": " << fields.size()
                          << " fields, header has " << t.names.size();
            return t;
        }
        for (std::size_t c = 0; c < fields.size(); ++c) {
            double v = 0.0;
            if (!parse_field(fields[c], v)) {
                ADD_FAILURE() << origin << ":" << lineno << ": bad number '" << fields[c] << "' in "
                              << t.names[c];
                return t;
            }
            t.columns[c].push_back(v);
            if (static_cast<int>(c) == ts_col) {
                std::int64_t ts = 0;
                std::from_chars(fields[c].data(), fields[c].data() + fields[c].size(), ts);
                t.timestamps.push_back(ts);
            }
        }
    }
    return t;
}

CsvTable read_csv(const std::filesystem::path& path) {
    return parse_csv(read_text(path), path.string());
}

bool within_tolerance(double actual, double golden) {
    if (std::isnan(golden) || std::isnan(actual)) return std::isnan(golden) && std::isnan(actual);
    if (std::isinf(golden) || std::isinf(actual)) return actual == golden;
    const double d = std::abs(actual - golden);
    return d <= 1e-9 * std::abs(golden) || d <= 1e-12;
}

}  // namespace aitp::testing
