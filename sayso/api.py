"""The REST API (FastAPI): a thin layer over the library and the store; every error is one JSON body.

``create_app(settings)`` builds the whole service, the API under ``/api`` and the pages of ``sayso.web``;
``sayso serve`` runs it with uvicorn. The OpenAPI document is at ``/openapi.json``.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import sayso
from sayso.config import Settings
from sayso.config import settings as default_settings
from sayso.errors import InputError, RefusedURLError, SaysoError
from sayso.model import Analysis

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
    code: {"model": ErrorBody, "description": HTTPStatus(code).phrase} for code in (400, 413, 422, 500)
}


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
    return 400 if isinstance(exc, InputError) else 500


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
    """Load the language pipeline and the tagger now, so that the first request does not wait for them."""
    analyze_input('"Ready," the service said.', None, default_settings())


@asynccontextmanager
async def _warming(app: FastAPI) -> AsyncIterator[None]:
    await asyncio.to_thread(warm_up)
    yield


def create_app(config: Settings | None = None, *, db: str | None = None, warm: bool = False) -> FastAPI:
    """The service: the API under /api, the pages at /, the packaged static files under /static.

    ``warm``: load the models at start-up (``sayso serve`` does) rather than on the first analysis.
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
    app.state.db = db
    _install_error_handlers(app)
    app.add_middleware(BodyLimit, limit=config.max_body_bytes)

    @app.get("/api/health", response_model=Health, tags=["service"])
    def health() -> Health:
        """Whether the service is up, its version, and whether it has an archive."""
        return Health(ok=True, version=sayso.__version__, store=db is not None)

    @app.post("/api/analyze", response_model=Analysis, response_model_exclude_none=False, tags=["analyze"])
    def analyze(body: AnalyzeRequest) -> Analysis:
        """Who said what in one article given as text or as a public URL."""
        return analyze_input(body.text, body.url, config)

    from sayso import web

    web.install(app)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_index(request: Request) -> Response:
        return web.api_page(request, app.openapi())

    return app
