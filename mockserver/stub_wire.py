"""A matched stub's answer on the wire: ``json`` through the emulator's own encoders (JSON or goAPI XML
as ``responsetype`` asks, byte for byte what the world's answers look like), lmapi ``lines``, or a raw
``body``; then its ``status``, ``headers``, ``delayMs`` and ``fault``."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from flask import Response

from mockserver import php_params
from mockserver.dispatch import Answer
from mockserver.encoding import php_json
from mockserver.encoding.content_types import content_type
from mockserver.faults import Fault

if TYPE_CHECKING:
    from mockserver.app import EmulatorState


def respond(
    stub: dict[str, Any], state: EmulatorState, endpoint: str, action: str | None, values: dict
) -> tuple[Answer, Response, Fault | None]:
    """(what the journal records, the response, the stub's fault if it has one)."""
    spec = stub["response"]
    fault_kind = spec.get("fault")
    delay_ms = spec.get("delayMs", 0)
    if fault_kind != "SLOW_BODY":  # a slow body spends the delay trickling
        time.sleep(delay_ms / 1000)
    answer = _answer(spec, state, endpoint, action, values)
    answer = Answer(answer.data, answer.kind, answer.action, f"stub {stub['id']}: {answer.outcome}"[:200])
    response = Response(answer.data, status=spec.get("status", 200))
    response.headers["Content-Type"] = content_type(answer.kind, state.config.content_type_mode)
    for name, value in spec.get("headers", {}).items():
        response.headers[name] = value
    fault = None if fault_kind is None else Fault(0, fault_kind, action, delay_ms, None)
    return answer, response, fault


def _answer(
    spec: dict[str, Any], state: EmulatorState, endpoint: str, action: str | None, values: dict
) -> Answer:
    kind = "lmapi" if endpoint == "lmapi" else "text"
    if "json" in spec:
        if endpoint == "lmapi":  # a stub for any endpoint: lmapi has no JSON encoder of its own
            return Answer(php_json.encode(spec["json"]).encode(), kind, action, "json")
        params = php_params.to_params(values)
        return state.dispatcher.render(action or "", spec["json"], params)
    if "lines" in spec:
        text = "".join(line + "\n" for line in spec["lines"])
        return Answer(text.encode(), kind, action, (spec["lines"] or [""])[0][:80])
    body = spec.get("body", "")
    return Answer(body.encode(), kind, action, f"body {len(body)} characters")
