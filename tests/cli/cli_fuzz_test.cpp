// SPDX-License-Identifier: MIT
// CLI fuzz test (issue 16): mutated CSV and Parquet files through `aitp data import`, `data
// validate`, `indicators`, `backtest` and `screen`, run as the real binary with a time limit
// per run. No run may crash or hang, and every failing run prints exactly one line,
// "aitp: error: ...", on stderr and exits non-zero. Seeded: the fixed seed below, or
// AITP_FUZZ_SEED; each failing input is kept under <build>/fuzz-failures/ with its command.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "data/csv.hpp"
#include "data/parquet_store.hpp"
#include "data/sql.hpp"
#include "data/synthetic.hpp"
#include "support/test_paths.hpp"

namespace aitp::cli {
namespace {

namespace fs = std::filesystem;
using Rng = std::mt19937_64;

constexpr std::uint64_t kDefaultSeed = 16'2026;
constexpr auto kRunLimit = std::chrono::seconds(30);

// ---- inputs ----

const char* const kSpecialValues[] = {"",
                                      "nan",
                                      "inf",
                                      "-inf",
                                      "-1",
                                      "0",
                                      "1e308",
                                      "-1e308",
                                      "1e-320",
                                      "9223372036854775807",
                                      "-9223372036854775808",
                                      "9223372036854775808",
                                      "1e16",
                                      "1e19",
                                      "abc",
                                      "2024-13-45",
                                      "2024-02-30T25:61:00Z",
                                      "0000-01-01",
                                      "\"",
                                      "\"\"\"",
                                      "0x10",
                                      " ",
                                      "\xef\xbc\x91",
                                      "\xff\xfe",
                                      "1,2"};

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto nl = text.find('\n', start);
        if (nl == std::string::npos) {
            if (start < text.size()) lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

std::size_t pick(Rng& rng, std::size_t n) { return n == 0 ? 0 : rng() % n; }

std::string replace_field(const std::string& line, std::size_t field, const std::string& value) {
    std::size_t start = 0;
    for (std::size_t f = 0; f < field; ++f) {
        const auto c = line.find(',', start);
        if (c == std::string::npos) return line + "," + value;
        start = c + 1;
    }
    const auto end = line.find(',', start);
    return line.substr(0, start) + value + (end == std::string::npos ? "" : line.substr(end));
}

// One random change of a CSV text.
std::string mutate_csv(std::string text, Rng& rng) {
    auto lines = split_lines(text);
    const std::size_t n = lines.size();
    switch (pick(rng, 11)) {
        case 0:  // a special value in a random field
        case 1: {
            const std::size_t row = n > 1 ? 1 + pick(rng, n - 1) : 0;
            lines[row] = replace_field(lines[row], pick(rng, 6),
                                       kSpecialValues[pick(rng, std::size(kSpecialValues))]);
            return join_lines(lines);
        }
        case 2: {  // a special value in a whole column
            const std::size_t field = pick(rng, 6);
            const std::string v = kSpecialValues[pick(rng, std::size(kSpecialValues))];
            for (std::size_t i = 1; i < n; ++i) lines[i] = replace_field(lines[i], field, v);
            return join_lines(lines);
        }
        case 3:  // drop a line (the header too)
            if (n > 0) lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(pick(rng, n)));
            return join_lines(lines);
        case 4:  // duplicate or swap lines (duplicate and unsorted stamps)
            if (n > 2) std::swap(lines[1 + pick(rng, n - 1)], lines[1 + pick(rng, n - 1)]);
            if (n > 2) lines.push_back(lines[1 + pick(rng, n - 1)]);
            return join_lines(lines);
        case 5:  // flip bytes
            for (int i = 0, k = 1 + static_cast<int>(pick(rng, 8)); i < k && !text.empty(); ++i)
                text[pick(rng, text.size())] = static_cast<char>(rng() & 0xff);
            return text;
        case 6:  // truncate
            return text.substr(0, pick(rng, text.size() + 1));
        case 7:  // header: rename, drop or repeat a column
            if (n > 0) {
                const std::string names[] = {"timestamp", "open", "high", "low", "close",
                                             "volume",    "date", "Open", "x",   ""};
                lines[0] =
                    replace_field(lines[0], pick(rng, 7), names[pick(rng, std::size(names))]);
            }
            return join_lines(lines);
        case 8:  // extra or missing fields
            if (n > 1) {
                auto& l = lines[1 + pick(rng, n - 1)];
                if (rng() % 2 == 0) {
                    l += ",1";
                } else if (const auto c = l.rfind(','); c != std::string::npos) {
                    l.resize(c);
                }
            }
            return join_lines(lines);
        case 9: {  // binary junk or a very long line
            std::string junk;
            const std::size_t len = rng() % 2 == 0 ? 64 : 20000;
            for (std::size_t i = 0; i < len; ++i) junk += static_cast<char>(rng() & 0xff);
            lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(pick(rng, n + 1)), junk);
            return join_lines(lines);
        }
        default:  // scale the timestamps of a row far out
            if (n > 1) {
                const std::size_t row = 1 + pick(rng, n - 1);
                lines[row] = replace_field(lines[row], 0,
                                           lines[row].substr(0, lines[row].find(',')) + "000000");
            }
            return join_lines(lines);
    }
}

// One random change of a Parquet file's bytes.
std::string mutate_bytes(std::string bytes, Rng& rng) {
    if (bytes.empty()) return bytes;
    switch (pick(rng, 5)) {
        case 0:  // flip bytes anywhere
            for (int i = 0, k = 1 + static_cast<int>(pick(rng, 16)); i < k; ++i)
                bytes[pick(rng, bytes.size())] = static_cast<char>(rng() & 0xff);
            return bytes;
        case 1:  // flip bytes in the footer (metadata, its length, the magic)
            for (int i = 0, k = 1 + static_cast<int>(pick(rng, 8)); i < k; ++i) {
                const std::size_t tail = std::min<std::size_t>(bytes.size(), 256);
                bytes[bytes.size() - 1 - pick(rng, tail)] = static_cast<char>(rng() & 0xff);
            }
            return bytes;
        case 2:  // truncate
            return bytes.substr(0, pick(rng, bytes.size()));
        case 3: {  // zero a range
            const std::size_t at = pick(rng, bytes.size());
            const std::size_t len = std::min(bytes.size() - at, 1 + pick(rng, 512));
            std::fill_n(bytes.begin() + static_cast<std::ptrdiff_t>(at), len, '\0');
            return bytes;
        }
        default:  // junk appended
            for (int i = 0; i < 100; ++i) bytes += static_cast<char>(rng() & 0xff);
            return bytes;
    }
}

// Well-formed Parquet files with odd contents: types, NULLs, extremes.
const char* const kOddParquetSelects[] = {
    "SELECT 'yesterday' AS \"timestamp\", 1.0 AS open, 1.0 AS high, 1.0 AS low, 1.0 AS close, "
    "1.0 AS volume",
    "SELECT 1::BIGINT AS \"timestamp\", 1.0 AS open, 1.0 AS high, 1.0 AS low, 1.0 AS close",
    "SELECT 9223372036854775807::BIGINT AS \"timestamp\", 1.0 AS open, 1.0 AS high, 1.0 AS low, "
    "1.0 AS close, 1.0 AS volume",
    "SELECT make_timestamp(100000, 1, 1, 0, 0, 0.0)::TIMESTAMP_S AS \"timestamp\", 1.0 AS "
    "open, 1.0 AS high, 1.0 AS low, 1.0 AS close, 1.0 AS volume",
    "SELECT NULL::TIMESTAMP AS \"timestamp\", 1.0 AS open, 1.0 AS high, 1.0 AS low, 1.0 AS close, "
    "1.0 AS volume",
    "SELECT range::BIGINT * 3600000 AS \"timestamp\", -1.0 AS open, 'inf'::DOUBLE AS high, "
    "'nan'::DOUBLE AS low, 1.0 AS close, -5.0 AS volume FROM range(50)",
    "SELECT 1::BIGINT AS \"timestamp\", 'x' AS open, 1.0 AS high, 1.0 AS low, 1.0 AS close, 1.0 "
    "AS volume",
    "SELECT 1::BIGINT AS \"timestamp\", 1.0 AS open, 1.0 AS high, 1.0 AS low, 1.0 AS close, 1.0 "
    "AS volume WHERE false",
    "SELECT (range % 7)::BIGINT * 3600000 AS \"timestamp\", 10.0 AS open, 11.0 AS high, 9.0 AS "
    "low, 10.0 AS close, 1.0 AS volume FROM range(100)",
    "SELECT [1, 2] AS \"timestamp\", 1.0 AS open, 1.0 AS high, 1.0 AS low, 1.0 AS close, 1.0 AS "
    "volume",
};

struct Input {
    fs::path path;
    std::string how;  ///< how it was made, for the failure report
};

std::vector<Input> make_inputs(const fs::path& dir, std::uint64_t seed) {
    data::SyntheticParams p;
    p.bars = 240;
    p.seed = seed;
    p.edge_cases = false;
    const auto bars = data::generate_bars(p);
    EXPECT_TRUE(bars);
    const std::string csv = data::format_csv(*bars);
    const fs::path base_parquet = dir / "base.parquet";
    EXPECT_TRUE(data::write_parquet(base_parquet, *bars));
    const std::string parquet = testing::read_text(base_parquet);

    Rng rng(seed);
    std::vector<Input> inputs;
    for (int i = 0; i < 12; ++i) {
        std::string text = csv;
        const int rounds = 1 + static_cast<int>(pick(rng, 3));
        for (int r = 0; r < rounds; ++r) text = mutate_csv(std::move(text), rng);
        const fs::path f = dir / ("m" + std::to_string(i) + ".csv");
        testing::write_text(f, text);
        inputs.push_back({f, "csv mutation " + std::to_string(i)});
    }
    for (int i = 0; i < 5; ++i) {
        const fs::path f = dir / ("m" + std::to_string(i) + ".parquet");
        testing::write_text(f, mutate_bytes(parquet, rng));
        inputs.push_back({f, "parquet byte mutation " + std::to_string(i)});
    }
    for (std::size_t i = 0; i < std::size(kOddParquetSelects); ++i) {
        const fs::path f = dir / ("odd" + std::to_string(i) + ".parquet");
        const auto r = data::run_sql(dir,
                                     std::string("COPY (") + kOddParquetSelects[i] + ") TO '" +
                                         f.string() + "' (FORMAT parquet)",
                                     10);
        if (!r) {  // a select this DuckDB cannot write: nothing to feed
            ADD_FAILURE() << kOddParquetSelects[i] << ": " << r.error().message();
            continue;
        }
        inputs.push_back({f, std::string("parquet: ") + kOddParquetSelects[i]});
    }
    return inputs;
}

std::vector<std::vector<std::string>> commands_for(const fs::path& file, const fs::path& work) {
    const std::string f = file.string();
    const std::string w = work.string();
    return {
        {"data", "import", "--data-dir", w, "--source", "fuzz", "--symbol", "BTC/USDT",
         "--timeframe", "1h", f},
        {"data", "validate", "--timeframe", "1h", f},
        {"indicators", "--input", f, "--output", w + "/ind.csv", "--only", "rsi,macd"},
        {"backtest", "--strategy", "sma_cross", "--input", f, "--output", w + "/bt"},
        {"screen", "sma_crossover", "--input", f, "--output", w + "/screen", "--threads", "1",
         "--top", "3"},
    };
}

std::string join_args(const std::vector<std::string>& args) {
    std::string s = "aitp";
    for (const auto& a : args) s += " '" + a + "'";
    return s;
}

std::string problem_of(const testing::CommandResult& o) {
    if (o.timed_out) return "hang (killed after the time limit)";
    if (o.signalled) return "crash (killed by a signal)";
    if (o.exit_code == 0) return "";
    const auto nl = o.err.find('\n');
    if (o.err.rfind("aitp: error: ", 0) != 0 || nl == std::string::npos || nl + 1 != o.err.size())
        return "error output is not exactly one 'aitp: error:' line";
    return "";
}

TEST(CliFuzzTest, MutatedFilesNeverCrashHangOrPrintMoreThanOneErrorLine) {
    if (!fs::exists(testing::cli_path())) GTEST_SKIP() << "CLI not built";
    std::uint64_t seed = kDefaultSeed;
    if (const char* s = std::getenv("AITP_FUZZ_SEED")) seed = std::strtoull(s, nullptr, 10);
    std::printf("AITP_FUZZ_SEED=%llu\n", static_cast<unsigned long long>(seed));
    testing::TempDir tmp;
    const auto inputs = make_inputs(tmp.path(), seed);
    const fs::path failures = testing::cli_path().parent_path().parent_path() / "fuzz-failures";
    int runs = 0;
    int errors = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const fs::path work = tmp / ("w" + std::to_string(i));
        fs::create_directories(work);
        for (const auto& args : commands_for(inputs[i].path, work)) {
            const testing::CommandResult o =
                testing::run_cli(args, {.limit = kRunLimit, .discard_stdout = true});
            ++runs;
            errors += o.exit_code != 0 ? 1 : 0;
            const std::string problem = problem_of(o);
            if (problem.empty()) continue;
            fs::create_directories(failures);
            const fs::path kept =
                failures / (std::to_string(seed) + "-" + inputs[i].path.filename().string());
            std::error_code ec;
            fs::copy_file(inputs[i].path, kept, fs::copy_options::overwrite_existing, ec);
            ADD_FAILURE() << problem << "\n  input: " << inputs[i].how << " (kept as " << kept
                          << ")\n  command: " << join_args(args) << "\n  exit: " << o.exit_code
                          << "\n  stderr: " << o.err.substr(0, 2000);
        }
    }
    std::printf("%d runs on %zu inputs, %d ended in an error\n", runs, inputs.size(), errors);
    // Most mutated inputs must be refused, or the mutations are not reaching the parsers.
    EXPECT_GT(errors, runs / 3);
}

}  // namespace
}  // namespace aitp::cli
