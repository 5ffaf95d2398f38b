"""The pages in a real browser: Debian's chromium driven by Playwright against the real server on loopback.

Screenshots go to test-artifacts/ (or SAYSO_ARTIFACTS); the folder is printed in the test output.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from archive_fixtures import archive, archive_url  # noqa: F401 - fixtures

from sayso.store import Store

CHROMIUM = Path(os.environ.get("SAYSO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
MODEL_CASE_STATEMENTS = 13

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is in the dev extra (make test)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(archive: Store) -> Iterator[str]:  # noqa: F811 - a fixture
    """The real service (uvicorn, the app `sayso serve` runs) over the test archive on a free loopback port."""
    import uvicorn

    from sayso.api import create_app
    from sayso.config import settings

    port = free_port()
    app = create_app(settings(), store=archive, warm=True)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def artifacts() -> Path:
    path = Path(os.environ.get("SAYSO_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {path}")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (make test installs Debian's chromium)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    requested: list[str] = []
    pg.on("request", lambda r: requested.append(r.url))
    pg.requested = requested
    yield pg
    context.close()


def only_local(page: Any, server: str) -> None:
    outside = [u for u in page.requested if not u.startswith(server) and not u.startswith("data:")]
    assert not outside, f"the page asked for outside resources: {outside}"


def test_model_case_in_the_browser(server: str, page: Any, shared_dir: Path, artifacts: Path) -> None:
    text = (shared_dir / "examples" / "kremlin-johnson" / "article.txt").read_text(encoding="utf-8")
    page.goto(server + "/")
    page.fill("#text", text)
    started = time.monotonic()
    page.click("#analyze")
    page.wait_for_selector("#article-text")
    print(f"analyze page answered the model case in {time.monotonic() - started:.2f} s")
    statement_ids = page.eval_on_selector_all("#article-text mark.stmt", "els => els.map(e => e.dataset.q)")
    assert len(set(statement_ids)) == MODEL_CASE_STATEMENTS
    # every highlighted statement is listed beside the article under its speaker
    listed = page.eval_on_selector_all(".who li.said", "els => els.map(e => e.dataset.q)")
    assert set(listed) == set(statement_ids)
    # the hover text names speaker, cue and polarity
    title = page.get_attribute("#article-text mark.stmt[title*='denies']", "title")
    assert title and "cue: " in title and "polarity: denies" in title
    colours = page.eval_on_selector_all(
        "#article-text mark.stmt", "els => els.map(e => getComputedStyle(e).borderBottomColor)"
    )
    assert len(set(colours)) >= 3, "speakers get their own colours"
    disputes = page.locator(".dispute")
    assert disputes.count() == 1
    assert "Johnson" in disputes.locator(".asserted h4").inner_text()
    assert disputes.locator(".disputed li").count() >= 1 and disputes.locator(".asserted li").count() >= 1
    page.screenshot(path=str(artifacts / "analyze-model-case.png"), full_page=True)
    only_local(page, server)


def test_article_html_is_shown_as_text(server: str, page: Any, artifacts: Path) -> None:
    alerts: list[str] = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    text = '<script>alert("pwned")</script><img src=x onerror=alert(1)> "It is a lie," the spokesman, Tom Smith, said.'
    page.goto(server + "/")
    page.fill("#text", text)
    page.click("#analyze")
    page.wait_for_selector("#article-text")
    shown = page.inner_text("#article-text")
    assert '<script>alert("pwned")</script>' in shown and "<img src=x" in shown
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert not alerts
    assert page.locator("#article-text mark.stmt").count() >= 1
    page.screenshot(path=str(artifacts / "analyze-escaped-html.png"), full_page=True)


def test_error_page_in_the_browser(server: str, page: Any) -> None:
    response = page.goto(server + "/no-such-page")
    assert response is not None and response.status == 404
    assert "404" in page.inner_text("h1")


def chart_marks(page: Any, selector: str = ".chart") -> int:
    """How many data marks (not axes or legends) the chart drew with a visible size, once it says it is drawn."""
    page.wait_for_selector(f"{selector}[data-drawn]", timeout=20_000)
    assert page.get_attribute(selector, "data-drawn") == "yes", page.inner_text(selector)
    visible = "els => els.map(e => e.getBoundingClientRect()).filter(r => r.width > 1 && r.height > 1).length"
    return int(page.eval_on_selector_all(f"{selector} svg g.role-mark > path", visible))


def test_archive_search(server: str, page: Any, archive: Store, artifacts: Path) -> None:  # noqa: F811
    top = archive.top_speakers(limit=1)[0]
    page.goto(server + "/archive")
    assert page.locator(".stat").first.inner_text().startswith(str(archive.stats().articles))
    page.fill("input[name=speaker]", top.name)
    page.click("#search")
    page.wait_for_selector("table.quotes")
    rows = page.locator("tr.quote-row")
    assert rows.count() == min(top.quotes, 50)
    assert all(top.name in rows.nth(i).locator("td").nth(2).inner_text() for i in range(rows.count()))
    page.screenshot(path=str(artifacts / "archive-search.png"), full_page=True)
    page.goto(server + "/archive?since=2024-04-01&until=2024-12-31")
    dates = page.eval_on_selector_all("tr.quote-row td:first-child", "els => els.map(e => e.textContent)")
    assert dates and all("2024-04-01" <= d <= "2024-12-31" for d in dates)
    only_local(page, server)


def test_speaker_page_draws_its_chart(server: str, page: Any, archive: Store, artifacts: Path) -> None:  # noqa: F811
    speaker = max(archive.top_speakers(limit=50), key=lambda s: (s.articles, s.quotes))
    page.goto(server + "/archive")
    page.click(f"a[href='/speakers/{speaker.id}']")
    page.wait_for_selector("h1")
    assert speaker.name in page.inner_text("h1")
    assert chart_marks(page) >= 1
    assert page.locator(".side.asserted li a").count() >= 1, "the claims the speaker asserts, linked"
    page.screenshot(path=str(artifacts / "speaker-page.png"), full_page=True)
    only_local(page, server)


def test_claim_page_draws_its_timeline(server: str, page: Any, artifacts: Path) -> None:
    page.goto(server + "/claims")
    if page.locator("tr.claim-row a").count() == 0:  # no disputed claim without the model case
        page.goto(server + "/claims?all=true")
    first = page.locator("tr.claim-row a").first
    text = first.inner_text()
    first.click()
    page.wait_for_selector("h1.claim-text")
    assert page.inner_text("h1.claim-text") == text
    assert chart_marks(page) >= 1
    assert page.locator("li.statement[data-stance=asserts]").count() >= 1
    page.screenshot(path=str(artifacts / "claim-page.png"), full_page=True)
    only_local(page, server)


def test_network_page(server: str, page: Any, archive: Store, shared_dir: Path, artifacts: Path) -> None:  # noqa: F811
    page.goto(server + "/network")
    assert chart_marks(page) >= 3, "two speakers and a line at least"
    assert page.locator("table.edges tbody tr").count() >= 1
    page.screenshot(path=str(artifacts / "network.png"), full_page=True)
    only_local(page, server)
