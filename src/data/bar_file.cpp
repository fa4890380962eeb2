// SPDX-License-Identifier: MIT
#include "data/bar_file.hpp"

#include <fmt/format.h>

#include "data/csv.hpp"
#include "data/parquet_store.hpp"
#include "data/table_file.hpp"

namespace aitp::data {

namespace {

enum class Kind { Csv, Parquet, Unknown };

Kind kind_of(const std::filesystem::path& path) {
    if (is_parquet_path(path)) return Kind::Parquet;
    std::string ext = path.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".csv" ? Kind::Csv : Kind::Unknown;
}

Error unknown_kind(const std::filesystem::path& path) {
    return Error::invalid_argument(
        fmt::format("{}: unknown file type (expected .csv or .parquet)", path.string()));
}

}  // namespace

Result<model::BarSeries> read_bar_file(const std::filesystem::path& path) {
    switch (kind_of(path)) {
        case Kind::Csv:
            return read_csv(path);
        case Kind::Parquet:
            return read_parquet(path);
        case Kind::Unknown:
            break;
    }
    return fail(unknown_kind(path));
}

Status write_bar_file(const std::filesystem::path& path, const model::BarSeries& bars) {
    switch (kind_of(path)) {
        case Kind::Csv:
            return write_csv(path, bars);
        case Kind::Parquet:
            return write_parquet(path, bars);
        case Kind::Unknown:
            break;
    }
    return fail(unknown_kind(path));
}

}  // namespace aitp::data
