// SPDX-License-Identifier: MIT
// The OpenAPI document against the server it describes: every route of the table the server
// dispatches on is documented with a response schema, and real responses of a live server (a
// stored series, a finished backtest, screen and sample job) validate against their route's
// schema, so a schema that drifts from its handler fails here. Also the /api/docs/ viewer page.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server_fixture.hpp"
#include "support/fake_venue.hpp"

namespace aitp::testing {
namespace {

using nlohmann::json;

std::vector<std::string> segments(const std::string& path) {
    std::vector<std::string> out;
    std::string cur;
    for (const char c : path) {
        if (c == '/') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

bool is_param(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '<' && segment.back() == '>';
}

// "/api/jobs/<id>/" as OpenAPI writes it: "/api/jobs/{id}/".
std::string openapi_path(const std::string& pattern) {
    std::string out;
    for (const char c : pattern) out += c == '<' ? '{' : (c == '>' ? '}' : c);
    return out;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// A small JSON-schema checker for the OpenAPI 3.0 subset the document uses: $ref into
// components, type, nullable, enum, anyOf, properties/required, additionalProperties, items.
// It is stricter than OpenAPI in one way on purpose: an object schema with `properties` and no
// `additionalProperties` must list every property the handler writes (an undocumented field is
// drift too).
class SchemaChecker {
  public:
    explicit SchemaChecker(const json& components) : components_(components) {}

    /// Returns the problems found ("" when `value` follows `schema`).
    std::string check(const json& value, const json& schema, const std::string& where) {
        errors_.clear();
        visit(value, schema, where);
        std::string out;
        for (const auto& e : errors_) out += e + "\n";
        return out;
    }

  private:
    void fail(const std::string& where, const std::string& what) {
        if (errors_.size() < 20) errors_.push_back(where + ": " + what);
    }

    const json& resolve(const json& schema) const {
        if (!schema.contains("$ref")) return schema;
        const std::string ref = schema["$ref"];
        const std::string prefix = "#/components/schemas/";
        EXPECT_EQ(ref.rfind(prefix, 0), 0u) << ref;
        return components_.at(ref.substr(prefix.size()));
    }

    bool has_type(const json& v, const std::string& type) const {
        if (type == "object") return v.is_object();
        if (type == "array") return v.is_array();
        if (type == "string") return v.is_string();
        if (type == "integer") return v.is_number_integer();
        if (type == "number") return v.is_number();
        if (type == "boolean") return v.is_boolean();
        return false;
    }

    void visit(const json& v, const json& raw, const std::string& where) {
        const json& s = resolve(raw);
        if (s.contains("anyOf")) {
            for (const auto& alt : s["anyOf"]) {
                SchemaChecker sub(components_);
                if (sub.check(v, alt, where).empty()) return;
            }
            return fail(where, v.dump().substr(0, 80) + " matches no anyOf alternative");
        }
        if (v.is_null()) {
            if (!s.value("nullable", false)) fail(where, "null where " + s.dump() + " expected");
            return;
        }
        if (s.contains("type") && !has_type(v, s["type"])) {
            return fail(where, "type " + s["type"].get<std::string>() + " expected, was " +
                                   v.dump().substr(0, 80));
        }
        if (s.contains("enum") &&
            std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end())
            fail(where, v.dump() + " is not one of " + s["enum"].dump());
        if (v.is_object()) visit_object(v, s, where);
        if (v.is_array() && s.contains("items")) {
            for (std::size_t i = 0; i < v.size(); ++i)
                visit(v[i], s["items"], where + "[" + std::to_string(i) + "]");
        }
    }

    void visit_object(const json& v, const json& s, const std::string& where) {
        const json props = s.value("properties", json::object());
        for (const auto& name : s.value("required", json::array())) {
            if (!v.contains(name)) fail(where, "required property " + name.dump() + " missing");
        }
        const json extra = s.value("additionalProperties", json(nullptr));
        for (const auto& [name, item] : v.items()) {
            if (props.contains(name)) {
                visit(item, props[name], where + "." + name);
            } else if (extra.is_object()) {
                visit(item, extra, where + "." + name);
            } else if (extra != json(true)) {
                fail(where, "property \"" + name + "\" is not in the schema");
            }
        }
    }

    const json& components_;
    std::vector<std::string> errors_;
};

// Every "$ref" in `node` names a component that exists.
void expect_refs_resolve(const json& node, const json& components, const std::string& where) {
    if (node.is_object()) {
        if (node.contains("$ref")) {
            const std::string ref = node["$ref"];
            const std::string name = ref.substr(ref.rfind('/') + 1);
            EXPECT_TRUE(components.contains(name)) << where << ": dangling " << ref;
        }
        for (const auto& [k, v] : node.items()) expect_refs_resolve(v, components, where + "/" + k);
    } else if (node.is_array()) {
        for (const auto& v : node) expect_refs_resolve(v, components, where);
    }
}

// The documented success response of an operation: its status and schema.
std::pair<std::string, json> success_response(const json& op) {
    for (const auto& [status, r] : op["responses"].items()) {
        if (status.front() == '2') return {status, r};
    }
    return {"", json()};
}

void expect_operation_documented(const server::Router::RouteInfo& r, const json& doc) {
    const std::string where = r.method + " " + r.pattern;
    const std::string path = openapi_path(r.pattern);
    ASSERT_TRUE(doc["paths"].contains(path)) << where;
    ASSERT_TRUE(doc["paths"][path].contains(lower(r.method))) << where;
    const json& op = doc["paths"][path][lower(r.method)];
    EXPECT_FALSE(op.value("summary", "").empty()) << where;
    EXPECT_FALSE(op.value("tags", json::array()).empty()) << where;
    const auto [status, ok] = success_response(op);
    ASSERT_FALSE(status.empty()) << where << ": no 2xx response";
    ASSERT_TRUE(ok.contains("content")) << where;
    ASSERT_EQ(ok["content"].size(), 1u) << where;
    const json& schema = ok["content"].begin()->at("schema");
    EXPECT_TRUE(schema.contains("$ref") || schema.contains("type")) << where << ": " << schema;
    EXPECT_EQ(op["responses"]["4XX"]["content"]["application/json"]["schema"]["$ref"],
              "#/components/schemas/Error")
        << where;
    EXPECT_EQ(op.contains("security"), !r.public_route) << where;
    // Every <name> of the pattern is a described path parameter.
    std::set<std::string> described;
    for (const auto& p : op.value("parameters", json::array())) {
        if (p["in"] == "path" && !p.value("description", "").empty()) described.insert(p["name"]);
    }
    for (const auto& seg : segments(r.pattern)) {
        if (!is_param(seg)) continue;
        EXPECT_TRUE(described.count(seg.substr(1, seg.size() - 2))) << where << " " << seg;
    }
}

TEST(OpenApiTest, EveryRoutedPathIsDocumentedWithAResponseSchema) {
    LiveServer s;
    HttpClient c(s.port());
    const auto reply = c.get("/api/schema/");  // public
    ASSERT_EQ(reply.status, 200);
    const json doc = json::parse(reply.body);
    EXPECT_EQ(doc["openapi"], "3.0.3");
    const auto routes = s.app().routes();
    ASSERT_GT(routes.size(), 25u);
    std::size_t operations = 0;
    for (const auto& [path, item] : doc["paths"].items()) operations += item.size();
    EXPECT_EQ(operations, routes.size()) << "the document lists operations no route serves";
    for (const auto& r : routes) expect_operation_documented(r, doc);
    expect_refs_resolve(doc, doc["components"]["schemas"], "");
}

// The route of a concrete path, as the server's router matches it.
const server::Router::RouteInfo* route_for(const std::vector<server::Router::RouteInfo>& routes,
                                           const std::string& method, const std::string& path) {
    const auto parts = segments(path.substr(0, path.find('?')));
    for (const auto& r : routes) {
        const auto pattern = segments(r.pattern);
        if (r.method != method || pattern.size() != parts.size()) continue;
        bool ok = true;
        for (std::size_t i = 0; i < parts.size() && ok; ++i)
            ok = is_param(pattern[i]) || pattern[i] == parts[i];
        if (ok) return &r;
    }
    return nullptr;
}

class ResponseSchemas {
  public:
    ResponseSchemas(LiveServer& s, const json& doc)
        : routes_(s.app().routes()), doc_(doc), checker_(doc["components"]["schemas"]) {}

    /// Validates a reply to `method path` against the documented schema of its status.
    void expect_valid(const std::string& method, const std::string& path, const HttpReply& reply) {
        const auto* route = route_for(routes_, method, path);
        ASSERT_NE(route, nullptr) << method << " " << path;
        const json op = doc_["paths"]
                            .value(openapi_path(route->pattern), json::object())
                            .value(lower(method), json::object());
        ASSERT_TRUE(op.contains("responses")) << method << " " << path << " is not documented";
        const std::string status = std::to_string(reply.status);
        const std::string key =
            op["responses"].contains(status) ? status : status.substr(0, 1) + "XX";
        ASSERT_TRUE(op["responses"].contains(key)) << method << " " << path << " " << reply.status;
        const json& schema = op["responses"][key]["content"]["application/json"]["schema"];
        const json body = json::parse(reply.body, nullptr, false);
        ASSERT_FALSE(body.is_discarded()) << path << ": not JSON: " << reply.body.substr(0, 200);
        EXPECT_EQ(checker_.check(body, schema, method + " " + path), "");
        ++checked_;
    }
    HttpReply get(HttpClient& c, const std::string& path) {
        auto reply = c.get(path);
        expect_valid("GET", path, reply);
        return reply;
    }
    int checked() const { return checked_; }

  private:
    std::vector<server::Router::RouteInfo> routes_;
    const json& doc_;
    SchemaChecker checker_;
    int checked_ = 0;
};

json wait_finished(HttpClient& c, const std::string& id) {
    json job;
    for (int i = 0; i < 1200; ++i) {
        job = json::parse(c.get("/api/jobs/" + id + "/").body);
        if (job["status"] != "pending" && job["status"] != "running") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return job;
}

// Starts a job with `post`, validates the 202 answer, waits, and returns the finished job.
json run_job(ResponseSchemas& v, HttpClient& c, const std::string& path, const std::string& body) {
    const auto reply = c.post(path, body);
    EXPECT_EQ(reply.status, 202) << reply.body;
    v.expect_valid("POST", path, reply);
    const json job = wait_finished(c, json::parse(reply.body).value("job_id", ""));
    EXPECT_EQ(job["status"], "completed") << job.dump();
    return job;
}

TEST(OpenApiTest, RealResponsesFollowTheirRouteSchemas) {
    LiveServer s;
    HttpClient anonymous(s.port());
    const json doc = json::parse(anonymous.get("/api/schema/").body);
    ResponseSchemas v(s, doc);
    HttpClient c(s.port());
    const auto login = c.login("admin", kAdminPassword);
    ASSERT_EQ(login.status, 200);
    v.expect_valid("POST", "/api/auth/login/", login);
    v.get(anonymous, "/api/auth/status/");
    v.get(c, "/api/auth/status/");
    v.get(c, "/api/health/");
    v.get(c, "/api/health/?detailed=true");
    v.get(anonymous, "/api/jobs/");  // 401: the Error shape

    const json bt = run_job(v, c, "/api/backtest/run/",
                            R"({"strategy":"sma_crossover","params":{"fast":5,"slow":20}})");
    const json sc = run_job(v, c, "/api/screening/run/", R"({"strategy":"bollinger_breakout"})");
    run_job(v, c, "/api/data/generate-sample/",
            R"({"symbols":["ETH/USDT"],"timeframes":["1h"],"days":2})");
    const std::string bt_id = std::to_string(bt["result"].value("result_id", 0));
    const std::string sc_id = std::to_string(sc["result"].value("result_id", 0));

    const std::vector<std::string> paths = {"/api/dashboard/kpis/",
                                            "/api/schema/",
                                            "/api/data/",
                                            "/api/data/quality/",
                                            "/api/data/quality/BTC-USDT/1h/",
                                            "/api/data/sample/BTC-USDT/1h/?limit=50",
                                            "/api/indicators/",
                                            "/api/indicators/sample/BTC-USDT/1h/?limit=300",
                                            "/api/jobs/",
                                            "/api/jobs/" + bt["id"].get<std::string>() + "/",
                                            "/api/screening/strategies/",
                                            "/api/screening/results/",
                                            "/api/screening/results/" + sc_id + "/",
                                            "/api/backtest/strategies/",
                                            "/api/backtest/results/",
                                            "/api/backtest/results/" + bt_id + "/",
                                            "/api/backtest/compare/?ids=" + bt_id,
                                            "/api/jobs/no-such-job/",
                                            "/api/backtest/results/abc/"};
    for (const auto& path : paths) v.get(c, path);
    EXPECT_EQ(v.checked(), 28);
}

// The market routes' real answers, from a fake venue and from none (502, the Error shape).
TEST(OpenApiTest, MarketResponsesFollowTheirRouteSchemas) {
    auto venue = std::make_shared<FakeVenue>();
    model::BarSeries bars;
    for (int i = 0; i < 30; ++i) {
        bars.push_back(
            {kServerStartMs - (30 - i) * 3'600'000LL, 10.0 + i, 11.0 + i, 9.0 + i, 10.5 + i, 1.0});
    }
    venue->set_bars("BTC/USDT", model::Timeframe::H1, bars);
    venue->set_now(kServerStartMs);
    LiveServer s(100000, 100, [venue](server::ServerConfig& c) {
        c.venue_factory =
            [venue](const exchange::VenueConfig& vc) -> Result<std::unique_ptr<exchange::Venue>> {
            if (vc.venue != exchange::VenueId::Binance) {
                return fail(Error::io_error("connection refused"));
            }
            return std::unique_ptr<exchange::Venue>(std::make_unique<SharedVenue>(venue));
        };
    });
    HttpClient anonymous(s.port());
    const json doc = json::parse(anonymous.get("/api/schema/").body);
    ResponseSchemas v(s, doc);
    auto c = s.logged_in_client();
    testing::write_text(s.dir() / "watchlists.conf",
                        "[crypto]\nsource = binance\ntimeframes = 1h\nsymbols = BTC/USDT\n"
                        "[forex]\nsource = yfinance\ntimeframes = 1h\nsymbols = EUR/USD\n");
    const json job = run_job(v, c, "/api/data/download/",
                             R"({"source":"binance","symbols":["BTC/USDT"],"timeframes":["1h"]})");
    EXPECT_EQ(job["result"]["series"][0]["new_bars"], 30) << job.dump();
    for (const std::string path :
         {"/api/market/tickers/?source=binance&symbols=BTC/USDT",
          "/api/market/tickers/?source=kraken&symbols=BTC/USDT",
          "/api/market/watchlist/crypto/tickers/", "/api/market/watchlist/forex/tickers/",
          "/api/exchange/health/"}) {
        v.get(c, path);
    }
    EXPECT_EQ(v.checked(), 6);
}

// The checker itself: a handler field the schema does not name, a wrong type and a missing
// required property are each reported.
TEST(OpenApiTest, SchemaCheckerReportsDrift) {
    const json components = {
        {"Row",
         {{"type", "object"},
          {"required", {"n"}},
          {"properties", {{"n", {{"type", "integer"}}}, {"s", {{"type", "string"}}}}}}}};
    SchemaChecker checker(components);
    const json schema = {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Row"}}}};
    EXPECT_EQ(checker.check(json::parse(R"([{"n":1},{"n":2,"s":"x"}])"), schema, "r"), "");
    EXPECT_NE(checker.check(json::parse(R"([{"n":1,"extra":true}])"), schema, "r"), "");
    EXPECT_NE(checker.check(json::parse(R"([{"n":1.5}])"), schema, "r"), "");
    EXPECT_NE(checker.check(json::parse(R"([{"s":"x"}])"), schema, "r"), "");
    EXPECT_NE(checker.check(json::parse(R"([null])"), schema, "r"), "");
    // A metric: a number, null or "inf"/"-inf" (null is allowed by an alternative).
    const json metric = {{"anyOf",
                          {{{"type", "number"}, {"nullable", true}},
                           {{"type", "string"}, {"enum", {"inf", "-inf"}}}}}};
    for (const char* ok : {"1.5", "null", "\"inf\"", "\"-inf\""})
        EXPECT_EQ(checker.check(json::parse(ok), metric, "m"), "") << ok;
    for (const char* bad : {"\"x\"", "true", "[]"})
        EXPECT_NE(checker.check(json::parse(bad), metric, "m"), "") << bad;
}

TEST(OpenApiTest, DocsViewerIsServedWithThePagesPolicyOrSaysItIsNotBuilt) {
    TempDir web;
    std::filesystem::create_directories(web / "api-docs");
    const std::string page = "<!doctype html><title>API docs</title><div id=\"ui\"></div>";
    std::ofstream(web / "api-docs" / "index.html") << page;
    std::ofstream(web / "index.html") << "<!doctype html><title>dashboard</title>";
    LiveServer s(100000, 200, [&](server::ServerConfig& c) { c.web_dir = web.path(); });
    HttpClient c(s.port());
    const auto reply = c.get("/api/docs/");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.body, page);
    EXPECT_EQ(reply.header("content-type"), "text/html; charset=utf-8");
    // The dashboard's own policy: nothing from other origins, no inline scripts.
    const auto dashboard = c.get("/index.html");
    EXPECT_EQ(reply.header("content-security-policy"), dashboard.header("content-security-policy"));
    EXPECT_NE(reply.header("content-security-policy").find("default-src 'self'"),
              std::string::npos);
    EXPECT_EQ(reply.header("content-security-policy").find("http"), std::string::npos);

    LiveServer unbuilt;
    const auto missing = HttpClient(unbuilt.port()).get("/api/docs/");
    EXPECT_EQ(missing.status, 404);
    EXPECT_NE(missing.body.find("/api/schema/"), std::string::npos) << missing.body;
}

}  // namespace
}  // namespace aitp::testing
