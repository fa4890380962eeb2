// SPDX-License-Identifier: MIT
// Route registration, one function per area (api_*.cpp), each route with its OpenAPI RouteDoc;
// all routes are listed in docs/api.md and documented at /api/schema/ and /api/docs/.
#pragma once

#include "server/app.hpp"

namespace aitp::server {

void register_routes(App::Impl& impl);
void register_core_routes(App::Impl& impl);
void register_data_routes(App::Impl& impl);
void register_job_routes(App::Impl& impl);
void register_analysis_routes(App::Impl& impl);
void register_docs_routes(App::Impl& impl);
/// Downloads from venues, tickers, exchange health (api_market.cpp).
void register_market_routes(App::Impl& impl);

}  // namespace aitp::server
