// SPDX-License-Identifier: MIT
#include "cli/progress_bar.hpp"

#include <algorithm>
#include <cstdio>

#include <unistd.h>

namespace aitp::cli {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), enabled_(::isatty(2) == 1) {}

ProgressBar::~ProgressBar() {
    if (drawn_) std::fputs("\r\033[K", stderr);
}

void ProgressBar::update(double fraction, std::string_view stage) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (fraction < 1.0 && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    constexpr int kWidth = 30;
    const double f = std::clamp(fraction, 0.0, 1.0);
    const int filled = static_cast<int>(f * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, ' ');
    std::fprintf(stderr, "\r%s [%s] %3d%% %.*s\033[K", label_.c_str(), bar.c_str(),
                 static_cast<int>(f * 100.0), static_cast<int>(stage.size()), stage.data());
    std::fflush(stderr);
}

ProgressFn ProgressBar::fn() {
    return [this](double f, std::string_view stage) { update(f, stage); };
}

}  // namespace aitp::cli
