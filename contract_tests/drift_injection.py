"""Test-only drift: a WSGI middleware that makes the emulator answer like a CrocoDial that changed.

It proves the kit catches what it claims to catch: wrap the emulator, change one thing (drop a
documented field, change a type, add an undocumented field, turn a success into an error, crash),
and the drift report must name that operation and that field. Never part of the emulator itself.

``python -m contract_tests.drift_injection --drift KIND:ACTION:PATH[=JSON]`` serves a drifted
emulator on 127.0.0.1 (port 0 picks a free one; the chosen port is printed as ``PORT <n>``).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from contract_tests import goapi_reader

DRIFT_KINDS = ("remove", "retype", "set", "add", "replace", "status", "garbage")


@dataclass(frozen=True)
class Drift:
    """One change to the answers of ``action`` (``*``: every action).

    kind: remove (delete the field at path), retype (number <-> string), set (value at path),
    add (new field at path), replace (whole body becomes value), status (HTTP status value),
    garbage (a body that is no format at all). ``path`` is a JSON pointer where ``*`` matches every
    list item, e.g. ``/data/rows/*/agent``.
    """

    kind: str
    action: str
    path: str = "/"
    value: Any = None
    json_only: bool = False
    """Drift only the JSON answers (XML passes through unchanged): the two formats then disagree."""

    @classmethod
    def parse(cls, text: str) -> Drift:
        """``KIND[/json]:ACTION:PATH[=JSON VALUE]``, e.g. ``remove:outbound_cdr:/data/rows/*/agent``."""
        spec, _, raw_value = text.partition("=")
        kind, _, rest = spec.partition(":")
        kind, _, scope = kind.partition("/")
        action, _, path = rest.partition(":")
        if kind not in DRIFT_KINDS or not action or scope not in ("", "json"):
            raise ValueError(
                f"bad drift {text!r}: want KIND[/json]:ACTION:PATH[=JSON], KIND in {DRIFT_KINDS}"
            )
        value = json.loads(raw_value) if raw_value else None
        return cls(kind, action, path or "/", value, json_only=scope == "json")


class DriftInjector:
    """WSGI middleware applying drifts to JSON answers of the wrapped app."""

    def __init__(self, app: Callable[..., Iterable[bytes]], drifts: Iterable[Drift]):
        self.app = app
        self.drifts = list(drifts)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        action = _action_of(environ)
        drifts = [d for d in self.drifts if d.action in ("*", action)]
        if drifts and _swap_responsetype(environ, "xml", "xml"):  # asks for XML: JSON-only drifts pass
            drifts = [d for d in drifts if not d.json_only]
        if not drifts:
            return self.app(environ, start_response)
        # A changed service changes both formats: ask for JSON, drift it, render XML when XML was asked.
        wants_xml = _swap_responsetype(environ, "xml", "json")
        captured: dict[str, Any] = {}

        def capture(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Callable[[bytes], None]:
            captured["status"], captured["headers"] = status, headers
            return lambda chunk: None

        chunks = self.app(environ, capture)
        try:
            body = b"".join(chunks)
        finally:
            close = getattr(chunks, "close", None)
            if close:
                close()
        status = captured["status"]
        for drift in drifts:
            status, body = apply(drift, status, body)
        if wants_xml:
            body = _as_xml(action, body)
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        return [body]


def apply(drift: Drift, status: str, body: bytes) -> tuple[str, bytes]:
    if drift.kind == "status":
        return f"{drift.value or 500} DRIFTED", body
    if drift.kind == "garbage":
        return status, b"{<b>Fatal error</b>: Uncaught TypeError in goAPI.php"
    if drift.kind == "replace":
        return status, json.dumps(drift.value, separators=(",", ":")).encode()
    try:
        data = json.loads(body)
    except ValueError:
        return status, body  # XML and text answers are left alone; the JSON one carries the drift
    parts = [p for p in drift.path.split("/") if p]
    _edit(data, parts, drift)
    return status, json.dumps(data, separators=(",", ":")).encode()


def _edit(node: Any, parts: list[str], drift: Drift) -> None:
    if not parts:
        return
    head, rest = parts[0], parts[1:]
    if head == "*" and isinstance(node, list):
        for item in node:
            if rest:
                _edit(item, rest, drift)
        return
    if not rest:
        _edit_leaf(node, head, drift)
        return
    child = node.get(head) if isinstance(node, dict) else None
    if child is None and isinstance(node, list) and head.isdigit() and int(head) < len(node):
        child = node[int(head)]
    if child is not None:
        _edit(child, rest, drift)


def _edit_leaf(node: Any, key: str, drift: Drift) -> None:
    if not isinstance(node, dict):
        return
    if drift.kind == "remove":
        node.pop(key, None)
    elif drift.kind in ("set", "add"):
        node[key] = drift.value
    elif drift.kind == "retype" and key in node:
        node[key] = _retyped(node[key])


def _retyped(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return len(value)
    return str(value)


def _as_xml(action: str, body: bytes) -> bytes:
    try:
        data = json.loads(body)
    except ValueError:
        return body  # garbage stays garbage
    return goapi_reader.write(action, data).encode() if isinstance(data, dict) else body


def _swap_responsetype(environ: dict[str, Any], old: str, new: str) -> bool:
    """Rewrite ``responsetype=old`` to ``new`` in the query or the (buffered) form; True if swapped."""
    query = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    if ("responsetype", old) in query:
        swapped = [(k, new if (k, v) == ("responsetype", old) else v) for k, v in query]
        environ["QUERY_STRING"] = urlencode(swapped)
        return True
    if any(k == "responsetype" for k, _ in query):
        return False
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if not length:
        return False
    raw = environ["wsgi.input"].read(length)
    form = parse_qsl(raw.decode("utf-8", errors="replace"), keep_blank_values=True)
    if ("responsetype", old) in form:
        raw = urlencode([(k, new if (k, v) == ("responsetype", old) else v) for k, v in form]).encode()
        environ["CONTENT_LENGTH"] = str(len(raw))
        environ["wsgi.input"] = io.BytesIO(raw)
        return True
    environ["wsgi.input"] = io.BytesIO(raw)
    return False


def _action_of(environ: dict[str, Any]) -> str:
    """goAction from the query or the form (the body is buffered and put back for the app)."""
    query = dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
    if "goAction" in query:
        return query["goAction"]
    if "function" in query:
        return query["function"]
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length:
        raw = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(raw)
        form = dict(parse_qsl(raw.decode("utf-8", errors="replace"), keep_blank_values=True))
        return form.get("goAction") or form.get("function") or ""
    return ""


def drifted_app(
    drifts: Iterable[Drift], seed: int = 7, now: str = "2025-05-14T15:30:00", size: Any = None
) -> DriftInjector:
    """The emulator with a fixed seed and clock (and optionally a smaller world), wrapped with ``drifts``."""
    from mockserver.app import create_app
    from mockserver.config import EmulatorConfig

    config = (
        EmulatorConfig(seed=seed, now=now) if size is None else EmulatorConfig(seed=seed, now=now, size=size)
    )
    return DriftInjector(create_app(config), drifts)


def main(argv: list[str] | None = None) -> int:
    from werkzeug.serving import WSGIRequestHandler, make_server

    class QuietHandler(WSGIRequestHandler):
        """No request log: request lines carry credentials."""

        def log_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    parser = argparse.ArgumentParser(description="Serve the emulator with injected drift (tests only).")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--now", default="2025-05-14T15:30:00")
    parser.add_argument("--drift", action="append", default=[], type=Drift.parse)
    args = parser.parse_args(argv)
    app = drifted_app(args.drift, args.seed, args.now)
    server = make_server("127.0.0.1", args.port, app, threaded=True, request_handler=QuietHandler)
    print(f"PORT {server.server_port}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
