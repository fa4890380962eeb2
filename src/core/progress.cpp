// SPDX-License-Identifier: MIT
#include "core/progress.hpp"

#include <string>

namespace aitp {

Status WorkControl::check(std::string_view where) const {
    if (!stop_requested()) return ok_status();
    return fail(Error::cancelled("cancelled " + std::string(where)));
}

WorkControl WorkControl::part(double base, double span) const {
    WorkControl out;
    out.stop = stop;
    if (progress) {
        out.progress = [fn = progress, base, span](double f, std::string_view stage) {
            fn(base + span * f, stage);
        };
    }
    return out;
}

}  // namespace aitp
