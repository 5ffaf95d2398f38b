"""Chart specifications (Vega-Lite, and Vega for the network) built from the archive's data; drawn in the
browser by the vendored Vega libraries (static/charts.js)."""

from __future__ import annotations

from typing import Any

from sayso.archive import ClaimDetail, Network
from sayso.store import QuoteHit

POLARITY_COLOURS = {"asserts": "#59a14f", "denies": "#e15759", "questions": "#edc948", "unknown": "#bab0ac"}
STANCE_COLOURS = {"asserts": "#59a14f", "refutes": "#e15759", "supports": "#4e79a7"}
SHORT = 160


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def _scale(colours: dict[str, str]) -> dict[str, Any]:
    return {"domain": list(colours), "range": list(colours.values())}


def _time_unit(dates: list[str]) -> str:
    """Days for a short span, months for a longer one."""
    return "utcyearmonth" if len({d[:7] for d in dates}) > 3 else "utcyearmonthdate"


def speaker_timeline(quotes: list[QuoteHit]) -> dict[str, Any] | None:
    """The speaker's statements over time, stacked by polarity; None when none has a date."""
    values = [
        {"date": q.published[:10], "polarity": q.polarity, "outlet": q.outlet or "", "words": _short(q.content)}
        for q in quotes
        if q.published
    ]
    if not values:
        return None
    unit = _time_unit([v["date"] for v in values])
    spec = {
        "width": "container",
        "height": 220,
        "autosize": {"type": "fit", "contains": "padding"},
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "date", "type": "temporal", "timeUnit": unit, "title": "published"},
            "y": {"aggregate": "count", "type": "quantitative", "title": "statements"},
            "color": {"field": "polarity", "type": "nominal", "scale": _scale(POLARITY_COLOURS)},
        },
    }
    return {"mode": "vega-lite", "spec": spec}


def claim_timeline(detail: ClaimDetail) -> dict[str, Any] | None:
    """Statements on the claim by date and outlet, coloured by stance, sized by how many; None when none is dated."""
    values = [
        {"date": p.date[:10], "outlet": p.outlet or "(no outlet)", "stance": p.stance, "statements": p.statements}
        for p in detail.timeline
        if p.date
    ]
    if not values:
        return None
    spec = {
        "width": "container",
        "height": {"step": 56},
        "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": values},
        "mark": {"type": "circle", "opacity": 0.85, "stroke": "#fff"},
        "encoding": {
            "x": {"field": "date", "type": "temporal", "title": "published", "scale": {"type": "utc", "padding": 30},
                  "axis": {"format": "%Y-%m-%d"}},
            "y": {"field": "outlet", "type": "nominal", "title": "outlet"},
            "yOffset": {"field": "stance", "type": "nominal", "scale": {"domain": list(STANCE_COLOURS)}},
            "color": {"field": "stance", "type": "nominal", "scale": _scale(STANCE_COLOURS)},
            "size": {"field": "statements", "type": "quantitative", "scale": {"range": [60, 900]},
                     "legend": None},
            "tooltip": [
                {"field": "date", "type": "temporal", "format": "%Y-%m-%d"},
                {"field": "outlet"},
                {"field": "stance"},
                {"field": "statements"},
            ],
        },
    }  # fmt: skip
    return {"mode": "vega-lite", "spec": spec}


def network_graph(network: Network, width: int = 900, height: int = 560) -> dict[str, Any] | None:
    """Who refutes whom as a force-directed graph (Vega): an edge from the one who refutes to the claimant."""
    if not network.edges:
        return None
    index = {n.id: i for i, n in enumerate(network.nodes)}
    nodes = [
        {"index": i, "name": n.name, "weight": n.disputes + n.disputed,
         "side": "mostly refutes" if n.disputes > n.disputed else "mostly refuted"}
        for i, n in enumerate(network.nodes)
    ]  # fmt: skip
    links = [{"source": index[e.source], "target": index[e.target], "claims": e.claims} for e in network.edges]
    spec = {
        "width": width,
        "height": height,
        "padding": 10,
        "autosize": "none",
        "signals": [{"name": "cx", "update": "width / 2"}, {"name": "cy", "update": "height / 2"}],
        "data": [{"name": "node-data", "values": nodes}, {"name": "link-data", "values": links}],
        "scales": [
            {"name": "side", "type": "ordinal", "domain": ["mostly refutes", "mostly refuted"],
             "range": ["#e15759", "#4e79a7"]},
            {"name": "size", "type": "sqrt", "domain": {"data": "node-data", "field": "weight"}, "range": [120, 900]},
        ],  # fmt: skip
        "legends": [{"fill": "side", "orient": "top-left", "title": "speaker"}],
        "marks": [
            {
                "name": "nodes",
                "type": "symbol",
                "zindex": 1,
                "from": {"data": "node-data"},
                "encode": {
                    "enter": {
                        "fill": {"scale": "side", "field": "side"},
                        "stroke": {"value": "#fff"},
                        "size": {"scale": "size", "field": "weight"},
                        "tooltip": {"signal": "datum.name + ' (' + datum.weight + ' disputes)'"},
                    }
                },
                "transform": [
                    {
                        "type": "force",
                        "signal": "force",
                        "iterations": 300,
                        "static": True,
                        "forces": [
                            {"force": "center", "x": {"signal": "cx"}, "y": {"signal": "cy"}},
                            {"force": "collide", "radius": 28},
                            {"force": "nbody", "strength": -120},
                            {"force": "link", "links": "link-data", "distance": 140},
                        ],
                    }
                ],
            },
            {
                "type": "path",
                "from": {"data": "link-data"},
                "interactive": False,
                "encode": {
                    "update": {
                        "stroke": {"value": "#9aa5b1"},
                        "strokeWidth": {"signal": "1 + 1.5 * sqrt(datum.claims)"},
                    }
                },
                "transform": [
                    {
                        "type": "linkpath",
                        "require": {"signal": "force"},
                        "shape": "curve",
                        "sourceX": "datum.source.x",
                        "sourceY": "datum.source.y",
                        "targetX": "datum.target.x",
                        "targetY": "datum.target.y",
                    }
                ],
            },
            {
                "type": "text",
                "from": {"data": "nodes"},
                "zindex": 2,
                "interactive": False,
                "encode": {
                    "update": {
                        "x": {"field": "x"},
                        "y": {"field": "y"},
                        "dy": {"value": -16},
                        "align": {"value": "center"},
                        "fontSize": {"value": 12},
                        "text": {"field": "datum.name"},
                    }
                },
            },
        ],
    }
    return {"mode": "vega", "spec": spec}
