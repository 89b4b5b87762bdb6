"""Every query is bounded in time and size; a pathological query never stops the server answering others.

The client gives up after 30 s, which only a hang reaches (the server's limit here is 2 s); how long a cut-off
takes, and how fast other queries are answered meanwhile, is measured by 'python -m bench.load'.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from harness.client import count_of, sparql
from harness.project import COUNT_STUDIES
from harness.servers import LIMITED, libkg_server

pytestmark = pytest.mark.server

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
# Starts like a point lookup, but joins three more patterns: it must still run where it can be stopped.
BOUND_START = ("SELECT ?o WHERE { <https://w3id.org/libkg/resource/study-hebei-iee> ?p ?o . ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } "
               "ORDER BY ?c")
ONE_SUBJECT = "SELECT ?p ?o WHERE { <https://w3id.org/libkg/resource/study-hebei-iee> ?p ?o }"
PATH_STAR = "SELECT (COUNT(*) AS ?n) WHERE { ?x (<http://www.w3.org/2000/01/rdf-schema#label>|^<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>|!<urn:x>)* ?y . ?y ?p ?z . ?z ?q ?w }"


@pytest.mark.parametrize("query", [CARTESIAN, PATH_STAR, BOUND_START], ids=["cartesian", "path-star", "bound-start"])
def test_pathological_query_is_cut_off_while_simple_queries_are_answered(limited_server, query):
    with ThreadPoolExecutor(max_workers=2) as pool:
        runaway = pool.submit(sparql, limited_server, query)
        time.sleep(0.3)
        status, _, body = sparql(limited_server, COUNT_STUDIES)
        runaway_status, _, runaway_body = runaway.result()
    assert status == 200 and count_of(body) == 3
    assert runaway_status == 503
    assert "limit" in json.loads(runaway_body)["message"]
    status, _, body = sparql(limited_server, COUNT_STUDIES)
    assert status == 200 and count_of(body) == 3


def test_row_cap_is_signalled(limited_server):
    status, headers, body = sparql(limited_server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200
    assert headers["Libkg-Results-Truncated"].startswith("true")
    assert len(json.loads(body)["results"]["bindings"]) <= 50


def test_response_size_cap_keeps_the_answer_well_formed(limited_server):
    status, headers, body = sparql(limited_server, "SELECT ?o WHERE { ?s <http://www.w3.org/2004/02/skos/core#definition> ?o }")
    assert status == 200 and len(body) <= 4096
    assert headers["Libkg-Results-Truncated"].startswith("true")
    json.loads(body)


@pytest.fixture(scope="module")
def one_process_server(built_project):
    """A server with one worker and one query process: a runaway query holds the only process."""
    with libkg_server(built_project.root, workers=1, query_processes=1, **LIMITED) as running:
        yield running.url


def test_a_point_lookup_is_answered_while_a_runaway_query_holds_the_only_query_process(one_process_server):
    with ThreadPoolExecutor(max_workers=2) as pool:
        runaway = pool.submit(sparql, one_process_server, CARTESIAN)
        time.sleep(0.3)
        status, _, body = sparql(one_process_server, ONE_SUBJECT)
        answered_first = not runaway.done()
        other = pool.submit(sparql, one_process_server, COUNT_STUDIES)
        runaway_status = runaway.result()[0]
        other_status, _, other_body = other.result()
    assert status == 200 and json.loads(body)["results"]["bindings"] and answered_first
    assert runaway_status == 503
    assert other_status == 200 and count_of(other_body) == 3  # a join waits for the process, then is answered


def test_a_point_lookup_on_a_hub_keeps_the_row_cap(one_process_server):
    status, headers, body = sparql(one_process_server, "SELECT ?s WHERE { ?s a <https://w3id.org/libkg/ontology#Study> . } "
                                   "LIMIT 2")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 2 and "Libkg-Results-Truncated" not in headers
    status, headers, body = sparql(one_process_server, "SELECT ?s WHERE { ?s a <https://w3id.org/libkg/ontology#Claim> }")
    assert status == 200 and headers["Libkg-Results-Truncated"].startswith("true")
    assert 0 < len(json.loads(body)["results"]["bindings"]) <= LIMITED["max_rows"]


@pytest.fixture(scope="module")
def hasty_server(built_project):
    """A server whose query limit (0.1 s) is shorter than a new query process takes to start."""
    with libkg_server(built_project.root, workers=1, query_processes=1, query_timeout=0.1) as running:
        yield running.url


def test_the_query_after_a_cut_off_does_not_pay_for_starting_the_next_query_process(hasty_server):
    for _ in range(3):
        assert sparql(hasty_server, CARTESIAN)[0] == 503
        status, _, body = sparql(hasty_server, COUNT_STUDIES)
        assert status == 200 and count_of(body) == 3, body
