"""A bounded load with pathological queries mixed in: no errors, no wrong answers, fast normal queries."""

from __future__ import annotations

import sys

import pytest

from harness.project import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from mixed_load import print_table, run_load  # noqa: E402

pytestmark = pytest.mark.server


def test_load_with_pathological_queries(limited_server):
    summary = run_load(limited_server, seconds=12, clients=6, attackers=1)
    print_table(summary)
    kinds = summary["kinds"]
    for kind in ("sparql-lookup", "entity-page"):
        assert set(kinds[kind]["outcomes"]) == {"ok"}, kinds[kind]["outcomes"]
        assert kinds[kind]["requests"] > 100
        assert kinds[kind]["p95_ms"] < 200
    assert set(kinds["pathological"]["outcomes"]) == {"cut-off"}
    assert kinds["pathological"]["requests"] >= 3
