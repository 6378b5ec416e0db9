"""Stubs (``/__admin/mappings``): chosen answers that win over the simulated world, in WireMock's shape.

A stub has a ``request`` matcher (``module``, ``action``, ``method``, ``parameters`` with ``equalTo`` /
``matches`` / ``contains`` / ``absent``, ``credentials`` ``valid`` or ``invalid``) and a ``response``
(``json``: a body the emulator encodes as JSON or goAPI XML as ``responsetype`` asks; ``lines``: lmapi's
text lines; or a raw ``body``; with optional ``status``, ``headers``, ``delayMs`` and ``fault``). The
lowest ``priority`` wins (default 5), then the newest. WireMock's scenarios make a stub apply only in one
state of a named scenario (``requiredScenarioState``; every scenario starts in ``Started``) and move it to
another (``newScenarioState``), for flows such as "the first call fails, the retry succeeds".

Stubs and scenario states live in the state store, so every worker and emulator on it answers alike.
Stubs are checked when they are created: an impossible one is refused with the reason, never stored.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crocodial_mock.stub_files import StubFileUnreadable, stubs_in
from mockserver.faults import FAULT_TYPES, MAX_DELAY_MS
from mockserver.state import StateStore

KIND = "stubs"
SCENARIOS = "scenarios"
STARTED = "Started"
DEFAULT_PRIORITY = 5
MATCHERS = ("equalTo", "matches", "contains", "absent")
CREDENTIALS = ("valid", "invalid")
STUB_FIELDS = (
    "id",
    "name",
    "priority",
    "request",
    "response",
    "scenarioName",
    "requiredScenarioState",
    "newScenarioState",
    "persistent",
)
REQUEST_FIELDS = ("module", "endpoint", "action", "method", "parameters", "credentials")
RESPONSE_FIELDS = ("json", "lines", "body", "status", "headers", "delayMs", "fault")
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")


class StubError(ValueError):
    """A stub that cannot be stored: the message says which field and why."""


@dataclass(frozen=True)
class Catalogue:
    """What a stub may name: each goAPI action's module, and the lmapi functions."""

    modules: Collection[str]
    action_modules: Mapping[str, str]
    lmapi_functions: Collection[str]

    def module_of(self, action: str) -> str | None:
        if action in self.lmapi_functions:
            return "lmapi"
        return self.action_modules.get(action)


@dataclass(frozen=True)
class IncomingRequest:
    endpoint: str
    method: str
    action: str | None
    values: Mapping[str, Any]
    authenticated: Callable[[], bool]


def validate(spec: Any, catalogue: Catalogue) -> dict[str, Any]:
    """The stub as stored (``id`` and ``priority`` filled in), or StubError."""
    if not isinstance(spec, dict):
        raise StubError("a stub is a JSON object with request and response")
    _only(spec, STUB_FIELDS, "stub")
    stub = dict(spec)
    stub.setdefault("id", str(uuid.uuid4()))
    if not isinstance(stub["id"], str) or not 0 < len(stub["id"]) <= 200:
        raise StubError("id must be a non-empty string")
    priority = stub.setdefault("priority", DEFAULT_PRIORITY)
    if not isinstance(priority, int) or isinstance(priority, bool) or priority < 1:
        raise StubError("priority must be a positive integer (1 is the highest)")
    for name in ("name", "scenarioName", "requiredScenarioState", "newScenarioState"):
        if name in stub and not isinstance(stub[name], str):
            raise StubError(f"{name} must be a string")
    if ("requiredScenarioState" in stub or "newScenarioState" in stub) and "scenarioName" not in stub:
        raise StubError("requiredScenarioState and newScenarioState need a scenarioName")
    request = stub.get("request", {})
    if not isinstance(request, dict):
        raise StubError("request must be a JSON object")
    endpoint = _check_request(request, catalogue)
    response = stub.get("response")
    if not isinstance(response, dict):
        raise StubError("response must be a JSON object (json, lines or body)")
    _check_response(response, endpoint)
    return stub


def _only(spec: Mapping[str, Any], known: tuple[str, ...], what: str) -> None:
    unknown = set(spec) - set(known)
    if unknown:
        raise StubError(f"unknown {what} fields: {', '.join(sorted(unknown))}; known: {', '.join(known)}")


def _check_request(request: dict[str, Any], catalogue: Catalogue) -> str | None:
    """Check the matcher; the endpoint it is limited to (None: any)."""
    _only(request, REQUEST_FIELDS, "request")
    if "module" in request and "endpoint" in request and request["module"] != request["endpoint"]:
        raise StubError("module and endpoint are the same thing; give one")
    endpoint = request.get("module", request.get("endpoint"))
    if endpoint is not None and endpoint not in catalogue.modules:
        raise StubError(f"unknown module {endpoint!r}; one of {', '.join(catalogue.modules)}")
    action = request.get("action")
    if action is not None:
        if not isinstance(action, str):
            raise StubError("action must be a goAction or lmapi function name")
        home = catalogue.module_of(action)
        if home is None:
            raise StubError(f"unknown action {action!r}: no goAction or lmapi function has that name")
        if endpoint is not None and home != endpoint:
            raise StubError(
                f"action {action!r} is answered by {home}, not {endpoint}: the stub could never match"
            )
        endpoint = home
    method = request.get("method")
    if method is not None and method not in METHODS:
        raise StubError(f"method must be one of {', '.join(METHODS)}")
    credentials = request.get("credentials")
    if credentials is not None and credentials not in CREDENTIALS:
        raise StubError("credentials must be valid or invalid")
    parameters = request.get("parameters", {})
    if not isinstance(parameters, dict):
        raise StubError("parameters must map a parameter name to a matcher")
    for name, matcher in parameters.items():
        _check_matcher(name, matcher)
    return endpoint


def _check_matcher(name: str, matcher: Any) -> None:
    if not isinstance(matcher, dict) or len(matcher) != 1 or next(iter(matcher)) not in MATCHERS:
        raise StubError(
            f'parameter {name!r}: a matcher is one of {", ".join(MATCHERS)}, e.g. {{"equalTo": "x"}}'
        )
    ((kind, value),) = matcher.items()
    if kind == "absent":
        if not isinstance(value, bool):
            raise StubError(f"parameter {name!r}: absent takes true or false")
        return
    if not isinstance(value, str):
        raise StubError(f"parameter {name!r}: {kind} takes a string")
    if kind == "matches":
        try:
            re.compile(value)
        except re.error as error:
            raise StubError(f"parameter {name!r}: bad regular expression {value!r}: {error}") from None


def _check_response(response: dict[str, Any], endpoint: str | None) -> None:
    _only(response, RESPONSE_FIELDS, "response")
    bodies = [name for name in ("json", "lines", "body") if name in response]
    fault = response.get("fault")
    if len(bodies) > 1:
        raise StubError(f"a response has one of json, lines or body, not {' and '.join(bodies)}")
    if not bodies and fault is None:
        raise StubError("a response needs json, lines, body or fault")
    if "json" in response:
        if not isinstance(response["json"], dict):
            raise StubError("json must be an object (the body goAPI would encode)")
        if endpoint == "lmapi":
            raise StubError("lmapi answers text lines, not JSON: use lines (or body)")
    if "lines" in response:
        lines = response["lines"]
        if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
            raise StubError("lines must be a list of strings")
        if endpoint not in (None, "lmapi"):
            raise StubError("lines are lmapi's answer; a goAPI stub answers json (or body)")
    if "body" in response and not isinstance(response["body"], str):
        raise StubError("body must be a string")
    status = response.get("status", 200)
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
        raise StubError("status must be an HTTP status from 100 to 599")
    headers = response.get("headers", {})
    if not isinstance(headers, dict) or not all(
        isinstance(key, str) and isinstance(value, str) and "\n" not in key + value
        for key, value in headers.items()
    ):
        raise StubError("headers must map header names to strings")
    delay = response.get("delayMs", 0)
    if not isinstance(delay, int) or isinstance(delay, bool) or not 0 <= delay <= MAX_DELAY_MS:
        raise StubError(f"delayMs must be an integer from 0 to {MAX_DELAY_MS}")
    if fault is not None and fault not in FAULT_TYPES:
        raise StubError(f"fault must be one of {', '.join(FAULT_TYPES)}")


def _parameter_matches(value: Any, matcher: Mapping[str, Any]) -> bool:
    ((kind, wanted),) = matcher.items()
    if kind == "absent":
        return (value is None) == wanted
    if not isinstance(value, str):
        return False
    if kind == "equalTo":
        return value == wanted
    if kind == "contains":
        return wanted in value
    return re.fullmatch(wanted, value) is not None


def matches(stub: Mapping[str, Any], incoming: IncomingRequest) -> bool:
    """Whether the stub's request matcher accepts the request (scenario state aside)."""
    request = stub.get("request", {})
    endpoint = request.get("module", request.get("endpoint"))
    if endpoint is not None and endpoint != incoming.endpoint:
        return False
    if "action" in request and request["action"] != incoming.action:
        return False
    if "method" in request and request["method"] != incoming.method:
        return False
    for name, matcher in request.get("parameters", {}).items():
        if not _parameter_matches(incoming.values.get(name), matcher):
            return False
    if "credentials" in request:
        return incoming.authenticated() == (request["credentials"] == "valid")
    return True


class StubBook:
    """The stubs and scenario states, in the state store."""

    def __init__(self, store: StateStore, catalogue: Catalogue, files: Path | None = None) -> None:
        self._store = store
        self.catalogue = catalogue
        self.files = files

    def add(self, spec: Any) -> dict[str, Any]:
        stub = validate(spec, self.catalogue)
        stub["_seq"] = self._store.next_id(KIND)
        self._store.put(KIND, stub["id"], stub)
        return public(stub)

    def replace(self, stub_id: str, spec: Any) -> dict[str, Any] | None:
        if not isinstance(spec, dict):
            raise StubError("a stub is a JSON object with request and response")
        with self._store.locked():
            old = self._store.table(KIND).get(stub_id)
            if old is None:
                return None
            stub = validate({**spec, "id": stub_id}, self.catalogue)
            stub["_seq"] = old["_seq"]
            self._store.put(KIND, stub_id, stub)
        return public(stub)

    def get(self, stub_id: str) -> dict[str, Any] | None:
        stub = self._store.table(KIND).get(stub_id)
        return None if stub is None else public(stub)

    def delete(self, stub_id: str) -> bool:
        return self._store.delete(KIND, stub_id)

    def all(self) -> list[dict[str, Any]]:
        """Every stub in the order they are tried: priority, then newest first."""
        stubs = self._store.table(KIND).values()
        return sorted(stubs, key=lambda stub: (stub["priority"], -stub["_seq"]))

    def load_files(self) -> int:
        """Add the stubs of every ``*.json`` file in ``files`` (a stub, a list, or ``{"mappings": [...]}``);
        a stub without an id gets ``FILE#N``, so loading twice (several workers) keeps one copy."""
        if self.files is None:
            return 0
        loaded = 0
        for path in sorted(self.files.glob("*.json")):
            for index, spec in enumerate(_specs_in(path)):
                if isinstance(spec, dict):
                    spec = {"id": f"{path.name}#{index + 1}", **spec}
                try:
                    stub = validate(spec, self.catalogue)
                except StubError as error:
                    raise StubError(f"{path}: stub {index + 1}: {error}") from None
                stub["_seq"] = self._store.next_id(KIND)
                self._store.put(KIND, stub["id"], stub)
                loaded += 1
        return loaded

    def answer_for(self, incoming: IncomingRequest) -> dict[str, Any] | None:
        """The stub that answers this request (moving its scenario on), or None: the world answers."""
        candidates = [stub for stub in self.all() if matches(stub, incoming)]
        if not any("scenarioName" in stub for stub in candidates):
            return public(candidates[0]) if candidates else None
        with self._store.locked():  # read the state and move it on in one step, across processes
            states = self.scenario_states()
            for stub in candidates:
                name = stub.get("scenarioName")
                if name is not None:
                    required = stub.get("requiredScenarioState")
                    if required is not None and states.get(name, STARTED) != required:
                        continue
                    if "newScenarioState" in stub:
                        self._store.put(SCENARIOS, name, {"state": stub["newScenarioState"]})
                return public(stub)
        return None

    def scenario_states(self) -> dict[str, str]:
        return {name: record["state"] for name, record in self._store.table(SCENARIOS).items()}

    def scenarios(self) -> list[dict[str, Any]]:
        """Every scenario the stubs name, with its state and the states its stubs mention."""
        states = self.scenario_states()
        found: dict[str, set[str]] = {}
        for stub in self.all():
            name = stub.get("scenarioName")
            if name is not None:
                possible = found.setdefault(name, {STARTED})
                possible.update(
                    stub[key] for key in ("requiredScenarioState", "newScenarioState") if key in stub
                )
        return [
            {"name": name, "state": states.get(name, STARTED), "possibleStates": sorted(possible)}
            for name, possible in sorted(found.items())
        ]

    def reset_scenarios(self) -> int:
        return self._store.clear([SCENARIOS])[SCENARIOS]

    def clear(self) -> int:
        """Remove every stub (and scenario state), then load the files' stubs again."""
        removed = self._store.clear([KIND, SCENARIOS])[KIND]
        self.load_files()
        return removed


def public(stub: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in stub.items() if not key.startswith("_")}


def _specs_in(path: Path) -> list[Any]:
    try:
        return stubs_in(path)
    except StubFileUnreadable as error:
        raise StubError(f"{path}: {error}") from None
