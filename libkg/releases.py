"""Build releases side by side and switch the served one atomically."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from .errors import ReleaseWriteFailed

CURRENT = "current"
RELEASES = "releases"


def current_release(build_path: Path) -> Path | None:
    """Return the folder of the release being served, or None before the first build."""
    link = Path(build_path) / CURRENT
    if not link.is_symlink():
        return None
    target = link.parent / os.readlink(link)
    return target if target.is_dir() else None


def new_build_id(content_hash: str) -> str:
    """Name a build by its UTC time and a prefix of its content hash."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ") + "-" + content_hash[:10]


def publish(build_path: Path, build_id: str, write: Callable[[Path], None], keep: int = 3) -> Path:
    """Write a release into a staging folder, then point 'current' at it in one rename."""
    releases = Path(build_path) / RELEASES
    releases.mkdir(parents=True, exist_ok=True)
    staging = releases / f".staging-{build_id}"
    final = releases / build_id
    try:
        write(staging)
        staging.rename(final)
        _switch(Path(build_path) / CURRENT, Path(RELEASES) / build_id)
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        if final.exists() and current_release(build_path) != final:
            shutil.rmtree(final, ignore_errors=True)
        if isinstance(err, OSError):
            raise ReleaseWriteFailed(
                f"could not write the release under {releases}: {err.strerror or err}; "
                "nothing was switched, the current release is unchanged"
            ) from err
        raise
    _prune(releases, keep, final)
    return final


def _switch(link: Path, target: Path) -> None:
    """Atomically repoint a symlink: create a new one beside it and rename over."""
    temporary = link.with_name(f".{link.name}.{os.getpid()}")
    if temporary.is_symlink():
        temporary.unlink()
    os.symlink(target, temporary)
    os.replace(temporary, link)


def _prune(releases: Path, keep: int, current: Path) -> None:
    """Remove old releases and stale staging folders, keeping the newest few."""
    for stale in releases.glob(".staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    finished = sorted((p for p in releases.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)
    for old in finished[:-keep] if keep > 0 else []:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)
