// SPDX-License-Identifier: MIT
#include "csv_table.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

#include <gtest/gtest.h>

#include "support/test_paths.hpp"

namespace aitp::research::testing {

namespace {

double parse_field(const std::string& f) {
    if (f.empty()) return std::numeric_limits<double>::quiet_NaN();
    if (f == "inf") return std::numeric_limits<double>::infinity();
    if (f == "-inf") return -std::numeric_limits<double>::infinity();
    char* end = nullptr;
    const double x = std::strtod(f.c_str(), &end);
    EXPECT_EQ(*end, '\0') << "bad number '" << f << "'";
    return x;
}

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : line) {
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

}  // namespace

const std::vector<double>& CsvTable::column(const std::string& name) const {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) return columns[i];
    }
    ADD_FAILURE() << "no column " << name;
    static const std::vector<double> kEmpty;
    return kEmpty;
}

bool CsvTable::has(const std::string& name) const {
    for (const auto& n : names) {
        if (n == name) return true;
    }
    return false;
}

CsvTable parse_csv(const std::string& text) {
    CsvTable t;
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line)) return t;
    t.names = split(line);
    t.columns.resize(t.names.size());
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto fields = split(line);
        EXPECT_EQ(fields.size(), t.names.size()) << line;
        for (std::size_t i = 0; i < t.names.size() && i < fields.size(); ++i) {
            t.columns[i].push_back(parse_field(fields[i]));
        }
    }
    return t;
}

CsvTable read_csv(const std::filesystem::path& path) {
    return parse_csv(aitp::testing::read_text(path));
}

bool within_tolerance(double actual, double golden) {
    if (std::isnan(golden) || std::isnan(actual)) return std::isnan(golden) && std::isnan(actual);
    if (std::isinf(golden) || std::isinf(actual)) return actual == golden;
    const double d = std::abs(actual - golden);
    return d <= 1e-9 * std::abs(golden) || d <= 1e-12;
}

}  // namespace aitp::research::testing
