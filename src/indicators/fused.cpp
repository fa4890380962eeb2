// SPDX-License-Identifier: MIT
#include "indicators/fused.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

#include "indicators/average/ema.hpp"
#include "indicators/average/sma.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators::detail {

namespace {

constexpr std::size_t kMaxPack = 8;

template <std::size_t K>
void sma_pack(std::span<const double> in, const int* periods, const std::span<double>* outs) {
    std::array<Sma, K> s = [&]<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<Sma, K>{Sma(SmaParams{periods[I]})...};
    }(std::make_index_sequence<K>{});
    std::array<std::size_t, K> w{};
    std::array<double*, K> o{};
    for (std::size_t k = 0; k < K; ++k) {
        w[k] = static_cast<std::size_t>(periods[k]);
        o[k] = outs[k].data();
    }
    const double* x = in.data();
    for (std::size_t i = 0; i < in.size(); ++i) {
        for (std::size_t k = 0; k < K; ++k) {
            const bool full = i >= w[k];
            o[k][i] = s[k].slide(x[i], full, full ? x[i - w[k]] : 0.0);
        }
    }
}

template <std::size_t K>
void ema_pack(std::span<const double> in, const int* periods, const std::span<double>* outs) {
    std::array<Ema, K> s = [&]<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<Ema, K>{Ema(EmaParams{periods[I]})...};
    }(std::make_index_sequence<K>{});
    std::array<double*, K> o{};
    for (std::size_t k = 0; k < K; ++k) {
        o[k] = outs[k].data();
    }
    const double* x = in.data();
    for (std::size_t i = 0; i < in.size(); ++i) {
        for (std::size_t k = 0; k < K; ++k) {
            o[k][i] = s[k].update(x[i]);
        }
    }
}

using PackFn = void (*)(std::span<const double>, const int*, const std::span<double>*);

template <std::size_t... K>
constexpr std::array<PackFn, sizeof...(K)> sma_table(std::index_sequence<K...>) {
    return {&sma_pack<K + 1>...};
}
template <std::size_t... K>
constexpr std::array<PackFn, sizeof...(K)> ema_table(std::index_sequence<K...>) {
    return {&ema_pack<K + 1>...};
}

Status run_packs(std::span<const double> in, std::span<const int> periods,
                 std::span<const std::span<double>> outs,
                 const std::array<PackFn, kMaxPack>& table) {
    if (periods.size() != outs.size()) {
        return fail(Error::invalid_argument("fused kernel: one output per period"));
    }
    for (const int p : periods) {
        AITP_TRY(check_min("period", p));
    }
    AITP_TRY(check_series({{"input", in}}, {}));
    for (const std::span<double>& o : outs) {
        if (o.size() != in.size()) {
            return fail(Error::invalid_argument("fused kernel: output size differs from the input"));
        }
    }
    for (std::size_t b = 0; b < periods.size(); b += kMaxPack) {
        const std::size_t k = std::min(kMaxPack, periods.size() - b);
        table[k - 1](in, periods.data() + b, outs.data() + b);
    }
    return ok_status();
}

}  // namespace

Status fused_sma(std::span<const double> in, std::span<const int> periods,
                 std::span<const std::span<double>> outs) {
    static constexpr auto kTable = sma_table(std::make_index_sequence<kMaxPack>{});
    return run_packs(in, periods, outs, kTable);
}

Status fused_ema(std::span<const double> in, std::span<const int> periods,
                 std::span<const std::span<double>> outs) {
    static constexpr auto kTable = ema_table(std::make_index_sequence<kMaxPack>{});
    return run_packs(in, periods, outs, kTable);
}

}  // namespace aitp::indicators::detail
