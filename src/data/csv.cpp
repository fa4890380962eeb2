// SPDX-License-Identifier: MIT
#include "data/csv.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>

#include "core/csv_writer.hpp"
#include "core/output_file.hpp"
#include "core/time.hpp"
#include "data/file_util.hpp"
#include "model/bar_check.hpp"

namespace aitp::data {

namespace {

enum Column : int { kTs = 0, kOpen, kHigh, kLow, kClose, kVolume, kNumColumns };
constexpr std::array<std::string_view, kNumColumns> kColumnNames = {"timestamp", "open",  "high",
                                                                    "low",       "close", "volume"};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return s;
}

int column_of(std::string_view header_field) {
    std::string name(trim(header_field));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "date" || name == "datetime" || name == "time") return kTs;
    for (int i = 0; i < kNumColumns; ++i) {
        if (name == kColumnNames[static_cast<std::size_t>(i)]) return i;
    }
    return -1;
}

// Returns the line starting at pos (without "\n" or "\r\n") and advances pos past it.
std::string_view next_line(std::string_view text, std::size_t& pos) {
    const char* begin = text.data() + pos;
    const void* nl = std::memchr(begin, '\n', text.size() - pos);
    std::size_t len = nl == nullptr
                          ? text.size() - pos
                          : static_cast<std::size_t>(static_cast<const char*>(nl) - begin);
    pos += len + (nl == nullptr ? 0 : 1);
    if (len > 0 && begin[len - 1] == '\r') --len;
    return {begin, len};
}

bool parse_double(std::string_view s, double& out) {
    if (s.empty()) {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, out);
    if (ec == std::errc() && ptr == end) return true;
    const std::string_view t = trim(s);
    if (t.size() != s.size()) return parse_double(t, out);
    if (!t.empty() && t.front() == '+') return parse_double(t.substr(1), out);
    return false;
}

bool parse_ts(std::string_view s, UnixMillis& out) {
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, out);
    if (ec == std::errc() && ptr == end) return true;
    double d = 0.0;  // pandas sometimes writes epoch ms as floats ("1704067200000.0")
    auto [dptr, dec] = std::from_chars(s.data(), end, d);
    if (dec == std::errc() && dptr == end && std::isfinite(d) && d == std::floor(d) &&
        std::fabs(d) < 9e18) {
        out = static_cast<UnixMillis>(d);
        return true;
    }
    const std::string_view t = trim(s);
    if (t.empty()) return false;
    if (t.size() != s.size()) return parse_ts(t, out);
    auto iso = parse_iso8601(t);
    if (!iso) return false;
    out = *iso;
    return true;
}

struct Header {
    std::array<int, kNumColumns> field_of{};  // field index of each column
    std::vector<int> column_of_field;         // column (or -1) of each field
};

Result<Header> parse_header(std::string_view line, std::string_view name) {
    Header h;
    h.field_of.fill(-1);
    std::size_t start = 0;
    for (int field = 0;; ++field) {
        const std::size_t comma = line.find(',', start);
        const std::string_view f =
            line.substr(start, comma == std::string_view::npos ? comma : comma - start);
        const int col = column_of(f);
        if (col >= 0 && h.field_of[static_cast<std::size_t>(col)] >= 0) {
            return fail(Error::invalid_argument(
                fmt::format("{}:1: column '{}' appears twice in the header", name,
                            kColumnNames[static_cast<std::size_t>(col)])));
        }
        if (col >= 0) h.field_of[static_cast<std::size_t>(col)] = field;
        h.column_of_field.push_back(col);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    for (int c = 0; c < kNumColumns; ++c) {
        if (h.field_of[static_cast<std::size_t>(c)] < 0) {
            return fail(Error::invalid_argument(
                fmt::format("{}:1: missing column '{}' (the header must name "
                            "timestamp,open,high,low,close,volume)",
                            name, kColumnNames[static_cast<std::size_t>(c)])));
        }
    }
    return h;
}

Error field_error(std::string_view name, std::size_t line_no, int field, int col,
                  std::string_view text, std::string_view what) {
    return Error::invalid_argument(
        fmt::format("{}:{}: column {} ({}): '{}' is not {}", name, line_no, field + 1,
                    kColumnNames[static_cast<std::size_t>(col)], text, what));
}

}  // namespace

Result<model::BarSeries> parse_csv(std::string_view text, std::string_view name,
                                   const CsvReadOptions& options) {
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) text.remove_prefix(3);
    std::size_t pos = 0;
    std::size_t line_no = 1;
    const std::string_view header_line = next_line(text, pos);
    if (trim(header_line).empty()) {
        return fail(Error::invalid_argument(fmt::format(
            "{}: empty file (expected the header timestamp,open,high,low,close,volume)", name)));
    }
    AITP_TRY_ASSIGN(const Header header, parse_header(header_line, name));
    const std::size_t num_fields = header.column_of_field.size();

    model::BarSeries bars;
    bars.reserve(text.size() / std::max<std::size_t>(header_line.size(), 24) + 16);
    std::array<double, kNumColumns> row{};
    UnixMillis prev_ts = std::numeric_limits<UnixMillis>::min();
    const std::size_t progress_every = 1 << 16;
    while (pos < text.size()) {
        ++line_no;
        const std::string_view line = next_line(text, pos);
        if (line.empty() || trim(line).empty()) continue;
        if (options.progress && line_no % progress_every == 0) {
            options.progress(static_cast<double>(pos) / static_cast<double>(text.size()), "parse");
        }
        UnixMillis ts = 0;
        std::size_t start = 0;
        std::size_t field = 0;
        for (;; ++field) {
            const std::size_t comma = line.find(',', start);
            if (field >= num_fields) {
                return fail(Error::invalid_argument(fmt::format(
                    "{}:{}: expected {} fields, found more", name, line_no, num_fields)));
            }
            const std::string_view f =
                line.substr(start, comma == std::string_view::npos ? comma : comma - start);
            const int col = header.column_of_field[field];
            if (col == kTs) {
                if (!parse_ts(f, ts)) {
                    return fail(field_error(name, line_no, static_cast<int>(field), col, f,
                                            "a timestamp (epoch ms or ISO-8601)"));
                }
                if (!is_supported_time(ts)) {
                    return fail(field_error(name, line_no, static_cast<int>(field), col, f,
                                            "a timestamp in years 1-9999"));
                }
            } else if (col > 0 && !parse_double(f, row[static_cast<std::size_t>(col)])) {
                return fail(
                    field_error(name, line_no, static_cast<int>(field), col, f, "a number"));
            }
            if (comma == std::string_view::npos) break;
            start = comma + 1;
        }
        if (field + 1 != num_fields) {
            return fail(Error::invalid_argument(fmt::format("{}:{}: expected {} fields, found {}",
                                                            name, line_no, num_fields, field + 1)));
        }
        if (options.require_sorted && ts <= prev_ts) {
            return fail(Error::invalid_argument(fmt::format(
                "{}:{}: timestamp {} {} the previous row's {} (rows must be sorted by time, "
                "without "
                "duplicates)",
                name, line_no, format_iso8601(ts), ts == prev_ts ? "duplicates" : "is earlier than",
                format_iso8601(prev_ts))));
        }
        prev_ts = ts;
        const model::Bar bar{ts, row[kOpen], row[kHigh], row[kLow], row[kClose], row[kVolume]};
        if (options.check_bars) {
            const auto defect =
                model::find_bar_defect(bar.open, bar.high, bar.low, bar.close, bar.volume);
            if (defect != model::BarDefect::None) {
                return fail(Error::invalid_argument(fmt::format(
                    "{}:{}: {}", name, line_no, model::describe_bar_defect(bar, defect))));
            }
        }
        bars.push_back(bar);
    }
    if (bars.is_empty()) {
        return fail(
            Error::invalid_argument(fmt::format("{}: no data rows after the header", name)));
    }
    if (options.progress) options.progress(1.0, "parse");
    return bars;
}

Result<model::BarSeries> read_csv(const std::filesystem::path& path,
                                  const CsvReadOptions& options) {
    AITP_TRY_ASSIGN(const std::string text, read_file(path));
    return parse_csv(text, path.string(), options);
}

namespace {

void write_rows(CsvWriter& w, const model::BarSeries& bars, const CsvWriteOptions& options) {
    w.header(kColumnNames);
    const auto ts = bars.ts();
    const std::array<std::span<const double>, 5> cols = {bars.open(), bars.high(), bars.low(),
                                                         bars.close(), bars.volume()};
    for (std::size_t i = 0; i < bars.size(); ++i) {
        if (options.iso_timestamps) {
            w.field(std::string_view(format_iso8601(ts[i])));
        } else {
            w.field(ts[i]);
        }
        for (const auto& col : cols) w.field(col[i]);
        w.end_row();
    }
}

}  // namespace

std::string format_csv(const model::BarSeries& bars, const CsvWriteOptions& options) {
    std::string out;
    out.reserve(64 + bars.size() * 64);
    // Python's repr writes integral floats as "100.0"; do the same so files diff cleanly.
    CsvWriter w(out, CsvDoubleStyle::PythonRepr);
    write_rows(w, bars, options);
    (void)w.flush();  // appending to a string cannot fail
    return out;
}

Status write_csv(const std::filesystem::path& path, const model::BarSeries& bars,
                 const CsvWriteOptions& options) {
    AITP_TRY_ASSIGN(OutputFile out, OutputFile::open(path));
    CsvWriter w(out, CsvDoubleStyle::PythonRepr);
    write_rows(w, bars, options);
    AITP_TRY(w.flush());
    return out.commit();
}

}  // namespace aitp::data
