// SPDX-License-Identifier: MIT
// Ctrl-C and SIGTERM for long CLI commands: the first signal becomes a stop request on the
// WorkControl token the command passes to the library (the same mechanism the server's jobs
// use), so a screen, validation or backtest ends with one "cancelled" error line and writes no
// partial output; a second signal kills the process as usual.
#pragma once

#include <stop_token>

namespace aitp::cli {

/// Installs the SIGINT/SIGTERM handlers on the first call (process-wide, never removed) and
/// returns the token they stop. Not for `aitp serve`, which handles its own signals.
std::stop_token stop_on_signal();

}  // namespace aitp::cli
