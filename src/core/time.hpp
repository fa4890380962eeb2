// SPDX-License-Identifier: MIT
// Time as UTC epoch milliseconds, civil-date arithmetic (proleptic Gregorian, H. Hinnant's
// algorithms) and ISO-8601 parse/format. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace aitp {

/// Milliseconds since 1970-01-01T00:00:00Z, UTC, no leap seconds.
using UnixMillis = std::int64_t;
/// Nanoseconds since 1970-01-01T00:00:00Z.
using UnixNanos = std::int64_t;

inline constexpr std::int64_t kMillisPerSecond = 1000;
inline constexpr std::int64_t kMillisPerMinute = 60 * kMillisPerSecond;
inline constexpr std::int64_t kMillisPerHour = 60 * kMillisPerMinute;
inline constexpr std::int64_t kMillisPerDay = 24 * kMillisPerHour;

/// The timestamps the platform stores: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z, the
/// years ISO-8601 writes with four digits. Outside them a timestamp is bad input (never
/// wrapped into microseconds or nanoseconds).
inline constexpr UnixMillis kMinUnixMillis = -62135596800000;
inline constexpr UnixMillis kMaxUnixMillis = 253402300799999;

/// Returns true when kMinUnixMillis <= ts <= kMaxUnixMillis.
constexpr bool is_supported_time(UnixMillis ts) {
    return ts >= kMinUnixMillis && ts <= kMaxUnixMillis;
}

/// A broken-down UTC time.
struct CivilTime {
    int year = 1970;
    int month = 1;  ///< 1..12
    int day = 1;    ///< 1..31
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millis = 0;

    friend bool operator==(const CivilTime&, const CivilTime&) = default;
};

/// Returns the number of days from 1970-01-01 to y-m-d (negative before).
std::int64_t days_from_civil(int year, int month, int day);

/// Returns the calendar date of a day number (days since 1970-01-01).
void civil_from_days(std::int64_t days, int& year, int& month, int& day);

/// Returns the day of the week of a day number: 0 = Sunday ... 6 = Saturday.
int weekday_from_days(std::int64_t days);

/// Returns the day number holding a timestamp (floor division, correct before 1970).
std::int64_t days_from_millis(UnixMillis ts);

/// Returns true when y-m-d is a valid date of the proleptic Gregorian calendar.
bool is_valid_date(int year, int month, int day);

CivilTime to_civil(UnixMillis ts);
UnixMillis from_civil(const CivilTime& t);

/// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff...]]" ('T' or ' ' separator) with an
/// optional "Z", "+HH:MM", "+HHMM" or "+HH" offset. No offset means UTC. Fractions beyond
/// milliseconds are truncated.
Result<UnixMillis> parse_iso8601(std::string_view text);

/// Formats as "YYYY-MM-DDTHH:MM:SSZ", with ".mmm" before the Z when millis are non-zero.
std::string format_iso8601(UnixMillis ts);

/// Parses a timestamp that is either integer epoch milliseconds or ISO-8601.
Result<UnixMillis> parse_timestamp(std::string_view text);

}  // namespace aitp
