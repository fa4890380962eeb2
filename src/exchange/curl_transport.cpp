// SPDX-License-Identifier: MIT
#include "exchange/curl_transport.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <vector>

#include <curl/curl.h>
#include <fmt/format.h>

namespace aitp::exchange {

namespace {

void global_init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t write_body(char* data, std::size_t size, std::size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

// Collects "Name: value" lines, names lower-cased. A redirect or 100-continue starts a new
// header block: the status line resets what was collected.
std::size_t write_header(char* data, std::size_t size, std::size_t n, void* user) {
    auto* headers = static_cast<HttpHeaders*>(user);
    std::string_view line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0) {
        headers->clear();
        return size * n;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return size * n;
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    headers->emplace_back(trim(name), trim(line.substr(colon + 1)));
    return size * n;
}

struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

std::string endpoint_label(const HttpRequest& request) {
    if (!request.endpoint.empty()) return request.endpoint;
    std::string_view url = request.url;
    auto scheme = url.find("://");
    if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
    auto slash = url.find('/');
    std::string_view path = slash == std::string_view::npos ? "/" : url.substr(slash);
    path = path.substr(0, path.find_first_of("?#"));
    return fmt::format("{} {}", request.method, path);
}

struct CurlTransport::Pool {
    std::mutex mu;
    std::vector<CURL*> idle;

    CURL* take() {
        {
            std::lock_guard lock(mu);
            if (!idle.empty()) {
                CURL* h = idle.back();
                idle.pop_back();
                return h;
            }
        }
        return curl_easy_init();
    }
    void give_back(CURL* h) {
        std::lock_guard lock(mu);
        if (idle.size() < 8) {
            idle.push_back(h);
            return;
        }
        curl_easy_cleanup(h);
    }
    ~Pool() {
        for (CURL* h : idle) curl_easy_cleanup(h);
    }
};

CurlTransport::CurlTransport(CurlTransportConfig config)
    : config_(std::move(config)), pool_(std::make_unique<Pool>()) {
    global_init_once();
}

CurlTransport::~CurlTransport() = default;

Result<HttpResponse> CurlTransport::send(const HttpRequest& request) {
    CURL* h = pool_->take();
    if (h == nullptr) {
        return fail(Error::io_error(fmt::format("{}: {}: could not create a curl handle",
                                                config_.venue, endpoint_label(request))));
    }
    // A reset keeps the handle's connection cache and TLS session, so the next request to the
    // same host reuses the connection.
    curl_easy_reset(h);
    HttpResponse response;
    std::unique_ptr<curl_slist, SlistDeleter> headers;
    for (const auto& [name, value] : request.headers) {
        const std::string line = fmt::format("{}: {}", name, value);
        headers.reset(curl_slist_append(headers.release(), line.c_str()));
    }
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config_.connect_timeout_ms));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.total_timeout_ms));
    curl_easy_setopt(h, CURLOPT_USERAGENT, config_.user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, write_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &response.headers);
    if (request.method == "POST" || request.method == "PUT") {
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
    }
    if (request.method != "GET" && request.method != "POST") {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    const CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    // Detach the request-local buffers before the handle goes back to the pool.
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    pool_->give_back(h);
    if (rc != CURLE_OK) {
        return fail(Error::io_error(fmt::format("{}: {}: {}", config_.venue,
                                                endpoint_label(request), curl_easy_strerror(rc))));
    }
    response.status = static_cast<int>(status);
    return response;
}

VenueHealth CurlTransport::health() const {
    VenueHealth h;
    h.venue = config_.venue;
    return h;
}

}  // namespace aitp::exchange
