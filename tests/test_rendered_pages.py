"""Pages rendered once per release: a rebuild shows at once, and a stored page never reaches a client it was not
rendered for (another language, another encoding, another format, a revalidation)."""

from __future__ import annotations

import gzip

import pytest

from harness.client import get
from harness.project import EXTRA_STATEMENT, copy_project, run_cli
from harness.servers import libkg_server

pytestmark = pytest.mark.server

NEW_LABEL = "A statement added by the fault test"


def test_a_rebuild_shows_on_pages_already_seen(tmp_path):
    root = copy_project(tmp_path / "project")
    assert run_cli("build", cwd=root).returncode == 0
    with libkg_server(root) as running:
        pages = ["/", "/browse/study/study-bl-smes", "/browse/kind/ContextStatement", "/resource/study-bl-smes"]
        before = {path: get(running.url + path).text for path in pages}
        assert all(NEW_LABEL not in text for text in before.values())
        assert all(get(running.url + path).text == text for path, text in before.items())  # stored, and the same
        study = root / "kg" / "studies" / "bl-smes.ttl"
        study.write_text(study.read_text(encoding="utf-8") + EXTRA_STATEMENT, encoding="utf-8")
        assert run_cli("build", cwd=root).returncode == 0
        after = {path: get(running.url + path).text for path in pages}
    assert all(NEW_LABEL in after[path] for path in pages[1:]), [p for p in pages[1:] if NEW_LABEL not in after[p]]
    assert after["/"] != before["/"]


def test_a_page_seen_in_one_language_is_not_sent_in_the_other(server):
    assert "Browse" in get(server + "/browse", {"Cookie": "lang=en"}).text
    chinese = get(server + "/browse", {"Cookie": "lang=zh"}).text
    assert "浏览" in chinese and ">Browse<" not in chinese
    assert "浏览" in get(server + "/browse", {"Accept-Language": "zh-CN,zh;q=0.9"}).text


def test_a_compressed_page_is_not_sent_to_a_client_that_did_not_ask_for_it(server):
    squeezed = get(server + "/browse/study/study-hebei-iee", {"Accept-Encoding": "gzip"})
    assert squeezed.headers["Content-Encoding"] == "gzip"
    plain = get(server + "/browse/study/study-hebei-iee")
    assert "Content-Encoding" not in plain.headers and plain.body.lstrip().lower().startswith(b"<!doctype html")
    assert gzip.decompress(get(server + "/browse/study/study-hebei-iee", {"Accept-Encoding": "gzip"}).body) == plain.body


def test_an_entity_stays_negotiated_per_client(server):
    path = server + "/resource/hebei-problem-talent-shortage"
    assert get(path, {"Accept": "text/html"}).headers["Content-Type"].startswith("text/html")
    assert get(path, {"Accept": "text/turtle"}).headers["Content-Type"].startswith("text/turtle")
    assert get(path, {"Accept": "text/html"}).headers["Content-Type"].startswith("text/html")


def test_a_stored_page_is_revalidated_by_its_etag(server):
    path = server + "/resource/hebei-problem-talent-shortage"
    first = get(path, {"Accept": "text/html"})
    again = get(path, {"Accept": "text/html"})
    assert first.headers["ETag"] == again.headers["ETag"]
    assert get(path, {"Accept": "text/html", "If-None-Match": first.headers["ETag"]}).status == 304
