// SPDX-License-Identifier: MIT
#include "data/sql.hpp"

#include <gtest/gtest.h>

#include "data/csv.hpp"
#include "data/parquet_store.hpp"
#include "support/test_paths.hpp"

namespace aitp::data {
namespace {

TEST(SqlTest, QueriesViewsOverTheStore) {
    testing::TempDir tmp;
    const ParquetStore store(tmp.path());
    const auto bars = read_csv(testing::reference_file("ohlcv_a.csv"));
    ASSERT_TRUE(bars);
    ASSERT_TRUE(store.write(*SeriesKey::make("kraken", "BTC/USDT", "1h"), *bars));
    // Hourly bars, so an hourly series (the store refuses them in a daily one).
    ASSERT_TRUE(store.write(*SeriesKey::make("yfinance", "^GSPC", "1h"), bars->slice_rows(0, 10)));
    const auto r =
        run_sql(tmp.path(),
                "SELECT symbol, count(*) AS n, max(close) AS hi FROM ohlcv GROUP BY symbol "
                "ORDER BY symbol",
                100);
    ASSERT_TRUE(r) << r.error().message();
    ASSERT_EQ(r->rows.size(), 2u);
    EXPECT_EQ(r->columns, (std::vector<std::string>{"symbol", "n", "hi"}));
    EXPECT_EQ(*r->rows[0][0], "BTC/USDT");
    EXPECT_EQ(*r->rows[0][1], "5000");
    EXPECT_EQ(*r->rows[1][0], "^GSPC");
    double hi = 0;
    for (double c : bars->close()) hi = std::max(hi, c);
    EXPECT_EQ(std::stod(*r->rows[0][2]), hi);
    const auto per_file =
        run_sql(tmp.path(), "SELECT count(*) FROM kraken_BTC_USDT_1h WHERE close > 100", 10);
    ASSERT_TRUE(per_file) << per_file.error().message();
    std::size_t expected = 0;
    for (double c : bars->close()) expected += c > 100;
    EXPECT_EQ(*per_file->rows[0][0], std::to_string(expected));
}

TEST(SqlTest, BadQueryIsOneLineInvalidArgument) {
    testing::TempDir tmp;
    const auto r = run_sql(tmp.path(), "SELEC 1", 10);
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().is_invalid_argument());
    EXPECT_EQ(r.error().message().find('\n'), std::string::npos);
    const auto empty = run_sql(tmp.path(), "SELECT count(*) FROM ohlcv", 10);
    ASSERT_TRUE(empty) << empty.error().message();
    EXPECT_EQ(*empty->rows[0][0], "0");
}

}  // namespace
}  // namespace aitp::data
