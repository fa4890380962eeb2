#!/usr/bin/env python3
"""Fails when an #include in src/ breaks the module table of docs/architecture.md: a module
directory without a row, an include that crosses an edge the "may use" column does not declare,
a non-standard header whose library is not in the "third party inside" column of the including
module, or such a header in a public header of a library module. The table is the one home of
the rule; this script only reads it."""
import pathlib
import re
import sys

# Library name as written in the table -> header prefixes it provides.
LIBRARIES = {
    "fmt": ("fmt/",),
    "tl::expected": ("tl/",),
    "DuckDB": ("duckdb.h", "duckdb/"),
    "nlohmann-json": ("nlohmann/",),
    "SQLite": ("sqlite3.h",),
    "XGBoost": ("xgboost/",),
    "libcurl": ("curl/",),
    "OpenSSL": ("openssl/",),
    "Boost.Beast/Asio": ("boost/",),
    "libsodium": ("sodium.h", "sodium/"),
    "CLI11": ("CLI/",),
    "pybind11": ("pybind11/",),
    "simdjson": ("simdjson.h",),
    "spdlog": ("spdlog/",),
    "pugixml": ("pugixml.hpp",),
}

# The C++ standard library, the C headers, POSIX and the compiler's intrinsics.
CXX_STD = set("""
algorithm any array atomic barrier bit bitset cassert cctype cerrno cfenv cfloat charconv chrono
cinttypes climits clocale cmath codecvt compare complex concepts condition_variable coroutine
csetjmp csignal cstdarg cstddef cstdint cstdio cstdlib cstring ctime cuchar cwchar cwctype deque
exception execution expected filesystem format forward_list fstream functional future
initializer_list iomanip ios iosfwd iostream istream iterator latch limits list locale map memory
memory_resource mutex new numbers numeric optional ostream queue random ranges ratio regex
scoped_allocator semaphore set shared_mutex source_location span sstream stack stdexcept
stop_token streambuf string string_view syncstream system_error thread tuple type_traits
typeindex typeinfo unordered_map unordered_set utility valarray variant vector version
""".split())
SYSTEM_PREFIXES = ("sys/", "arpa/", "netinet/", "net/", "linux/", "bits/")
SYSTEM_HEADERS = {
    "assert.h", "ctype.h", "dirent.h", "dlfcn.h", "errno.h", "fcntl.h", "inttypes.h", "limits.h",
    "math.h", "netdb.h", "poll.h", "pthread.h", "signal.h", "stdint.h", "stdio.h", "stdlib.h",
    "string.h", "strings.h", "termios.h", "time.h", "unistd.h", "immintrin.h", "emmintrin.h",
    "x86intrin.h", "cpuid.h", "malloc.h", "execinfo.h", "sched.h", "spawn.h", "syslog.h",
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
ROW = re.compile(r"^\|\s*(\d+)\s*\|([^|]+)\|([^|]*)\|([^|]*)\|([^|]*)\|\s*$")


def split_list(cell: str):
    return [x.strip() for x in cell.split(",") if x.strip() and x.strip() not in ("-", "—")]


def read_table(doc: pathlib.Path):
    """Returns {module: (layer, may_use_cell_items, libraries)} from the doc's module table."""
    rows = {}
    for line in doc.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if not m:
            continue
        layer, modules, _owns, may_use, third = m.groups()
        libs = split_list(third)
        for lib in libs:
            if lib not in LIBRARIES:
                raise SystemExit(f"{doc}: library '{lib}' has no header prefixes in check_deps.py")
        for module in split_list(modules.replace("`", "")):
            rows[module] = (int(layer), split_list(may_use), set(libs))
    if not rows:
        raise SystemExit(f"{doc}: no module table found")
    return rows


def resolve(rows):
    """Turns the "may use" cells into sets of modules."""
    library_modules = {m for m, (layer, _, _) in rows.items() if layer <= 5 and m != "profile"}
    allowed = {}
    for module, (_, uses, _) in rows.items():
        deps = set()
        for u in uses:
            if u == "std":
                continue
            if u == "any library module":
                deps |= library_modules
            elif u in rows:
                deps.add(u)
            else:
                raise SystemExit(f"docs/architecture.md: {module} may use unknown module '{u}'")
        deps.discard(module)
        allowed[module] = deps
    return allowed


def library_of(target: str):
    for name, prefixes in LIBRARIES.items():
        if any(target.startswith(p) for p in prefixes):
            return name
    return None


def check(root: pathlib.Path):
    rows = read_table(root / "docs" / "architecture.md")
    allowed = resolve(rows)
    vocabulary = rows.get("core", (0, [], set()))[2]
    errors = []
    for path in sorted((root / "src").rglob("*")):
        if path.suffix not in (".hpp", ".cpp", ".h"):
            continue
        rel = path.relative_to(root)
        module = path.relative_to(root / "src").parts[0]
        if module not in rows:
            errors.append(f"{rel}: module '{module}' has no row in docs/architecture.md")
            continue
        layer, _, libs = rows[module]
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            kind, target = m.groups()
            if kind == '"':
                dep = target.split("/")[0]
                if "/" in target and dep != module and dep not in allowed[module]:
                    errors.append(f"{rel}:{lineno}: {module} may not include {target}")
                continue
            if target in CXX_STD or target in SYSTEM_HEADERS or target.startswith(SYSTEM_PREFIXES):
                continue
            lib = library_of(target)
            if lib is None:
                errors.append(f"{rel}:{lineno}: <{target}> is neither standard nor a library "
                              "named in docs/architecture.md")
            elif lib in vocabulary:
                continue
            elif lib not in libs:
                owners = sorted(m for m, r in rows.items() if lib in r[2])
                errors.append(f"{rel}:{lineno}: <{target}> ({lib}) belongs to {owners}")
            elif path.suffix != ".cpp" and layer <= 5:
                errors.append(f"{rel}:{lineno}: public header exposes <{target}> ({lib})")
    return errors


def main(root_arg: str) -> int:
    errors = check(pathlib.Path(root_arg))
    for e in errors:
        print(e, file=sys.stderr)
    print(f"check_deps: {len(errors)} violation(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
