"""The archive's pages: search, a speaker, claims, a claim, who disputes whom. Each reads the same store and
``sayso.archive`` functions as the matching /api route."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, get_args
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from sayso.archive import claim_detail, claim_item, dispute_network, speaker_claims
from sayso.model import Polarity
from sayso.store import Store
from sayso.web import page
from sayso.web.charts import claim_timeline, network_graph, speaker_timeline

PAGE_SIZE = 50
POLARITIES = get_args(Polarity)


async def _store(request: Request) -> Store:
    from sayso.api import store_of

    return store_of(request)


PageStore = Annotated[Store, Depends(_store)]


def _day(value: str, what: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


def _pager(request: Request, offset: int, more: bool) -> dict[str, str | None]:
    params = dict(request.query_params)

    def link(to: int) -> str:
        return "?" + urlencode({**params, "offset": str(to)})

    return {
        "prev": link(max(0, offset - PAGE_SIZE)) if offset > 0 else None,
        "next": link(offset + PAGE_SIZE) if more else None,
    }


def install(app: FastAPI) -> None:
    @app.get("/archive", response_class=HTMLResponse, include_in_schema=False)
    def archive(
        request: Request, store: PageStore, q: str = "", speaker: str = "", source: str = "", since: str = "",
        until: str = "", polarity: str = "", offset: int = 0,
    ) -> Response:  # fmt: skip
        if polarity and polarity not in POLARITIES:
            raise HTTPException(422, f"polarity: {polarity!r} is not one of {', '.join(POLARITIES)}")
        offset = max(0, offset)
        filters: dict[str, Any] = {
            "search": q or None, "speaker": speaker or None, "source": source or None,
            "since": _day(since, "since"), "until": _day(until, "until"), "polarity": polarity or None,
        }  # fmt: skip
        searching = any(v is not None for v in filters.values())
        rows = store.quotes(**filters, limit=PAGE_SIZE + 1, offset=offset)
        form = {"q": q, "speaker": speaker, "source": source, "since": since, "until": until, "polarity": polarity}
        context = {
            "form": form,
            "polarities": POLARITIES,
            "rows": rows[:PAGE_SIZE],
            "offset": offset,
            "pager": _pager(request, offset, len(rows) > PAGE_SIZE),
            "searching": searching,
            "stats": store.stats(),
            "top": [] if searching else store.top_speakers(limit=15),
        }
        return page(request, "archive.html", context)

    @app.get("/speakers/{speaker_id}", response_class=HTMLResponse, include_in_schema=False)
    def speaker(request: Request, store: PageStore, speaker_id: str) -> Response:
        found = store.speaker(speaker_id, limit=500)
        if found is None:
            raise HTTPException(404, f"no speaker {speaker_id!r}")
        claims = speaker_claims(store, speaker_id, [q.article_id for q in found.quotes])
        context = {"detail": found, "claims": claims, "chart": speaker_timeline(found.quotes)}
        return page(request, "speaker.html", context)

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims(request: Request, store: PageStore, all: bool = False, offset: int = 0) -> Response:
        offset = max(0, offset)
        rows = store.claims(disputed=None if all else True, limit=PAGE_SIZE + 1, offset=offset)
        context = {
            "rows": [claim_item(r) for r in rows[:PAGE_SIZE]],
            "all": all,
            "pager": _pager(request, offset, len(rows) > PAGE_SIZE),
        }
        return page(request, "claims.html", context)

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
    def claim(request: Request, store: PageStore, claim_id: str) -> Response:
        found = claim_detail(store, claim_id)
        if found is None:
            raise HTTPException(404, f"no claim {claim_id!r}")
        return page(request, "claim.html", {"claim": found, "chart": claim_timeline(found)})

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network(request: Request, store: PageStore) -> Response:
        graph = dispute_network(store)
        names = {n.id: n for n in graph.nodes}
        edges = sorted(graph.edges, key=lambda e: -e.claims)
        context = {"network": graph, "names": names, "edges": edges, "chart": network_graph(graph)}
        return page(request, "network.html", context)
