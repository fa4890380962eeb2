// SPDX-License-Identifier: MIT
#include "exchange/signing.hpp"

#include <array>
#include <cstdint>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

namespace aitp::exchange {

namespace {

std::string hmac(const EVP_MD* md, std::string_view key, std::string_view message) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int len = 0;
    HMAC(md, key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(), &len);
    return {reinterpret_cast<const char*>(out.data()), len};
}

std::string to_hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s;
    s.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        s.push_back(kDigits[b >> 4]);
        s.push_back(kDigits[b & 15]);
    }
    return s;
}

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) {
    const auto at = kAlphabet.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

}  // namespace

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    return to_hex(hmac(EVP_sha256(), key, message));
}

std::string binance_signature(std::string_view secret, std::string_view query_and_body) {
    return hmac_sha256_hex(secret, query_and_body);
}

Result<std::string> kraken_signature(std::string_view uri_path, std::string_view nonce,
                                     std::string_view post_data, std::string_view secret_base64) {
    auto secret = base64_decode(secret_base64);
    if (!secret) return fail(Error::invalid_argument("the Kraken API secret is not base64"));
    std::string inner(nonce);
    inner += post_data;
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(inner.data()), inner.size(), digest.data());
    std::string message(uri_path);
    message.append(reinterpret_cast<const char*>(digest.data()), digest.size());
    return base64_encode(hmac(EVP_sha512(), *secret, message));
}

std::string bybit_signature(std::string_view secret, std::string_view timestamp_ms,
                            std::string_view api_key, std::string_view recv_window,
                            std::string_view payload) {
    std::string message;
    message.reserve(timestamp_ms.size() + api_key.size() + recv_window.size() + payload.size());
    message.append(timestamp_ms).append(api_key).append(recv_window).append(payload);
    return hmac_sha256_hex(secret, message);
}

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) |
                                (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                                static_cast<unsigned char>(bytes[i + 2]);
        for (const int shift : {18, 12, 6, 0}) out.push_back(kAlphabet[(v >> shift) & 63]);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
        if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
        out.push_back('=');
    }
    return out;
}

Result<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return fail(Error::invalid_argument("base64 length"));
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        std::uint32_t v = 0;
        int pad = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const char c = text[i + k];
            if (c == '=' && last && k >= 2) {
                ++pad;
                v <<= 6;
                continue;
            }
            const int d = base64_value(c);
            if (d < 0 || pad > 0) return fail(Error::invalid_argument("base64 character"));
            v = (v << 6) | static_cast<std::uint32_t>(d);
        }
        out.push_back(static_cast<char>((v >> 16) & 255));
        if (pad < 2) out.push_back(static_cast<char>((v >> 8) & 255));
        if (pad < 1) out.push_back(static_cast<char>(v & 255));
    }
    return out;
}

}  // namespace aitp::exchange
