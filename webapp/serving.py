"""Run the app under granian (several worker processes, each with a pool of threads), or Flask's server with --debug.

granian was chosen over gunicorn by bench.ceiling: the same do-nothing Flask app answered 2 to 3 times as many
requests under granian, and libkg's point lookups followed (BENCHMARKS.md, part 3).
"""

from __future__ import annotations

import os
from dataclasses import fields

from flask import Flask
from granian.constants import Interfaces
from granian import Granian

from libkg.config import Settings

from . import create_app

# One line per request, as a combined log: client, time, request line, status, referrer, user agent, milliseconds.
ACCESS_LOG = ('%(addr)s - - [%(time)s] "%(method)s %(path)s %(protocol)s" %(status)d '
              '"%(header{referer})s" "%(header{user-agent})s" %(dt_ms).1fms')
# Seconds a worker killed by accident waits before it is replaced.
RESPAWN_SECONDS = 0.5


def application() -> Flask:
    """Build the WSGI app in a worker from the LIBKG_* settings the parent wrote into the environment."""
    return create_app({"LIBKG_SETTINGS": Settings.from_env()})


def export(settings: Settings) -> None:
    """Write every setting into the environment as LIBKG_<NAME>, for the workers to read."""
    for setting in fields(settings):
        value = getattr(settings, setting.name)
        if value is not None:
            os.environ[f"LIBKG_{setting.name.upper()}"] = str(value)


def serve(settings: Settings, debug: bool = False) -> None:
    """Serve until interrupted."""
    if debug:
        create_app({"LIBKG_SETTINGS": settings}).run(settings.host, settings.port, debug=True)
        return
    export(settings)
    Granian(f"{__name__}:application", address=settings.host, port=settings.port, interface=Interfaces.WSGI,
           factory=True, workers=settings.workers, blocking_threads=settings.threads, log_access=True,
           log_access_format=ACCESS_LOG, respawn_failed_workers=True, respawn_interval=RESPAWN_SECONDS,
           workers_kill_timeout=int(settings.query_timeout) + 20).serve()
