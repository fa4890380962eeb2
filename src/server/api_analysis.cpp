// SPDX-License-Identifier: MIT
// Screening and backtest endpoints (filled in as the research and backtest modules land).
#include "server/api.hpp"
#include "server/app_impl.hpp"

namespace aitp::server {

void register_analysis_routes(App::Impl&) {}

}  // namespace aitp::server
