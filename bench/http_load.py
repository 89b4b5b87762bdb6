"""Load an HTTP endpoint on 127.0.0.1 for a bounded time: wrk when installed, else a small Python client."""

from __future__ import annotations

import http.client
import json
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

SPARQL_JSON = "application/sparql-results+json"
# wrk runs this per thread: rotate through the request paths, and print the summary as one JSON line.
LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], {["Accept"] = "%s"})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('JSON {"requests": %%d, "duration_us": %%d, "bytes": %%d, "errors": %%d, "non_2xx": %%d, ' ..
    '"mean_ms": %%.3f, "p50_ms": %%.3f, "p90_ms": %%.3f, "p99_ms": %%.3f, "max_ms": %%.3f}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect + e.read + e.write + e.timeout, e.status,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def query_paths(path: str, queries: list[str]) -> list[str]:
    """Return GET paths carrying each query in the query string."""
    return [f"{path}?{urllib.parse.urlencode({'query': q})}" for q in queries]


def run_load(base_url: str, paths: list[str], connections: int, seconds: float, accept: str = SPARQL_JSON) -> dict:
    """Send GET requests for `paths` (asking for `accept`) in rotation over `connections` connections for `seconds`;
    return throughput and latency."""
    if urllib.parse.urlsplit(base_url).hostname != "127.0.0.1":
        raise ValueError(f"load is only ever sent to 127.0.0.1, not {base_url}")
    if shutil.which("wrk"):
        return _wrk(base_url, paths, connections, seconds, accept)
    return _python_load(base_url, paths, connections, seconds, accept)


def _wrk(base_url: str, paths: list[str], connections: int, seconds: float, accept: str) -> dict:
    """Run wrk with a rotating-path script and parse its JSON summary line."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % (", ".join(json.dumps(p) for p in paths), accept))
    try:
        command = ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds:g}s",
                   "--timeout", "30s", "-s", script.name, base_url]
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    finally:
        Path(script.name).unlink()
    line = next((l for l in done.stdout.splitlines() if l.startswith("JSON ")), None)
    if line is None:
        return {"tool": "wrk", "connections": connections, "seconds": 0, "requests_per_second": 0, "requests": 0, "errors": -1,
                "non_2xx": 0, "mean_ms": 0, "p50_ms": 0, "p90_ms": 0, "p99_ms": 0, "max_ms": 0,
                "failure": f"wrk exit {done.returncode}: {(done.stdout + done.stderr)[-500:]}"}
    figures = json.loads(line[5:])
    duration = figures.pop("duration_us") / 1e6
    return {"tool": "wrk", "connections": connections, "seconds": round(duration, 2),
            "requests_per_second": round(figures["requests"] / duration, 1), **figures}


def _python_load(base_url: str, paths: list[str], connections: int, seconds: float, accept: str) -> dict:
    """Load with one thread per connection (no wrk): coarser, and limited by the client's own GIL."""
    target = urllib.parse.urlsplit(base_url)
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    failures = [0, 0]
    lock = threading.Lock()

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        mine, errors, non_2xx, i = [], 0, 0, offset
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", paths[i % len(paths)], headers={"Accept": accept})
                response = connection.getresponse()
                response.read()
                non_2xx += not 200 <= response.status < 300
                mine.append(time.perf_counter() - started)
            except (OSError, http.client.HTTPException):
                errors += 1
                connection.close()
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
            i += 1
        with lock:
            latencies.extend(mine)
            failures[0] += errors
            failures[1] += non_2xx

    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.monotonic() - started
    ordered = sorted(latencies) or [0.0]

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 3)

    return {"tool": "python", "connections": connections, "seconds": round(duration, 2),
            "requests_per_second": round(len(latencies) / duration, 1), "requests": len(latencies),
            "errors": failures[0], "non_2xx": failures[1], "mean_ms": round(statistics.fmean(ordered) * 1000, 3),
            "p50_ms": pct(0.5), "p90_ms": pct(0.9), "p99_ms": pct(0.99), "max_ms": round(ordered[-1] * 1000, 3)}
