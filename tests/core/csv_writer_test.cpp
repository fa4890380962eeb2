// SPDX-License-Identifier: MIT
// The CSV writer: every double it writes parses back (strtod, not the writer's std::to_chars) to
// the same bits, NaN is an empty field, rows survive buffer flushes, and a file output matches
// the in-memory one.
#include "core/csv_writer.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/result.hpp"
#include "support/test_paths.hpp"

namespace aitp {
namespace {

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out(1);
    for (const char c : text) {
        if (c == sep) {
            out.emplace_back();
        } else {
            out.back() += c;
        }
    }
    return out;
}

/// Doubles from random bit patterns (every exponent, subnormals, infinities, NaNs) plus edges.
std::vector<double> awkward_doubles(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 gen(seed);
    std::vector<double> v = {0.0,
                             -0.0,
                             1.0,
                             100.0,
                             0.1,
                             1e-7,
                             1e16,
                             123456789012345678.0,
                             std::numeric_limits<double>::denorm_min(),
                             -std::numeric_limits<double>::denorm_min(),
                             std::numeric_limits<double>::min(),
                             std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::lowest(),
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN()};
    for (std::size_t i = 0; i < n; ++i) {
        v.push_back(std::bit_cast<double>(gen()));
        // Subnormals: a zero exponent and random mantissa.
        v.push_back(std::bit_cast<double>(gen() & 0x800FFFFFFFFFFFFFULL));
        // Prices: the values indicator files are made of.
        v.push_back(std::ldexp(static_cast<double>(gen() >> 11), -40));
    }
    return v;
}

void expect_round_trip(const std::vector<double>& values, CsvDoubleStyle style) {
    std::string text;
    CsvWriter w(text, style, 4096);  // the smallest buffer: many flushes
    const std::size_t per_row = 7;
    for (std::size_t i = 0; i < values.size(); ++i) {
        w.field(values[i]);
        if (i % per_row == per_row - 1) w.end_row();
    }
    w.end_row();
    ASSERT_OK(w.flush());
    std::vector<std::string> fields;
    for (const std::string& line : split(text, '\n')) {
        if (line.empty()) continue;
        for (std::string& f : split(line, ',')) fields.push_back(std::move(f));
    }
    ASSERT_EQ(fields.size(), values.size());
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        bool same = fields[i].empty();
        double back = std::numeric_limits<double>::quiet_NaN();
        if (!std::isnan(values[i])) {
            char* end = nullptr;
            back = std::strtod(fields[i].c_str(), &end);
            same = !fields[i].empty() && end == fields[i].c_str() + fields[i].size() &&
                   std::bit_cast<std::uint64_t>(back) == std::bit_cast<std::uint64_t>(values[i]);
        }
        if (!same && ++wrong <= 5) {
            ADD_FAILURE() << "value " << i << " (" << std::hexfloat << values[i] << ") written as '"
                          << fields[i] << "' parses back as " << back;
        }
        if (style == CsvDoubleStyle::PythonRepr && std::isfinite(values[i]) &&
            fields[i].find('e') == std::string::npos) {
            EXPECT_NE(fields[i].find('.'), std::string::npos);  // 100.0, never 100
        }
    }
    EXPECT_EQ(wrong, 0u) << "of " << values.size() << " values";
}

TEST(CsvWriterTest, EveryDoubleParsesBackToTheSameBits) {
    const std::uint64_t seed = 20261207;
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    const std::vector<double> values = awkward_doubles(10000, seed);
    expect_round_trip(values, CsvDoubleStyle::Shortest);
    expect_round_trip(values, CsvDoubleStyle::PythonRepr);
}

TEST(CsvWriterTest, WritesTheShortestFormAndNanAsAnEmptyField) {
    // Hand-checked: the shortest decimal strings that round-trip to these doubles.
    std::string text;
    CsvWriter w(text);
    w.field(std::string_view("ts"));
    w.field(std::int64_t{-1704067200000});
    w.field(0.1);
    w.field(std::numeric_limits<double>::quiet_NaN());
    w.field(100.0);
    w.field(1e-7);
    w.field(-std::numeric_limits<double>::infinity());
    w.field(2.0 / 3.0);
    w.end_row();
    w.field(std::numeric_limits<double>::quiet_NaN());
    w.field(std::numeric_limits<double>::quiet_NaN());
    w.end_row();
    ASSERT_OK(w.flush());
    EXPECT_EQ(text, "ts,-1704067200000,0.1,,100,1e-07,-inf,0.6666666666666666\n,\n");

    std::string repr;
    CsvWriter p(repr, CsvDoubleStyle::PythonRepr);
    for (const double v : {100.0, 0.5, 1e16, 1e22, -3.0}) p.field(v);
    p.end_row();
    ASSERT_OK(p.flush());
    EXPECT_EQ(repr, "100.0,0.5,1e+16,1e+22,-3.0\n");  // as Python 3's repr() writes them
}

TEST(CsvWriterTest, LongFieldsAndFileOutputs) {
    testing::TempDir tmp;
    const std::string big(10000, 'x');  // longer than the whole buffer
    std::string text;
    {
        CsvWriter w(text, CsvDoubleStyle::Shortest, 4096);
        for (int i = 0; i < 300; ++i) {
            w.field(std::string_view(big));
            w.field(static_cast<double>(i) / 7.0);
            w.end_row();
        }
        ASSERT_OK(w.flush());
    }
    ASSERT_OK_AND_ASSIGN(OutputFile out, OutputFile::open(tmp / "big.csv"));
    CsvWriter w(out, CsvDoubleStyle::Shortest, 4096);
    for (int i = 0; i < 300; ++i) {
        w.field(std::string_view(big));
        w.field(static_cast<double>(i) / 7.0);
        w.end_row();
    }
    ASSERT_OK(w.flush());
    ASSERT_OK(out.commit());
    EXPECT_EQ(testing::read_text(tmp / "big.csv"), text);
    EXPECT_EQ(split(text, '\n').size(), 301u);
}

TEST(CsvWriterTest, QuotesOnlyWhenNeeded) {
    EXPECT_EQ(csv_quote("plain"), "plain");
    EXPECT_EQ(csv_quote("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_quote("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_quote("two\nlines"), "\"two\nlines\"");
}

}  // namespace
}  // namespace aitp
