// SPDX-License-Identifier: MIT
#include "core/time.hpp"

#include <charconv>

#include <fmt/format.h>

namespace aitp {

// Civil-date algorithms from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms",
// https://howardhinnant.github.io/date_algorithms.html (days_from_civil, civil_from_days).
std::int64_t days_from_civil(int year, int month, int day) {
    const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (month + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t days, int& year, int& month, int& day) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    month = static_cast<int>(m);
    day = static_cast<int>(d);
}

int weekday_from_days(std::int64_t days) {
    return static_cast<int>(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6);
}

std::int64_t days_from_millis(UnixMillis ts) {
    std::int64_t d = ts / kMillisPerDay;
    if (ts % kMillisPerDay < 0) --d;
    return d;
}

bool is_valid_date(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1) return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int max_day = month == 2 && leap ? 29 : kDays[month - 1];
    return day <= max_day;
}

CivilTime to_civil(UnixMillis ts) {
    CivilTime t;
    const std::int64_t days = days_from_millis(ts);
    civil_from_days(days, t.year, t.month, t.day);
    std::int64_t rem = ts - days * kMillisPerDay;
    t.hour = static_cast<int>(rem / kMillisPerHour);
    rem %= kMillisPerHour;
    t.minute = static_cast<int>(rem / kMillisPerMinute);
    rem %= kMillisPerMinute;
    t.second = static_cast<int>(rem / kMillisPerSecond);
    t.millis = static_cast<int>(rem % kMillisPerSecond);
    return t;
}

UnixMillis from_civil(const CivilTime& t) {
    return days_from_civil(t.year, t.month, t.day) * kMillisPerDay + t.hour * kMillisPerHour +
           t.minute * kMillisPerMinute + t.second * kMillisPerSecond + t.millis;
}

namespace {

// Reads exactly `width` digits at pos; advances pos.
bool read_digits(std::string_view s, std::size_t& pos, std::size_t width, int& out) {
    if (pos + width > s.size()) return false;
    int v = 0;
    for (std::size_t i = 0; i < width; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    pos += width;
    return true;
}

bool expect_char(std::string_view s, std::size_t& pos, char c) {
    if (pos >= s.size() || s[pos] != c) return false;
    ++pos;
    return true;
}

// Parses the optional time-of-day part after the date; returns false on malformed text.
bool parse_time_part(std::string_view s, std::size_t& pos, CivilTime& t) {
    if (!read_digits(s, pos, 2, t.hour) || !expect_char(s, pos, ':') ||
        !read_digits(s, pos, 2, t.minute)) {
        return false;
    }
    if (pos < s.size() && s[pos] == ':') {
        ++pos;
        if (!read_digits(s, pos, 2, t.second)) return false;
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
            ++pos;
            int scale = 100;
            std::size_t digits = 0;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                t.millis += (s[pos] - '0') * scale;
                scale /= 10;
                ++pos;
                ++digits;
            }
            if (digits == 0) return false;
        }
    }
    return t.hour <= 23 && t.minute <= 59 && t.second <= 60;
}

// Parses an optional UTC offset; returns false on malformed text.
bool parse_offset(std::string_view s, std::size_t& pos, std::int64_t& offset_ms) {
    offset_ms = 0;
    if (pos == s.size()) return true;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
        return true;
    }
    if (s[pos] != '+' && s[pos] != '-') return false;
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int hh = 0;
    int mm = 0;
    if (!read_digits(s, pos, 2, hh)) return false;
    if (pos < s.size()) {
        if (s[pos] == ':') ++pos;
        if (!read_digits(s, pos, 2, mm)) return false;
    }
    if (hh > 23 || mm > 59) return false;
    offset_ms = sign * (hh * kMillisPerHour + mm * kMillisPerMinute);
    return true;
}

}  // namespace

Result<UnixMillis> parse_iso8601(std::string_view text) {
    const auto bad = [&] {
        return fail(Error::invalid_argument(fmt::format(
            "'{}' is not an ISO-8601 timestamp (expected YYYY-MM-DD[THH:MM[:SS]][Z])", text)));
    };
    CivilTime t;
    std::size_t pos = 0;
    if (!read_digits(text, pos, 4, t.year) || !expect_char(text, pos, '-') ||
        !read_digits(text, pos, 2, t.month) || !expect_char(text, pos, '-') ||
        !read_digits(text, pos, 2, t.day) || !is_valid_date(t.year, t.month, t.day)) {
        return bad();
    }
    if (pos < text.size() && (text[pos] == 'T' || text[pos] == 't' || text[pos] == ' ')) {
        ++pos;
        if (!parse_time_part(text, pos, t)) return bad();
    }
    std::int64_t offset_ms = 0;
    if (!parse_offset(text, pos, offset_ms) || pos != text.size()) return bad();
    return from_civil(t) - offset_ms;
}

std::string format_iso8601(UnixMillis ts) {
    const CivilTime t = to_civil(ts);
    if (t.millis != 0) {
        return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", t.year, t.month, t.day,
                           t.hour, t.minute, t.second, t.millis);
    }
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.year, t.month, t.day, t.hour,
                       t.minute, t.second);
}

Result<UnixMillis> parse_timestamp(std::string_view text) {
    std::int64_t v = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec == std::errc() && ptr == end) return v;
    return parse_iso8601(text);
}

}  // namespace aitp
