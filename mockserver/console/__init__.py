"""The console at ``/__admin/``: server-rendered pages to watch and steer the emulator from a browser.

The pages read the emulator's own state (journal, stubs, faults, clock, live floor, contract) and change
it only through the JSON admin API (``mockserver/admin.py``), from a small script shipped with the
package: no CDN, nothing fetched from outside, and a Content-Security-Policy that allows only this origin.
Page routes live under ``/__admin/`` and ``/__admin/console/...``, where no admin API route is.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, render_template

from mockserver.console import contract_docs, drift_report, floor_view
from mockserver.contract import GOAPI_MODULES
from mockserver.faults import FAULT_TYPES
from mockserver.lmapi import FUNCTIONS as LMAPI_FUNCTIONS
from mockserver.stubs import MATCHERS

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'; object-src 'none'"
)
"""Only this origin: the console works offline and no journal text can run as script."""
REPORT_CSP = f"{drift_report.KIT_CSP}; sandbox allow-scripts"
"""The kit's own policy for its self-contained page, sandboxed so its script cannot reach the admin API."""
JOURNAL_MODULES = (*GOAPI_MODULES, "lmapi", "none")
"""Values of the journal's ``module`` filter (``none``: a URL no entry point serves)."""

console_blueprint = Blueprint(
    "crocodial_console",
    __name__,
    url_prefix="/__admin",
    template_folder="templates",
    static_folder="static",
    static_url_path="/console/static",
)

PAGES = (
    ("journal", "Journal"),
    ("stubs", "Stubs, scenarios & faults"),
    ("floor", "Clock & floor"),
    ("docs", "Contract docs"),
    ("report", "Drift report"),
)
"""The navigation, in order: each page's name and title."""


@console_blueprint.after_request
def _secure(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def _page(name: str, **context: object) -> str:
    world = current_app.extensions["crocodial"]
    return render_template(
        f"console/{name}.html",
        page=name,
        pages=PAGES,
        title=dict(PAGES)[name],
        seed=world.seed,
        now=world.now().isoformat(sep=" "),
        clock_mode=world.clock.mode(),
        **context,
    )


def _catalogue_names() -> list[str]:
    state = current_app.extensions["crocodial.state"]
    return sorted({*state.catalogue.actions, *LMAPI_FUNCTIONS}, key=str.lower)


@console_blueprint.get("/")
def journal() -> str:
    """The home page: the request journal, refreshed from ``/__admin/requests`` while it is open."""
    return _page("journal", modules=JOURNAL_MODULES, actions=_catalogue_names())


@console_blueprint.get("/console/stubs")
def stubs() -> str:
    state = current_app.extensions["crocodial.state"]
    return _page(
        "stubs",
        stubs=[_stub_row(stub) for stub in state.stubs.all()],
        scenarios=state.stubs.scenarios(),
        faults=[fault.as_dict() for fault in state.faults.active()],
        modules=(*GOAPI_MODULES, "lmapi"),
        actions=_catalogue_names(),
        matchers=MATCHERS,
        fault_types=FAULT_TYPES,
        mappings_dir=state.config.mappings,
    )


def _stub_row(stub: dict) -> dict:
    """What the stub list shows: the matcher and the answer as short JSON texts."""
    shown = {key: value for key, value in stub.items() if not key.startswith("_")}
    return {
        "id": shown["id"],
        "name": shown.get("name", ""),
        "priority": shown["priority"],
        "scenario": shown.get("scenarioName", ""),
        "request": json.dumps(shown.get("request", {}), ensure_ascii=False, sort_keys=True),
        "response": json.dumps(shown.get("response", {}), ensure_ascii=False, sort_keys=True),
    }


@console_blueprint.get("/console/floor")
def floor() -> str:
    world = current_app.extensions["crocodial"]
    return _page("floor", floor=floor_view.snapshot(world), clock=world.clock.state())


@console_blueprint.get("/console/docs")
def docs() -> str:
    return _page("docs", contract=contract_docs.load(current_app.extensions["crocodial.spec_path"]))


@console_blueprint.get("/console/report")
def report() -> str:
    folder = current_app.extensions["crocodial.state"].config.report_dir
    return _page("report", report=drift_report.read(folder), report_dir=folder)


@console_blueprint.get("/console/report/drift-report.html")
def report_page() -> Response:
    """The kit's self-contained page as it wrote it, under its own policy (it needs its inline script)."""
    folder = current_app.extensions["crocodial.state"].config.report_dir
    page = drift_report.html_page(folder)
    if page is None:
        return Response("no drift-report.html in the report folder\n", status=404, content_type="text/plain")
    response = Response(page, content_type="text/html; charset=utf-8")
    response.headers["Content-Security-Policy"] = REPORT_CSP
    return response
