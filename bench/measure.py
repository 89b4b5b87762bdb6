"""Measure processes from outside: resident memory and CPU time of a process tree, build steps with a timeout each."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
TICKS = os.sysconf("SC_CLK_TCK")


def descendants(root: int) -> list[int]:
    """Return root and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def tree_cpu_seconds(root: int) -> float:
    """Return the CPU time (user + system, with waited-for children) of root and its live descendants."""
    total = 0
    for pid in descendants(root):
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()
        total += sum(int(f) for f in fields[11:15])
    return total / TICKS


def tree_rss_kb(root: int) -> int:
    """Return the summed resident set (KiB) of root and its descendants (shared pages count once per process)."""
    total = 0
    for pid in descendants(root):
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE_KB
        except OSError:
            continue
    return total


@dataclass
class Sampler:
    """Sample a process tree's resident memory every `interval` seconds in a thread."""

    pid: int
    interval: float = 0.1
    samples: list[tuple[float, int]] = field(default_factory=list)
    cpu: list[tuple[float, float]] = field(default_factory=list)

    def __post_init__(self):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            now = time.monotonic()
            self.samples.append((now, tree_rss_kb(self.pid)))
            self.cpu.append((now, tree_cpu_seconds(self.pid)))
            self._stop.wait(self.interval)

    def stop(self) -> None:
        """Stop sampling."""
        self._stop.set()
        self._thread.join()

    def cpu_seconds(self, since: float, until: float = float("inf")) -> float:
        """Return the CPU time the tree used between two instants (from the nearest samples)."""
        inside = [c for t, c in self.cpu if since <= t <= until]
        before = [c for t, c in self.cpu if t < since]
        return max(inside, default=0.0) - (before[-1] if before else 0.0) if inside else 0.0

    def peak_kb(self, since: float = 0.0, until: float = float("inf")) -> int:
        """Return the largest sample taken in [since, until]."""
        return max((kb for t, kb in self.samples if since <= t <= until), default=0)


@dataclass
class StepRecord:
    """One build step as seen from outside: wall time, peak tree memory and whether it finished."""

    name: str
    seconds: float
    peak_rss_mb: float
    status: str = "ok"
    cpu_seconds: float = 0.0

    def as_dict(self) -> dict:
        """Return a JSON-ready dict."""
        return {"step": self.name, "seconds": round(self.seconds, 3), "peak_rss_mb": round(self.peak_rss_mb, 1), "status": self.status,
                "cpu_seconds": round(self.cpu_seconds, 2)}


def run_steps(command: list[str], order: list[str], step_timeout: float, log: Path, cwd: Path | None = None) -> dict:
    """Run a probe that prints 'STEP name seconds end' lines; kill it if one step outlasts step_timeout.

    Returns per-step records, the exact peak RSS of the whole run from wait4 (the larger of the
    probe's own and its largest child's, e.g. HermiT's JVM), and the probe's last words.
    """
    started = time.monotonic()
    with log.open("w") as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True, cwd=cwd, start_new_session=True)
    sampler = Sampler(process.pid)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True)
    reader.start()
    status, rusage = "ok", None
    while rusage is None:
        pid, code, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode, rusage = os.waitstatus_to_exitcode(code), usage
            break
        time.sleep(0.2)
        boundary, _ = _read_steps(lines, sampler, started)
        if time.monotonic() - boundary > step_timeout:
            status = "exceeded"
            os.killpg(process.pid, signal.SIGKILL)
            _, code, rusage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(code)
    reader.join(timeout=5)
    sampler.stop()
    boundary, steps = _read_steps(lines, sampler, started)
    if status == "exceeded":
        name = order[len(steps)] if len(steps) < len(order) else "?"
        steps.append(StepRecord(name, time.monotonic() - boundary, sampler.peak_kb(boundary) / 1024, "exceeded", sampler.cpu_seconds(boundary)))
    elif process.returncode != 0:
        status = f"failed (exit {process.returncode})"
        name = order[len(steps)] if len(steps) < len(order) else "?"
        steps.append(StepRecord(name, time.monotonic() - boundary, sampler.peak_kb(boundary) / 1024, "failed", sampler.cpu_seconds(boundary)))
    return {"status": status, "steps": steps, "peak_rss_mb_exact": round(rusage.ru_maxrss / 1024, 1), "lines": lines,
            "wall_seconds": round(time.monotonic() - started, 2)}


def _read_steps(lines: list[str], sampler: Sampler, started: float) -> tuple[float, list[StepRecord]]:
    """Turn the probe's STEP lines into records; return the end of the last finished step too."""
    steps, boundary = [], started
    for line in list(lines):
        if line.startswith("STEP "):
            _, name, seconds, end = line.split()
            end = float(end)
            steps.append(StepRecord(name, float(seconds), sampler.peak_kb(boundary, end) / 1024, "ok", sampler.cpu_seconds(boundary, end)))
            boundary = end
    return boundary, steps
