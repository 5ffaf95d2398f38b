"""The REST API: the analysis, the one JSON error body, the size limit, URL refusal; fuzzed against its OpenAPI."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck
from hypothesis import settings as hsettings

from sayso.api import create_app
from sayso.config import settings

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

fuzz_app = create_app(dataclasses.replace(settings(), max_body_bytes=LIMIT))
fuzz_schema = schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fuzzed URLs must not reach the network: every name lookup fails."""

    def no_lookup(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "lookups are off in this test")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)


@fuzz_schema.parametrize()
@hsettings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_fuzz_api(case: Any, offline: None) -> None:
    # A request can be valid and still name an article that cannot be had (an unreachable URL: 400), so the
    # check that every schema-valid request gets a 2xx is left out; every other check runs.
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])
