"""Server-rendered pages (Jinja2 templates, static files and the vendored Vega libraries in this package).

No JavaScript build step and nothing from a CDN: the pages work offline. Every page is a thin layer
over the same functions as the API.
"""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from sayso.errors import SaysoError

HERE = Path(__file__).resolve().parent


def _common(request: Request) -> dict[str, Any]:
    return {"has_store": getattr(request.app.state, "store", None) is not None}


templates = Jinja2Templates(directory=str(HERE / "templates"), context_processors=[_common])


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, error: str) -> Response:
    context = {"status": status, "phrase": HTTPStatus(status).phrase, "error": error}
    return page(request, "error.html", context, status)


def api_page(request: Request, openapi: dict[str, Any]) -> Response:
    endpoints = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""), "doc": op.get("description", "")}
        for path, ops in openapi.get("paths", {}).items()
        for method, op in ops.items()
    ]
    return page(request, "api.html", {"endpoints": endpoints})


def install(app: FastAPI) -> None:
    """Add the pages and the static files to the service."""
    from sayso.api import analyze_input
    from sayso.web import archive_pages
    from sayso.web.views import analysis_view

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    archive_pages.install(app)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> Response:
        return page(request, "analyze.html", {"text": "", "url": "", "view": None, "error": None})

    @app.post("/", response_class=HTMLResponse, include_in_schema=False)
    def analyze_form(
        request: Request, text: Annotated[str, Form()] = "", url: Annotated[str, Form()] = ""
    ) -> Response:
        context: dict[str, Any] = {"text": text, "url": url, "view": None, "error": None}
        given_text, given_url = (text if text.strip() else None), (url.strip() or None)
        if (given_text is None) == (given_url is None):
            context["error"] = "Paste an article's text or give its URL (one of the two)."
            return page(request, "analyze.html", context, 400)
        try:
            analysis = analyze_input(given_text, given_url, app.state.settings)
        except SaysoError as exc:
            context["error"] = str(exc)
            return page(request, "analyze.html", context, 400)
        context["view"] = analysis_view(analysis)
        return page(request, "analyze.html", context)
