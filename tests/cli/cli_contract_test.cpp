// SPDX-License-Identifier: MIT
// The CLI's error contract for argument parsing (README "Bad input"): an unknown option, a
// missing subcommand or a bad option value gives one line `aitp: error: ...` and exit 2, the
// same as every other bad input; --help and --version still print and exit 0.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_paths.hpp"

namespace aitp::cli {
namespace {

using testing::run_cli;

int count_lines(const std::string& s) {
    int n = 0;
    for (char c : s) n += c == '\n';
    return n;
}

struct Case {
    std::vector<std::string> args;
    std::string needle;  // part of the message that says what was wrong and where
};

TEST(CliContractTest, ParseErrorsAreOneLineAndExitTwo) {
    const std::vector<Case> cases = {
        {{}, "aitp: a command is required (data, sql, "},
        {{"data"}, "aitp data: a command is required (gen, import, "},
        {{"data", "frobnicate"}, "unknown command 'frobnicate' (commands: gen, import, "},
        {{"frob"}, "unknown command 'frob'"},
        {{"--no-such-option"}, "unknown option '--no-such-option'"},
        {{"data", "ls", "--no-such-option"}, "aitp data ls: "},
        {{"data", "import"}, "aitp data import: "},
        {{"sql", "--format", "yaml", "select 1"}, "--format"},
    };
    for (const auto& c : cases) {
        std::string joined;
        for (const auto& a : c.args) joined += a + " ";
        SCOPED_TRACE(joined);
        const auto r = run_cli(c.args);
        EXPECT_EQ(r.exit_code, 2);
        EXPECT_EQ(count_lines(r.err), 1) << r.err;
        EXPECT_EQ(r.err.rfind("aitp: error: ", 0), 0u) << r.err;
        EXPECT_NE(r.err.find(c.needle), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("--help"), std::string::npos) << r.err;
    }
}

TEST(CliContractTest, HelpAndVersionStillSucceed) {
    const auto help = run_cli({"data", "--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("Usage"), std::string::npos);
    EXPECT_TRUE(help.err.empty()) << help.err;
    const auto version = run_cli({"--version"});
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_NE(version.out.find("aitp"), std::string::npos);
}

TEST(CliContractTest, SqlJsonWritesNumbersAsNumbers) {
    testing::TempDir tmp;
    const auto r = run_cli({"sql", "--data-dir", tmp.path().string(), "--format", "json",
                            "SELECT 42 AS i, 1.5::DOUBLE AS d, 'x' AS s, true AS b, NULL AS n, "
                            "18446744073709551615::UBIGINT AS u, 'inf'::DOUBLE AS f, "
                            "1.25::DECIMAL(9,2) AS m"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto rows = nlohmann::json::parse(r.out);
    ASSERT_EQ(rows.size(), 1u);
    const auto& row = rows[0];
    EXPECT_TRUE(row["i"].is_number_integer());
    EXPECT_EQ(row["i"].get<int>(), 42);
    EXPECT_TRUE(row["d"].is_number_float());
    EXPECT_EQ(row["d"].get<double>(), 1.5);
    EXPECT_EQ(row["s"], "x");
    EXPECT_EQ(row["b"], true);
    EXPECT_TRUE(row["n"].is_null());
    EXPECT_EQ(row["u"].get<std::uint64_t>(), 18446744073709551615ULL);
    EXPECT_TRUE(row["f"].is_string()) << row["f"];  // JSON has no infinity: DuckDB's text kept
    EXPECT_EQ(row["m"], "1.25");                    // DECIMAL digits kept exactly
}

}  // namespace
}  // namespace aitp::cli
