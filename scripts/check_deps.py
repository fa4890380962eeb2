#!/usr/bin/env python3
"""Fails when an #include in src/ crosses a module edge docs/architecture.md does not declare,
or when a third-party header is included outside its owner module (or in a public header)."""
import pathlib
import re
import sys

# module -> modules it may include (ARCHITECTURE.md, "Modules" table).
ALLOWED = {
    "core": set(),
    "model": {"core"},
    "indicators": {"core"},
    "metrics": {"core", "model"},
    "book": {"core", "model"},
    "data": {"core", "model"},
    "exchange": {"core", "model"},
    "store": {"core", "model", "metrics"},
    "ml": {"core", "model", "indicators"},
    "strategy": {"core", "model", "indicators", "book", "ml"},
    "risk": {"core", "model", "metrics"},
    "research": {"core", "model", "indicators", "metrics", "strategy"},
    "backtest": {"core", "model", "metrics", "strategy", "risk"},
    "hft": {"core", "model", "book", "metrics", "strategy"},
    "trading": {"core", "model", "strategy", "risk", "exchange", "store"},
    "signals": {"core", "model", "indicators", "ml"},
}
LIBRARY_MODULES = set(ALLOWED)
ALLOWED["profile"] = LIBRARY_MODULES
for app in ("server", "cli", "python"):
    ALLOWED[app] = LIBRARY_MODULES | {"profile"}
ALLOWED["cli"] = ALLOWED["cli"] | {"server"}  # `aitp serve` wires the server

# third-party header prefix -> modules allowed to include it (only in .cpp files).
THIRD_PARTY = {
    "duckdb": {"data"},
    "sqlite3": {"store"},
    "xgboost/": {"ml"},
    "curl/": {"exchange"},
    "openssl/": {"exchange"},
    "boost/": {"server"},
    "sodium": {"server"},
    "CLI/": {"cli"},
    "pybind11/": {"python"},
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def main(root: str) -> int:
    src = pathlib.Path(root) / "src"
    errors = []
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".hpp", ".cpp", ".h"):
            continue
        module = path.relative_to(src).parts[0]
        if module not in ALLOWED:
            errors.append(f"{path}: module '{module}' is not in the architecture table")
            continue
        for lineno, line in enumerate(path.read_text().splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            kind, target = m.groups()
            if kind == '"':
                dep = target.split("/")[0]
                if "/" in target and dep != module and dep not in ALLOWED[module]:
                    errors.append(f"{path}:{lineno}: {module} may not include {target}")
                continue
            for prefix, owners in THIRD_PARTY.items():
                if target.startswith(prefix):
                    if module not in owners:
                        errors.append(f"{path}:{lineno}: <{target}> belongs to {sorted(owners)}")
                    elif path.suffix != ".cpp" and module not in ("server", "cli", "python"):
                        errors.append(f"{path}:{lineno}: public header exposes <{target}>")
    for e in errors:
        print(e, file=sys.stderr)
    print(f"check_deps: {len(errors)} violation(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
