"""The admin API under ``/__admin`` (WireMock's and moto's conventions), for tests that need to reset
the emulator between cases or assert what a client actually sent."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from datetime import datetime, timedelta

from flask import Blueprint, Response, current_app, request

from mockserver import __version__, admin_openapi, faults, journal, snapshot, stubs
from mockserver.faults import FaultSpecError
from mockserver.journal_query import JournalQueryError, parse_query
from mockserver.php_params import parse_urlencoded
from mockserver.stubs import StubError
from mockserver.world import clock, directory_additions, floor_overrides, leads
from mockserver.world.clock import ClockError

RESET_KINDS = (
    *leads.STATE_KINDS,
    faults.KIND,
    journal.KIND,
    stubs.KIND,
    stubs.SCENARIOS,
    clock.KIND,
    floor_overrides.KIND,
    directory_additions.KIND,
)
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
            "clock": world.clock.mode(),
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
    """Back to the seeded state: leads, call times and campaigns added through the API forgotten, faults,
    stubs (but those of ``--mappings``), scenario states and the journal emptied."""
    world = current_app.extensions["crocodial"]
    cleared = world.state.clear(RESET_KINDS)  # one step: every process sees all of it or none
    _state().stubs.load_files()  # WireMock's reset: back to the stubs the --mappings folder holds
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
    spec = _body()
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


@admin_blueprint.delete("/faults/<fault_id>")
def delete_fault(fault_id: str) -> Response:
    """Switch one fault off (its ``id`` from ``POST /__admin/faults``); 404 when none is active."""
    if not _state().faults.remove(fault_id):
        return _json({"error": f"no active fault with id {fault_id!r}"}, status=404)
    return _json({"status": "deleted", "id": fault_id})


def _body() -> object:
    return request.get_json(force=True, silent=True)  # curl -d sends no JSON content type


def _stub_refused(error: StubError) -> Response:
    return _json({"error": str(error)}, status=400)


@admin_blueprint.post("/mappings")
def add_mapping() -> Response:
    """Create a stub (WireMock's ``POST /__admin/mappings``); 201 with its ``id``."""
    try:
        return _json(_state().stubs.add(_body()), status=201)
    except StubError as error:
        return _stub_refused(error)


@admin_blueprint.get("/mappings")
def list_mappings() -> Response:
    """Every stub, in the order they are tried (priority, then newest first)."""
    found = [stubs.public(stub) for stub in _state().stubs.all()]
    return _json({"mappings": found, "meta": {"total": len(found)}})


@admin_blueprint.get("/mappings/<stub_id>")
def get_mapping(stub_id: str) -> Response:
    stub = _state().stubs.get(stub_id)
    return _json(stub) if stub is not None else _no_stub(stub_id)


@admin_blueprint.put("/mappings/<stub_id>")
def update_mapping(stub_id: str) -> Response:
    try:
        stub = _state().stubs.replace(stub_id, _body())
    except StubError as error:
        return _stub_refused(error)
    return _json(stub) if stub is not None else _no_stub(stub_id)


@admin_blueprint.delete("/mappings/<stub_id>")
def delete_mapping(stub_id: str) -> Response:
    if not _state().stubs.delete(stub_id):
        return _no_stub(stub_id)
    return _json({"status": "deleted", "id": stub_id})


@admin_blueprint.delete("/mappings")
def delete_mappings() -> Response:
    """Remove every stub and scenario state (the ``--mappings`` folder's stubs come back)."""
    return _json({"status": "cleared", "mappings_cleared": _state().stubs.clear()})


@admin_blueprint.post("/mappings/reset")
def reset_mappings() -> Response:
    """WireMock's name for the same: back to the stubs of the ``--mappings`` folder."""
    return delete_mappings()


@admin_blueprint.get("/scenarios")
def list_scenarios() -> Response:
    """Every scenario the stubs name, its current state and the states its stubs mention."""
    return _json({"scenarios": _state().stubs.scenarios()})


@admin_blueprint.post("/scenarios/reset")
def reset_scenarios() -> Response:
    """Every scenario back to ``Started``."""
    _state().stubs.reset_scenarios()
    return _json({"status": "reset", "scenarios": _state().stubs.scenarios()})


def _no_stub(stub_id: str) -> Response:
    return _json({"error": f"no stub with id {stub_id!r}"}, status=404)


ADVANCE_UNITS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
CLOCK_MODES = ("frozen", "running")


def _clock() -> clock.Clock:
    return current_app.extensions["crocodial"].clock


def _clock_answer(status: int = 200) -> Response:
    return _json(_clock().state(), status=status)


def _clock_refused(message: str) -> Response:
    return _json({"error": message}, status=400)


@admin_blueprint.get("/clock")
def read_clock() -> Response:
    """The emulator's now, and whether it is frozen, running from a set instant, or the wall clock."""
    return _clock_answer()


@admin_blueprint.put("/clock")
def set_clock() -> Response:
    """``{"now": "2025-05-14T16:00:00", "mode": "frozen"|"running"}`` (mode optional: as it is)."""
    body = _body()
    if not isinstance(body, dict) or set(body) - {"now", "mode"} or not isinstance(body.get("now"), str):
        return _clock_refused('expected {"now": "YYYY-MM-DDTHH:MM:SS"} and optionally "mode"')
    mode = body.get("mode")
    if mode is not None and mode not in CLOCK_MODES:
        return _clock_refused(f"mode must be one of {', '.join(CLOCK_MODES)}")
    try:
        instant = datetime.fromisoformat(body["now"])
        _clock().set(instant, mode)
    except ClockError as error:
        return _clock_refused(str(error))
    except ValueError:
        return _clock_refused(f"now must be an ISO 8601 date-time, not {body['now']!r}")
    return _clock_answer()


@admin_blueprint.post("/clock/advance")
def advance_clock() -> Response:
    """``{"seconds": N, "minutes": N, "hours": N, "days": N}`` (any of them, whole and not negative)."""
    body = _body()
    if not isinstance(body, dict) or not body or set(body) - set(ADVANCE_UNITS):
        return _clock_refused(f"expected an object with any of {', '.join(ADVANCE_UNITS)}")
    seconds = 0
    for unit, value in body.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return _clock_refused(f"{unit} must be a whole number, not negative (PUT the clock to go back)")
        seconds += value * ADVANCE_UNITS[unit]
    try:
        _clock().advance(timedelta(seconds=seconds))
    except (ClockError, OverflowError) as error:
        return _clock_refused(str(error) if isinstance(error, ClockError) else "too far")
    return _clock_answer()


@admin_blueprint.post("/clock/freeze")
def freeze_clock() -> Response:
    """Stop the clock where it is."""
    _clock().freeze()
    return _clock_answer()


@admin_blueprint.post("/clock/run")
def run_clock() -> Response:
    """Let the clock run on from where it is, one second per second."""
    _clock().run()
    return _clock_answer()


@admin_blueprint.delete("/clock")
def restore_clock() -> Response:
    """Back to the configured clock (``--now``, or the wall clock)."""
    current_app.extensions["crocodial"].state.clear([clock.KIND])
    return _clock_answer()


def _agent_row(user: str) -> dict:
    world = current_app.extensions["crocodial"]
    row = world.live.state_of(user)
    if row is None:
        return {"user": user, "state": "LOGGED_OUT"}
    shown = asdict(row)
    shown["since"] = row.since.isoformat()
    return shown


@admin_blueprint.get("/agents/<user>/state")
def read_agent_state(user: str) -> Response:
    """The agent's row on the live floor now (``LOGGED_OUT`` when not logged in)."""
    world = current_app.extensions["crocodial"]
    if world.directory.user(user) is None:
        return _json({"error": f"no agent named {user!r}"}, status=404)
    return _json(_agent_row(world.directory.user(user).user))


@admin_blueprint.put("/agents/<user>/state")
def set_agent_state(user: str) -> Response:
    """``{"state": "READY"|"PAUSED"|"INCALL"|"DISPO"|"LOGGED_OUT", "pause_code": "LUNCH",
    "lead_id": 10294, "campaign_id": ..., "call_type": "DIALER"}``: the agent's live state until cleared."""
    world = current_app.extensions["crocodial"]
    try:
        record = floor_overrides.validate(world, user, _body())
    except floor_overrides.OverrideError as error:
        return _json({"error": str(error)}, status=400)
    world.state.put(floor_overrides.KIND, record["user"], record)
    return _json(_agent_row(record["user"]))


@admin_blueprint.delete("/agents/<user>/state")
def clear_agent_state(user: str) -> Response:
    """Back to what the simulation has the agent doing."""
    world = current_app.extensions["crocodial"]
    found = world.directory.user(user)
    if found is None or not world.state.delete(floor_overrides.KIND, found.user):
        return _json({"error": "no state was set for that agent"}, status=404)
    return _json(_agent_row(found.user))


@admin_blueprint.get("/snapshot")
def take_snapshot() -> Response:
    """The mutable state as one JSON document (added leads, faults, stubs, scenarios, clock, floor)."""
    return _json(snapshot.take(current_app.extensions["crocodial"]))


@admin_blueprint.post("/snapshot")
def restore_snapshot() -> Response:
    """Replace the mutable state with a snapshot's (same seed and world size); 400 with the reason."""
    try:
        counts = snapshot.restore(current_app.extensions["crocodial"], _body(), _state().stubs.catalogue)
    except snapshot.SnapshotError as error:
        return _json({"error": str(error)}, status=400)
    return _json({"status": "restored", "records": counts})


@admin_blueprint.get("/openapi.json")
def openapi_document() -> Response:
    """The admin API's own OpenAPI document."""
    return _json(admin_openapi.document())


@admin_blueprint.post("/campaigns/<campaign_id>/hopper")
def add_to_hopper(campaign_id: str) -> Response:
    """``{"lead_id": 10294, "priority": 0}``: queue an existing lead for dialling in the campaign, as
    add_lead's ``add_to_hopper=Y`` does (201 with the hopper row getLeadsOnHopper then shows)."""
    world = current_app.extensions["crocodial"]
    body = _body()
    if not isinstance(body, dict) or set(body) - {"lead_id", "priority"}:
        return _json({"error": 'expected {"lead_id": N} and optionally "priority"'}, status=400)
    lead_id, priority = body.get("lead_id"), body.get("priority", 0)
    if not isinstance(lead_id, int) or isinstance(lead_id, bool):
        return _json({"error": "lead_id must be the id of an existing lead"}, status=400)
    if not isinstance(priority, int) or isinstance(priority, bool) or not 0 <= priority <= 99:
        return _json({"error": "priority must be an integer from 0 to 99"}, status=400)
    if world.directory.campaign(campaign_id) is None:
        return _json({"error": f"no campaign {campaign_id!r}"}, status=400)
    with world.leads.writing():
        lead = world.leads.get(lead_id)
        if lead is None:
            return _json({"error": f"no lead {lead_id}"}, status=400)
        entry = world.leads.add_to_hopper(lead, campaign_id, priority)
    return _json(asdict(entry), status=201)


ADDITION_PATHS = {
    "calltimes": directory_additions.CALL_TIME,
    "campaigns": directory_additions.CAMPAIGN,
    "users": directory_additions.USER,
}
"""``/__admin/<path>``: the kinds of directory entry a test may add."""


@admin_blueprint.post("/calltimes", defaults={"path": "calltimes"})
@admin_blueprint.post("/campaigns", defaults={"path": "campaigns"})
@admin_blueprint.post("/users", defaults={"path": "users"})
def add_directory_entry(path: str) -> Response:
    """Add a call time, a campaign or an agent; 201 with what was stored, 400 with the reason (a
    duplicate id, a bad field, an unknown portfolio, profile, user group, call time or campaign)."""
    world = current_app.extensions["crocodial"]
    try:
        record = directory_additions.add(world.state, world.seeded_directory, ADDITION_PATHS[path], _body())
    except directory_additions.AdditionError as error:
        return _json({"error": str(error)}, status=400)
    return _json(record, status=201)


@admin_blueprint.get("/calltimes", defaults={"path": "calltimes"})
@admin_blueprint.get("/campaigns", defaults={"path": "campaigns"})
@admin_blueprint.get("/users", defaults={"path": "users"})
def list_directory_entries(path: str) -> Response:
    """The call times, campaigns or agents added through the admin API (not the seeded ones), oldest
    first."""
    world = current_app.extensions["crocodial"]
    return _json({path: directory_additions.listed(world.state, ADDITION_PATHS[path])})


@admin_blueprint.delete("/calltimes/<call_time_id>", defaults={"path": "calltimes"})
@admin_blueprint.delete("/campaigns/<campaign_id>", defaults={"path": "campaigns"})
@admin_blueprint.delete("/users/<user>", defaults={"path": "users"})
def delete_directory_entry(
    path: str, call_time_id: str = "", campaign_id: str = "", user: str = ""
) -> Response:
    """Remove an added call time, campaign or agent (seeded ones stay: 404); one an added entry refers
    to is refused (400)."""
    world = current_app.extensions["crocodial"]
    entry_id = call_time_id or campaign_id or user
    try:
        removed = directory_additions.remove(world.state, ADDITION_PATHS[path], entry_id)
    except directory_additions.AdditionError as error:
        return _json({"error": str(error)}, status=400)
    if not removed:
        return _json({"error": f"no added {ADDITION_PATHS[path]} {entry_id!r}"}, status=404)
    return _json({"status": "deleted", "id": entry_id})
