// SPDX-License-Identifier: MIT
#include "ingest/watchlist.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "core/output_file.hpp"
#include "model/symbol.hpp"

namespace aitp::ingest {

namespace fs = std::filesystem;

namespace {

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = s.find_first_not_of(" \t,", i);
        if (b == std::string_view::npos) break;
        auto e = s.find_first_of(" \t,", b);
        if (e == std::string_view::npos) e = s.size();
        out.emplace_back(s.substr(b, e - b));
        i = e;
    }
    return out;
}

// The parser's state: the lists so far and where it is.
struct Parser {
    std::string_view origin;
    int line = 0;
    std::vector<Watchlist> lists;

    Error error(std::string_view what) const {
        return Error::invalid_argument(fmt::format("{}:{}: {}", origin, line, what));
    }

    Status section(std::string_view text) {
        if (text.size() < 3 || text.back() != ']') return fail(error("a section is [NAME]"));
        const std::string name(trim(text.substr(1, text.size() - 2)));
        AITP_TRY(model::check_name_part("watchlist name", name, name, "_-"));
        for (const auto& l : lists) {
            if (l.name == name) return fail(error(fmt::format("watchlist '{}' given twice", name)));
        }
        lists.push_back(Watchlist{name, {}, {}, {}});
        return ok_status();
    }

    Status timeframes(Watchlist& l, std::string_view value) {
        l.timeframes.clear();
        for (const auto& w : split_words(value)) {
            auto tf = model::parse_timeframe(w);
            if (!tf) return fail(error(fmt::format("timeframes: {}", tf.error().message())));
            l.timeframes.push_back(*tf);
        }
        return ok_status();
    }

    Status symbols(Watchlist& l, std::string_view value) {
        for (const auto& w : split_words(value)) {
            auto s = model::Symbol::parse(w);
            if (!s) return fail(error(fmt::format("symbols: {}", s.error().message())));
            l.symbols.push_back(s->to_string());
        }
        return ok_status();
    }

    Status setting(std::string_view text) {
        if (lists.empty()) return fail(error("a setting before the first [NAME] section"));
        const auto eq = text.find('=');
        if (eq == std::string_view::npos) return fail(error("expected KEY = VALUE"));
        const std::string_view key = trim(text.substr(0, eq));
        const std::string_view value = trim(text.substr(eq + 1));
        Watchlist& l = lists.back();
        if (key == "source") {
            auto v = exchange::parse_venue(value);
            if (!v) return fail(error(fmt::format("source: {}", v.error().message())));
            l.source = std::string(value);
            return ok_status();
        }
        if (key == "timeframes") return timeframes(l, value);
        if (key == "symbols") return symbols(l, value);
        return fail(error(fmt::format("unknown key '{}' (known: source, timeframes, symbols)",
                                      std::string(key))));
    }

    Status line_text(std::string_view raw) {
        const std::string_view text = trim(raw.substr(0, raw.find('#')));
        if (text.empty()) return ok_status();
        if (text.front() == '[') return section(text);
        return setting(text);
    }

    Status finish() {
        for (const auto& l : lists) {
            const auto missing = l.source.empty()       ? "source"
                                 : l.timeframes.empty() ? "timeframes"
                                 : l.symbols.empty()    ? "symbols"
                                                        : "";
            if (*missing != '\0') {
                return fail(Error::invalid_argument(
                    fmt::format("{}: watchlist '{}' has no {}", origin, l.name, missing)));
            }
        }
        if (lists.empty()) {
            return fail(Error::invalid_argument(fmt::format("{}: no [NAME] section", origin)));
        }
        return ok_status();
    }
};

}  // namespace

Result<std::vector<Watchlist>> parse_watchlists(std::string_view text, std::string_view origin) {
    Parser p{origin, 0, {}};
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        ++p.line;
        AITP_TRY(p.line_text(text.substr(pos, end - pos)));
        pos = end + 1;
    }
    AITP_TRY(p.finish());
    return std::move(p.lists);
}

Result<std::vector<Watchlist>> read_watchlists(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(Error::not_found(fmt::format("{}: cannot open", path.string())));
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_watchlists(ss.str(), path.string());
}

Result<fs::path> ensure_watchlist_file(const fs::path& data_dir) {
    const fs::path path = data_dir / "watchlists.conf";
    std::error_code ec;
    if (fs::exists(path, ec)) return path;
    fs::create_directories(data_dir, ec);
    if (ec) {
        return fail(Error::io_error(fmt::format("{}: {}", data_dir.string(), ec.message())));
    }
    const fs::path temp = temp_path_for(path);
    {
        std::ofstream out(temp, std::ios::binary);
        out << default_watchlists_text();
        if (!out) return fail(Error::io_error(fmt::format("{}: cannot write", temp.string())));
    }
    AITP_TRY(commit_file(temp, path));
    return path;
}

Result<std::vector<Watchlist>> select_watchlists(const std::vector<Watchlist>& lists,
                                                 std::string_view name) {
    if (name == "all") return lists;
    std::string known;
    for (const auto& l : lists) {
        if (l.name == name) return std::vector<Watchlist>{l};
        known += (known.empty() ? "" : ", ") + l.name;
    }
    return fail(Error::not_found(
        fmt::format("no watchlist '{}' (known: {}, all)", std::string(name), known)));
}

std::int64_t RefreshSummary::failed() const {
    std::int64_t n = 0;
    for (const auto& s : series) n += s.error ? 1 : 0;
    return n;
}

std::int64_t RefreshSummary::stored_new() const {
    std::int64_t n = 0;
    for (const auto& s : series) n += s.stats.stored_new;
    return n;
}

Status refresh(const Watchlist& list, exchange::Venue& venue, const data::ParquetStore& store,
               RefreshSummary& summary, const WorkControl& work) {
    const double total = static_cast<double>(list.symbols.size() * list.timeframes.size());
    std::size_t done = 0;
    for (const auto& symbol : list.symbols) {
        for (const auto tf : list.timeframes) {
            AITP_TRY(work.check("refresh " + list.name));
            DownloadRequest r;
            r.source = list.source;
            r.symbol = symbol;
            r.timeframe = tf;
            SeriesOutcome o{list.source, symbol, tf, {}, std::nullopt};
            auto stats =
                download(venue, store, r, work.part(static_cast<double>(done) / total, 1.0 / total),
                         &o.stats);
            ++done;
            if (!stats && stats.error().code() == ErrorCode::Cancelled) {
                summary.series.push_back(std::move(o));
                return fail(stats.error());
            }
            if (!stats) o.error = stats.error().message();
            summary.series.push_back(std::move(o));
        }
    }
    return ok_status();
}

}  // namespace aitp::ingest
