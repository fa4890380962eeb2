// SPDX-License-Identifier: MIT
// `aitp venue-sim` bad input: one clear error line naming the option or field, exit 2.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "support/test_paths.hpp"

namespace aitp::venuesim {
namespace {

using testing::run_cli;

void expect_one_line_error(const std::vector<std::string>& args, const std::string& needle) {
    const auto r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_FALSE(r.signalled);
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(VenueSimCliTest, BadInputGivesOneErrorLineAndExit2) {
    testing::TempDir dir;
    const std::string bars = testing::reference_file("ohlcv_a.csv").string();
    expect_one_line_error({"venue-sim", "--port", "0"}, "--bars");
    expect_one_line_error({"venue-sim", "--port", "0", "--bars", "BTCUSDT:1h"}, "--bars");
    expect_one_line_error({"venue-sim", "--port", "0", "--bars", "BTCUSDT:9q:" + bars}, "--bars");
    expect_one_line_error({"venue-sim", "--port", "70000", "--bars", "BTCUSDT:1h:" + bars},
                          "--port");
    expect_one_line_error(
        {"venue-sim", "--port", "0", "--bars", "BTCUSDT:1h:" + bars, "--now", "soon"}, "--now");
    testing::write_text(dir / "faults.json", R"({"faults":[{"kind":"ws_gap","every":0}]})");
    expect_one_line_error({"venue-sim", "--port", "0", "--bars", "BTCUSDT:1h:" + bars, "--faults",
                           (dir / "faults.json").string()},
                          "faults[0].every");
    testing::write_text(dir / "accounts.json", R"({"accounts":[{"api_key":"k"}]})");
    expect_one_line_error({"venue-sim", "--port", "0", "--bars", "BTCUSDT:1h:" + bars, "--accounts",
                           (dir / "accounts.json").string()},
                          "accounts[0].api_secret");
}

TEST(VenueSimCliTest, MissingBarFileIsNotFound) {
    const auto r = run_cli({"venue-sim", "--port", "0", "--bars", "BTCUSDT:1h:/nonexistent.csv"});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("nonexistent.csv"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace aitp::venuesim
