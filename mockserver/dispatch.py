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
from mockserver.answer_cache import AnswerCache
from mockserver.contract import Catalogue
from mockserver.encoding import goapi_xml, php_json
from mockserver.encoding.content_types import AnswerKind
from mockserver.errors import ApiError
from mockserver.params import Params
from mockserver.world import World
from mockserver.world.dependence import watching

log = logging.getLogger("mockserver")

AGENT_MODULE = "goAgent"


@dataclass(frozen=True)
class Answer:
    """A rendered answer: its encoded body, which encoding it took, and what it said (for the journal)."""

    data: bytes
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
    """The goAPI.php entry points; stateless apart from the world it answers from and the answers it
    keeps: one that read neither the mutable state nor a live "now" is reused, byte for byte."""

    def __init__(
        self,
        world: World,
        catalogue: Catalogue,
        *,
        wellformed_xml: bool,
        propagate: bool,
        cache: AnswerCache | None = None,
    ):
        self.world = world
        self.catalogue = catalogue
        self.wellformed_xml = wellformed_xml
        self.propagate = propagate
        self.cache = cache if cache is not None else AnswerCache()

    def answer(self, module: str, params: Params) -> Answer:
        clock = self.world.clock
        frozen_or_day = clock.frozen or clock.now().date()
        key = (module, repr(params.values), frozen_or_day, self.world.directory_fingerprint())
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        with watching() as dependence:
            answer = self._answer(module, params)
        if not dependence.volatile and not answer.emulator_error:
            self.cache.put(key, answer, len(answer.data))
        return answer

    def _answer(self, module: str, params: Params) -> Answer:
        action = _action_text(params.values.get("goAction"))
        try:
            return self.render(action, self._result(module, action, params), params)
        except Exception as exception:  # the emulator's own bug (handler or encoder): answer, log, never 500
            if self.propagate:
                raise
            log.exception("internal error answering goAction %r on %s", action[:80], module)
            body = emulator_error(exception, action[:80] or module)
            return self.render(action, body, params, emulator_failed=True)

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
        try:  # no lock: the world's parts are safe to read from many threads; writers lock what they change
            return dict(handler(self.world, params))
        except ApiError as error:
            return error.body

    def render(
        self, action: str, body: dict[str, Any], params: Params, emulator_failed: bool = False
    ) -> Answer:
        responsetype = params.values.get("responsetype")
        outcome = _outcome(body)
        if responsetype == "json":
            return Answer(_utf8(php_json.encode(body)), "json", action or None, outcome, emulator_failed)
        if responsetype in (None, "", "xml"):
            if self.wellformed_xml:
                xml = goapi_xml.render(action, body, wellformed=True)
            else:
                xml = goapi_xml.render(goapi_xml.mysqli_escape(action), body)
            return Answer(_utf8(xml), "xml", action or None, outcome, emulator_failed)
        text = _utf8(errors.INVALID_RESPONSETYPE_TEXT)
        return Answer(text, "text", action or None, "invalid responsetype")


def _utf8(text: str) -> bytes:
    """PHP sends whatever bytes it holds; lone surrogates (from undecodable input) go out as they came."""
    return text.encode("utf-8", "surrogatepass")


def answer_lmapi(world: World, params: Params, *, propagate: bool) -> Answer:
    """``/API/lmapi.php``: the lmapi package answers; this only guards the wire."""
    function = params.get("function")
    try:
        text = lmapi.answer(world, params)
    except Exception as exception:
        if propagate:
            raise
        log.exception("internal error answering lmapi function %r", (function or "")[:80])
        text = f"ERROR: crocodial-mock internal error: {type(exception).__name__}; see the emulator log\n"
        return Answer(_utf8(text), "lmapi", function, "emulator error", emulator_error=True)
    # The outcome keeps only the message: upstream echoes the password after the first "|".
    headline = text.split("\n", 1)[0].split(" - ", 1)[0].split("|", 1)[0]
    return Answer(_utf8(text), "lmapi", function, headline.strip()[:80])
