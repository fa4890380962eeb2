// SPDX-License-Identifier: MIT
#include "server/http_errors.hpp"

#include "core/text.hpp"

namespace aitp::server {

int http_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument:
            return 400;
        case ErrorCode::NotFound:
            return 404;
        case ErrorCode::Conflict:
        case ErrorCode::Cancelled:
            return 409;
        case ErrorCode::NotSupported:
            return 501;
        default:
            return 500;
    }
}

namespace {

bool starts_path(std::string_view s, std::size_t i) {
    if (s[i] != '/' || i + 1 >= s.size() || s[i + 1] == ' ') return false;
    return i == 0 || s[i - 1] == ' ' || s[i - 1] == '\'' || s[i - 1] == '"' || s[i - 1] == '(' ||
           s[i - 1] == '=';
}

bool ends_path(char c) { return c == ' ' || c == '\'' || c == '"' || c == ')' || c == ','; }

}  // namespace

std::string public_message(std::string_view message) {
    // DuckDB puts the statement on later lines ("LINE 1: SELECT ..."): keep the first line.
    std::string_view line = message.substr(0, message.find_first_of("\r\n"));
    if (const auto sql = line.find("LINE 1:"); sql != std::string_view::npos)
        line = line.substr(0, sql);
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    std::string out;
    out.reserve(line.size());
    for (std::size_t i = 0; i < line.size();) {
        if (!starts_path(line, i)) {
            out += line[i++];
            continue;
        }
        // "/srv/aitp/var/processed/x.parquet: ..." -> "x.parquet: ..."
        std::size_t end = i;
        while (end < line.size() && !ends_path(line[end]) &&
               !(line[end] == ':' && (end + 1 == line.size() || line[end + 1] == ' ')))
            ++end;
        std::string_view path = line.substr(i, end - i);
        while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
        out += path.substr(path.rfind('/') + 1);
        i = end;
    }
    if (out.size() > kMaxPublicMessage) out = out.substr(0, kMaxPublicMessage - 3) + "...";
    return sanitize_utf8(out);
}

Response error_response(const Error& e) {
    std::string shown = public_message(e.message());
    Response r = Response::error(http_status(e.code()), shown);
    if (shown != e.message()) r.detail = e.message();
    return r;
}

}  // namespace aitp::server
