"""Faults on the wire: the bytes (or the lack of them) a client of a misbehaving CrocoDial receives.

Faults that break the connection need the client's socket: the werkzeug server (``crocodial_mock``'s
threads, ``flask run``) and gunicorn (``crocodial-mock serve`` on POSIX) give it to the app. Under waitress
a CONNECTION_RESET falls back to closing the connection after an HTTP 500 with no body.
"""

from __future__ import annotations

import errno
import os
import socket
import struct
import time
from collections.abc import Iterator
from typing import Any

from flask import Response

from mockserver.faults import Fault

SOCKET_KEYS = ("werkzeug.socket", "gunicorn.socket")
PHP_WARNING = {
    "goapi": '<br />\n<b>Warning</b>:  Undefined array key "session_user" in '
    "<b>/var/www/html/goAPIv2/goFunctions.php</b> on line <b>23</b><br />\n",
    "lmapi": '<br />\n<b>Warning</b>:  Undefined array key "query_string" in '
    "<b>/var/www/html/vicidial/non_agent_api.php</b> on line <b>214</b><br />\n",
}
"""What PHP 8 prints before the output when a notice fires and display_errors (with html_errors) is on:
goFunctions.php reads ``session_user`` without checking it (upstream-facts A2)."""


def _dropped() -> ConnectionResetError:
    """What the servers treat as a client gone away: they close the socket and log nothing."""
    return ConnectionResetError(errno.ECONNRESET, "connection dropped by a crocodial-mock fault")


def instead(fault: Fault, content_type: str, environ: dict[str, Any]) -> Response:
    """The answer of a fault that does not run the action (EMPTY_BODY, PHP_FATAL, CONNECTION_RESET)."""
    if fault.fault == "CONNECTION_RESET":
        sock = next((environ[key] for key in SOCKET_KEYS if key in environ), None)
        if sock is not None:
            return Response(_reset(sock), status=200, content_type=content_type)
        return Response(b"", status=500, headers={"Connection": "close"}, content_type=content_type)
    status = 500 if fault.fault == "PHP_FATAL" else 200
    return Response(b"", status=status, content_type=content_type)


def around(fault: Fault, response: Response, endpoint: str) -> Response:
    """Spoil the real answer (PHP_WARNING, TRUNCATED_BODY, SLOW_BODY); others pass it unchanged."""
    body = response.get_data()
    if fault.fault == "PHP_WARNING":
        response.set_data(PHP_WARNING["lmapi" if endpoint == "lmapi" else "goapi"].encode() + body)
    elif fault.fault == "TRUNCATED_BODY":
        response.response = _half_then_drop(body)
        response.headers["Content-Length"] = str(len(body))
    elif fault.fault == "SLOW_BODY":
        response.response = _trickle(body, fault.chunks, fault.delay_ms / 1000)
        response.headers["Content-Length"] = str(len(body))
    return response


def _reset(sock: socket.socket) -> Iterator[bytes]:
    """Abort the connection: linger 0 makes the socket's last close send a TCP RST, not a FIN. The
    server's descriptor is swapped for /dev/null (closing the socket now, before the server could shut
    it down politely); the server then closes /dev/null instead, and its error on write is a reset."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    null = os.open(os.devnull, os.O_RDWR)
    try:
        os.dup2(null, sock.fileno())
    finally:
        os.close(null)
    raise _dropped()
    yield b""  # pragma: no cover - makes this a generator, so the reset comes when the server iterates


def _half_then_drop(body: bytes) -> Iterator[bytes]:
    yield body[: len(body) // 2]
    raise _dropped()


def _trickle(body: bytes, chunks: int, seconds: float) -> Iterator[bytes]:
    size = max(1, -(-len(body) // chunks))
    pieces = [body[start : start + size] for start in range(0, len(body), size)] or [b""]
    for index, piece in enumerate(pieces):
        if index:
            time.sleep(seconds / max(1, len(pieces) - 1))
        yield piece
