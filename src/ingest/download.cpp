// SPDX-License-Identifier: MIT
#include "ingest/download.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "data/resample.hpp"

namespace aitp::ingest {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

UnixMillis floor_to(UnixMillis ts, std::int64_t step) {
    const UnixMillis q = ts / step;
    return (q * step > ts ? q - 1 : q) * step;
}

// One download's state: the buffer of fetched bars not yet merged into the store.
class Downloader {
  public:
    Downloader(exchange::Venue& venue, const data::ParquetStore& store, data::SeriesKey key,
               const DownloadRequest& request, const WorkControl& work)
        : venue_(venue),
          store_(store),
          key_(std::move(key)),
          request_(request),
          work_(work),
          tf_ms_(model::timeframe_millis(request.timeframe)) {}

    Status run();
    const DownloadStats& stats() const { return stats_; }

  private:
    Status plan();
    Status fetch_pages(model::Timeframe fetch_tf);
    Status take_page(const model::BarSeries& page, std::int64_t fetch_ms, UnixMillis& cursor);
    Status flush(bool complete);
    Status flush_rows(model::BarSeries bars);
    void count(const model::BarSeries& bars);
    std::string label() const {
        return fmt::format("{} {} {}", key_.source, key_.symbol.to_string(),
                           model::timeframe_name(key_.timeframe));
    }
    Error failure(const Error& e) const {
        return Error(e.code(), fmt::format("{}: {} ({} bars stored before this)", label(),
                                           e.message(), stats_.stored_new));
    }

    exchange::Venue& venue_;
    const data::ParquetStore& store_;
    data::SeriesKey key_;
    const DownloadRequest& request_;
    const WorkControl& work_;
    std::int64_t tf_ms_;
    bool resampling_ = false;
    UnixMillis now_ = 0;
    model::BarSeries buffer_;  // fetched bars (1h when resampling), not yet stored
    DownloadStats stats_;
};

Status Downloader::plan() {
    AITP_TRY_ASSIGN(now_, venue_.server_time());
    UnixMillis start = 0;
    if (request_.since) {
        start = *request_.since;
    } else {
        auto stored = store_.read(key_);
        if (stored && !stored->is_empty()) {
            start = stored->ts().back() + tf_ms_;
        } else if (stored || stored.error().is_not_found()) {
            start = floor_to(now_ - std::int64_t{request_.history_days} * kDayMs, tf_ms_);
        } else {
            return fail(stored.error());
        }
    }
    // A resampled bucket needs all its hours: start at a bucket boundary.
    if (resampling_) start = floor_to(start, tf_ms_);
    stats_.start = start;
    stats_.end = request_.until ? std::min(*request_.until, now_) : now_;
    return ok_status();
}

void Downloader::count(const model::BarSeries& bars) {
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const UnixMillis ts = bars.ts()[i];
        if (stats_.last_ts != 0 && ts - stats_.last_ts > tf_ms_) ++stats_.gaps;
        if (stats_.first_ts == 0) stats_.first_ts = ts;
        stats_.last_ts = ts;
        ++stats_.fetched;
    }
}

Status Downloader::flush_rows(model::BarSeries bars) {
    if (bars.is_empty()) return ok_status();
    bars.sort_dedupe_keep_last();
    count(bars);
    data::WriteStats ws;
    AITP_TRY(store_.write(key_, bars, &ws));
    stats_.stored_new += ws.rows_after - ws.rows_before;
    ++stats_.flushes;
    return ok_status();
}

// Writes the buffer. When resampling, only buckets whose hours are all fetched are written (on
// a complete download: buckets that lie before `end` and closed by the server time); the rest
// stay in the buffer (and are dropped at the end of an interrupted download).
Status Downloader::flush(bool complete) {
    if (buffer_.is_empty()) return ok_status();
    buffer_.sort_dedupe_keep_last();
    if (!resampling_) return flush_rows(std::exchange(buffer_, {}));
    const UnixMillis covered = buffer_.ts().back() + model::timeframe_millis(model::Timeframe::H1);
    // After the last page every hour before `end` that exists was fetched; otherwise only
    // those before the last fetched hour's end.
    const UnixMillis cut = floor_to(complete ? stats_.end : covered, tf_ms_);
    const auto split = static_cast<std::size_t>(
        std::lower_bound(buffer_.ts().begin(), buffer_.ts().end(), cut) - buffer_.ts().begin());
    model::BarSeries rest = buffer_.slice_rows(split, buffer_.size());
    AITP_TRY_ASSIGN(auto buckets, data::resample(buffer_.slice_rows(0, split), key_.timeframe));
    buffer_ = std::move(rest);
    // Buckets that end after the server time are still forming.
    model::BarSeries closed;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        if (buckets.ts()[i] + tf_ms_ <= now_) closed.push_back(buckets.bar(i));
    }
    return flush_rows(std::move(closed));
}

// Keeps the page's closed bars in [cursor, end) and moves the cursor past the page.
Status Downloader::take_page(const model::BarSeries& page, std::int64_t fetch_ms,
                             UnixMillis& cursor) {
    for (std::size_t i = 0; i < page.size(); ++i) {
        const UnixMillis ts = page.ts()[i];
        if (ts >= cursor && ts < stats_.end && ts + fetch_ms <= now_)
            buffer_.push_back(page.bar(i));
    }
    const UnixMillis next = page.ts().back() + fetch_ms;
    if (next <= cursor) {
        return fail(Error::io_error(fmt::format(
            "the venue answered a page ending at {} for a request from {}: the page does not "
            "move forward, download stopped",
            format_iso8601(page.ts().back()), format_iso8601(cursor))));
    }
    cursor = next;
    return ok_status();
}

Status Downloader::fetch_pages(model::Timeframe fetch_tf) {
    const std::int64_t fetch_ms = model::timeframe_millis(fetch_tf);
    const double span = static_cast<double>(std::max<UnixMillis>(1, stats_.end - stats_.start));
    UnixMillis cursor = stats_.start;
    while (cursor < stats_.end) {
        AITP_TRY(work_.check(label()));
        exchange::OhlcvRequest r;
        r.symbol = request_.symbol;
        r.timeframe = fetch_tf;
        r.since = cursor;
        r.until = stats_.end;
        r.limit = venue_.max_ohlcv_page();
        AITP_TRY_ASSIGN(const auto page, venue_.ohlcv(r));
        ++stats_.pages;
        if (page.is_empty()) break;
        AITP_TRY(page.check_strictly_increasing());
        AITP_TRY(take_page(page, fetch_ms, cursor));
        if (buffer_.size() >= request_.flush_bars) AITP_TRY(flush(false));
        work_.report(std::min(1.0, static_cast<double>(cursor - stats_.start) / span), label());
    }
    return ok_status();
}

Status Downloader::run() {
    resampling_ = !venue_.has_native_timeframe(request_.timeframe);
    if (resampling_ && tf_ms_ <= model::timeframe_millis(model::Timeframe::H1)) {
        return fail(Error::not_supported(fmt::format("{}: the venue has no {} bars", label(),
                                                     model::timeframe_name(request_.timeframe))));
    }
    if (auto s = plan(); !s) return fail(failure(s.error()));
    auto fetched = fetch_pages(resampling_ ? model::Timeframe::H1 : request_.timeframe);
    // Whatever arrived is kept, also when the venue failed or the work was cancelled.
    auto flushed = flush(fetched.has_value());
    if (!fetched) return fail(failure(fetched.error()));
    if (!flushed) return fail(failure(flushed.error()));
    work_.report(1.0, label());
    return ok_status();
}

}  // namespace

Result<DownloadStats> download(exchange::Venue& venue, const data::ParquetStore& store,
                               const DownloadRequest& request, const WorkControl& work,
                               DownloadStats* partial) {
    AITP_TRY_ASSIGN(auto key, data::SeriesKey::make(request.source, request.symbol,
                                                    model::timeframe_name(request.timeframe)));
    if (request.history_days < 1) {
        return fail(Error::invalid_argument("history_days must be at least 1"));
    }
    Downloader d(venue, store, std::move(key), request, work);
    const Status s = d.run();
    if (partial != nullptr) *partial = d.stats();
    if (!s) return fail(s.error());
    return d.stats();
}

std::string describe(const DownloadStats& s) {
    std::string out =
        fmt::format("{} new bars ({} fetched in {} pages)", s.stored_new, s.fetched, s.pages);
    if (s.fetched > 0) {
        out += fmt::format(" {} .. {}", format_iso8601(s.first_ts), format_iso8601(s.last_ts));
    }
    if (s.gaps > 0) out += fmt::format(", {} gaps", s.gaps);
    return out;
}

}  // namespace aitp::ingest
