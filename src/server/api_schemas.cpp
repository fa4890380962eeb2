// SPDX-License-Identifier: MIT
#include "server/api_schemas.hpp"

namespace aitp::server::schema {

Json type(std::string_view type, std::string_view description) {
    Json s = {{"type", type}};
    if (!description.empty()) s["description"] = description;
    return s;
}

Json one_of_strings(std::initializer_list<std::string_view> values, std::string_view description) {
    Json s = string(description);
    s["enum"] = Json::array();
    for (const auto v : values) s["enum"].push_back(v);
    return s;
}

Json nullable(Json s) {
    s["nullable"] = true;
    return s;
}

Json array(Json items) { return {{"type", "array"}, {"items", std::move(items)}}; }

Json object(std::initializer_list<Property> required, std::initializer_list<Property> optional) {
    Json s = {{"type", "object"}, {"properties", Json::object()}};
    Json names = Json::array();
    for (const auto& [name, p] : required) {
        s["properties"][name] = p;
        names.push_back(name);
    }
    for (const auto& [name, p] : optional) s["properties"][name] = p;
    if (!names.empty()) s["required"] = std::move(names);
    return s;
}

Json map(Json values) { return {{"type", "object"}, {"additionalProperties", std::move(values)}}; }

Json any_object(std::string_view description) {
    Json s = {{"type", "object"}, {"additionalProperties", true}};
    if (!description.empty()) s["description"] = description;
    return s;
}

Json ref(std::string_view name) { return {{"$ref", "#/components/schemas/" + std::string(name)}}; }

namespace {

// Adds properties to an object schema (a detail view is its list item plus more).
Json extend(Json base, std::initializer_list<Property> required) {
    for (const auto& [name, p] : required) {
        base["properties"][name] = p;
        base["required"].push_back(name);
    }
    return base;
}

Json auth_schemas() {
    return {
        {"Error", object({{"error", string("one line, at most 200 characters")}})},
        {"Ok", object({{"ok", boolean()}})},
        {"LoginRequest", object({{"username", string()}, {"password", string()}})},
        {"Session", object({{"username", string()},
                            {"csrf_token", string("send as X-CSRFToken on unsafe methods")},
                            {"must_change_password", boolean()}})},
        {"PasswordChange", object({{"current_password", string()},
                                   {"new_password", string("12 or more characters")}})},
        {"PasswordChanged", object({{"ok", boolean()}, {"must_change_password", boolean()}})},
        {"AuthStatus",
         object({{"authenticated", boolean()}}, {{"username", string()},
                                                 {"csrf_token", string()},
                                                 {"must_change_password", boolean()}})},
    };
}

Json platform_schemas() {
    const Json check =
        object({{"status", one_of_strings({"ok", "warn", "error"})}}, {{"wal_bytes", integer()},
                                                                       {"free_bytes", integer()},
                                                                       {"pending", integer()},
                                                                       {"running", integer()}});
    const Json counts = object({{"pending", integer()},
                                {"running", integer()},
                                {"completed", integer()},
                                {"failed", integer()},
                                {"cancelled", integer()}});
    return {
        {"Health",
         object(
             {{"status", one_of_strings({"ok", "degraded"})}},
             {{"checks", object({{"database", check}, {"disk", check}, {"job_queue", check}})}})},
        {"Kpis", object({{"data_files", integer()},
                         {"total_bars", integer()},
                         {"backtests", integer()},
                         {"screens", integer()},
                         {"jobs", counts}})},
        {"OpenApi", Json{{"type", "object"},
                         {"required", {"openapi", "info", "paths"}},
                         {"additionalProperties", true}}},
    };
}

Json data_schemas() {
    const Json row_issue =
        object({{"row", integer()}, {"timestamp", string("ISO-8601")}, {"issue", string()}});
    const Json move =
        object({{"row", integer()}, {"timestamp", string("ISO-8601")}, {"change_pct", number()}});
    const Json price = nullable(number("null when not finite"));
    return {
        {"DataFile", object({{"exchange", string("the store's source")},
                             {"symbol", string()},
                             {"timeframe", string()},
                             {"asset_class", string()},
                             {"rows", integer()},
                             {"first", integer("epoch ms")},
                             {"last", integer("epoch ms")},
                             {"size_bytes", integer()},
                             {"file", string()}},
                            {{"error", string("the file could not be read; the counters are 0")}})},
        {"SampleRequest", object({}, {{"symbols", array(string())},
                                      {"timeframes", array(string())},
                                      {"days", integer("1..3650, default 90")},
                                      {"exchange", string("default sample")}})},
        {"DownloadRequest",
         object({{"source", string("binance kraken bybit coinbase yfinance")},
                 {"symbols", array(string("unified, e.g. BTC/USDT; 1..50"))},
                 {"timeframes", array(string("1m 5m 15m 1h 4h 1d; 1..10"))}},
                {{"since", string("ISO-8601 or epoch ms; default: after the last stored bar")},
                 {"until", string("ISO-8601 or epoch ms (exclusive); default: now")}})},
        {"Tickers",
         object({{"source", string()},
                 {"tickers", array(object({{"symbol", string()},
                                           {"ts", integer("epoch ms")},
                                           {"last", number()},
                                           {"bid", number()},
                                           {"ask", number()},
                                           {"open_24h", number()},
                                           {"high_24h", number()},
                                           {"low_24h", number()},
                                           {"volume_24h", number("base currency")},
                                           {"change_pct_24h", number()}}))}},
                {{"watchlist", string()}, {"error", string("the venue could not be reached")}})},
        {"VenueHealth",
         object({{"venue", string()},
                 {"available", boolean("false: no adapter could be made (see last_error)")},
                 {"breaker", one_of_strings({"closed", "open", "half_open"})},
                 {"requests", integer()},
                 {"failures", integer()},
                 {"retries", integer()},
                 {"rate_limited", integer()},
                 {"last_latency_ms", number()},
                 {"latency_p50_ms", number()},
                 {"latency_p99_ms", number()},
                 {"last_success_ms", integer("epoch ms, 0 = never")},
                 {"last_error_ms", integer("epoch ms, 0 = never")},
                 {"last_error", string()}})},
        {"JobAccepted", object({{"job_id", string("poll /api/jobs/{id}/ or watch /ws/system/")}})},
        {"QualityReport", object({{"source", string()},
                                  {"symbol", string()},
                                  {"timeframe", string()},
                                  {"asset_class", string()},
                                  {"rows", integer()},
                                  {"date_range", nullable(array(string("ISO-8601")))},
                                  {"gap_count", integer()},
                                  {"missing_bars", integer()},
                                  {"gaps", array(object({{"row", integer()},
                                                         {"from", string()},
                                                         {"to", string()},
                                                         {"missing_bars", integer()}}))},
                                  {"nan_columns", map(integer())},
                                  {"price_spike_count", integer()},
                                  {"price_spikes", array(move)},
                                  {"open_gap_count", integer()},
                                  {"open_gaps", array(move)},
                                  {"zero_volume_count", integer()},
                                  {"zero_volume", array(row_issue)},
                                  {"ohlc_violation_count", integer()},
                                  {"ohlc_violations", array(row_issue)},
                                  {"spacing_mismatch_count", integer()},
                                  {"spacing_mismatches", array(row_issue)},
                                  {"duplicate_timestamp_count", integer()},
                                  {"duplicate_timestamps", array(row_issue)},
                                  {"identical_runs", array(object({{"first_row", integer()},
                                                                   {"length", integer()},
                                                                   {"from", string()},
                                                                   {"to", string()}}))},
                                  {"is_stale", boolean()},
                                  {"stale_hours", number()},
                                  {"max_stale_hours", number()},
                                  {"passed", boolean()},
                                  {"issues_summary", array(string())}},
                                 {{"error", string("the file cannot be read")}})},
        {"Bars", object({{"exchange", string()},
                         {"symbol", string()},
                         {"timeframe", string()},
                         {"count", integer()},
                         {"more_before", boolean()},
                         {"bars", array(object({{"timestamp", integer("epoch ms")},
                                                {"open", price},
                                                {"high", price},
                                                {"low", price},
                                                {"close", price},
                                                {"volume", price}}))}})},
        {"Indicator", object({{"name", string()},
                              {"full_name", string()},
                              {"flavour", string()},
                              {"inputs", array(string())},
                              {"params", array(object({{"name", string()},
                                                       {"default", nullable(number())},
                                                       {"min", nullable(number())},
                                                       {"max", nullable(number())}}))},
                              {"outputs", array(string())}})},
        {"IndicatorValues",
         object({{"exchange", string()},
                 {"symbol", string()},
                 {"timeframe", string()},
                 {"count", integer()},
                 {"more_before", boolean()},
                 {"columns", array(string())},
                 {"data", array(extend(map(price), {{"timestamp", integer("epoch ms")},
                                                    {"open", price},
                                                    {"high", price},
                                                    {"low", price},
                                                    {"close", price},
                                                    {"volume", price}}))}})},
    };
}

Json job_schemas() {
    // OpenAPI 3.0 has no null type: each shape allows null (the job has not completed).
    const Json job_result = Json{
        {"description", "null until the job completed; then its shape follows job_type"},
        {"anyOf",
         {nullable(object({{"result_id", integer()}, {"metrics", ref("BacktestMetrics")}})),
          nullable(object({{"result_id", nullable(integer())}, {"result_ids", array(integer())}})),
          nullable(object({{"files", array(string())}}))}}};
    return {
        {"Job", object({{"id", string()},
                        {"job_type", one_of_strings({"backtest", "screening", "generate_sample"})},
                        {"status", one_of_strings(
                                       {"pending", "running", "completed", "failed", "cancelled"})},
                        {"progress", number("0..1")},
                        {"progress_message", string()},
                        {"params", any_object("the request body that started the job")},
                        {"result", job_result},
                        {"error", nullable(string())},
                        {"created_at", string("ISO-8601")},
                        {"started_at", nullable(string("ISO-8601"))},
                        {"completed_at", nullable(string("ISO-8601"))}},
                       {{"row_error", string("the stored row could not be read whole")}})},
    };
}

// Screening and backtest metrics: a number, null (NaN) or "inf"/"-inf".
Json metric_schema() {
    return {{"description", "a number; NaN is null, +/-infinity the string \"inf\"/\"-inf\""},
            {"anyOf", {nullable(number()), one_of_strings({"inf", "-inf"})}}};
}

Json screen_schemas() {
    const Json metric = ref("Metric");
    const Json summary = object({{"id", integer()},
                                 {"job_id", string()},
                                 {"exchange", string()},
                                 {"symbol", string()},
                                 {"timeframe", string()},
                                 {"strategy", string()},
                                 {"total_combinations", integer()},
                                 {"top_sharpe", nullable(number())},
                                 {"top_return", nullable(number())},
                                 {"created_at", string("ISO-8601")}});
    const Json top = object({{"params", map(number())},
                             {"total_return", metric},
                             {"sharpe_ratio", metric},
                             {"sortino_ratio", metric},
                             {"calmar_ratio", metric},
                             {"max_drawdown_pct", metric},
                             {"max_drawdown_amount", metric},
                             {"win_rate", metric},
                             {"profit_factor", metric},
                             {"num_trades", integer()},
                             {"final_value", metric},
                             {"exposure", metric},
                             {"trades_per_year", metric}});
    return {
        {"Metric", metric_schema()},
        {"ScreenStrategy", object({{"name", string()},
                                   {"parameters", array(string())},
                                   {"combinations", integer()},
                                   {"asset_class", string()},
                                   {"needs_benchmark", boolean()},
                                   {"description", string()}})},
        {"ScreenRequest", object({}, {{"exchange", string("default sample")},
                                      {"symbol", string("default BTC/USDT")},
                                      {"timeframe", string("default 1h")},
                                      {"strategy", string("a strategy name or all (the default)")},
                                      {"fees", number("0..0.1; default by asset class")}})},
        {"ScreenSummary", summary},
        {"ScreenResult",
         extend(summary,
                {{"top_results", array(top)},
                 {"summary", object({{"total_combos", integer()},
                                     {"top_sharpe", nullable(number())},
                                     {"top_return", nullable(number())}})},
                 {"heatmap", nullable(object({{"x_label", string()},
                                              {"y_label", string()},
                                              {"x", array(number())},
                                              {"y", array(number())},
                                              {"z", array(array(nullable(number())))}}))}})},
    };
}

Json backtest_schemas() {
    const Json metric = ref("Metric");
    const Json metrics = object({{"total_return", metric},
                                 {"sharpe_ratio", metric},
                                 {"sortino_ratio", metric},
                                 {"max_drawdown_pct", metric},
                                 {"win_rate", metric},
                                 {"profit_factor", metric},
                                 {"num_trades", integer()},
                                 {"final_value", metric}},
                                {{"calmar_ratio", metric},
                                 {"max_drawdown_amount", metric},
                                 {"exposure", metric},
                                 {"trades_per_year", metric},
                                 {"initial_equity", number()},
                                 {"open_trades", integer()},
                                 {"orders", object({{"submitted", integer()},
                                                    {"filled", integer()},
                                                    {"cancelled", integer()},
                                                    {"rejected", integer()},
                                                    {"capped", integer()}})},
                                 {"rejections", map(integer())},
                                 {"run_id", string()}});
    const Json summary = object({{"id", integer()},
                                 {"job_id", string()},
                                 {"exchange", string()},
                                 {"symbol", string()},
                                 {"timeframe", string()},
                                 {"strategy", string()},
                                 {"params", map(number())},
                                 {"metrics", ref("BacktestMetrics")},
                                 {"created_at", string("ISO-8601")}});
    const Json param = Json{{"anyOf", {number(), string(), boolean()}}};
    return {
        {"BacktestStrategy",
         object({{"name", string()}, {"description", string()}, {"params", map(number())}})},
        {"BacktestRequest", object({}, {{"exchange", string("default sample")},
                                        {"symbol", string("default BTC/USDT")},
                                        {"timeframe", string("default 1h")},
                                        {"strategy", string("default sma_crossover")},
                                        {"params", map(param)},
                                        {"cash", number("> 0, default 10000")},
                                        {"fees", nullable(number("0..0.1"))}})},
        {"BacktestMetrics", metrics},
        {"BacktestSummary", summary},
        {"BacktestResult",
         extend(summary,
                {{"equity_curve", array(object({{"timestamp", integer("epoch ms")},
                                                {"equity", number()},
                                                {"drawdown", number("positive fraction")}}))},
                 {"trades", array(object({{"entry_time", integer("epoch ms")},
                                          {"exit_time", integer("epoch ms")},
                                          {"side", one_of_strings({"long", "short"})},
                                          {"entry_price", number()},
                                          {"exit_price", number()},
                                          {"size", number()},
                                          {"pnl", number()},
                                          {"fee", number()}}))}})},
    };
}

}  // namespace

Json components() {
    Json out = Json::object();
    for (const Json& part : {auth_schemas(), platform_schemas(), data_schemas(), job_schemas(),
                             screen_schemas(), backtest_schemas()}) {
        out.update(part);
    }
    return out;
}

}  // namespace aitp::server::schema
