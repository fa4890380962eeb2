// SPDX-License-Identifier: MIT
// The one CSV writer of the program's outputs: fields are formatted straight into a large buffer
// (doubles as the shortest text that parses back to the same bits, std::to_chars; NaN as an empty
// field) that goes to an OutputFile in one write(2) whenever it fills (or is appended to a
// string). Fields are written
// verbatim: a caller with text that may hold ',', '"' or a newline quotes it first (csv_quote).
// One owner thread; the OutputFile must outlive the writer.
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "core/output_file.hpp"
#include "core/status.hpp"

namespace aitp {

/// How a double is written (both round-trip exactly; NaN is always an empty field).
enum class CsvDoubleStyle {
    Shortest,    ///< std::to_chars shortest: 100, 0.1, 1e-07, inf
    PythonRepr,  ///< as Python's repr of a float: integral values get ".0" (100.0)
};

/// Returns text as one CSV field: unchanged, or in double quotes (inner quotes doubled) when it
/// holds ',', '"', '\r' or '\n'.
std::string csv_quote(std::string_view text);

class CsvWriter {
  public:
    static constexpr std::size_t kDefaultBufferBytes = std::size_t{1} << 20;

    /// Requires: out outlives the writer; buffer_bytes >= 4096.
    explicit CsvWriter(OutputFile& out, CsvDoubleStyle style = CsvDoubleStyle::Shortest,
                       std::size_t buffer_bytes = kDefaultBufferBytes);
    /// Appends to text instead (text outlives the writer).
    explicit CsvWriter(std::string& text, CsvDoubleStyle style = CsvDoubleStyle::Shortest,
                       std::size_t buffer_bytes = kDefaultBufferBytes);

    void field(double v) {
        reserve(kMaxNumber);
        separate();
        if (std::isnan(v)) return;
        char* const start = pos_;
        pos_ = std::to_chars(pos_, end_, v).ptr;
        if (style_ == CsvDoubleStyle::PythonRepr) point_zero(start);
    }
    void field(std::int64_t v) {
        reserve(kMaxNumber);
        separate();
        pos_ = std::to_chars(pos_, end_, v).ptr;
    }
    /// Writes text verbatim (see csv_quote).
    void field(std::string_view text) {
        reserve(text.size() + 1);
        separate();
        append(text);
    }
    /// Ends the row with '\n'.
    void end_row() {
        reserve(1);
        *pos_++ = '\n';
        first_ = true;
    }
    /// Writes a whole header row of verbatim names.
    template <typename Names>
    void header(const Names& names) {
        for (const auto& n : names) field(std::string_view(n));
        end_row();
    }

    /// Writes what is buffered (call it once at the end; the destructor does not); returns the
    /// first write error of the writer's life.
    Status flush();

  private:
    // Longest std::to_chars output: a 17-digit double with sign, point and exponent is 24 bytes.
    static constexpr std::size_t kMaxNumber = 32;

    void reserve(std::size_t n) {
        if (static_cast<std::size_t>(end_ - pos_) < n + 1) grow_or_flush(n + 1);
    }
    void separate() {
        if (!first_) *pos_++ = ',';
        first_ = false;
    }
    void append(std::string_view text) {
        std::memcpy(pos_, text.data(), text.size());
        pos_ += text.size();
    }
    CsvWriter(OutputFile* out, std::string* text, CsvDoubleStyle style, std::size_t buffer_bytes);
    void point_zero(const char* start);
    void grow_or_flush(std::size_t n);

    OutputFile* out_;
    std::string* text_;
    CsvDoubleStyle style_;
    std::size_t capacity_;
    std::unique_ptr<char[]> buf_;
    char* pos_;
    char* end_;
    bool first_ = true;
    Status status_;
};

}  // namespace aitp
