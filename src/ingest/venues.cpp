// SPDX-License-Identifier: MIT
#include "ingest/venues.hpp"

#include <cctype>
#include <cstdlib>

#include <fmt/format.h>

#include "core/text.hpp"
#include "exchange/factory.hpp"

namespace aitp::ingest {

std::string process_env(std::string_view name) {
    const char* v = std::getenv(std::string(name).c_str());
    return v == nullptr ? std::string() : std::string(v);
}

Result<std::pair<exchange::VenueId, std::string>> parse_venue_url(std::string_view text,
                                                                  std::string_view what) {
    const auto eq = text.find('=');
    const auto bad = [&](std::string_view why) {
        return fail(Error::invalid_argument(
            fmt::format("{}: {} (expected SOURCE=URL, e.g. binance=http://127.0.0.1:9000), was "
                        "'{}'",
                        what, why, sanitize_utf8(text))));
    };
    if (eq == std::string_view::npos) return bad("no '='");
    auto venue = exchange::parse_venue(text.substr(0, eq));
    if (!venue) return bad(venue.error().message());
    const std::string_view url = text.substr(eq + 1);
    if (!url.starts_with("http://") && !url.starts_with("https://")) {
        return bad("the URL must start with http:// or https://");
    }
    return std::pair{*venue, std::string(url)};
}

Result<VenueUrls> venue_urls(std::span<const std::string> overrides, std::string_view what,
                             const EnvFn& env) {
    VenueUrls out;
    const std::string from_env = env("AITP_VENUE_URLS");
    std::size_t pos = 0;
    while (pos < from_env.size()) {
        auto end = from_env.find(',', pos);
        if (end == std::string::npos) end = from_env.size();
        if (end > pos) {
            AITP_TRY_ASSIGN(auto p,
                            parse_venue_url(std::string_view(from_env).substr(pos, end - pos),
                                            "AITP_VENUE_URLS"));
            out[p.first] = std::move(p.second);
        }
        pos = end + 1;
    }
    for (const auto& o : overrides) {
        AITP_TRY_ASSIGN(auto p, parse_venue_url(o, what));
        out[p.first] = std::move(p.second);
    }
    return out;
}

Result<exchange::VenueConfig> venue_config(std::string_view source, const VenueUrls& urls,
                                           const EnvFn& env) {
    exchange::VenueConfig c;
    AITP_TRY_ASSIGN(c.venue, exchange::parse_venue(source));
    if (const auto it = urls.find(c.venue); it != urls.end()) c.base_url = it->second;
    std::string upper(exchange::venue_name(c.venue));
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    c.api_key = env(fmt::format("AITP_{}_API_KEY", upper));
    c.api_secret = env(fmt::format("AITP_{}_API_SECRET", upper));
    return c;
}

VenueFactory default_venue_factory() {
    return [](const exchange::VenueConfig& c) { return exchange::make_venue(c); };
}

}  // namespace aitp::ingest
