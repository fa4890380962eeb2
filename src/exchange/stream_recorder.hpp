// SPDX-License-Identifier: MIT
// Recording and replaying a market stream. A recording is a text file: a header line
//   aitp-stream 1 venue=<venue> symbol=<symbol> channels=<a,b>
// then records "<kind> <recv_ts_ms> <length>\n<payload>\n", kind O (a connection opened; empty
// payload), F (a raw frame as received) or S (the depth snapshot the sync fetched, in the
// GET /api/v3/depth shape). BinanceFeed is the one pipeline (decode -> sync) that both a live
// session and a replay drive, so a replay rebuilds the same book. Not thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "core/time.hpp"
#include "exchange/binance_stream.hpp"
#include "exchange/book_sync.hpp"

namespace aitp::exchange {

enum class RecordKind : char { Open = 'O', Frame = 'F', Snapshot = 'S' };

struct StreamRecord {
    RecordKind kind = RecordKind::Frame;
    UnixMillis recv_ts = 0;
    std::string payload;
};

struct StreamHeader {
    std::string venue;
    std::string symbol;
    std::string channels;  ///< comma-separated
};

/// Appends records to a file (created or truncated); flushes on close and on destruction.
class StreamRecorder {
  public:
    static Result<std::unique_ptr<StreamRecorder>> create(const std::filesystem::path& path,
                                                          const StreamHeader& header);
    ~StreamRecorder();
    StreamRecorder(const StreamRecorder&) = delete;
    StreamRecorder& operator=(const StreamRecorder&) = delete;

    Status write(RecordKind kind, UnixMillis recv_ts, std::string_view payload);
    /// Flushes and closes; IOError naming the file when the data did not reach it.
    Status close();
    std::int64_t records() const { return records_; }

  private:
    StreamRecorder(std::FILE* file, std::filesystem::path path)
        : file_(file), path_(std::move(path)) {}
    std::FILE* file_;
    std::filesystem::path path_;
    std::int64_t records_ = 0;
};

/// Reads a recording record by record.
class StreamReader {
  public:
    /// NotFound for a missing file, Corruption for a file that is no recording.
    static Result<std::unique_ptr<StreamReader>> open(const std::filesystem::path& path);
    ~StreamReader();
    StreamReader(const StreamReader&) = delete;
    StreamReader& operator=(const StreamReader&) = delete;

    const StreamHeader& header() const { return header_; }
    /// Reads the next record: true, or false at the end; Corruption naming the record number
    /// and byte offset for a truncated or malformed record.
    Result<bool> next(StreamRecord& out);

  private:
    StreamReader(std::FILE* file, std::filesystem::path path)
        : file_(file), path_(std::move(path)) {}
    std::FILE* file_;
    std::filesystem::path path_;
    StreamHeader header_;
    std::int64_t index_ = 0;
};

struct FeedCounts {
    std::int64_t frames = 0;
    std::int64_t depth_updates = 0;
    std::int64_t trades = 0;
    std::int64_t book_tickers = 0;
    std::int64_t klines = 0;
    std::int64_t other = 0;
    std::int64_t decode_errors = 0;
    std::int64_t connections = 0;
};

/// Binance frames -> decoder -> BinanceBookSync, recording what it sees when given a recorder.
class BinanceFeed {
  public:
    /// `fetch` supplies snapshots (live: the Venue; replay: the recording). `recorder` may be
    /// null.
    BinanceFeed(SnapshotFetcher fetch, StreamRecorder* recorder);

    /// A connection opened: the stream starts over, so the book is dropped.
    Status on_open(UnixMillis recv_ts);
    /// One frame. A malformed frame is counted and skipped (returned as OK); a snapshot fetch
    /// or recorder failure is returned.
    Status on_frame(std::string_view frame, UnixMillis recv_ts);

    const BinanceBookSync& sync() const { return sync_; }
    const FeedCounts& counts() const { return counts_; }
    const BinanceStreamDecoder& decoder() const { return decoder_; }

  private:
    StreamRecorder* recorder_;
    UnixMillis now_ = 0;
    BinanceStreamDecoder decoder_;
    BinanceBookSync sync_;
    FeedCounts counts_;
};

struct ReplayResult {
    book::OrderBook book;
    SyncStats sync;
    FeedCounts counts;
    StreamHeader header;
    std::int64_t last_update_id = 0;
};

/// Replays a Binance recording through BinanceFeed; Corruption when the recording ends or
/// breaks where the sync needs a snapshot, or is not a Binance recording.
Result<ReplayResult> replay_binance_recording(const std::filesystem::path& path);

}  // namespace aitp::exchange
