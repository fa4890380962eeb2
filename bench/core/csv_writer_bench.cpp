// SPDX-License-Identifier: MIT
// The CSV writer of every CLI output: 100,000 rows x 60 columns of full-precision doubles (the
// shape of `aitp indicators --flavor reference`, 5 % NaN) written through core::CsvWriter to
// /dev/null (formatting, buffering and the write(2) calls; no disk). Goal: >= 50 M values/s on
// one core. A regression means the per-field path (std::to_chars, buffer checks) slowed.
// BM_CsvWriter_Fmt17g is the previous path (fmt "{:.17g}" per value into a line string, one
// ofstream write per line) for comparison.
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "core/csv_writer.hpp"
#include "core/output_file.hpp"

namespace {

constexpr std::size_t kRows = 100'000;
constexpr std::size_t kCols = 60;

const std::vector<std::vector<double>>& columns() {
    static const auto cols = [] {
        std::mt19937_64 gen(17);
        std::uniform_real_distribution<double> price(10.0, 60000.0);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        std::vector<std::vector<double>> c(kCols, std::vector<double>(kRows));
        for (auto& col : c) {
            for (double& v : col) {
                v = unit(gen) < 0.05 ? std::numeric_limits<double>::quiet_NaN() : price(gen);
            }
        }
        return c;
    }();
    return cols;
}

void BM_CsvWriter_Doubles(benchmark::State& state) {
    const auto& cols = columns();
    for (auto _ : state) {
        auto out = aitp::OutputFile::open("/dev/null");
        if (!out) {
            state.SkipWithError("cannot open /dev/null");
            return;
        }
        aitp::CsvWriter w(*out);
        for (std::size_t r = 0; r < kRows; ++r) {
            w.field(static_cast<std::int64_t>(1'700'000'000'000 + 60'000 * r));
            for (const auto& col : cols) w.field(col[r]);
            w.end_row();
        }
        if (!w.flush() || !out->commit()) state.SkipWithError("write failed");
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kRows * kCols));
}
BENCHMARK(BM_CsvWriter_Doubles)->Unit(benchmark::kMillisecond);

void BM_CsvWriter_Fmt17g(benchmark::State& state) {
    const auto& cols = columns();
    for (auto _ : state) {
        std::ofstream out("/dev/null", std::ios::binary);
        std::string line;
        for (std::size_t r = 0; r < kRows; ++r) {
            line = fmt::format("{}", 1'700'000'000'000 + 60'000 * r);
            for (const auto& col : cols) {
                line += ',';
                if (!std::isnan(col[r]))
                    fmt::format_to(std::back_inserter(line), "{:.17g}", col[r]);
            }
            line += '\n';
            out << line;
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kRows * kCols));
}
BENCHMARK(BM_CsvWriter_Fmt17g)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
