// SPDX-License-Identifier: MIT
// Request signing as each venue documents it. Pure functions of their inputs (no clock, no
// nonce source): the adapters pass the timestamp or nonce they send, so a signature can be
// checked against the venue's published examples and against ccxt byte for byte.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace aitp::exchange {

/// Lower-case hex of HMAC-SHA256(key, message).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

/// Binance spot (and the simulator): the `signature` parameter, hex HMAC-SHA256 of the query
/// string (plus the body for POSTs with a form body) with the API secret.
std::string binance_signature(std::string_view secret, std::string_view query_and_body);

/// Kraken spot REST: the `API-Sign` header, base64 of HMAC-SHA512 over
/// uri_path + SHA256(nonce + post_data), keyed with the base64-decoded API secret. Fails when
/// the secret is not valid base64 (the message never contains the secret).
Result<std::string> kraken_signature(std::string_view uri_path, std::string_view nonce,
                                     std::string_view post_data, std::string_view secret_base64);

/// Bybit v5: the `X-BAPI-SIGN` header, hex HMAC-SHA256 of
/// timestamp + api_key + recv_window + payload (the query string for GET, the JSON body for
/// POST).
std::string bybit_signature(std::string_view secret, std::string_view timestamp_ms,
                            std::string_view api_key, std::string_view recv_window,
                            std::string_view payload);

/// Standard base64 (RFC 4648, with padding).
std::string base64_encode(std::string_view bytes);
/// Decodes standard base64; fails on characters outside the alphabet or bad padding.
Result<std::string> base64_decode(std::string_view text);

}  // namespace aitp::exchange
