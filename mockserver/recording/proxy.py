"""The recording proxy: forward to the target, answer with its bytes, write the redacted exchange.

A WSGI application (served by waitress, threads in one process, so the summary is this process's).
Only actions the contract lists as read-only reach the target unless ``--allow-writes``: a goAction the
contract does not know may well write (upstream has goAddUser, goDeleteLead...), so it is refused too.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from werkzeug.wrappers import Request, Response

from mockserver import php_params
from mockserver.contract import GOAPI_MODULES, Catalogue
from mockserver.lmapi import FUNCTIONS as LMAPI_FUNCTIONS
from mockserver.recording.personal import GOAPI_CREDENTIALS, LMAPI_CREDENTIALS
from mockserver.recording.redaction import CREDENTIALS, Redactor, Secrets
from mockserver.recording.stub_file import Exchange, stub_of, write_stub

log = logging.getLogger("mockserver.record")

GOAPI_PATH = re.compile(r"/goAPIv2/(?P<module>[^/]+)/goAPI\.php")
LMAPI_PATHS = ("/API/lmapi.php", "/vicidial/non_agent_api.php")
READ_ONLY_LMAPI = frozenset({"version"})
"""VICIdial's non-agent functions besides the contract's: only ``version`` is known not to write."""
SAFE_METHODS = ("GET", "HEAD")
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
        "content-encoding",
        "accept-encoding",
    }
)
AUTH_REFUSALS = (
    "Invalid Username/Password",
    "Invalid Username\\/Password",
    "Login incorrect, please try again",
    "goAPI Password Not Defined",
    "Too many login attempts",
)
"""What upstream answers when the credentials do not authenticate (goAPI, goAgent, lmapi)."""
SUMMARY_FILE = "recording-summary.json"


@dataclass
class Tally:
    """What the summary reports; never a value, only counts and names."""

    exchanges: Counter = field(default_factory=Counter)
    files: dict[str, set[str]] = field(default_factory=dict)
    refused: Counter = field(default_factory=Counter)
    redacted: Counter = field(default_factory=Counter)
    unmatched_parameters: dict[str, set[str]] = field(default_factory=dict)
    target_errors: int = 0
    not_recorded: int = 0
    lossy_bodies: int = 0

    def as_json(self, target: str) -> dict[str, Any]:
        return {
            "target": target,
            "exchanges": sum(self.exchanges.values()),
            "files": sum(len(names) for names in self.files.values()),
            "actions": {
                action: {"exchanges": count, "files": len(self.files.get(action, ()))}
                for action, count in sorted(self.exchanges.items())
            },
            "refused_writes": dict(sorted(self.refused.items())),
            "redacted": dict(sorted(self.redacted.items())),
            "parameters_not_matched": {
                action: sorted(names) for action, names in sorted(self.unmatched_parameters.items())
            },
            "target_errors": self.target_errors,
            "not_recorded_other_paths": self.not_recorded,
            "bodies_not_utf8": self.lossy_bodies,
        }


class RecordingProxy:
    """The WSGI app of ``crocodial-mock record``."""

    def __init__(
        self,
        target: str,
        out: Path,
        catalogue: Catalogue,
        redactor: Redactor,
        *,
        allow_writes: bool = False,
        timeout: float = 30.0,
    ) -> None:
        self.target = target.rstrip("/")
        self.out = out
        self.catalogue = catalogue
        self.redactor = redactor
        self.allow_writes = allow_writes
        self.timeout = timeout
        self.tally = Tally()
        self._lock = threading.Lock()
        self._session = requests.Session()
        self._session.trust_env = False  # a proxy set in the environment must not see the credentials

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        request = Request(environ)
        return self.handle(request)(environ, start_response)

    def handle(self, request: Request) -> Response:
        path = re.sub("/+", "/", request.path)
        body = request.get_data(cache=True)
        endpoint = _endpoint(path)
        values: dict = {}
        action = None
        if endpoint is not None:
            values = _values(request, body, endpoint)
            name = values.get("function" if endpoint == "lmapi" else "goAction")
            action = name if isinstance(name, str) else None
        refusal = self._refusal(request.method, endpoint, action)
        if refusal:
            with self._lock:
                self.tally.refused[refusal] += 1
            log.warning(
                "%s %s %s refused: not forwarded without --allow-writes", request.method, path, refusal
            )
            return Response(
                f"crocodial-mock record: {refusal} may change data on the target; not forwarded "
                "(start the recorder with --allow-writes to forward it)\n",
                status=403,
                content_type="text/plain; charset=utf-8",
            )
        try:
            answer = self._forward(request, body)
        except requests.RequestException as error:
            with self._lock:
                self.tally.target_errors += 1
            reason = _unreachable(error, self.timeout)
            log.warning("%s %s %s -> 502 (%s)", request.method, path, action or "-", reason)
            return Response(
                f"crocodial-mock record: cannot reach {display_url(self.target)}: {reason}\n",
                status=502,
                content_type="text/plain; charset=utf-8",
            )
        response = Response(answer.content, status=answer.status_code)
        for name, value in answer.headers.items():
            if name.lower() not in HOP_BY_HOP and name.lower() not in ("date", "server"):
                response.headers[name] = value
        if "content-type" not in {name.lower() for name in answer.headers}:
            del response.headers["Content-Type"]
        if endpoint is None:
            with self._lock:
                self.tally.not_recorded += 1
            log.info(
                "%s %s -> %s (not recorded: no stub serves this path)",
                request.method,
                path,
                answer.status_code,
            )
            return response
        file_name = self._record(endpoint, action, request.method, values, answer)
        log.info(
            "%s %s %s -> %s recorded %s", request.method, path, action or "-", answer.status_code, file_name
        )
        return response

    def _refusal(self, method: str, endpoint: str | None, action: str | None) -> str | None:
        """The name of what is refused (an action, or the method on another path), or None."""
        if self.allow_writes:
            return None
        if endpoint is None:
            return None if method in SAFE_METHODS else f"{method} on a path that is not the API"
        if not action:
            return None  # no action runs: upstream answers its "no action" error
        if endpoint == "lmapi" and action in READ_ONLY_LMAPI:
            return None
        spec = self.catalogue.get(action)
        if spec is None or spec.write or (spec.module == "lmapi") != (endpoint == "lmapi"):
            return action
        return None

    def _forward(self, request: Request, body: bytes) -> requests.Response:
        url = self.target + request.path
        query = request.query_string.decode("latin-1")
        if query:
            url += "?" + query
        headers = {name: value for name, value in request.headers.items() if name.lower() not in HOP_BY_HOP}
        headers["Accept-Encoding"] = "identity"  # the client gets the body as the target encoded it
        return self._session.request(
            request.method, url, headers=headers, data=body, timeout=self.timeout, allow_redirects=False
        )

    def _record(
        self, endpoint: str, action: str | None, method: str, values: dict, answer: requests.Response
    ) -> str:
        counts: Counter = Counter()
        credential_names = LMAPI_CREDENTIALS if endpoint == "lmapi" else GOAPI_CREDENTIALS
        user_name, password_name = credential_names[0], credential_names[1]
        secrets = Secrets(_text(values.get(user_name)), _text(values.get(password_name)))
        sent_credentials = any(name in values for name in credential_names)
        kept = {}
        for name, value in values.items():
            if name in credential_names:
                counts[CREDENTIALS] += 1
            else:
                kept[str(name)] = php_params.to_param_value(value)
        parameters = self.redactor.parameters(kept, counts)
        parameters = {
            name: secrets.mask(value, counts) if isinstance(value, str) else value
            for name, value in parameters.items()
        }
        try:
            text = answer.content.decode("utf-8")
            lossy = False
        except UnicodeDecodeError:
            text = answer.content.decode("utf-8", "replace")
            lossy = True
        if any(refusal in text for refusal in AUTH_REFUSALS):
            credentials = "invalid"
        else:
            credentials = "valid" if sent_credentials else None
        body = self.redactor.body(text, secrets, counts)
        spec = self.catalogue.get(action) if action else None
        known = (endpoint == "lmapi" and action in LMAPI_FUNCTIONS) or (
            spec is not None and spec.module == endpoint
        )
        exchange = Exchange(
            endpoint=endpoint,
            action=action,
            action_known=known,
            method=method,
            parameters=parameters,
            credentials=credentials,
            status=answer.status_code,
            content_type=answer.headers.get("Content-Type"),
            body=body,
        )
        file_name, stub, unmatched = stub_of(exchange)
        label = action or f"({endpoint}, no action)"
        with self._lock:
            write_stub(self.out, file_name, stub)
            self.tally.exchanges[label] += 1
            self.tally.files.setdefault(label, set()).add(file_name)
            self.tally.redacted.update(counts)
            if unmatched:
                self.tally.unmatched_parameters.setdefault(label, set()).update(unmatched)
            self.tally.lossy_bodies += lossy
        return file_name


def _endpoint(path: str) -> str | None:
    match = GOAPI_PATH.fullmatch(path)
    if match and match.group("module") in GOAPI_MODULES:
        return match.group("module")
    return "lmapi" if path in LMAPI_PATHS else None


def _values(request: Request, body: bytes, endpoint: str) -> dict:
    """The parameters as the replaying emulator will read them (PHP's rules, ``mockserver.php_params``),
    so the stub's matcher sees what the request will look like on replay."""
    get = php_params.register_variables(php_params.parse_urlencoded(request.query_string))
    post: dict = {}
    if request.method == "POST" and len(body) <= php_params.POST_MAX_SIZE:
        if request.mimetype == "application/x-www-form-urlencoded":
            post = php_params.register_variables(php_params.parse_urlencoded(body))
        elif request.mimetype == "multipart/form-data":
            post = php_params.register_variables(request.form.items(multi=True))
    if endpoint == "lmapi":
        return php_params.lmapi_values(get, post)
    return php_params.goapi_values(get, post)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _unreachable(error: requests.RequestException, timeout: float) -> str:
    if isinstance(error, requests.Timeout):
        return f"timed out after {timeout:g} s"
    text = str(error)
    if "Connection refused" in text or "Errno 111" in text:
        return "connection refused"
    if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return "DNS failure"
    if isinstance(error, requests.exceptions.SSLError):
        return "TLS error"
    if isinstance(error, requests.exceptions.ChunkedEncodingError):
        return "the answer was cut short"
    if isinstance(error, requests.ConnectionError):
        return "connection failed"
    return type(error).__name__


def display_url(url: str) -> str:
    """The target without user:password@ (never printed) nor query."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"
