"""The REST API: the analysis, the one JSON error body, the size limit, URL refusal; fuzzed against its OpenAPI."""

from __future__ import annotations

import dataclasses
import re
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from archive_fixtures import archive, archive_url  # noqa: F401 - fixtures
from fastapi.testclient import TestClient
from hypothesis import HealthCheck
from hypothesis import settings as hsettings

from sayso.api import create_app
from sayso.config import settings
from sayso.store import Store

LIMIT = 50_000


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    config = dataclasses.replace(settings(), max_body_bytes=LIMIT)
    with TestClient(create_app(config), raise_server_exceptions=False) as c:
        yield c


def assert_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["ok"] is False and body["status"] == status and isinstance(body["error"], str) and body["error"]
    return dict(body)


def test_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["ok"] is True and body["version"]


def test_analyze_text_returns_the_analysis(client: TestClient) -> None:
    text = '"We will not raise taxes," the minister, Jane Doe, told reporters on Monday.'
    body = client.post("/api/analyze", json={"text": text}).json()
    assert body["text"] == text
    (quote,) = body["quotes"]
    assert quote["content"] == "We will not raise taxes"
    s, e = quote["content_spans"][0]
    assert text[s:e] == quote["content"]
    assert quote["speaker"]["name"] == "Jane Doe"


def test_model_case(client: TestClient, shared_dir: Any) -> None:
    text = (shared_dir / "examples" / "kremlin-johnson" / "article.txt").read_text(encoding="utf-8")
    body = client.post("/api/analyze", json={"text": text}).json()
    assert len(body["quotes"]) >= 10
    assert body["disputes"], "the Kremlin's denial of Johnson's claim"


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"text": "a", "url": "https://example.org/"},
        {"text": 3},
        [],
        "text",
        {"url": None, "text": None},
        {"text": "a", "url": None},
        {"text": ""},
        {"url": "example.org"},
        {"text": "a", "extra": 1},
    ],
)
def test_bad_bodies_give_422(client: TestClient, payload: Any) -> None:
    assert_error(client.post("/api/analyze", json=payload), 422)


def test_not_json_gives_400(client: TestClient) -> None:
    response = client.post("/api/analyze", content=b"\xff{not json", headers={"content-type": "application/json"})
    assert_error(response, 400)


def test_unknown_path_and_method(client: TestClient) -> None:
    assert_error(client.get("/api/nothing-here"), 404)
    assert_error(client.get("/api/analyze"), 405)
    assert_error(client.delete("/api/health"), 405)


def test_body_over_the_limit_gives_413(client: TestClient) -> None:
    big = {"text": "word " * (LIMIT // 4)}
    body = assert_error(client.post("/api/analyze", json=big), 413)
    assert str(LIMIT) in body["error"]


def test_streamed_body_over_the_limit_gives_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(LIMIT // 1000 + 2):
            yield b"x" * 1000
        yield b'"}'

    response = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert_error(response, 413)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/", "http://localhost/", "http://10.1.2.3/a", "http://[::1]/"])
def test_private_urls_are_refused(client: TestClient, url: str) -> None:
    body = assert_error(client.post("/api/analyze", json={"url": url}), 400)
    assert "private or loopback" in body["error"]


def test_not_a_url(client: TestClient) -> None:
    assert_error(client.post("/api/analyze", json={"url": "ftp://example.org/x"}), 422)
    assert_error(client.post("/api/analyze", json={"url": "http://"}), 422)


def test_openapi_document(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert "/api/analyze" in doc["paths"] and "/api/health" in doc["paths"]
    assert "413" in doc["paths"]["/api/analyze"]["post"]["responses"]


def test_page_errors_are_html_for_browsers_and_json_otherwise(client: TestClient) -> None:
    html = client.get("/no-such-page", headers={"accept": "text/html"})
    assert html.status_code == 404 and "<h1>404 Not Found</h1>" in html.text
    assert_error(client.get("/no-such-page"), 404)


def test_analyze_page_escapes_the_article(client: TestClient) -> None:
    text = '<script>alert("x")</script> "It is <b>false</b>," the spokesman, Tom Smith, said.'
    page = client.post("/", data={"text": text})
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<b>false</b>" not in page.text
    assert "&lt;script&gt;" in page.text


def test_analyze_page_needs_one_input(client: TestClient) -> None:
    page = client.post("/", data={"text": "  ", "url": ""})
    assert page.status_code == 400 and 'class="error"' in page.text


# --- fuzzing with schemathesis against the service's own OpenAPI document -------------------------------------

@pytest.fixture(scope="module")
def served(archive: Store) -> Iterator[TestClient]:  # noqa: F811 - a fixture
    """The service over the test archive."""
    config = dataclasses.replace(settings(), max_body_bytes=LIMIT)
    with TestClient(create_app(config, store=archive), raise_server_exceptions=False) as c:
        yield c


def test_without_an_archive_the_archive_routes_say_503(client: TestClient) -> None:
    for path in ("/api/quotes", "/api/speakers", "/api/claims", "/api/stats", "/api/network"):
        assert "no archive" in assert_error(client.get(path), 503)["error"]


def test_stats_are_the_stores(served: TestClient, archive: Store) -> None:  # noqa: F811
    assert served.get("/api/stats").json() == archive.stats().model_dump()


def test_quotes_paginate(served: TestClient, archive: Store) -> None:  # noqa: F811
    total = archive.stats().quotes
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = served.get("/api/quotes", params={"limit": 4, "offset": offset}).json()
        assert len(page["items"]) <= 4 and page["limit"] == 4 and page["offset"] == offset
        seen += [q["id"] for q in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == total


def test_quote_filters_are_the_clis(served: TestClient, archive: Store) -> None:  # noqa: F811
    top = archive.top_speakers(limit=1)[0]
    surname = top.name.split()[-1]
    by_speaker = served.get("/api/quotes", params={"speaker": surname, "limit": 500}).json()["items"]
    assert by_speaker and {q["speaker_id"] for q in by_speaker} == {top.id}
    assert [q["id"] for q in by_speaker] == [q.id for q in archive.quotes(speaker=surname, limit=500)]
    outlet = by_speaker[0]["outlet"]
    by_outlet = served.get("/api/quotes", params={"source": outlet, "limit": 500}).json()["items"]
    assert by_outlet and all(q["outlet"] == outlet for q in by_outlet)
    day = by_speaker[0]["published"][:10]
    on_day = served.get("/api/quotes", params={"since": day, "until": day, "limit": 500}).json()["items"]
    assert on_day and all(q["published"][:10] == day for q in on_day)
    word = max(by_speaker[0]["content"].split(), key=len).strip('.,"“”')
    found = served.get("/api/quotes", params={"search": word}).json()["items"]
    assert by_speaker[0]["id"] in [q["id"] for q in found]
    denies = served.get("/api/quotes", params={"polarity": "denies", "limit": 500}).json()["items"]
    assert all(q["polarity"] == "denies" for q in denies)


QUERIES = [
    "", "limit=3", "limit=0", "limit=501", "limit=abc", "limit=", "limit=1.5", "offset=-1", "offset=2000000",
    "since=0", "since=2024-13-01", "since=2000-01-01&until=2100-01-01&limit=2", "polarity=denies", "polarity=maybe",
    "search=%22a+b%22", "speaker=", "limit=2&limit=3", "unknown=1&limit=1", "search=" + "x" * 501, "limit=2&offset=1",
]  # fmt: skip


def test_quotes_route_answers_as_fastapis_own(archive: Store) -> None:  # noqa: F811
    """/api/quotes reads its query in one pydantic call (QueryRoute): the same answers, errors and OpenAPI document
    as FastAPI's own route class over the same endpoint."""
    from fastapi.routing import APIRoute

    from sayso import api

    plain = create_app(settings(), store=archive)
    for route in plain.router.routes:
        if getattr(route, "path", "") == "/api/quotes":
            assert isinstance(route, api.QueryRoute)
            index = plain.router.routes.index(route)
            plain.router.routes[index] = APIRoute(
                route.path, route.endpoint, response_model=route.response_model, tags=route.tags,
                responses=route.responses, methods=route.methods,
            )  # fmt: skip
    with TestClient(plain, raise_server_exceptions=False) as theirs, TestClient(
        create_app(settings(), store=archive), raise_server_exceptions=False
    ) as ours:
        assert ours.get("/openapi.json").json() == theirs.get("/openapi.json").json()
        codes = set()
        for query in QUERIES:
            a, b = ours.get(f"/api/quotes?{query}"), theirs.get(f"/api/quotes?{query}")
            assert (a.status_code, a.headers["content-type"], a.text) == (
                b.status_code, b.headers["content-type"], b.text
            ), query  # fmt: skip
            codes.add(a.status_code)
        assert codes == {200, 422}


def test_archive_questions_in_the_event_loop_answer_as_in_threads(
    served: TestClient, archive: Store, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """SAYSO_DB_THREADS=0: the archive routes run in the event loop, with the same answers as in their threads."""
    from sayso import api

    surname = archive.top_speakers(limit=1)[0].name.split()[-1]
    asked = ["/api/quotes?limit=7", f"/api/quotes?speaker={surname}", "/api/quotes?limit=0", "/api/speakers"]
    threaded = [(r.status_code, r.text) for r in map(served.get, asked)]
    monkeypatch.setenv("SAYSO_DB_THREADS", "0")
    with TestClient(create_app(settings(), store=archive), raise_server_exceptions=False) as inline:
        assert [(r.status_code, r.text) for r in map(inline.get, asked)] == threaded
        assert None in api._LIMITERS.values() and len(threaded[0][1]) > 100  # this loop's: none


def test_quotes_are_written_as_pydantic_writes_the_page(served: TestClient, archive: Store) -> None:  # noqa: F811
    """/api/quotes writes its rows as JSON itself (no QuoteHit built per row): byte for byte the Page pydantic
    would write, non-ASCII text, nulls, spans and floats included."""
    from sayso.archive import page_of

    surname = archive.top_speakers(limit=1)[0].name.split()[-1]
    pages = [{}, {"limit": 3}, {"limit": 2, "offset": 5}, {"speaker": surname}, {"polarity": "denies"}, {"limit": 500}]
    texts = ""
    for params in pages:
        limit, offset = int(params.get("limit", 50)), int(params.get("offset", 0))
        filters = {k: v for k, v in params.items() if k not in ("limit", "offset")}
        expected = page_of(archive.quotes(**filters, limit=limit + 1, offset=offset), limit, offset).model_dump_json()
        assert served.get("/api/quotes", params=params).text == expected, params
        texts += expected
    assert not texts.isascii() and '"title":null' in texts and '"next_offset":null' in texts
    assert re.search(r'"next_offset":\d', texts) and re.search(r'"confidence":0\.\d', texts)


def test_query_route_takes_only_query_parameters() -> None:
    from fastapi import FastAPI

    from sayso.api import ArchiveStore, QueryRoute

    app = FastAPI()

    def by_id(store: ArchiveStore, item_id: str) -> None: ...

    with pytest.raises(TypeError, match="only the archive and query"):
        app.router.add_api_route("/x/{item_id}", by_id, route_class_override=QueryRoute)


@pytest.mark.parametrize(
    "params", [{"since": "yesterday"}, {"limit": 0}, {"limit": 10_000}, {"offset": -1}, {"polarity": "maybe"}]
)
def test_bad_quote_filters_give_422(served: TestClient, params: dict[str, Any]) -> None:
    assert_error(served.get("/api/quotes", params=params), 422)


def test_speakers(served: TestClient, archive: Store) -> None:  # noqa: F811
    page = served.get("/api/speakers", params={"limit": 3}).json()
    assert [s["id"] for s in page["items"]] == [s.id for s in archive.top_speakers(limit=3)]
    top = page["items"][0]
    named = served.get("/api/speakers", params={"name": top["name"]}).json()["items"]
    assert top["id"] in [s["id"] for s in named]
    detail = served.get(f"/api/speakers/{top['id']}").json()
    assert detail["speaker"]["name"] == top["name"] and len(detail["quotes"]) == top["quotes"]
    assert "no speaker" in assert_error(served.get("/api/speakers/nobody-at-all"), 404)["error"]
    assert_error(served.get("/api/speakers/nobody-at-all/claims"), 404)


def test_claims_and_a_claim(served: TestClient, archive: Store) -> None:  # noqa: F811
    every = served.get("/api/claims", params={"limit": 500}).json()["items"]
    assert len(every) == archive.stats().claims
    disputed = served.get("/api/claims", params={"disputed": "true", "limit": 500}).json()["items"]
    assert all(any(d["stance"] == "refutes" for d in c["disputes"]) for c in disputed)
    for item in every[:5]:
        claim = served.get(f"/api/claims/{item['id']}").json()
        assert claim["text"] == item["text"]
        asserting = {s["quote_id"] for s in claim["statements"] if s["stance"] == "asserts"}
        assert asserting == set(item["quote_ids"])
        assert sum(p["statements"] for p in claim["timeline"]) == len(claim["statements"])
    assert_error(served.get("/api/claims/no-such-claim"), 404)
    assert_error(served.get("/api/claims/abc:def"), 404)


def test_disputed_claim_has_refuting_statements(served: TestClient, shared_dir: Any) -> None:
    disputed = served.get("/api/claims", params={"disputed": "true"}).json()["items"]
    assert disputed, "the model case's claim is disputed"
    claim = served.get(f"/api/claims/{disputed[0]['id']}").json()
    refuters = {s["speaker"]["name"] for s in claim["statements"] if s["stance"] == "refutes"}
    wanted = {s["name"] for d in disputed[0]["disputes"] for s in d["disputed_by"]}
    assert refuters and refuters <= wanted
    network = served.get("/api/network").json()
    pairs = {(e["source"], e["target"]) for e in network["edges"]}
    claimant = disputed[0]["claimant"]["id"]
    assert any(target == claimant for _, target in pairs)


# --- fuzzing with schemathesis against the service's own OpenAPI document -------------------------------------


@pytest.fixture(scope="module")
def api_schema(archive: Store) -> Any:  # noqa: F811
    app = create_app(dataclasses.replace(settings(), max_body_bytes=LIMIT), store=archive)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


fuzz_schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fuzzed URLs must not reach the network: every name lookup fails."""

    def no_lookup(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "lookups are off in this test")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)


@fuzz_schema.parametrize()
@hsettings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_fuzz_api(case: Any, offline: None) -> None:
    # A request can be valid and still name an article that cannot be had (an unreachable URL: 400) or a speaker
    # or claim that is not there (404), so the check that every schema-valid request gets a 2xx is left out;
    # every other check runs.
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])


def test_sayso_serve_binds_loopback_by_default(tmp_path: Any) -> None:
    """The real command: it serves the archive, and it listens on 127.0.0.1 only."""
    import subprocess
    import sys
    import time

    import httpx
    import psutil

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = f"sqlite:///{tmp_path / 'served.db'}"
    server = subprocess.Popen([sys.executable, "-m", "sayso.cli", "serve", "--db", db, "--port", str(port)])
    try:
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None, "the server exited"
            assert time.monotonic() < deadline, "the server did not answer"
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert health.json()["store"] is True
        assert httpx.get(f"http://127.0.0.1:{port}/api/stats").json()["quotes"] == 0
        listening = [c.laddr for c in psutil.Process(server.pid).net_connections("tcp") if c.status == "LISTEN"]
        assert listening and all(addr.ip == "127.0.0.1" for addr in listening)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_sayso_serve_with_a_bad_database_says_one_line(tmp_path: Any) -> None:
    import subprocess
    import sys

    missing = tmp_path / "no-such-folder" / "x.db"
    run = subprocess.run(
        [sys.executable, "-m", "sayso.cli", "serve", "--db", f"sqlite:///{missing}"], capture_output=True, text=True
    )
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "does not exist" in run.stderr and "Traceback" not in run.stderr


def test_sayso_serve_workers_each_take_a_share_of_the_connections(tmp_path: Any) -> None:
    """`sayso serve --workers 2`: a socket per process on the same port (SO_REUSEPORT), so that kept-alive
    connections are spread over the processes (uvicorn's shared socket gave one of two workers 41 of 50); every
    process answers, listens on 127.0.0.1 only, and stops with the command."""
    import subprocess
    import sys
    import time

    import httpx
    import psutil

    if not hasattr(socket, "SO_REUSEPORT"):
        pytest.skip("no SO_REUSEPORT here: uvicorn's workers serve")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = f"sqlite:///{tmp_path / 'served.db'}"
    cmd = [sys.executable, "-m", "sayso.cli", "serve", "--db", db, "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(cmd)
    clients: list[httpx.Client] = []
    try:
        deadline = time.monotonic() + 300

        def listening_workers() -> list[psutil.Process]:  # (multiprocessing's resource tracker is a child too)
            children = psutil.Process(server.pid).children()
            return [p for p in children if any(c.status == "LISTEN" for c in p.net_connections("tcp"))]

        while len(workers := listening_workers()) < 2:  # both listening: each has loaded its models
            assert server.poll() is None, "the server exited"
            assert time.monotonic() < deadline, "the workers did not listen"
            time.sleep(0.5)
        clients = [httpx.Client(base_url=f"http://127.0.0.1:{port}") for _ in range(48)]
        assert all(c.get("/api/health").json()["store"] is True for c in clients)  # each keeps its connection
        held = [sum(c.status == "ESTABLISHED" for c in p.net_connections("tcp")) for p in workers]
        assert sum(held) == 48 and max(held) <= 40, held  # by address hash: 24 each give or take (40: p < 1e-5)
        listening = [c.laddr for p in workers for c in p.net_connections("tcp") if c.status == "LISTEN"]
        assert len(listening) == 2 and all(addr.ip == "127.0.0.1" and addr.port == port for addr in listening)
    finally:
        for c in clients:
            c.close()
        server.terminate()
        server.wait(timeout=60)
    assert not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in workers)
