// SPDX-License-Identifier: MIT
#include "cli/progress_bar.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>
#include <unistd.h>

namespace aitp::cli {

namespace {

constexpr auto kTerminalRedraw = std::chrono::milliseconds(100);
constexpr auto kDefaultLineInterval = std::chrono::milliseconds(5000);

// The plain-line interval: AITP_PROGRESS_INTERVAL_MS when a positive number, else 5 s.
std::chrono::steady_clock::duration line_interval() {
    const char* env = std::getenv("AITP_PROGRESS_INTERVAL_MS");
    if (env == nullptr) return kDefaultLineInterval;
    char* end = nullptr;
    const long long ms = std::strtoll(env, &end, 10);
    if (end == env || *end != '\0' || ms <= 0) return kDefaultLineInterval;
    return std::chrono::milliseconds(ms);
}

double seconds(std::chrono::steady_clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

// 1234567 -> "1,234,567".
std::string with_separators(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return n < 0 ? "-" + digits : digits;
}

}  // namespace

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)),
      terminal_(::isatty(2) == 1),
      start_(Clock::now()),
      last_(start_),
      interval_(line_interval()) {}

ProgressBar::~ProgressBar() {
    if (drawn_) std::fputs("\r\033[K", stderr);
}

void ProgressBar::update(double fraction, std::string_view stage) {
    const double f = std::clamp(fraction, 0.0, 1.0);
    if (terminal_) {
        draw_bar(f, stage);
    } else {
        write_line(f, stage);
    }
}

void ProgressBar::draw_bar(double f, std::string_view stage) {
    const auto now = Clock::now();
    if (f < 1.0 && drawn_ && now - last_ < kTerminalRedraw) return;
    last_ = now;
    drawn_ = true;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(f * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, ' ');
    std::fprintf(stderr, "\r%s [%s] %3d%% %.*s\033[K", label_.c_str(), bar.c_str(),
                 static_cast<int>(f * 100.0), static_cast<int>(stage.size()), stage.data());
    std::fflush(stderr);
}

void ProgressBar::write_line(double f, std::string_view stage) {
    const auto now = Clock::now();
    if (now - last_ < interval_) return;
    last_ = now;
    const double elapsed = seconds(now - start_);
    std::string line = fmt::format("{}: {} %", label_, static_cast<int>(f * 100.0));
    if (!stage.empty()) line += fmt::format(" ({})", stage);
    line += elapsed < 10.0 ? fmt::format(", {:.1f} s elapsed", elapsed)
                           : fmt::format(", {:.0f} s elapsed", elapsed);
    // The rest at the pace so far; unknown until some of the work is done.
    if (f > 0.0 && f < 1.0) line += fmt::format(", about {:.0f} s left", elapsed * (1.0 - f) / f);
    fmt::print(stderr, "{}\n", line);
    std::fflush(stderr);
}

void ProgressBar::finish(std::int64_t count, std::string_view unit) {
    if (terminal_) return;  // the bar is erased; the command prints its own result
    const double elapsed = seconds(Clock::now() - start_);
    std::string line =
        fmt::format("{}: {} {} in {:.1f} s", label_, with_separators(count), unit, elapsed);
    if (elapsed > 0.0) {
        line += fmt::format(", {}/s", with_separators(static_cast<std::int64_t>(
                                          std::llround(static_cast<double>(count) / elapsed))));
    }
    fmt::print(stderr, "{}\n", line);
    std::fflush(stderr);
}

ProgressFn ProgressBar::fn() {
    return [this](double f, std::string_view stage) { update(f, stage); };
}

}  // namespace aitp::cli
