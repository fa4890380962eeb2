#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Lint, as `make test` runs it: clang-format must leave every C++ file unchanged (fix with
# `make format`), and clang-tidy (the repository's .clang-tidy, warnings as errors) must pass on
# every source file of src/. Usage: scripts/lint.sh [build-dir with compile_commands.json]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$ROOT/build-dev}"
JOBS="${JOBS:-$(nproc)}"
cd "$ROOT"

mapfile -t cxx < <(git ls-files --cached --others --exclude-standard 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' \
    'bench/*.cpp' 'bench/*.hpp')
unformatted=()
for f in "${cxx[@]}"; do
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then unformatted+=("$f"); fi
done
if [ "${#unformatted[@]}" -gt 0 ]; then
    printf 'lint: not formatted (run `make format`): %s\n' "${unformatted[@]}"
    exit 1
fi
echo "lint: clang-format ok (${#cxx[@]} files)"

if [ ! -f "$BUILD/compile_commands.json" ]; then
    echo "lint: $BUILD/compile_commands.json missing (configure the build first)"
    exit 1
fi
mapfile -t sources < <(git ls-files --cached --others --exclude-standard 'src/*.cpp')
# Boost 1.74 turns on Asio's C++20 coroutines for GCC only (for clang it looks for libc++'s
# <experimental/coroutine>); clang-tidy parses with clang against libstdc++, whose <coroutine>
# clang 14 supports, so the two defines give it the same Asio the compiler sees.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! printf '%s\n' "${sources[@]}" | xargs -P "$JOBS" -n 4 \
    clang-tidy -p "$BUILD" --quiet --warnings-as-errors='*' \
    --extra-arg=-DBOOST_ASIO_HAS_CO_AWAIT=1 --extra-arg=-DBOOST_ASIO_HAS_STD_COROUTINE=1 \
    >"$log" 2>&1; then
    grep -E '(warning|error):' "$log" | sort -u
    echo "lint: clang-tidy found problems (above)"
    exit 1
fi
echo "lint: clang-tidy ok (${#sources[@]} files)"
