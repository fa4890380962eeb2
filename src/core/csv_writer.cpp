// SPDX-License-Identifier: MIT
#include "core/csv_writer.hpp"

#include <algorithm>

#include "core/check.hpp"

namespace aitp {

std::string csv_quote(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

CsvWriter::CsvWriter(OutputFile& out, CsvDoubleStyle style, std::size_t buffer_bytes)
    : CsvWriter(&out, nullptr, style, buffer_bytes) {}

CsvWriter::CsvWriter(std::string& text, CsvDoubleStyle style, std::size_t buffer_bytes)
    : CsvWriter(nullptr, &text, style, buffer_bytes) {}

CsvWriter::CsvWriter(OutputFile* out, std::string* text, CsvDoubleStyle style,
                     std::size_t buffer_bytes)
    : out_(out),
      text_(text),
      style_(style),
      capacity_(buffer_bytes),
      buf_(std::make_unique<char[]>(buffer_bytes)),
      pos_(buf_.get()),
      end_(buf_.get() + buffer_bytes) {
    AITP_CHECK(buffer_bytes >= 4096, "Condition failed: CsvWriter buffer of at least 4096 bytes");
}

void CsvWriter::point_zero(const char* start) {
    // Python's repr writes integral floats as "100.0"; inf and exponent forms stay as they are.
    const std::string_view s(start, static_cast<std::size_t>(pos_ - start));
    if (s.find_first_of(".en") == std::string_view::npos) {
        *pos_++ = '.';
        *pos_++ = '0';
    }
}

Status CsvWriter::flush() {
    if (status_ && pos_ != buf_.get()) {
        const std::string_view bytes(buf_.get(), static_cast<std::size_t>(pos_ - buf_.get()));
        if (text_ != nullptr) {
            text_->append(bytes);
        } else {
            status_ = out_->write(bytes);
        }
    }
    pos_ = buf_.get();
    return status_;
}

void CsvWriter::grow_or_flush(std::size_t n) {
    (void)flush();  // an error stays in status_ and is returned by the next flush()
    if (n > capacity_) {
        capacity_ = std::max(n, capacity_ * 2);
        buf_ = std::make_unique<char[]>(capacity_);
        pos_ = buf_.get();
        end_ = buf_.get() + capacity_;
    }
}

}  // namespace aitp
