// SPDX-License-Identifier: MIT
#include "cli/interrupt.hpp"

#include <chrono>
#include <csignal>
#include <thread>

namespace aitp::cli {

namespace {

volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int sig) {
    if (g_signal != 0) {  // the second one: die the default way
        std::signal(sig, SIG_DFL);
        std::raise(sig);
        return;
    }
    g_signal = sig;
}

}  // namespace

std::stop_token stop_on_signal() {
    // A stop request may take locks, which a signal handler must not: a watcher thread turns
    // the flag into the request within 20 ms.
    static std::stop_source source;
    static const bool installed = [] {
        std::signal(SIGINT, on_signal);
        std::signal(SIGTERM, on_signal);
        std::thread([] {
            while (g_signal == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
            source.request_stop();
        }).detach();
        return true;
    }();
    (void)installed;
    return source.get_token();
}

}  // namespace aitp::cli
