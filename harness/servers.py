"""Real servers in subprocesses: a free port, waiting until one answers, 'libkg serve' on a project folder."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from harness.client import get

LOCALHOST = "127.0.0.1"
REPOSITORY = Path(__file__).resolve().parent.parent
LOG_LINES = 40
# Tight limits for pathological input: a 2 s query limit and small result caps.
LIMITED = {"query_timeout": 2, "max_rows": 50, "max_response_bytes": 4096}


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind((LOCALHOST, 0))
        return sock.getsockname()[1]


def log_tail(log_path: Path) -> str:
    """Return the last lines a server wrote to its log."""
    lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines() if log_path.exists() else []
    return "\n".join(lines[-LOG_LINES:])


def wait_for(url: str, process: subprocess.Popen, log_path: Path, seconds: float = 30) -> None:
    """Wait until url answers with success, failing early (with the server's log) if the process died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}; "
                               f"last lines of {log_path}:\n{log_tail(log_path)}")
        try:
            if get(url, timeout=5).status < 400:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds:g} s; last lines of {log_path}:\n{log_tail(log_path)}")


def start(command: list[str], ready_url: str, log_path: Path, cwd: Path | None = None, env: dict[str, str] | None = None,
          seconds: float = 30) -> subprocess.Popen:
    """Start a server in its own process group, logging to log_path; return it once ready_url answers."""
    with log_path.open("a") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=cwd, env={**os.environ, **(env or {})},
                                   start_new_session=True)
    try:
        wait_for(ready_url, process, log_path, seconds)
    except BaseException:
        stop(process)
        raise
    return process


def stop(process: subprocess.Popen, seconds: float = 30) -> None:
    """Ask a server to stop (SIGTERM), then kill whatever is left of its process group."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


@contextmanager
def running(command: list[str], ready_url: str, log_path: Path, cwd: Path | None = None, env: dict[str, str] | None = None,
            seconds: float = 30) -> Iterator[subprocess.Popen]:
    """Run a server from the moment ready_url answers until the block ends."""
    process = start(command, ready_url, log_path, cwd, env, seconds)
    try:
        yield process
    finally:
        stop(process)


@dataclass(frozen=True)
class Server:
    """A running 'libkg serve': its base URL, its main process (the workers' parent) and its log."""

    url: str
    process: subprocess.Popen
    log_path: Path


@contextmanager
def libkg_server(root: Path, ready_path: str = "/", seconds: float = 30, log_path: Path | None = None,
                 **settings: object) -> Iterator[Server]:
    """Run 'libkg serve' (granian) on a free port from the project folder root, with extra LIBKG_* settings."""
    port = free_port()
    url = f"http://{LOCALHOST}:{port}"
    log_path = log_path or Path(root) / f"server-{port}.log"
    # Under coverage, the same command with coverage following granian's request threads (harness/traced_serve.py).
    entry = ["-m", "harness.traced_serve"] if sys.gettrace() is not None else ["-m", "libkg"]
    command = [sys.executable, *entry, "serve", "--port", str(port)]
    env = {f"LIBKG_{name.upper()}": str(value) for name, value in settings.items()}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPOSITORY), os.environ.get("PYTHONPATH")]))
    with running(command, url + ready_path, log_path, Path(root), env, seconds) as process:
        yield Server(url, process, log_path)
