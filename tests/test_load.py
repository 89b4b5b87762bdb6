"""A bounded load with pathological queries mixed in: no errors, no wrong answers, every pathological query cut off.

The same load, run by 'python -m bench.load', prints the latencies; here only a hang would fail it.
"""

from __future__ import annotations

import pytest

from bench.load import print_mixed, run_mixed

pytestmark = pytest.mark.server


def test_load_with_pathological_queries(limited_server):
    summary = run_mixed(limited_server, seconds=12, clients=6, attackers=1)
    print_mixed(summary)
    kinds = summary["kinds"]
    for kind in ("sparql-lookup", "entity-page"):
        assert set(kinds[kind]["outcomes"]) == {"ok"}, kinds[kind]["outcomes"]
        assert kinds[kind]["requests"] >= 10
    assert set(kinds["pathological"]["outcomes"]) == {"cut-off"}
    assert kinds["pathological"]["requests"] >= 1
