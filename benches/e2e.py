#!/usr/bin/env python3
"""End-to-end figures: process start -> the named customer's gauges on screen (`uptake NAME`),
from a cached snapshot and from raw --data, with the peak RSS of each run.

    cargo build --release && python3 benches/e2e.py [--customers 100000] [--runs 5]

It generates the export (`uptake demo`), imports it into a temporary cache, then runs the
release binary in a pseudo-terminal, timing until the customer's name and its gauges appear.
"""

import argparse
import fcntl
import json
import os
import pty
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "uptake")


def run_once(args, env, name):
    """Milliseconds until `name` and a gauge are on screen, and the peak RSS in MB."""
    pid, fd = pty.fork()
    if pid == 0:
        # A 120x40 terminal (a new pty is 0x0, and nothing would be drawn).
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execve(BIN, [BIN] + args, env)
    start = time.monotonic()
    seen = b""
    shown = None
    want = name.encode()
    while shown is None and time.monotonic() - start < 60:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            after = seen[seen.find(want):] if want in seen else b""
            if b"Deployment" in after and re.search(rb"\d%", after):
                shown = (time.monotonic() - start) * 1000
    # Let the whole portfolio arrive (the screen settles) before quitting, so the peak RSS
    # is that of a session, not of the first frame.
    last = time.monotonic()
    while time.monotonic() - last < 1.5 and time.monotonic() - start < 120:
        ready, _, _ = select.select([fd], [], [], 0.25)
        if ready:
            try:
                if os.read(fd, 65536):
                    last = time.monotonic()
            except OSError:
                break
    os.write(fd, b"q")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return shown, usage.ru_maxrss / 1024
        try:
            select.select([fd], [], [], 0.2)
            os.read(fd, 65536)
        except OSError:
            pass
    os.kill(pid, 9)
    _, _, usage = os.wait4(pid, 0)
    return shown, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release")
    work = tempfile.mkdtemp(prefix="uptake-e2e-")
    try:
        export = os.path.join(work, "export")
        cache = os.path.join(work, "cache")
        env = dict(os.environ, UPTAKE_CACHE_DIR=cache, UPTAKE_CONFIG="/dev/null", TERM="xterm-256color",
                   COLUMNS="120", LINES="40")
        subprocess.run([BIN, "demo", "--customers", str(opts.customers), "--out", export], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        # Every file, the Graph tenant folders' included.
        size_mb = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(export) for f in fs) / 1e6
        started = time.monotonic()
        subprocess.run([BIN, "import", export], env=env, check=True, stdout=subprocess.DEVNULL)
        import_s = time.monotonic() - started
        listing = subprocess.run([BIN, "list", "--json", "--limit", "2000"], env=env, check=True,
                                 capture_output=True).stdout
        names = [c["customer"]["name"] for c in json.loads(listing)]
        name = next(n for n in names[len(names) // 2:] if n.isascii() and names.count(n) == 1)
        print(f"{opts.customers} customers, raw export {size_mb:.0f} MB, import {import_s:.1f} s; customer {name!r}")
        for label, args in [("cached snapshot", [name]), ("raw --data", ["--data", export, name])]:
            times, rss = [], []
            for _ in range(opts.runs):
                ms, mb = run_once(args, env, name)
                if ms is not None:
                    times.append(ms)
                rss.append(mb)
            median = statistics.median(times) if times else float("nan")
            print(f"  {label:16} launch -> gauges: median {median:7.0f} ms, worst {max(times or [0]):7.0f} ms; "
                  f"peak RSS {max(rss):5.0f} MB ({max(rss) / size_mb:.2f} x the export)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
