"""The admin API under ``/__admin`` (WireMock's and moto's conventions), for tests that need to reset
the emulator between cases or assert what a client actually sent."""

from __future__ import annotations

import json
import time

from flask import Blueprint, Response, current_app, request

from mockserver import __version__, faults, journal
from mockserver.faults import FaultSpecError
from mockserver.journal_query import JournalQueryError, parse_query
from mockserver.php_params import parse_urlencoded
from mockserver.world import leads

RESET_KINDS = (*leads.STATE_KINDS, faults.KIND, journal.KIND)
"""Every kind of state a reset clears (a new kind of admin state is added here)."""

admin_blueprint = Blueprint("crocodial_admin", __name__, url_prefix="/__admin")


def _json(payload: dict, status: int = 200) -> Response:
    return Response(json.dumps(payload), status=status, content_type="application/json")


def _state():
    return current_app.extensions["crocodial.state"]


@admin_blueprint.get("/health")
def health() -> Response:
    """Liveness plus what makes answers reproducible: seed, clock, modes, version."""
    state = _state()
    world = current_app.extensions["crocodial"]
    return _json(
        {
            "status": "ok",
            "version": __version__,
            "seed": world.seed,
            "clock": "frozen" if world.clock.frozen is not None else "live",
            "now": world.now().isoformat(),
            "xml": state.config.xml_mode,
            "content_type": state.config.content_type_mode,
            "actions": len(state.catalogue.actions),
            "uptime_seconds": round(time.time() - state.started_at, 3),
            "answer_cache": state.dispatcher.cache.stats(),
        }
    )


@admin_blueprint.post("/reset")
def reset() -> Response:
    """Back to the seeded state: leads added through the API are forgotten, faults and journal emptied."""
    world = current_app.extensions["crocodial"]
    cleared = world.state.clear(RESET_KINDS)  # one step: every process sees all of it or none
    return _json({"status": "reset", "seed": world.seed, "requests_cleared": cleared[journal.KIND]})


@admin_blueprint.get("/requests")
def requests() -> Response:
    """Recent requests, newest first, filtered by the query (``action``, ``module``, ``method``,
    ``outcome``, ``status``, ``matched``, ``since``, ``param.NAME``, ``limit``); passwords never stored."""
    entries = _state().journal.entries()
    try:
        query = parse_query(parse_urlencoded(request.query_string))
    except JournalQueryError as error:
        return _json({"error": str(error)}, status=400)
    found = query.select(entries)
    return _json({"requests": [entry.as_dict() for entry in found], "meta": {"total": len(entries)}})


@admin_blueprint.get("/requests/count")
def count_requests() -> Response:
    """How many journal entries match the same filters as ``/requests`` (``limit`` aside)."""
    try:
        query = parse_query(parse_urlencoded(request.query_string))
    except JournalQueryError as error:
        return _json({"error": str(error)}, status=400)
    query.limit = None
    return _json({"count": len(query.select(_state().journal.entries()))})


@admin_blueprint.get("/requests/unmatched")
def unmatched_requests() -> Response:
    """Requests no action answered: unknown goAction or lmapi function, or a URL that is a 404."""
    found = [entry for entry in reversed(_state().journal.entries()) if not entry.matched]
    return _json({"requests": [entry.as_dict() for entry in found]})


@admin_blueprint.delete("/requests")
def clear_requests() -> Response:
    return _json({"status": "cleared", "requests_cleared": _state().journal.clear()})


@admin_blueprint.post("/faults")
def add_fault() -> Response:
    """Switch a fault on: ``{"fault": KIND, "action": name, "delay_ms": N, "percent": P, "seed": S,
    "times": N, "chunks": N}`` (all but ``fault`` optional: every action, every request)."""
    spec = request.get_json(force=True, silent=True)  # curl -d sends no JSON content type
    if not isinstance(spec, dict):
        return _json({"error": "expected a JSON object"}, status=400)
    try:
        fault = _state().faults.add(spec)
    except FaultSpecError as error:
        return _json({"error": str(error)}, status=400)
    return _json(fault.as_dict(), status=201)


@admin_blueprint.get("/faults")
def list_faults() -> Response:
    return _json({"faults": [fault.as_dict() for fault in _state().faults.active()]})


@admin_blueprint.delete("/faults")
def clear_faults() -> Response:
    return _json({"status": "cleared", "faults_cleared": _state().faults.clear()})
