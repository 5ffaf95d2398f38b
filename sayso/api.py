"""The REST API (FastAPI): a thin layer over the library and the store; every error is one JSON body.

``create_app(settings)`` builds the whole service, the API under ``/api`` and the pages of ``sayso.web``;
``sayso serve`` runs it with uvicorn. The OpenAPI document is at ``/openapi.json``.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import inspect
import re
import threading
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from datetime import date
from http import HTTPStatus
from typing import Annotated, Any, ParamSpec, TypeVar, get_type_hints

import anyio
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, create_model, model_validator
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import sayso
from sayso.archive import (
    ClaimDetail,
    ClaimItem,
    Network,
    Page,
    SpeakerClaims,
    claim_detail,
    claim_item,
    dispute_network,
    page_of,
    speaker_claims,
)
from sayso.config import Settings
from sayso.config import settings as default_settings
from sayso.errors import InputError, RefusedURLError, SaysoError, StoreError
from sayso.model import Analysis, Polarity
from sayso.store import QuoteHit, SpeakerDetail, SpeakerSummary, Stats, Store

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
_ANALYZE_LOCK = threading.Lock()  # one analysis at a time: the pipeline's models are shared by the threads


def _one_of_schema(schema: dict[str, Any]) -> None:
    """In the OpenAPI document: each field a non-null string, and exactly one of them given."""
    for name in ("text", "url"):
        prop = schema["properties"][name]
        prop.update(next(s for s in prop.pop("anyOf", []) if s.get("type") == "string"))
        prop.pop("default", None)
    schema["oneOf"] = [{"required": ["text"]}, {"required": ["url"]}]


class AnalyzeRequest(BaseModel):
    """An article to analyze: its text (plain text or HTML), or a public http(s) URL to fetch."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_one_of_schema)

    text: str | None = Field(default=None, min_length=1, description="The article: plain text or HTML.")
    url: str | None = Field(
        default=None, min_length=1, max_length=4096, pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://\S+$",
        description="A public http(s) URL of the article.",
    )

    @model_validator(mode="before")
    @classmethod
    def _no_nulls(cls, data: Any) -> Any:
        if isinstance(data, dict) and any(data.get(k, "") is None for k in ("text", "url")):
            raise ValueError("'text' and 'url' are strings; leave out the one not given")
        return data

    @model_validator(mode="after")
    def _one_of(self) -> AnalyzeRequest:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of 'text' or 'url'")
        return self


class ErrorBody(BaseModel):
    ok: bool = False
    error: str
    status: int


class Health(BaseModel):
    ok: bool
    version: str
    store: bool


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": HTTPStatus(code).phrase} for code in (400, 413, 422, 500, 503)
}


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "Not Found"}}


def error_body(status: int, error: str) -> dict[str, Any]:
    return {"ok": False, "error": error, "status": status}


def analyze_input(text: str | None, url: str | None, config: Settings) -> Analysis:
    """The Analysis of an article given as text or as a URL (fetched only from a public address)."""
    from sayso.ingest import fetch_url, read_text
    from sayso.pipeline import analyze_article

    try:
        article = read_text(text) if text is not None else fetch_url(url or "", allow_private=config.allow_private_urls)
    except RefusedURLError as exc:  # the CLI's hint (--allow-private) is no use to a client of the service
        raise RefusedURLError(exc.source, "refused: private or loopback address") from None
    with _ANALYZE_LOCK:
        return analyze_article(article)


def _status_of(exc: SaysoError) -> int:
    if isinstance(exc, InputError):
        return 400
    return 503 if isinstance(exc, StoreError) else 500


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def _error_response(request: Request, status: int, error: str, headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        from sayso.web import error_page

        return error_page(request, status, error)
    return JSONResponse(error_body(status, error), status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return _error_response(request, exc.status_code, detail, getattr(exc, "headers", None))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _error_response(request, 422, _validation_message(exc))

    async def sayso_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SaysoError)
        return _error_response(request, _status_of(exc), str(exc))

    async def server_error(request: Request, exc: Exception) -> Response:
        return _error_response(request, 500, f"internal error ({type(exc).__name__})")

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(SaysoError, sayso_error)
    app.add_exception_handler(Exception, server_error)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413, by Content-Length or as they stream in."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"request body over the limit of {self.limit} bytes"
        length = dict(scope.get("headers", [])).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.limit:
            await JSONResponse(error_body(413, message), status_code=413)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            msg = await receive()
            seen += len(msg.get("body", b""))
            if seen > self.limit:
                raise HTTPException(413, message)
            return msg

        await self.app(scope, counted, send)


def warm_up() -> None:
    """Load the language pipeline, the tagger and the first-name genders now, so that the first request does not
    wait for them (the genders load on the first person without a title: 1.8 s of the first analysis)."""
    from sayso.speaker_names import gender_of

    analyze_input('"Ready," the service said.', None, default_settings())
    gender_of("Maria Keller", "")


@asynccontextmanager
async def _warming(app: FastAPI) -> AsyncIterator[None]:
    await asyncio.to_thread(warm_up)
    settle_heap()
    yield


def settle_heap() -> None:
    """Collect once, then move every object left (the language pipeline, the tagger, the app: some millions) out
    of the garbage collector's sight (``gc.freeze``): a full collection otherwise walks them all, a pause of
    100 ms to 500 ms that every request in flight waits out (with 50 clients, more than one search in a hundred).
    The objects made from here on are collected as before."""
    gc.collect()
    gc.freeze()


def create_app(config: Settings | None = None, *, store: Store | None = None, warm: bool = False) -> FastAPI:
    """The service: the API under /api, the pages at /, the packaged static files under /static.

    ``store``: the archive that /api/quotes, /api/speakers, /api/claims, /api/stats and their pages read (without
    one they answer 503). ``warm``: load the models at start-up (``sayso serve`` does), not on the first analysis.
    """
    config = config or default_settings()
    app = FastAPI(
        lifespan=_warming if warm else None,
        title="sayso",
        version=sayso.__version__,
        description="Who said what in news articles, and who disputes it.",
        docs_url=None,  # Swagger UI would load from a CDN; the pages must work offline (see /api)
        redoc_url=None,
        responses=ERRORS,
    )
    app.state.settings = config
    app.state.store = store
    _install_error_handlers(app)
    app.add_middleware(BodyLimit, limit=config.max_body_bytes)

    @app.get("/api/health", response_model=Health, tags=["service"])
    def health() -> Health:
        """Whether the service is up, its version, and whether it has an archive."""
        return Health(ok=True, version=sayso.__version__, store=store is not None)

    @app.post("/api/analyze", response_model=Analysis, response_model_exclude_none=False, tags=["analyze"])
    def analyze(body: AnalyzeRequest) -> Analysis:
        """Who said what in one article given as text or as a public URL."""
        return analyze_input(body.text, body.url, config)

    _archive_routes(app)
    from sayso import web

    web.install(app)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_index(request: Request) -> Response:
        return web.api_page(request, app.openapi())

    return app


def app_from_settings() -> FastAPI:
    """The app each process of `sayso serve --workers N` runs: the archive at SAYSO_DB, models loaded at start."""
    from sayso.store import open_store

    return create_app(default_settings(), store=open_store(), warm=True)


def as_json(model: BaseModel) -> Response:
    """The model as the response, serialized once: the route's response_model documents it, and FastAPI does not
    validate a model it has just been given again (about half of a search's time in the service)."""
    return Response(model.model_dump_json(), media_type="application/json")


def page_json(items: list[bytes], limit: int, offset: int) -> Response:
    """A Page (``page_of``) of items already in their JSON form, written as pydantic writes the Page (compact, in
    the Page's field order): no model to build and validate row by row, no dict to dump."""
    following = b"%d" % (offset + limit) if len(items) > limit else b"null"
    rows = b",".join(items[:limit])
    body = b'{"items":[%b],"limit":%d,"offset":%d,"next_offset":%b}' % (rows, limit, offset, following)
    return Response(body, media_type="application/json")


async def get_store(request: Request) -> Store:  # async: a dependency that only looks up needs no thread
    return store_of(request)


def store_of(request: Request) -> Store:
    store: Store | None = request.app.state.store
    if store is None:
        raise HTTPException(503, "this service has no archive (start it with sayso serve --db URL)")
    return store


ArchiveStore = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="How many on one page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="How many to skip.")]
Words = Annotated[str | None, Query(max_length=500)]


def _iso_day(value: Any) -> Any:
    """Only YYYY-MM-DD (pydantic alone would take '0' as a Unix time)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("a date is YYYY-MM-DD")
    return value


Day = Annotated[date | None, BeforeValidator(_iso_day), Query(description="A publication date, YYYY-MM-DD.")]


P = ParamSpec("P")
R = TypeVar("R")
_LIMITERS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter | None] = (
    weakref.WeakKeyDictionary()
)


def _db_limiter() -> anyio.CapacityLimiter | None:
    """The event loop's limiter of archive questions at once (SAYSO_DB_THREADS); None: in the loop itself."""
    loop = asyncio.get_running_loop()
    if loop not in _LIMITERS:
        threads = default_settings().db_threads
        _LIMITERS[loop] = anyio.CapacityLimiter(threads) if threads else None
    return _LIMITERS[loop]


def in_db_threads(route: Callable[P, R]) -> Callable[P, Awaitable[R]]:
    """A route that asks the archive, run in a thread of its own few (not the 40 of the shared pool): as many
    questions at once as the cores can answer, each on a connection the pool keeps, the rest queued in order.
    With SAYSO_DB_THREADS=0, run in the event loop (the hand-off to a thread and back, a queue, a lock and a
    wake-up of the loop, was about a quarter of the Python time of a quote search in the service)."""

    @functools.wraps(route)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R:
        limiter = _db_limiter()
        if limiter is None:
            return route(*args, **kwargs)
        return await anyio.to_thread.run_sync(functools.partial(route, *args, **kwargs), limiter=limiter)

    return run


class QueryRoute(APIRoute):
    """A route whose parameters are the archive and query parameters only, read and validated in one pydantic call
    (a model of the endpoint's own annotated parameters) instead of FastAPI's dependency solving, parameter by
    parameter (about a millisecond of CPU per search in the service). The OpenAPI document, the validation rules
    and the 422 errors (located in "query") are those FastAPI gives for the same signature."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, endpoint, **kwargs)
        if self.dependant.path_params or self.dependant.body_params or self.dependant.header_params:
            raise TypeError(f"{path}: QueryRoute takes only the archive and query parameters")
        route = inspect.unwrap(endpoint)
        hints = get_type_hints(route, include_extras=True)
        fields: dict[str, Any] = {}
        self.store_param: str | None = None
        for name, param in inspect.signature(route).parameters.items():
            if hints[name] == ArchiveStore:
                self.store_param = name
                continue
            if param.default is inspect.Parameter.empty:
                raise TypeError(f"{path}: QueryRoute needs a default for the query parameter {name!r}")
            fields[name] = (hints[name], param.default)
        if {p.name for p in self.dependant.query_params} != set(fields):
            raise TypeError(f"{path}: QueryRoute takes only the archive and query parameters")
        self.query_model: type[BaseModel] = create_model(f"{route.__name__}_query", **fields)
        self.fields = frozenset(fields)
        self.endpoint_call = endpoint

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        async def handle(request: Request) -> Response:
            store = {self.store_param: store_of(request)} if self.store_param else {}
            query = request.query_params
            try:
                given = self.query_model.model_validate({k: query[k] for k in query if k in self.fields})
            except ValidationError as exc:
                errors = [{**e, "loc": ("query", *e["loc"])} for e in exc.errors(include_url=False)]
                raise RequestValidationError(errors) from None
            response: Response = await self.endpoint_call(**store, **given.__dict__)
            return response

        return handle


def _archive_routes(app: FastAPI) -> None:
    """The archive's questions: each route calls one store (or sayso.archive) function and adds nothing."""

    @in_db_threads
    def quotes(
        store: ArchiveStore, speaker: Words = None, search: Words = None, since: Day = None,
        until: Day = None, source: Words = None, polarity: Polarity | None = None, limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response:  # fmt: skip
        """Statements, newest ingested first, with the filters of `sayso quotes`: speaker (words of a name),
        search (words or "a phrase"), since/until (publication dates, inclusive), source (the outlet), polarity."""
        rows = store.quote_json(
            speaker=speaker, search=search, since=since, until=until, source=source, polarity=polarity,
            limit=limit + 1, offset=offset,
        )  # fmt: skip
        return page_json(rows, limit, offset)

    app.router.add_api_route(
        "/api/quotes", quotes, methods=["GET"], response_model=Page[QuoteHit], tags=["archive"],
        route_class_override=QueryRoute,
    )  # fmt: skip

    @app.get("/api/speakers", response_model=Page[SpeakerSummary], tags=["archive"])
    @in_db_threads
    def speakers(
        store: ArchiveStore, name: Words = None, source: Words = None, limit: Limit = 20, offset: Offset = 0
    ) -> Response:
        """The most quoted speakers (in one outlet when given), or those one of whose names has the words of name."""
        if name:
            return as_json(page_of(store.find_speakers(name, limit=offset + limit + 1)[offset:], limit, offset))
        return as_json(page_of(store.top_speakers(limit=limit + 1, offset=offset, source=source), limit, offset))

    @app.get("/api/speakers/{speaker_id}", response_model=SpeakerDetail, tags=["archive"], responses=NOT_FOUND)
    @in_db_threads
    def speaker(store: ArchiveStore, speaker_id: str, limit: Limit = 50, offset: Offset = 0) -> Response:
        """One speaker (names, roles over time) with their statements, newest ingested first."""
        found = store.speaker(speaker_id, limit=limit, offset=offset)
        if found is None:
            raise HTTPException(404, f"no speaker {speaker_id!r}")
        return as_json(found)

    @app.get("/api/speakers/{speaker_id}/claims", response_model=SpeakerClaims, tags=["archive"], responses=NOT_FOUND)
    @in_db_threads
    def claims_of_speaker(store: ArchiveStore, speaker_id: str) -> Response:
        """The claims the speaker makes and those they refute, in their latest articles."""
        found = store.speaker(speaker_id, limit=500)
        if found is None:
            raise HTTPException(404, f"no speaker {speaker_id!r}")
        return as_json(speaker_claims(store, speaker_id, [q.article_id for q in found.quotes]))

    @app.get("/api/claims", response_model=Page[ClaimItem], tags=["archive"])
    @in_db_threads
    def claims(
        store: ArchiveStore, disputed: bool | None = None, article_id: Words = None, limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response:  # fmt: skip
        """Claims with the disputes linked to them, newest article first; disputed=true: only refuted claims."""
        rows = store.claims(disputed=disputed, article_id=article_id, limit=limit + 1, offset=offset)
        return as_json(page_of([claim_item(r) for r in rows], limit, offset))

    @app.get("/api/claims/{claim_id}", response_model=ClaimDetail, tags=["archive"], responses=NOT_FOUND)
    @in_db_threads
    def claim(store: ArchiveStore, claim_id: str) -> Response:
        """One claim: its statements, each with its stance (asserts, refutes, supports), and their timeline."""
        found = claim_detail(store, claim_id)
        if found is None:
            raise HTTPException(404, f"no claim {claim_id!r}")
        return as_json(found)

    @app.get("/api/network", response_model=Network, tags=["archive"])
    @in_db_threads
    def network(store: ArchiveStore) -> Response:
        """Who refutes whose claims: speakers as nodes, an edge from the one who refutes to the claimant."""
        return as_json(dispute_network(store))

    @app.get("/api/stats", response_model=Stats, tags=["archive"])
    @in_db_threads
    def stats(store: ArchiveStore) -> Response:
        """Counts: articles, statements, speakers, claims, disputes, failed inputs."""
        return as_json(store.stats())
