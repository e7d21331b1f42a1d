#!/usr/bin/env python3
"""Two builds against each other on comment posts, interleaved.

    cp build/gazette build/gazette-a     # before the change
    ...                                  # change, build
    python3 bench/compare.py build/gazette-a build/gazette --rounds 3

This machine's speed moves from hour to hour (the same build gave 8,400 to
10,700 posts/s over one day), so a build is compared with another measured
minutes apart, never with an old table. Each round starts each build in turn
through `bench/run.py --only comments --keep` (a fresh site, the server
pinned to core 0) and runs `wrk` with the bench's script against it. Besides
posts a second it prints the server's CPU time per post (from
/proc/PID/stat, which the disk's flush time does not change) and the share of
time core 0 sat idle waiting for the disk. Keep the binaries in build/, where
they find the theme.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def core0():
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith("cpu0 "):
            values = [int(v) for v in line.split()[1:]]
            return sum(values), values[4]  # all, iowait
    raise RuntimeError("no cpu0 in /proc/stat")


def writes(base):
    out = subprocess.run(["curl", "-s", f"{base}/metrics"], capture_output=True, text=True).stdout
    match = re.search(r"^gazette_writes_total (\d+)", out, re.M)
    return int(match.group(1)) if match else 0


def measure(binary, runs, seconds):
    env = {**os.environ, "GAZETTE_BIN": str(Path(binary).resolve())}
    bench = subprocess.Popen([sys.executable, str(ROOT / "bench" / "run.py"), "--only", "comments", "--keep",
                              "--runs", "1", "--seconds", "1", "--out", os.devnull],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        server, article = None, None
        for line in bench.stdout:
            seed = re.match(r"seed page /news/(\d+)", line)
            if seed:
                article = seed.group(1)
            match = re.match(r"server (\S+) \(pid (\d+)\), site", line)
            if match:
                server = (match.group(1), int(match.group(2)))
                break
        if not server or not article:
            sys.exit(f"{binary}: the bench did not start a server")
        base, pid = server
        # The readers the bench signed in, in its newest working folder.
        found = sorted(Path(tempfile.gettempdir()).glob("gazette-bench-*/users.tsv"), key=lambda p: p.stat().st_mtime)
        if not found:
            sys.exit("the bench's readers file is missing")
        users = found[-1]
        figures = []
        for run in range(runs):
            wrk_env = {**os.environ, "GAZETTE_BENCH_USERS": str(users), "GAZETTE_BENCH_ARTICLE": article,
                       "GAZETTE_BENCH_ORIGIN": base, "GAZETTE_BENCH_RUN": f"compare{time.time_ns()}{run}"}
            c0, w0, (all0, io0) = cpu_ticks(pid), writes(base), core0()
            out = subprocess.run(["taskset", "-c", "1", "wrk", "-t1", "-c32", f"-d{seconds}s", "-s",
                                  str(ROOT / "bench" / "post_comments.lua"), f"{base}/"],
                                 capture_output=True, text=True, env=wrk_env, check=True).stdout
            c1, w1, (all1, io1) = cpu_ticks(pid), writes(base), core0()
            rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            posts = max(1, w1 - w0)
            figures.append((rps, (c1 - c0) / CLOCK_TICKS / posts * 1e6, 100 * (io1 - io0) / max(1, all1 - all0)))
        return figures
    finally:
        bench.stdin.close()  # the bench stops its server when its input ends
        bench.wait(timeout=60)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binaries", nargs=2, help="two gazette binaries (kept in build/)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--runs", type=int, default=2, help="wrk runs per build per round")
    ap.add_argument("--seconds", type=int, default=4)
    args = ap.parse_args()
    print(f"{'build':30} {'posts/s':>9} {'CPU us/post':>12} {'iowait %':>9}")
    for _ in range(args.rounds):
        for binary in args.binaries:
            for rps, cpu, io in measure(binary, args.runs, args.seconds):
                print(f"{binary:30} {rps:>9,.0f} {cpu:>12.0f} {io:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
