"""The emulator inside a Python process: in-process for a Flask test client, or on a free 127.0.0.1 port
in a background thread for any HTTP client (what moto's ``ThreadedMotoServer`` does for AWS).

Resets, the journal and faults go through the admin API (``/__admin/...``) in-process, so a test sees
exactly what a client of ``crocodial-mock serve`` would see, whichever state store is behind it.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from crocodial_mock.options import normalize
from mockserver.app import LMAPI_PATH, create_app
from mockserver.config import EmulatorConfig
from mockserver.contract import GOAPI_MODULES
from mockserver.journal import JournalEntry

DEFAULT_USER = "MyUser"
DEFAULT_PASSWORD = "MyPass"
"""The vendor reference's placeholder account, which the emulator always has."""
JOURNAL_FIELDS = tuple(field.name for field in fields(JournalEntry))
WORLD_SIZE_OPTIONS = ("users", "campaigns", "calls_per_day", "leads")


def emulator_config(options: Mapping[str, Any]) -> EmulatorConfig:
    """An ``EmulatorConfig`` from the options of ``crocodial_mock.options`` (checked there)."""
    from mockserver.world import WorldSize
    from mockserver.world.clock import Clock

    checked = normalize(options)
    if "now" in checked:
        Clock.parse(checked["now"])  # the year range: a clear error now, not at the first request
    size = WorldSize(**{name: checked[name] for name in WORLD_SIZE_OPTIONS if name in checked})
    return EmulatorConfig(
        seed=checked.get("seed", 1),
        now=checked.get("now"),
        xml_mode=checked.get("xml", "upstream"),
        content_type_mode=checked.get("content_type", "upstream"),
        api_users=dict(checked.get("accounts", ())),
        size=size,
        mappings=checked.get("mappings"),
        report_dir=checked.get("report_dir"),
    )


class RecordedRequest(dict):
    """One journal entry (``GET /__admin/requests``): a dict whose keys also read as attributes."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class EmulatorClient(FlaskClient):
    """A Flask test client of the emulator; ``client.emulator`` resets it, reads its journal, sets faults."""

    emulator: Emulator


class _QuietHandler(WSGIRequestHandler):
    """No access log: the app logs each request (without credentials) to the ``mockserver`` logger."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class Emulator:
    """One emulator: a Flask app built from seed, clock, modes and world size.

    ``start()`` (or ``with``) serves it over HTTP on ``host`` (127.0.0.1) and a free port in a daemon
    thread; ``url`` is then the base URL. Without it the emulator is only reachable in-process
    (``test_client()``). Options are those of ``crocodial-mock serve``: ``seed``, ``now``, ``xml``,
    ``content_type``, ``users``, ``campaigns``, ``calls_per_day``, ``leads``, ``accounts``.
    """

    user = DEFAULT_USER
    password = DEFAULT_PASSWORD

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, **options: Any):
        self.options = normalize(options)
        self.config = emulator_config(self.options)
        self.app: Flask = create_app(self.config)
        self.app.test_client_class = EmulatorClient
        self.host = host
        self.port = port
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    # --- serving over HTTP -----------------------------------------------------------------------------

    def start(self) -> Emulator:
        """Listen and serve in a background thread (idempotent)."""
        if self._server is None:
            server = make_server(self.host, self.port, self.app, threaded=True, request_handler=_QuietHandler)
            # A short poll interval: stop() (every session end) waits for at most one poll.
            thread = threading.Thread(
                target=server.serve_forever, args=(0.1,), name="crocodial-mock", daemon=True
            )
            thread.start()
            self._server, self._thread = server, thread
        return self

    def stop(self) -> None:
        """Stop serving and free the port (idempotent); the in-process app stays usable."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=10)

    @property
    def serving(self) -> bool:
        return self._server is not None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:41234`` (no trailing slash)."""
        if self._server is None:
            raise RuntimeError(
                "the emulator is not serving HTTP: call start() or use crocodial_mock.running()"
            )
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self._server.server_port}"

    def goapi_url(self, module: str) -> str:
        """``<url>/goAPIv2/<module>/goAPI.php`` for one of the six goAPI modules."""
        return self.url + self.goapi_path(module)

    @property
    def lmapi_url(self) -> str:
        return self.url + LMAPI_PATH

    @staticmethod
    def goapi_path(module: str) -> str:
        if module not in GOAPI_MODULES:
            raise ValueError(f"unknown goAPI module {module!r}; one of {', '.join(GOAPI_MODULES)}")
        return f"/goAPIv2/{module}/goAPI.php"

    lmapi_path = LMAPI_PATH

    # --- in-process ------------------------------------------------------------------------------------

    def test_client(self) -> EmulatorClient:
        """A Flask test client (no socket) of this emulator; it shares state with the HTTP server."""
        client = self.app.test_client()
        assert isinstance(client, EmulatorClient)
        client.emulator = self
        return client

    @property
    def seed(self) -> int:
        return self.config.seed

    @property
    def now(self) -> datetime:
        """The emulator's "now": the frozen instant (option ``now``) or the wall clock."""
        return datetime.fromisoformat(self.health()["now"])

    @property
    def clock_frozen(self) -> bool:
        return self.health()["clock"] == "frozen"

    @property
    def clock(self) -> ClockControl:
        """Steer the emulator's clock (``/__admin/clock``): ``clock.advance(hours=1)``,
        ``clock.set(datetime(...))``, ``clock.freeze()``, ``clock.run()``, ``clock.reset()``."""
        return ClockControl(self)

    def health(self) -> dict[str, Any]:
        """``GET /__admin/health``: version, seed, clock, modes."""
        return self._admin("GET", "/health")

    def reset(self) -> None:
        """Back to the seeded state: added leads forgotten, faults off, journal emptied."""
        self._admin("POST", "/reset")

    # --- the request journal ---------------------------------------------------------------------------

    def requests(self, **filters: Any) -> list[RecordedRequest]:
        """The requests the emulator answered since the last reset, oldest first, credentials masked.

        Filters: any journal field (``action``, ``endpoint``, ``method``, ``path``, ``answer``,
        ``outcome``, ``status``, ``matched``...), ``module`` (same as ``endpoint``), ``since`` (a
        datetime), ``params={name: value}`` (those parameters
        have those values). A value may also be a compiled regex or a predicate. A plain ``outcome``
        matches its first word too: ``outcome="error"`` matches ``error: Invalid Username/Password``.
        """
        tests = _filters(filters)
        entries = [RecordedRequest(entry) for entry in reversed(self._admin("GET", "/requests")["requests"])]
        return [entry for entry in entries if all(test(entry) for test in tests)]

    def count(self, **filters: Any) -> int:
        """How many journaled requests match ``filters`` (those of :meth:`requests`)."""
        return len(self.requests(**filters))

    def verify(
        self,
        action: str | None = None,
        *,
        count: int | None = None,
        at_least: int | None = None,
        params: Mapping[str, Any] | None = None,
        **filters: Any,
    ) -> list[RecordedRequest]:
        """Assert the client sent matching requests (WireMock's ``verify``) and return them.

        ``verify(action="add_lead", count=1, params={"phone_number": "3125550101"})``: exactly one;
        ``at_least=N``: N or more; neither: at least one. On failure the ``AssertionError`` lists what
        the journal holds for that action, so a wrong parameter is seen at once."""
        if action is not None:
            filters["action"] = action
        if params is not None:
            filters["params"] = params
        found = self.requests(**filters)
        if count is not None:
            ok, expected = len(found) == count, f"exactly {count}"
        else:
            least = 1 if at_least is None else at_least
            ok, expected = len(found) >= least, f"at least {least}"
        if not ok:
            described = ", ".join(f"{name}={value!r}" for name, value in filters.items())
            nearby = self.requests(action=action) if action is not None else self.requests()
            seen = "\n".join(
                f"  {entry['method']} {entry['action']} {entry['params']} -> {entry['outcome']}"
                for entry in nearby[-10:]
            )
            raise AssertionError(
                f"expected {expected} request(s) with {described or 'any values'}, found {len(found)}"
                + (f"; the journal has:\n{seen}" if seen else "; the journal has none")
            )
        return found

    def unmatched_requests(self) -> list[RecordedRequest]:
        """Requests no action answered (unknown goAction or lmapi function, 404 URLs), oldest first."""
        entries = self._admin("GET", "/requests/unmatched")["requests"]
        return [RecordedRequest(entry) for entry in reversed(entries)]

    def clear_requests(self) -> int:
        return self._admin("DELETE", "/requests")["requests_cleared"]

    # --- faults ----------------------------------------------------------------------------------------

    def add_fault(
        self,
        fault: str = "NONE",
        *,
        action: str | None = None,
        delay_ms: int = 0,
        times: int | None = None,
        percent: float | None = None,
        seed: int | None = None,
        chunks: int | None = None,
    ) -> dict[str, Any]:
        """Switch a fault on (``POST /__admin/faults``): ``EMPTY_BODY``, ``PHP_FATAL``, ``PHP_WARNING``,
        ``TRUNCATED_BODY``, ``SLOW_BODY`` (``chunks`` pieces over ``delay_ms``), ``CONNECTION_RESET``, or
        ``DELAY``/``NONE`` with ``delay_ms``; limited to ``action``, to ``times`` requests and to
        ``percent`` of them (drawn from ``seed``) when given. A bad description raises ``ValueError``
        with the emulator's reason (an unknown action too)."""
        spec: dict[str, Any] = {"fault": fault, "delay_ms": delay_ms}
        optional = {"action": action, "times": times, "percent": percent, "seed": seed, "chunks": chunks}
        spec.update({name: value for name, value in optional.items() if value is not None})
        return self._admin("POST", "/faults", spec)

    def faults(self) -> list[dict[str, Any]]:
        """The active faults, oldest first (``times`` counts down as they fire)."""
        return self._admin("GET", "/faults")["faults"]

    def clear_faults(self) -> int:
        return self._admin("DELETE", "/faults")["faults_cleared"]

    # --- stubs (WireMock's mappings) ------------------------------------------------------------------

    def stub(
        self,
        action: str | None = None,
        *,
        module: str | None = None,
        method: str | None = None,
        params: Mapping[str, Any] | None = None,
        credentials: str | None = None,
        json: Mapping[str, Any] | None = None,
        lines: list[str] | None = None,
        body: str | None = None,
        status: int | None = None,
        headers: Mapping[str, str] | None = None,
        delay_ms: int | None = None,
        fault: str | None = None,
        priority: int | None = None,
        scenario: str | None = None,
        required_state: str | None = None,
        new_state: str | None = None,
        id: str | None = None,
    ) -> dict[str, Any]:
        """Make ``action`` answer ``json`` (goAPI, JSON or XML as asked), ``lines`` (lmapi) or a raw
        ``body``; ``params`` values are matched exactly, a compiled regex fully, None means absent, a dict
        is a WireMock matcher (``{"contains": "x"}``). ``scenario``/``required_state``/``new_state`` are
        WireMock's scenarios (every scenario starts in ``"Started"``). Returns the stored stub (its
        ``id``); a stub the emulator refuses raises ``ValueError`` with the reason."""
        request: dict[str, Any] = {}
        for name, value in (("action", action), ("module", module), ("method", method)):
            if value is not None:
                request[name] = value
        if credentials is not None:
            request["credentials"] = credentials
        if params:
            request["parameters"] = {name: _matcher(value) for name, value in params.items()}
        response: dict[str, Any] = {}
        for name, value in (
            ("json", json), ("lines", lines), ("body", body), ("status", status), ("headers", headers),
            ("delayMs", delay_ms), ("fault", fault),
        ):  # fmt: skip
            if value is not None:
                response[name] = dict(value) if isinstance(value, Mapping) else value
        spec: dict[str, Any] = {"request": request, "response": response}
        for name, value in (
            ("id", id), ("priority", priority), ("scenarioName", scenario),
            ("requiredScenarioState", required_state), ("newScenarioState", new_state),
        ):  # fmt: skip
            if value is not None:
                spec[name] = value
        return self.add_mapping(spec)

    def add_mapping(self, spec: Mapping[str, Any]) -> dict[str, Any]:
        """``POST /__admin/mappings`` with a stub in WireMock's shape."""
        return self._admin("POST", "/mappings", dict(spec))

    def mappings(self) -> list[dict[str, Any]]:
        """Every stub, in the order they are tried."""
        return self._admin("GET", "/mappings")["mappings"]

    def remove_stub(self, stub_id: str) -> None:
        self._admin("DELETE", f"/mappings/{stub_id}")

    def clear_stubs(self) -> int:
        """Remove every stub (those of ``--mappings`` come back) and scenario state."""
        return self._admin("DELETE", "/mappings")["mappings_cleared"]

    def scenarios(self) -> dict[str, str]:
        """Each scenario's current state, by name."""
        return {item["name"]: item["state"] for item in self._admin("GET", "/scenarios")["scenarios"]}

    def reset_scenarios(self) -> None:
        self._admin("POST", "/scenarios/reset")

    # --- the live floor --------------------------------------------------------------------------------

    def set_agent_state(
        self,
        user: str,
        state: str,
        *,
        pause_code: str | None = None,
        lead_id: int | None = None,
        campaign_id: str | None = None,
        call_type: str | None = None,
    ) -> dict[str, Any]:
        """Put ``user`` in ``state`` (``READY``, ``PAUSED`` with ``pause_code``, ``INCALL`` on ``lead_id``,
        ``DISPO``/``DISPOSITION``, ``LOGGED_OUT``) until cleared or reset; returns the agent's live row."""
        body: dict[str, Any] = {"state": state}
        optional = {
            "pause_code": pause_code,
            "lead_id": lead_id,
            "campaign_id": campaign_id,
            "call_type": call_type,
        }
        body.update({name: value for name, value in optional.items() if value is not None})
        return self._admin("PUT", f"/agents/{user}/state", body)

    def agent_state(self, user: str) -> dict[str, Any]:
        """The agent's live row now (``{"state": "LOGGED_OUT"}`` when not logged in)."""
        return self._admin("GET", f"/agents/{user}/state")

    def clear_agent_state(self, user: str) -> dict[str, Any]:
        """Back to what the simulation has the agent doing."""
        return self._admin("DELETE", f"/agents/{user}/state")

    def add_to_hopper(self, campaign_id: str, lead_id: int, *, priority: int = 0) -> dict[str, Any]:
        """Queue an existing lead for dialling in a campaign; returns the hopper row."""
        return self._admin(
            "POST", f"/campaigns/{campaign_id}/hopper", {"lead_id": lead_id, "priority": priority}
        )

    # --- the directory ---------------------------------------------------------------------------------

    def add_calltime(self, call_time_id: str, call_time_name: str, **fields: Any) -> dict[str, Any]:
        """Add a call time (``default_start``, ``default_stop``, ``days={"monday": [900, 1700]}``,
        ``user_group``, ``call_time_comments``); goGetAllCalltimes and goGetCalltimeInfo then show it.
        A duplicate id or a bad field raises ``ValueError`` with the reason."""
        body = {"call_time_id": call_time_id, "call_time_name": call_time_name, **fields}
        return self._admin("POST", "/calltimes", body)

    def add_campaign(
        self, campaign_id: str, campaign_name: str, tenant: str, **fields: Any
    ) -> dict[str, Any]:
        """Add a campaign to a portfolio (``profile_id``, ``campaign_type``, ``dial_method``,
        ``auto_dial_level``, ``active``, ``local_call_time``, ``campaign_description``);
        goGetAllCampaigns, getCampaignInfo and add_lead then know it. Bad input raises ``ValueError``."""
        body = {"campaign_id": campaign_id, "campaign_name": campaign_name, "tenant": tenant, **fields}
        return self._admin("POST", "/campaigns", body)

    def add_user(
        self, user: str, full_name: str, tenant: str, password: str, **fields: Any
    ) -> dict[str, Any]:
        """Add an agent to a portfolio (``profile_id``, ``active``, ``campaign_id``); goGetAllUsers,
        getUserInfo, getLiveAgentInfo and getAgentStatus then know it (offline until put in a state
        with ``set_agent_state``). Bad input raises ``ValueError`` with the reason."""
        body = {"user": user, "full_name": full_name, "tenant": tenant, "password": password, **fields}
        return self._admin("POST", "/users", body)

    def added_users(self) -> list[dict[str, Any]]:
        return self._admin("GET", "/users")["users"]

    def remove_user(self, user: str) -> None:
        self._admin("DELETE", f"/users/{user}")

    def added_calltimes(self) -> list[dict[str, Any]]:
        return self._admin("GET", "/calltimes")["calltimes"]

    def added_campaigns(self) -> list[dict[str, Any]]:
        return self._admin("GET", "/campaigns")["campaigns"]

    def remove_calltime(self, call_time_id: str) -> None:
        self._admin("DELETE", f"/calltimes/{call_time_id}")

    def remove_campaign(self, campaign_id: str) -> None:
        self._admin("DELETE", f"/campaigns/{campaign_id}")

    # --- snapshots -------------------------------------------------------------------------------------

    def snapshot(self, path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
        """The mutable state (``GET /__admin/snapshot``); also written to ``path`` as JSON when given."""
        document = self._admin("GET", "/snapshot")
        if path is not None:
            Path(path).write_text(json.dumps(document, indent=1, sort_keys=True), encoding="utf-8")
        return document

    def restore(self, snapshot: Mapping[str, Any] | str | os.PathLike[str]) -> None:
        """Replace the mutable state with a snapshot (a dict, or the path of a file ``snapshot()`` wrote);
        one taken with another seed or world size raises ``ValueError``."""
        if not isinstance(snapshot, Mapping):
            snapshot = json.loads(Path(snapshot).read_text(encoding="utf-8"))
        self._admin("POST", "/snapshot", dict(snapshot))

    # --- plumbing --------------------------------------------------------------------------------------

    def _admin(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        response = FlaskClient(self.app).open("/__admin" + path, method=method, json=payload)
        body = response.get_json(silent=True)
        if response.status_code == 400 and isinstance(body, dict):
            raise ValueError(body.get("error", "rejected by the emulator"))
        if response.status_code >= 300 or body is None:
            raise RuntimeError(f"admin API {method} {path} answered HTTP {response.status_code}")
        return body

    def __repr__(self) -> str:
        where = self.url if self.serving else "in-process"
        return f"<crocodial_mock.Emulator {where} seed={self.seed} now={self.config.now or 'live'}>"


class ClockControl:
    """The emulator's clock through the admin API; every method returns the new "now"."""

    def __init__(self, emulator: Emulator) -> None:
        self._emulator = emulator

    @property
    def now(self) -> datetime:
        return datetime.fromisoformat(self.state()["now"])

    def state(self) -> dict[str, Any]:
        """``{"now": ..., "mode": "frozen"|"running"|"live", "configured": ...}``."""
        return self._emulator._admin("GET", "/clock")

    def advance(
        self,
        delta: timedelta | None = None,
        *,
        seconds: int = 0,
        minutes: int = 0,
        hours: int = 0,
        days: int = 0,
    ) -> datetime:
        """Move the clock forward by ``delta`` or the given units (whole seconds)."""
        total = int(delta.total_seconds()) if delta is not None else 0
        total += seconds + 60 * minutes + 3600 * hours + 86400 * days
        return self._now(self._emulator._admin("POST", "/clock/advance", {"seconds": total}))

    def set(self, instant: datetime | str, *, mode: str | None = None) -> datetime:
        """Jump to ``instant`` (staying frozen or running unless ``mode`` says ``frozen``/``running``)."""
        body: dict[str, Any] = {"now": instant.isoformat() if isinstance(instant, datetime) else instant}
        if mode is not None:
            body["mode"] = mode
        return self._now(self._emulator._admin("PUT", "/clock", body))

    def freeze(self) -> datetime:
        return self._now(self._emulator._admin("POST", "/clock/freeze"))

    def run(self) -> datetime:
        return self._now(self._emulator._admin("POST", "/clock/run"))

    def reset(self) -> datetime:
        """Back to the configured clock (option ``now``, or the wall clock)."""
        return self._now(self._emulator._admin("DELETE", "/clock"))

    @staticmethod
    def _now(answer: dict[str, Any]) -> datetime:
        return datetime.fromisoformat(answer["now"])


def running(*, host: str = "127.0.0.1", port: int = 0, **options: Any) -> Emulator:
    """An emulator to use in ``with``: it serves on ``host``:``port`` (0: a free one) inside the block
    and stops after it. ``with crocodial_mock.running(seed=7, now="2025-05-14T15:30:00") as server:``."""
    return Emulator(host=host, port=port, **options)


def _filters(filters: Mapping[str, Any]) -> list[Callable[[RecordedRequest], bool]]:
    tests: list[Callable[[RecordedRequest], bool]] = []
    for name, wanted in filters.items():
        field = "endpoint" if name == "module" else name
        if field == "since":
            tests.append(_since_test(wanted))
        elif field == "params":
            if not isinstance(wanted, Mapping):
                raise TypeError("params= takes a mapping of parameter name to value")
            tests.extend(_params_test(key, value) for key, value in wanted.items())
        elif field in JOURNAL_FIELDS:
            tests.append(_field_test(field, wanted))
        else:
            known = ", ".join((*JOURNAL_FIELDS, "module", "since"))
            raise TypeError(f"unknown journal filter {name!r}; known: {known}")
    return tests


def _matches(value: Any, wanted: Any) -> bool:
    if isinstance(wanted, re.Pattern):
        return isinstance(value, str) and wanted.search(value) is not None
    if callable(wanted):
        return bool(wanted(value))
    return value == wanted


def _field_test(field: str, wanted: Any) -> Callable[[RecordedRequest], bool]:
    def test(entry: RecordedRequest) -> bool:
        value = entry.get(field)
        if field == "outcome" and isinstance(wanted, str) and isinstance(value, str):
            return value == wanted or re.split(r"[:\s]", value, maxsplit=1)[0] == wanted
        return _matches(value, wanted)

    return test


def _params_test(name: str, wanted: Any) -> Callable[[RecordedRequest], bool]:
    def test(entry: RecordedRequest) -> bool:
        params = entry.get("params") or {}
        return name in params and _matches(params[name], wanted)

    return test


def _since_test(since: datetime | str) -> Callable[[RecordedRequest], bool]:
    """Entries logged at or after ``since`` (an aware datetime, or naive meaning UTC)."""
    instant = datetime.fromisoformat(since) if isinstance(since, str) else since
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)

    def test(entry: RecordedRequest) -> bool:
        return datetime.fromisoformat(entry["logged_at"]) >= instant

    return test


def _matcher(value: Any) -> dict[str, Any]:
    """A parameter matcher from a Python value: str exact, regex full match, None absent, dict as is."""
    if value is None:
        return {"absent": True}
    if isinstance(value, re.Pattern):
        return {"matches": value.pattern}
    if isinstance(value, Mapping):
        return dict(value)
    return {"equalTo": str(value)}
