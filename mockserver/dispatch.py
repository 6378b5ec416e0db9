"""goAPI.php and lmapi.php without HTTP: parameters in, body text out.

The order of checks is the behaviour clients notice (ERRATA W8-W11): root-dispatched modules check
credentials before the action, goAgent checks the action first; the contract's required parameters
come next, then the handler; ``responsetype`` picks the encoding only after the action has run (W5).
Any other exception becomes the emulator's own error envelope (W15), never an HTTP 500.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mockserver import errors, lmapi
from mockserver.actions import handler_for
from mockserver.contract import Catalogue
from mockserver.encoding import goapi_xml, php_json
from mockserver.encoding.content_types import AnswerKind
from mockserver.errors import ApiError
from mockserver.params import Params
from mockserver.world import World

log = logging.getLogger("mockserver")

AGENT_MODULE = "goAgent"


@dataclass(frozen=True)
class Answer:
    """A rendered answer: its body, which encoding it took, and what it said (for the journal)."""

    body: str
    kind: AnswerKind
    action: str | None
    outcome: str
    emulator_error: bool = False


def emulator_error(exception: BaseException, where: str) -> dict[str, Any]:
    """The envelope for a bug in the emulator itself (ERRATA W15): shaped like goAPI's own errors so
    clients do not crash, worded so nobody mistakes it for CrocoDial's behaviour."""
    return {
        "result": "error",
        "message": f"crocodial-mock internal error: {type(exception).__name__} while answering {where}; "
        "see the emulator log",
    }


def unimplemented(action: str) -> dict[str, Any]:
    """The contract has the action but no handler is registered (a gap in the emulator)."""
    return {"result": "error", "message": f"crocodial-mock: goAction {action} is not implemented"}


def _action_text(raw: Any) -> str:
    """goAction as PHP sees it as a string: absent -> "", an array -> "Array"."""
    if raw is None:
        return ""
    return raw if isinstance(raw, str) else "Array"


def _outcome(body: Mapping[str, Any]) -> str:
    if "code" in body:
        return f"error {body['code']}"
    result = body.get("result")
    if result == "error":
        return "error: " + str(body.get("message", ""))[:80]
    return str(result)[:80] if result is not None else "?"


class GoApiDispatcher:
    """One goAPI module's ``goAPI.php``; stateless apart from the world it answers from."""

    def __init__(self, world: World, catalogue: Catalogue, *, wellformed_xml: bool, propagate: bool):
        self.world = world
        self.catalogue = catalogue
        self.wellformed_xml = wellformed_xml
        self.propagate = propagate

    def answer(self, module: str, params: Params) -> Answer:
        action = _action_text(params.values.get("goAction"))
        try:
            return self._render(action, self._result(module, action, params), params)
        except Exception as exception:  # the emulator's own bug (handler or encoder): answer, log, never 500
            if self.propagate:
                raise
            log.exception("internal error answering goAction %r on %s", action[:80], module)
            body = emulator_error(exception, action[:80] or module)
            return self._render(action, body, params, emulator_failed=True)

    def _authenticated(self, params: Params) -> bool:
        user, password = params.get("goUser"), params.get("goPass")
        if not user or password is None:
            return False
        return self.world.directory.authenticate(user, password) is not None

    def _result(self, module: str, action: str, params: Params) -> dict[str, Any]:
        spec = self.catalogue.get(action) if action else None
        on_module = spec is not None and spec.module == module and "/" not in action
        if module == AGENT_MODULE:
            if not action:
                return errors.agent_empty_action()
            if not on_module:
                return errors.agent_command_not_found()
            if not self._authenticated(params):
                return errors.invalid_credentials()
        else:
            if not self._authenticated(params):
                return errors.invalid_credentials()
            if not on_module:
                return errors.command_not_found()
        assert spec is not None
        if spec.missing_parameters(params.has):
            return errors.missing_parameters()
        handler = handler_for(action)
        if handler is None:
            return unimplemented(action)
        try:
            with self.world.lock:  # lazy world caches and the lead store are not thread-safe
                return dict(handler(self.world, params))
        except ApiError as error:
            return error.body

    def _render(
        self, action: str, body: dict[str, Any], params: Params, emulator_failed: bool = False
    ) -> Answer:
        responsetype = params.values.get("responsetype")
        outcome = _outcome(body)
        if responsetype == "json":
            return Answer(php_json.encode(body), "json", action or None, outcome, emulator_failed)
        if responsetype in (None, "", "xml"):
            if self.wellformed_xml:
                xml = goapi_xml.render(action, body, wellformed=True)
            else:
                xml = goapi_xml.render(goapi_xml.mysqli_escape(action), body)
            return Answer(xml, "xml", action or None, outcome, emulator_failed)
        return Answer(errors.INVALID_RESPONSETYPE_TEXT, "text", action or None, "invalid responsetype")


def answer_lmapi(world: World, params: Params, *, propagate: bool) -> Answer:
    """``/API/lmapi.php``: the lmapi package answers; this only guards the wire."""
    function = params.get("function")
    try:
        with world.lock:
            text = lmapi.answer(world, params)
    except Exception as exception:
        if propagate:
            raise
        log.exception("internal error answering lmapi function %r", (function or "")[:80])
        text = f"ERROR: crocodial-mock internal error: {type(exception).__name__}; see the emulator log\n"
        return Answer(text, "lmapi", function, "emulator error", emulator_error=True)
    # The outcome keeps only the message: upstream echoes the password after the first "|".
    headline = text.split("\n", 1)[0].split(" - ", 1)[0].split("|", 1)[0]
    return Answer(text, "lmapi", function, headline.strip()[:80])
