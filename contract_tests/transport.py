"""Where requests go: a live base URL (rate-limited, with a timeout) or the emulator in-process (WSGI).

Both speak ``ApiRequest`` in and ``Answer`` out, so every check runs unchanged against either.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from typing import Any, Protocol

from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    MaxRetryError,
    NewConnectionError,
    ReadTimeoutError,
)

from contract_tests.http_client import HttpClient
from contract_tests.judge import Answer
from contract_tests.requests_model import ApiRequest

DEFAULT_RATE_LIMIT = 5.0
"""Requests per second against a live target: gentle enough for a production call centre."""
DEFAULT_TIMEOUT = 30.0


class TargetUnreachable(RuntimeError):
    """The target cannot be reached at all (refused, DNS, TLS): a usage problem, not drift."""


class RequestTimedOut(RuntimeError):
    pass


class Target(Protocol):
    base_url: str
    live: bool

    def send(self, request: ApiRequest) -> Answer: ...


class RateLimiter:
    """At most ``rate`` requests per second (0 or None: unlimited), spaced evenly."""

    def __init__(self, rate: float | None):
        self.interval = 1.0 / rate if rate else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self.interval
        if delay > 0:
            time.sleep(delay)


class HttpTarget:
    """A running CrocoDial (live, staging, or the emulator started with ``crocodial-mock serve``)."""

    live = True

    def __init__(
        self, base_url: str, timeout: float = DEFAULT_TIMEOUT, rate_limit: float | None = DEFAULT_RATE_LIMIT
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.limiter = RateLimiter(rate_limit)
        self.client = HttpClient(self.base_url, timeout, user_agent="crocodial-contract")

    def send(self, request: ApiRequest) -> Answer:
        self.limiter.wait()
        form = list(request.form) if request.form is not None else None
        try:
            response = self.client.request(request.method, request.path, list(request.query), form)
        except (ReadTimeoutError, MaxRetryError) as exc:
            if isinstance(exc, ReadTimeoutError) or isinstance(exc.reason, ReadTimeoutError):
                # connected, but the answer is late: a finding
                raise RequestTimedOut(f"no answer within {self.timeout:g} s") from exc
            raise self._unreachable(exc) from exc
        except HTTPError as exc:  # refused, DNS, TLS, connect timeout, connection lost: nothing to judge
            raise self._unreachable(exc) from exc
        return Answer(response.status, response.headers, response.content)

    def _unreachable(self, error: BaseException) -> TargetUnreachable:
        return TargetUnreachable(f"cannot reach {self.base_url}: {connection_problem(error, self.timeout)}")

    def close(self) -> None:
        self.client.close()


def _causes(error: BaseException) -> list[BaseException]:
    """The error and everything it wraps (urllib3 nests the socket's error 2 or 3 levels deep)."""
    seen: list[BaseException] = []
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop()
        if any(current is known for known in seen):
            continue
        seen.append(current)
        wrapped = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        wrapped += [arg for arg in current.args if isinstance(arg, BaseException)]
        pending += [item for item in wrapped if isinstance(item, BaseException)]
    return seen


def _timed_out(error: BaseException) -> bool:
    # urllib3's NewConnectionError (refused, unreachable) subclasses ConnectTimeoutError
    if isinstance(error, ConnectTimeoutError) and not isinstance(error, NewConnectionError):
        return True
    return isinstance(error, TimeoutError)


def connection_problem(error: BaseException, timeout: float) -> str:
    """Why no connection was made, the way a user checks it: refused, DNS, TLS or timeout."""
    causes = _causes(error)
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS error: certificate not trusted ({cause.verify_message})"
    for cause in causes:
        if isinstance(cause, ssl.SSLError):
            reason = (cause.reason or str(cause)).lower().replace("_", " ")
            return f"TLS error: {reason} (does the server speak HTTPS on that port?)"
    for cause in causes:
        if isinstance(cause, socket.gaierror):
            return f"DNS failure: the host name does not resolve ({(cause.strerror or 'unknown').lower()})"
    if any(_timed_out(cause) for cause in causes):
        return f"connection timed out after {timeout:g} s"
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return "connection refused (is the server running on that host and port?)"
    for cause in reversed(causes):
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror.lower()
    return type(error).__name__


class WsgiTarget:
    """The emulator (or any WSGI app) called in-process: no sockets, no rate limit."""

    live = False

    def __init__(self, app: Any, base_url: str = "http://127.0.0.1:8080"):
        from werkzeug.test import Client

        self.app = app
        self.client = Client(app)
        self.base_url = base_url

    def send(self, request: ApiRequest) -> Answer:
        kwargs: dict[str, Any] = {"query_string": list(request.query)}
        if request.form is not None:
            kwargs["data"] = list(request.form)
            kwargs["content_type"] = "application/x-www-form-urlencoded"
        response = self.client.open(request.path, method=request.method, **_encode_form(kwargs))
        return Answer(response.status_code, dict(response.headers), response.get_data())

    def close(self) -> None:
        return None


def _encode_form(kwargs: dict[str, Any]) -> dict[str, Any]:
    """werkzeug takes a dict for form data; repeated names (PHP arrays) need the encoded string."""
    from urllib.parse import urlencode

    if "data" in kwargs:
        kwargs["data"] = urlencode(kwargs["data"])
    return kwargs
