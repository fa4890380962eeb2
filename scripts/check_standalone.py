#!/usr/bin/env python3
"""Fails when the repository does not stand alone: a test, benchmark, script or build file that
reads a path outside the repository (the planning repository's ../shared folder, a parent of the
source tree, an absolute path under /work or /home), a test naming a reference file that
tests/data/reference does not hold, or a file there that its README does not list."""
import pathlib
import re
import sys

# Where code that runs under `make test` or `make bench` lives.
SCANNED = ["tests", "bench", "scripts", "cmake", "web/e2e", "web/src", ".ci"]
SCANNED_FILES = ["CMakeLists.txt", "CMakePresets.json", "Makefile", "web/package.json",
                 "web/vite.config.ts"]
SUFFIXES = {".cpp", ".hpp", ".h", ".py", ".sh", ".cmake", ".txt", ".json", ".mjs", ".js",
            ".ts", ".tsx", ""}
OUTSIDE = [
    (re.compile(r"\.\./+shared"), "reads the planning repository's ../shared folder"),
    (re.compile(r"AITP_SHARED"), "uses the removed AITP_SHARED_* setting"),
    (re.compile(r"\$\{CMAKE_SOURCE_DIR\}/\.\."), "names a parent of the source tree"),
    (re.compile(r"\bROOT[\"']?/\.\.(/|\b)"), "names a parent of the source tree"),
    (re.compile(r"[\"'](/work|/home)/"), "names an absolute path outside the repository"),
]
REFERENCE_CALL = re.compile(r'reference_file\(\s*"([^"]+)"\s*\)')
REFERENCE_NAME = re.compile(r'"((?:ohlcv|indicators|talib|extra|vbt)_[a-z0-9_]+\.csv)"')


def scanned_files(root: pathlib.Path):
    me = pathlib.Path(__file__).resolve()
    for top in SCANNED:
        base = root / top
        if not base.exists():
            continue
        for p in sorted(base.rglob("*")):
            if "node_modules" in p.parts or not p.is_file() or p.resolve() == me:
                continue
            if p.suffix in SUFFIXES and p.stat().st_size < 2_000_000:
                yield p
    for name in SCANNED_FILES:
        if (root / name).is_file():
            yield root / name


def main(root_arg: str) -> int:
    root = pathlib.Path(root_arg).resolve()
    ref_dir = root / "tests" / "data" / "reference"
    held = {p.name for p in ref_dir.iterdir() if p.is_file()} if ref_dir.is_dir() else set()
    problems = []
    named = set()
    for path in scanned_files(root):
        rel = path.relative_to(root)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for lineno, line in enumerate(text.splitlines(), 1):
            for pattern, why in OUTSIDE:
                if pattern.search(line):
                    problems.append(f"{rel}:{lineno}: {why}: {line.strip()[:100]}")
        if rel.parts[0] == "tests":
            for m in REFERENCE_CALL.finditer(text):
                named.add((m.group(1), str(rel)))
            for m in REFERENCE_NAME.finditer(text):
                named.add((m.group(1), str(rel)))
    for name, where in sorted(named):
        if name not in held:
            problems.append(f"{where}: names reference file {name}, which tests/data/reference "
                            "does not hold")
    readme = (ref_dir / "README.md").read_text(encoding="utf-8") if held else ""
    for name in sorted(held - {"README.md"}):
        if f"`{name}`" not in readme:
            problems.append(f"tests/data/reference/{name}: not listed in its README.md")
    for p in problems:
        print(p)
    if problems:
        print(f"check_standalone: {len(problems)} problem(s)")
        return 1
    print(f"check_standalone: ok ({len(held) - 1} reference files, {len(named)} names checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
