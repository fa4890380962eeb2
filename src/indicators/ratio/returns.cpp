// SPDX-License-Identifier: MIT
#include "indicators/ratio/returns.hpp"

#include "indicators/common.hpp"

namespace aitp::indicators {

Status returns(std::span<const double> in, const ReturnsParams& p, std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"input", in}}, {out}));
    const Returns proto(p);
    Returns s = proto;  // a copy whose address never escapes, so its state stays in registers
    for (std::size_t i = 0; i < in.size(); ++i) {
        out[i] = s.update(in[i]);
    }
    return ok_status();
}

}  // namespace aitp::indicators
