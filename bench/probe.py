"""Run libkg's own build in this process and report each step on stdout, optionally skipping steps.

Prints "STEP <name> <seconds> <monotonic end>" as each step ends (libkg's progress callback)
and "RELEASE <folder>" at the end. --skip shacl and --skip checks replace pyshacl and the violation
queries by "no violations", so the later steps can still be measured on graphs where a skipped
step would run for hours; --owl-abox-limit sets how large a graph HermiT still realises (LIBKG_OWL_ABOX_LIMIT).
--types-out saves the types the owl step produced.

    python -m bench.probe --root build/bench/projects/1M --skip shacl
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import libkg.build.pipeline as building
from libkg.config import Settings


# Seconds spent inside a step on the probe's own bookkeeping (saving types), taken off that step's time.
OVERHEAD: dict[str, float] = {}


def report(step: str, seconds: float) -> None:
    """Print one finished step with the monotonic time it ended at."""
    print(f"STEP {step} {seconds - OVERHEAD.get(step, 0.0):.6f} {time.monotonic():.6f}", flush=True)


def main() -> None:
    """Build the project at --root with the requested steps skipped."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--skip", action="append", default=[], choices=["shacl", "checks"])
    parser.add_argument("--owl-abox-limit", type=int)
    parser.add_argument("--types-out", type=Path, help="write the individuals' inferred types here (JSON)")
    args = parser.parse_args()
    if "shacl" in args.skip:
        building.shacl_violations = lambda *_: []
    if "checks" in args.skip:
        building.run_violation_queries = lambda *_: []
    classify = building.classify
    if args.types_out:
        def keep_types(*call):
            types = classify(*call)
            started = time.perf_counter()
            args.types_out.write_text(json.dumps({k: sorted(v) for k, v in sorted(types.items())}), encoding="utf-8")
            OVERHEAD["owl"] = time.perf_counter() - started
            return types
        building.classify = keep_types
    else:
        building.classify = classify
    print(f"START {time.monotonic():.6f}", flush=True)
    sources = args.root.resolve() / "sources"  # a generated project holds its source texts (bench/generate.py)
    settings = Settings.from_env(root=args.root.resolve(), owl_abox_limit=args.owl_abox_limit,
                                 sources=sources if sources.is_dir() else None)
    release = building.build(settings, progress=report)
    print(f"RELEASE {release}", flush=True)


if __name__ == "__main__":
    main()
