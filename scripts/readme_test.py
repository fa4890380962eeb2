#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs every shell command of README.md's ```sh blocks, in order, so the README cannot rot.

Usage: readme_test.py --aitp path/to/aitp [--readme README.md] [--keep]

Each command runs with bash in one fresh working directory (holding a `tests` link to the
repository's tests/, for the commands that read tests/data/reference), with the given aitp
binary first on PATH. Rules, so that the README can stay written for people:
- `make ...` lines are the set-up contract itself and are skipped (make test runs this script).
- A trailing comment is ignored, except that `exit N` in it allows exit code N besides 0.
- `aitp serve` starts in the background on a free port (every `8000` of the README is replaced
  by that port), the following commands run against it, and it is stopped at the end.
Every other command must exit 0 within its timeout. The first failure prints
`README.md:<line>: <command>: <what happened>` and its output, and the script exits 1.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

TIMEOUT_S = 600


def strip_comment(line: str) -> tuple[str, str]:
    """Splits `cmd  # comment` outside quotes into (cmd, comment)."""
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip(), line[i + 1:].strip()
    return line.rstrip(), ""


def commands(readme: pathlib.Path):
    """Yields (line number, command, comment) for each command of the ```sh blocks."""
    in_block = False
    pending, start, pending_comment = "", 0, ""
    for n, raw in enumerate(readme.read_text().splitlines(), start=1):
        if raw.startswith("```"):
            in_block = raw.strip() == "```sh" if not in_block else False
            continue
        if not in_block:
            continue
        cmd, comment = strip_comment(raw)
        if not pending:
            start = n
        if cmd.endswith("\\"):
            pending += cmd[:-1] + " "
            pending_comment += comment
            continue
        full = (pending + cmd).strip()
        full_comment = (pending_comment + " " + comment).strip()
        pending, pending_comment = "", ""
        if full and not full.startswith("make "):
            yield start, full, full_comment


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, server: subprocess.Popen, timeout_s: float = 120) -> str | None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return f"server exited with {server.returncode}"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health/", timeout=2):
                return None
        except OSError:
            time.sleep(0.2)
    return f"no answer on port {port} within {timeout_s:.0f} s"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--aitp", required=True)
    ap.add_argument("--readme", default=str(pathlib.Path(__file__).resolve().parent.parent / "README.md"))
    ap.add_argument("--keep", action="store_true", help="keep the working directory")
    args = ap.parse_args()
    root = pathlib.Path(__file__).resolve().parent.parent
    readme = pathlib.Path(args.readme).resolve()
    aitp = pathlib.Path(args.aitp).resolve()
    if not aitp.is_file():
        print(f"readme_test: {aitp}: no such binary", file=sys.stderr)
        return 2

    work = pathlib.Path(tempfile.mkdtemp(prefix="aitp-readme-"))
    (work / "tests").symlink_to(root / "tests")
    bindir = work / ".bin"
    bindir.mkdir()
    (bindir / "aitp").symlink_to(aitp)
    env = dict(os.environ, PATH=f"{bindir}:{os.environ.get('PATH', '')}")
    env.pop("AITP_DATA_DIR", None)
    port = free_port()
    server = None
    server_log = work / ".server.log"
    ran = 0
    try:
        for line, cmd, comment in commands(readme):
            cmd = cmd.replace("8000", str(port))
            where = f"{readme.name}:{line}: {cmd}"
            if re.search(r"(^|[\s=])aitp serve\b", cmd):
                if server is not None:
                    print(f"{where}: a second server", file=sys.stderr)
                    return 1
                log = open(server_log, "w")
                server = subprocess.Popen(["bash", "-c", cmd], cwd=work, env=env, stdout=log,
                                          stderr=subprocess.STDOUT, start_new_session=True)
                err = wait_healthy(port, server)
                if err:
                    print(f"{where}: {err}\n{server_log.read_text()[-3000:]}", file=sys.stderr)
                    return 1
                ran += 1
                continue
            allowed = {0} | {int(m) for m in re.findall(r"\bexit (\d+)", comment)}
            t0 = time.monotonic()
            try:
                r = subprocess.run(["bash", "-c", cmd], cwd=work, env=env, capture_output=True,
                                   text=True, timeout=TIMEOUT_S)
            except subprocess.TimeoutExpired:
                print(f"{where}: no exit within {TIMEOUT_S} s", file=sys.stderr)
                return 1
            if r.returncode not in allowed:
                print(f"{where}: exit {r.returncode}\n{r.stdout[-2000:]}{r.stderr[-2000:]}",
                      file=sys.stderr)
                return 1
            ran += 1
            print(f"ok {line:4d} {time.monotonic() - t0:6.1f} s  {cmd[:100]}")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)  # bash and the server it started
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        if args.keep:
            print(f"working directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if ran == 0:
        print(f"readme_test: no commands found in {readme}", file=sys.stderr)
        return 1
    print(f"readme_test: {ran} commands of {readme.name} ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
