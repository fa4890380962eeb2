// SPDX-License-Identifier: MIT
#include "exchange/stream_recorder.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <utility>

#include <fmt/format.h>

namespace aitp::exchange {
namespace {

constexpr std::string_view kMagic = "aitp-stream 1";
constexpr std::size_t kMaxRecord = std::size_t{64} << 20;  // a frame larger than 64 MiB is damage

std::string header_field(std::string_view line, std::string_view key) {
    const std::string needle = fmt::format(" {}=", key);
    const std::size_t at = line.find(needle);
    if (at == std::string_view::npos) return {};
    std::string_view rest = line.substr(at + needle.size());
    return std::string(rest.substr(0, rest.find(' ')));
}

bool read_line(std::FILE* f, std::string& out) {
    out.clear();
    int c = 0;
    while ((c = std::fgetc(f)) != EOF && c != '\n') out.push_back(static_cast<char>(c));
    return c == '\n';
}

template <typename T>
bool parse_int(std::string_view s, T& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

Result<std::unique_ptr<StreamRecorder>> StreamRecorder::create(const std::filesystem::path& path,
                                                               const StreamHeader& header) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
        return fail(Error::io_error(
            fmt::format("{}: cannot create recording: {}", path.string(), std::strerror(errno))));
    }
    std::unique_ptr<StreamRecorder> rec(new StreamRecorder(f, path));
    const std::string line = fmt::format("{} venue={} symbol={} channels={}\n", kMagic,
                                         header.venue, header.symbol, header.channels);
    if (std::fwrite(line.data(), 1, line.size(), f) != line.size()) {
        return fail(Error::io_error(fmt::format("{}: write failed", path.string())));
    }
    return rec;
}

StreamRecorder::~StreamRecorder() {
    if (file_ != nullptr) std::fclose(file_);
}

Status StreamRecorder::write(RecordKind kind, UnixMillis recv_ts, std::string_view payload) {
    if (file_ == nullptr) return fail(Error::internal("recorder is closed"));
    const std::string head =
        fmt::format("{} {} {}\n", static_cast<char>(kind), recv_ts, payload.size());
    if (std::fwrite(head.data(), 1, head.size(), file_) != head.size() ||
        (!payload.empty() &&
         std::fwrite(payload.data(), 1, payload.size(), file_) != payload.size()) ||
        std::fputc('\n', file_) == EOF) {
        return fail(Error::io_error(fmt::format("{}: write failed", path_.string())));
    }
    ++records_;
    return ok_status();
}

Status StreamRecorder::close() {
    if (file_ == nullptr) return ok_status();
    const bool ok = std::fflush(file_) == 0;
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!ok || !closed) {
        return fail(
            Error::io_error(fmt::format("{}: cannot finish the recording", path_.string())));
    }
    return ok_status();
}

Result<std::unique_ptr<StreamReader>> StreamReader::open(const std::filesystem::path& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
        const int err = errno;
        const std::string msg = fmt::format("{}: {}", path.string(), std::strerror(err));
        return fail(err == ENOENT ? Error::not_found(msg) : Error::io_error(msg));
    }
    std::unique_ptr<StreamReader> r(new StreamReader(f, path));
    std::string line;
    if (!read_line(f, line) || !line.starts_with(kMagic)) {
        return fail(Error::corruption(fmt::format(
            "{}: line 1: not an aitp stream recording (expected '{}')", path.string(), kMagic)));
    }
    r->header_ = {header_field(line, "venue"), header_field(line, "symbol"),
                  header_field(line, "channels")};
    return r;
}

StreamReader::~StreamReader() {
    if (file_ != nullptr) std::fclose(file_);
}

Result<bool> StreamReader::next(StreamRecord& out) {
    const long offset = std::ftell(file_);
    std::string line;
    if (!read_line(file_, line)) {
        if (line.empty() && std::feof(file_)) return false;
        return fail(Error::corruption(fmt::format("{}: record {} at byte {}: truncated header",
                                                  path_.string(), index_ + 1, offset)));
    }
    ++index_;
    auto bad = [&](std::string_view what) {
        return Error::corruption(
            fmt::format("{}: record {} at byte {}: {}", path_.string(), index_, offset, what));
    };
    const std::size_t sp1 = line.find(' ');
    const std::size_t sp2 = sp1 == std::string::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp1 != 1 || sp2 == std::string::npos) return fail(bad("malformed record header"));
    const char kind = line[0];
    if (kind != 'O' && kind != 'F' && kind != 'S') return fail(bad("unknown record kind"));
    std::size_t length = 0;
    if (!parse_int(std::string_view(line).substr(2, sp2 - 2), out.recv_ts) ||
        !parse_int(std::string_view(line).substr(sp2 + 1), length) || length > kMaxRecord) {
        return fail(bad("malformed timestamp or length"));
    }
    out.kind = static_cast<RecordKind>(kind);
    out.payload.resize(length);
    if ((length > 0 && std::fread(out.payload.data(), 1, length, file_) != length) ||
        std::fgetc(file_) != '\n') {
        return fail(bad("truncated payload"));
    }
    return true;
}

BinanceFeed::BinanceFeed(SnapshotFetcher fetch, StreamRecorder* recorder)
    : recorder_(recorder), sync_([this, fetch = std::move(fetch)]() -> Result<BookSnapshot> {
          AITP_TRY_ASSIGN(BookSnapshot snap, fetch());
          if (recorder_ != nullptr) {
              AITP_TRY(recorder_->write(RecordKind::Snapshot, now_,
                                        format_binance_depth_snapshot(snap)));
          }
          return snap;
      }) {}

Status BinanceFeed::on_open(UnixMillis recv_ts) {
    now_ = recv_ts;
    ++counts_.connections;
    sync_.reset();
    if (recorder_ != nullptr) AITP_TRY(recorder_->write(RecordKind::Open, recv_ts, {}));
    return ok_status();
}

Status BinanceFeed::on_frame(std::string_view frame, UnixMillis recv_ts) {
    now_ = recv_ts;
    ++counts_.frames;
    if (recorder_ != nullptr) AITP_TRY(recorder_->write(RecordKind::Frame, recv_ts, frame));
    auto kind = decoder_.decode(frame);
    if (!kind) {
        ++counts_.decode_errors;
        return ok_status();
    }
    switch (*kind) {
        case BinanceEvent::DepthUpdate: {
            ++counts_.depth_updates;
            AITP_TRY(sync_.on_depth(decoder_.depth()));
            break;
        }
        case BinanceEvent::Trade:
            ++counts_.trades;
            break;
        case BinanceEvent::BookTicker:
            ++counts_.book_tickers;
            break;
        case BinanceEvent::Kline:
            ++counts_.klines;
            break;
        case BinanceEvent::Other:
            ++counts_.other;
            break;
    }
    return ok_status();
}

Result<ReplayResult> replay_binance_recording(const std::filesystem::path& path) {
    AITP_TRY_ASSIGN(std::unique_ptr<StreamReader> reader, StreamReader::open(path));
    if (reader->header().venue != "binance") {
        return fail(Error::invalid_argument(
            fmt::format("{}: replay supports binance recordings, this one is venue '{}'",
                        path.string(), reader->header().venue)));
    }
    StreamRecord record;
    StreamReader* r = reader.get();
    BinanceFeed feed(
        [r, &record, &path]() -> Result<BookSnapshot> {
            AITP_TRY_ASSIGN(const bool more, r->next(record));
            if (!more || record.kind != RecordKind::Snapshot) {
                return fail(Error::corruption(fmt::format(
                    "{}: the sync needs a snapshot here, the recording has none", path.string())));
            }
            return parse_binance_depth_snapshot(record.payload);
        },
        nullptr);
    for (;;) {
        AITP_TRY_ASSIGN(const bool more, reader->next(record));
        if (!more) break;
        if (record.kind == RecordKind::Open) {
            AITP_TRY(feed.on_open(record.recv_ts));
        } else if (record.kind == RecordKind::Frame) {
            const std::string frame = record.payload;  // the fetcher may reuse `record`
            AITP_TRY(feed.on_frame(frame, record.recv_ts));
        }
        // A snapshot not consumed by the sync (its fetch failed live) is skipped.
    }
    ReplayResult out{feed.sync().book(), feed.sync().stats(), feed.counts(), reader->header(),
                     feed.sync().last_update_id()};
    return out;
}

}  // namespace aitp::exchange
