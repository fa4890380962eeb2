// SPDX-License-Identifier: MIT
// Parquet tables (issue 17 item 3): what write_parquet_table writes reads back through DuckDB
// bit for bit, NaN as NULL, and the output rules of core/output_file.hpp hold.
#include "data/table_file.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "data/duck.hpp"
#include "support/result.hpp"
#include "support/test_paths.hpp"

namespace aitp::data {
namespace {

using detail::Duck;
using detail::sql_string;

std::uint64_t bits(double v) { return std::bit_cast<std::uint64_t>(v); }

TEST(TableFileTest, ParquetReadsBackBitForBit) {
    testing::TempDir tmp;
    const std::size_t n = 5000;  // more than one DuckDB vector (2048 rows)
    std::mt19937_64 gen(20261207);
    std::vector<UnixMillis> ts(n);
    std::vector<std::string> names = {"rsi", "macd.macd", "a b", "q\"uote", "last"};
    std::vector<std::vector<double>> cols(names.size(), std::vector<double>(n));
    for (std::size_t i = 0; i < n; ++i) {
        ts[i] = 1'704'067'200'000 + static_cast<UnixMillis>(i) * 60'000;
        for (std::size_t c = 0; c < cols.size(); ++c) {
            double v = std::bit_cast<double>(gen());
            if (c == 1) v = std::bit_cast<double>(gen() & 0x800FFFFFFFFFFFFFULL);  // subnormals
            if (i % 97 == c) v = std::numeric_limits<double>::quiet_NaN();
            cols[c][i] = v;
        }
    }
    cols[0][0] = -0.0;
    cols[0][1] = std::numeric_limits<double>::infinity();
    std::vector<std::span<const double>> views(cols.begin(), cols.end());
    const auto path = tmp / "t.parquet";
    ASSERT_OK(write_parquet_table(path, ts, names, views));

    ASSERT_OK_AND_ASSIGN(Duck duck, Duck::connect());
    ASSERT_OK_AND_ASSIGN(
        const model::BarSeries back,
        duck.query_bars(fmt::format("SELECT \"timestamp\", \"rsi\", \"macd.macd\", \"a b\", "
                                    "\"q\"\"uote\", \"last\" FROM read_parquet({}) ORDER BY 1",
                                    sql_string(path.string()))));
    ASSERT_EQ(back.size(), n);
    const std::span<const double> got[5] = {back.open(), back.high(), back.low(), back.close(),
                                            back.volume()};
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < n; ++i) {
        EXPECT_EQ(back.ts()[i], ts[i]);
        for (std::size_t c = 0; c < 5; ++c) {
            const double want = cols[c][i];
            const bool same =
                std::isnan(want) ? std::isnan(got[c][i]) : bits(got[c][i]) == bits(want);
            if (!same && ++wrong <= 5) {
                ADD_FAILURE() << "row " << i << " column " << names[c] << ": wrote " << want
                              << ", read " << got[c][i];
            }
        }
    }
    EXPECT_EQ(wrong, 0u);
    ASSERT_OK_AND_ASSIGN(const auto nulls, duck.query_int_row(fmt::format(
                                               "SELECT count(*) FILTER (WHERE rsi IS NULL) FROM "
                                               "read_parquet({})",
                                               sql_string(path.string()))));
    const auto nans =
        std::count_if(cols[0].begin(), cols[0].end(), [](double x) { return std::isnan(x); });
    EXPECT_EQ(nulls[0], static_cast<std::int64_t>(nans));  // random NaN patterns and every 97th
}

TEST(TableFileTest, OutputRulesHold) {
    testing::TempDir tmp;
    const std::vector<UnixMillis> ts = {0, 60'000};
    const std::vector<double> v = {1.5, 2.5};
    const std::vector<std::string> names = {"x"};
    const std::vector<std::span<const double>> cols = {v};
    EXPECT_TRUE(is_parquet_path("a/b.parquet"));
    EXPECT_TRUE(is_parquet_path("B.PQ"));
    EXPECT_FALSE(is_parquet_path("b.csv"));
    const auto dir = write_parquet_table(tmp.path(), ts, names, cols);
    ASSERT_FALSE(dir);
    EXPECT_NE(dir.error().message().find("is a directory"), std::string::npos);
    ASSERT_OK(write_parquet_table(tmp / "x.parquet", ts, names, cols));
    EXPECT_EQ(testing::read_text(tmp / "x.parquet").substr(0, 4), "PAR1");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(tmp.path()), {}), 1);
}

}  // namespace
}  // namespace aitp::data
