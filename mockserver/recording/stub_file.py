"""One recorded exchange as a stub file of the control plane (``serve --mappings DIR``).

The answer is kept as a raw ``body`` with its status and Content-Type, so the replay is the recorded
(redacted) bytes, not a re-encoding. The request matcher names the module, action and method, every
parameter but the credentials (``equalTo`` the redacted value), and ``credentials: valid`` or ``invalid``
instead of a user and password. Files are named ``<action>-<hash>.json`` after the redacted matcher
(never a real value: a hash of a 10-digit phone number can be reversed by trying them all) and written
with sorted keys, so a re-recording of the same traffic diffs cleanly in git.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BASE_PRIORITY = 100
"""Below the default priority (5) of hand-written stubs, which therefore win over recorded ones; a
matcher with more parameters is tried before a looser one it would otherwise shadow."""
HASH_LENGTH = 10
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class Exchange:
    """A recorded request and its answer, already redacted."""

    endpoint: str
    action: str | None
    action_known: bool
    method: str
    parameters: dict[str, Any]
    credentials: str | None
    status: int
    content_type: str | None
    body: str


def stub_of(exchange: Exchange) -> tuple[str, dict[str, Any], list[str]]:
    """(file name, stub, names of parameters the matcher cannot express: PHP arrays)."""
    request: dict[str, Any] = {"module": exchange.endpoint, "method": exchange.method}
    parameters = dict(exchange.parameters)
    name_parameter = "function" if exchange.endpoint == "lmapi" else "goAction"
    if exchange.action_known:
        request["action"] = exchange.action
        parameters.pop(name_parameter, None)
    matchers = {name: {"equalTo": value} for name, value in parameters.items() if isinstance(value, str)}
    unmatched = sorted(name for name, value in parameters.items() if not isinstance(value, str))
    if matchers:
        request["parameters"] = matchers
    if exchange.credentials:
        request["credentials"] = exchange.credentials
    digest = hashlib.sha256(
        json.dumps([request, {name: parameters[name] for name in unmatched}], sort_keys=True).encode()
    ).hexdigest()[:HASH_LENGTH]
    stem = f"{_UNSAFE.sub('_', exchange.action or exchange.endpoint)[:80]}-{digest}"
    response: dict[str, Any] = {"status": exchange.status, "body": exchange.body}
    if exchange.content_type:
        response["headers"] = {"Content-Type": exchange.content_type}
    specificity = len(matchers) + (1 if exchange.credentials else 0)
    stub = {
        "id": stem,
        "name": f"recorded {exchange.method} {exchange.endpoint} {exchange.action or '(no action)'}",
        "priority": BASE_PRIORITY - min(specificity, BASE_PRIORITY - 10),
        "request": request,
        "response": response,
    }
    return f"{stem}.json", stub, unmatched


def write_stub(folder: Path, file_name: str, stub: dict[str, Any]) -> None:
    """Write atomically (a replay started meanwhile never reads half a file)."""
    text = json.dumps(stub, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    temporary = folder / f".{file_name}.tmp"
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(folder / file_name)
