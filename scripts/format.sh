#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Formats the C++ sources with the repository's .clang-format.
set -euo pipefail
cd "$(dirname "$0")/.."
find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i
