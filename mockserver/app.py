"""The Flask application: CrocoDial's URLs served the way Apache + PHP serve them.

``create_app(config)`` builds an emulator whose world, clock and modes come from ``config``; tests use
``create_app(EmulatorConfig(seed=7, now="2025-05-14T15:30:00")).test_client()``. The world lives in
``app.extensions["crocodial"]``; the rest of the emulator's state in ``app.extensions["crocodial.state"]``.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter

from crocodial_mock.paths import SPEC_PATH
from mockserver import fault_wire, php_params, stub_wire
from mockserver.admin import admin_blueprint
from mockserver.answer_cache import AnswerCache
from mockserver.config import EmulatorConfig
from mockserver.console import console_blueprint
from mockserver.contract import GOAPI_MODULES, Catalogue, load_catalogue
from mockserver.dispatch import Answer, GoApiDispatcher, answer_lmapi, emulator_error
from mockserver.encoding import php_json
from mockserver.encoding.content_types import content_type
from mockserver.faults import RUNS_THE_ACTION, Fault, FaultBook
from mockserver.journal import Journal
from mockserver.lmapi import FUNCTIONS as LMAPI_FUNCTIONS
from mockserver.state import open_store
from mockserver.stubs import Catalogue as StubCatalogue
from mockserver.stubs import IncomingRequest, StubBook
from mockserver.world import World, directory_additions
from mockserver.world.clock import Clock

log = logging.getLogger("mockserver")

GOAPI_PATH = re.compile(r"/goAPIv2/(?P<module>[^/]+)/goAPI\.php")
LMAPI_PATH = "/API/lmapi.php"
VICIDIAL_PATH = "/vicidial/non_agent_api.php"  # VICIdial's stock path for the same script (ERRATA W21)
SERVED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]
APACHE_NOT_FOUND = (
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n'
    "</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n"
    "</body></html>\n"
)


@dataclass
class EmulatorState:
    """Everything a request needs besides the world; one per app."""

    config: EmulatorConfig
    catalogue: Catalogue
    journal: Journal
    dispatcher: GoApiDispatcher
    propagate: bool
    started_at: float
    faults: FaultBook
    stubs: StubBook


class _AnyPath(BaseConverter):
    """Matches every path, empty and doubled slashes included, so routing is decided here, not by
    werkzeug (which would redirect ``//`` instead of serving it as Apache does)."""

    regex = ".*"
    part_isolating = False


def create_app(
    config: EmulatorConfig | None = None,
    *,
    spec_path: Path | str | None = None,
    propagate_exceptions: bool = False,
    journal_capacity: int = 1000,
) -> Flask:
    """A ready emulator. ``spec_path`` swaps the contract (tests use small synthetic ones);
    ``propagate_exceptions`` lets handler bugs raise instead of answering the emulator error envelope."""
    config = config or EmulatorConfig()
    app = Flask("mockserver", static_folder=None)
    app.url_map.merge_slashes = False
    app.url_map.strict_slashes = False
    app.url_map.converters["anypath"] = _AnyPath
    app.config["MAX_FORM_MEMORY_SIZE"] = php_params.POST_MAX_SIZE
    app.config["MAX_FORM_PARTS"] = php_params.MAX_INPUT_VARS + 1
    app.config["PROPAGATE_EXCEPTIONS"] = propagate_exceptions

    store = open_store(config.state)
    world = World(
        config.seed, clock=Clock.parse(config.now), size=config.size, api_users=config.api_users, state=store
    )
    catalogue = load_catalogue(spec_path)
    dispatcher = GoApiDispatcher(
        world,
        catalogue,
        wellformed_xml=config.xml_mode == "wellformed",
        propagate=propagate_exceptions,
        cache=AnswerCache(config.answer_cache_mb * 1024 * 1024),
    )
    app.extensions["crocodial"] = world
    app.extensions["crocodial.state"] = EmulatorState(
        config,
        catalogue,
        Journal(journal_capacity, store),
        dispatcher,
        propagate_exceptions,
        time.time(),
        FaultBook(store, known_actions=(*catalogue.actions, *LMAPI_FUNCTIONS)),
        StubBook(store, stub_catalogue(catalogue), Path(config.mappings) if config.mappings else None),
    )
    state_of(app).stubs.load_files()

    app.before_request(_pin_clock)
    app.teardown_request(_unpin_clock)
    app.register_blueprint(admin_blueprint)
    app.register_blueprint(console_blueprint)
    app.extensions["crocodial.spec_path"] = Path(spec_path) if spec_path is not None else SPEC_PATH
    app.add_url_rule(
        "/<anypath:path>",
        "crocodial",
        serve,
        methods=SERVED_METHODS,
        provide_automatic_options=False,
    )
    app.register_error_handler(405, _other_method)
    app.register_error_handler(Exception, _last_resort)
    return app


def stub_catalogue(catalogue: Catalogue) -> StubCatalogue:
    """What stubs may name: the contract's actions on their modules, lmapi's functions."""
    return StubCatalogue(
        modules=(*GOAPI_MODULES, "lmapi"),
        action_modules={name: spec.module for name, spec in catalogue.actions.items()},
        lmapi_functions=LMAPI_FUNCTIONS,
    )


def _pin_clock() -> None:
    """One reading of the clock and of the directory's additions per request, so an answer never
    mixes two instants or two versions of the directory."""
    world = current_world()
    g.crocodial_clock = world.clock.pin()
    g.crocodial_directory = directory_additions.pin(world.state)


def _unpin_clock(error: BaseException | None = None) -> None:
    token = g.pop("crocodial_clock", None)
    if token is not None:
        Clock.unpin(token)
    token = g.pop("crocodial_directory", None)
    if token is not None:
        directory_additions.unpin(token)


def state_of(app: Flask) -> EmulatorState:
    return app.extensions["crocodial.state"]


def serve(path: str = "") -> Response:
    """Every non-admin URL: the six goAPI.php entry points, lmapi.php (and its VICIdial path), or
    Apache's 404."""
    normalized = re.sub("/+", "/", request.path)
    match = GOAPI_PATH.fullmatch(normalized)
    if match and match.group("module") in GOAPI_MODULES:
        return _serve_goapi(match.group("module"), normalized)
    if normalized == LMAPI_PATH or (normalized == VICIDIAL_PATH and state_of_current().config.vicidial_path):
        return _serve_lmapi(normalized)
    if request.path.startswith("/__admin"):
        return _admin_miss()
    started = time.perf_counter()
    state = state_of_current()
    get, _post = _superglobals()
    body = APACHE_NOT_FOUND.encode()
    response = Response(body, status=404, content_type="text/html; charset=iso-8859-1")
    _record(state, "none", normalized, get, Answer(body, "text", None, "not found"), started, response)
    return response


def _superglobals() -> tuple[php_params.PhpArray, php_params.PhpArray]:
    """``$_GET`` and ``$_POST`` as PHP builds them for this request (POST bodies only on POST)."""
    get = php_params.register_variables(php_params.parse_urlencoded(request.query_string))
    if request.method != "POST" or (request.content_length or 0) > php_params.POST_MAX_SIZE:
        return get, {}
    mimetype = request.mimetype
    if mimetype == "application/x-www-form-urlencoded":
        body = request.stream.read(php_params.POST_MAX_SIZE + 1)  # bounded even when chunked
        too_big = len(body) > php_params.POST_MAX_SIZE
        pairs = [] if too_big else php_params.parse_urlencoded(body)
    elif mimetype == "multipart/form-data":
        try:
            pairs = list(request.form.items(multi=True))
        except (HTTPException, ValueError):  # malformed or oversized: PHP leaves $_POST empty
            pairs = []
    else:
        pairs = []  # PHP does not parse JSON (or any other) bodies into $_POST
    return get, php_params.register_variables(pairs)


def _serve_goapi(module: str, path: str) -> Response:
    started = time.perf_counter()
    state = state_of_current()
    get, post = _superglobals()
    values = php_params.goapi_values(get, post)

    def run() -> Answer:
        return state.dispatcher.answer(module, php_params.to_params(values))

    headers = {"Access-Control-Allow-Origin": "*"}
    if module == "goAgent":
        headers.update({"Access-Control-Allow-Methods": "POST", "Access-Control-Max-Age": "1000"})
    return _answered(state, module, path, values, "goAction", started, run, headers)


def _serve_lmapi(path: str) -> Response:
    started = time.perf_counter()
    state = state_of_current()
    get, post = _superglobals()
    values = php_params.lmapi_values(get, post)

    def run() -> Answer:
        return answer_lmapi(current_world(), php_params.to_params(values), propagate=state.propagate)

    headers = {"Cache-Control": "no-cache, must-revalidate", "Pragma": "no-cache"}
    return _answered(state, "lmapi", path, values, "function", started, run, headers)


def _answered(
    state: EmulatorState,
    endpoint: str,
    path: str,
    values: dict,
    name_parameter: str,
    started: float,
    run: Callable[[], Answer],
    headers: dict[str, str],
) -> Response:
    """Answer with a stub (``/__admin/mappings``) or the action, and journal it with the entry point's
    ``headers`` set; a fault switched on through ``/__admin/faults`` (or the stub's own) waits its delay,
    then answers instead or spoils the answer."""
    name = values.get(name_parameter)
    name = name if isinstance(name, str) else None
    fault = state.faults.take(name)
    if fault is not None and fault.fault != "SLOW_BODY":  # a slow body spends its delay trickling
        time.sleep(fault.delay_ms / 1000)
    kind = "lmapi" if endpoint == "lmapi" else "text"
    if fault is not None and fault.fault not in RUNS_THE_ACTION:
        answer = Answer(b"", kind, name, _fault_label(fault))
        response = fault_wire.instead(fault, content_type(kind, "upstream"), request.environ)
    else:
        stub = state.stubs.answer_for(_incoming(endpoint, name, values))
        if stub is not None:
            answer, response, stub_fault = stub_wire.respond(stub, state, endpoint, name, values)
            fault = fault or stub_fault
        else:
            answer = run()
            response = _response(answer, state)
        if fault is not None and fault.fault not in RUNS_THE_ACTION:  # the stub's own fault
            response = fault_wire.instead(fault, content_type(kind, "upstream"), request.environ)
        elif fault is not None:
            response = fault_wire.around(fault, response, endpoint)
        if fault is not None and fault.fault != "NONE":
            answer = replace(answer, outcome=f"{_fault_label(fault)}: {answer.outcome}")
    response.headers.update(headers)
    _record(state, endpoint, path, values, answer, started, response)
    return response


def _fault_label(fault: Fault) -> str:
    return f"fault {fault.fault} #{fault.id}" if fault.id else f"fault {fault.fault}"


def _incoming(endpoint: str, name: str | None, values: dict) -> IncomingRequest:
    """The request as stubs match it: parameter values as the journal shows them, credentials on demand."""
    user_key, password_key = ("user", "pass") if endpoint == "lmapi" else ("goUser", "goPass")

    def authenticated() -> bool:
        user, password = values.get(user_key), values.get(password_key)
        if not isinstance(user, str) or not isinstance(password, str) or not user:
            return False
        return current_world().directory.authenticate(user, password) is not None

    shown = {str(key): php_params.to_param_value(value) for key, value in values.items()}
    return IncomingRequest(endpoint, request.method, name, shown, authenticated)


def _response(answer: Answer, state: EmulatorState) -> Response:
    response = Response(answer.data, status=200)
    response.headers["Content-Type"] = content_type(answer.kind, state.config.content_type_mode)
    return response


def _record(
    state: EmulatorState,
    endpoint: str,
    path: str,
    values: dict,
    answer: Answer,
    started: float,
    response: Response,
) -> None:
    state.journal.record(
        method=request.method,
        path=path,
        endpoint=endpoint,
        action=answer.action[:200] if answer.action else None,
        params={str(key): php_params.to_param_value(value) for key, value in values.items()},
        answer=answer.kind,
        outcome=answer.outcome,
        body_bytes=len(answer.data),
        emulator_error=answer.emulator_error,
        status=response.status_code,
        response_headers=dict(response.headers),
        duration_ms=round((time.perf_counter() - started) * 1000, 3),
        body=answer.data,
    )
    log.info(
        "%s %s %s -> %s (%s)", request.method, path, (answer.action or "-")[:80], answer.kind, answer.outcome
    )


def state_of_current() -> EmulatorState:
    return state_of(current_app)


def current_world() -> World:
    return current_app.extensions["crocodial"]


def _admin_miss() -> Response:
    """An admin URL with the wrong method (405) or no such admin endpoint (404), in JSON."""
    known = any(rule.rule == request.path for rule in current_app.url_map.iter_rules())
    status = 405 if known else 404
    message = f"method {request.method} not allowed here" if known else "no such admin endpoint"
    return Response(json.dumps({"error": message}), status=status, content_type="application/json")


def _other_method(error: HTTPException) -> Response:
    """Methods werkzeug does not route (PROPFIND, FOO...): PHP still runs the script, as Apache would."""
    if request.path.startswith("/__admin"):
        return _admin_miss()
    return serve()


def _last_resort(error: Exception) -> Response:
    """Anything that escaped: HTTP errors keep their status (404, 413...), bugs answer 200 + W15."""
    if isinstance(error, HTTPException):
        return error.get_response()
    state = state_of_current()
    if state.propagate:
        raise error
    log.exception("internal error serving %s %s", request.method, request.path[:200])
    body = php_json.encode(emulator_error(error, request.path[:80]))
    return Response(body, status=200, content_type=content_type("json", state.config.content_type_mode))
