"""The kit's HTTP client sends what requests would send, and honours the same environment (proxies,
NO_PROXY, the CA bundle): it replaced ``requests.Session.request`` for speed, not for behaviour."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from contract_tests.http_client import HttpClient
from contract_tests.requests_model import ApiRequest
from contract_tests.transport import HttpTarget, TargetUnreachable

AWKWARD = [
    ("goAction", "goGetAllUsers"),
    ("tenant[]", "a b"),
    ("tenant[]", "c&d=e+f"),
    ("search", "Zoë ~ 100% ünïcode/?#"),
    ("empty", ""),
]
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
TLS = Path(__file__).parent / "tls"


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*PROXY_VARIABLES, "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def seen() -> Iterator[tuple[str, list[dict]]]:
    """A server answering ``ok`` that records each request line, its headers and its body."""
    requests_seen: list[dict] = []

    class Recorder(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            requests_seen.append({"line": self.requestline, "headers": dict(self.headers), "body": body})
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        do_GET = do_POST = _answer

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", requests_seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_the_query_and_the_form_are_the_bytes_requests_would_send(
    method: str, seen: tuple[str, list[dict]], clean_environment: None
) -> None:
    base_url, requests_seen = seen
    form = AWKWARD if method == "POST" else None
    client = HttpClient(base_url, timeout=10, user_agent="crocodial-contract")
    answer = client.request(method, "/goAPIv2/goUsers/goAPI.php", AWKWARD, form)
    client.close()
    prepared = requests.Request(
        method, base_url + "/goAPIv2/goUsers/goAPI.php", params=AWKWARD, data=form
    ).prepare()
    assert answer.status == 200 and answer.content == b"ok"
    assert answer.headers["Content-Type"] == "text/html"
    (sent,) = requests_seen
    assert sent["line"] == f"{method} {prepared.path_url} HTTP/1.1"
    assert sent["body"] == (prepared.body or "").encode()
    if method == "POST":
        assert sent["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert sent["headers"]["User-Agent"] == "crocodial-contract"
    assert sent["headers"]["Accept-Encoding"] == requests.utils.default_headers()["Accept-Encoding"]


def test_an_empty_post_says_its_length_is_zero(seen: tuple[str, list[dict]], clean_environment: None) -> None:
    base_url, requests_seen = seen
    client = HttpClient(base_url, timeout=10, user_agent="x")
    client.request("POST", "/API/lmapi.php", [], [])
    client.close()  # the server's connection thread ends with the connection
    assert requests_seen[0]["headers"]["Content-Length"] == "0" and requests_seen[0]["body"] == b""


def test_a_proxy_from_the_environment_gets_the_request(
    seen: tuple[str, list[dict]], clean_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy_url, requests_seen = seen
    monkeypatch.setenv("HTTP_PROXY", proxy_url)
    client = HttpClient("http://staging.crocodial.invalid", timeout=10, user_agent="x")
    answer = client.request("GET", "/goAPIv2/goUsers/goAPI.php", [("goAction", "goGetAllUsers")], None)
    client.close()
    assert answer.content == b"ok"
    (sent,) = requests_seen
    assert sent["line"].startswith("GET http://staging.crocodial.invalid/goAPIv2/goUsers/goAPI.php?")


def test_no_proxy_names_the_hosts_reached_directly(
    clean_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    assert HttpClient("https://acme.croco-dial.net", timeout=1, user_agent="x").proxy
    monkeypatch.setenv("NO_PROXY", "croco-dial.net")
    assert HttpClient("https://acme.croco-dial.net", timeout=1, user_agent="x").proxy is None


def test_the_ca_bundle_from_the_environment_is_trusted(
    clean_environment: None, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    bundle = tmp_path / "company-ca.pem"
    bundle.write_text("")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    client = HttpClient("https://acme.croco-dial.net", timeout=1, user_agent="x")
    assert client._pool.connection_pool_kw["ca_certs"] == str(bundle)
    assert client._pool.connection_pool_kw["cert_reqs"] == "CERT_REQUIRED"


@pytest.fixture
def https_server() -> Iterator[str]:
    """An HTTPS server on 127.0.0.1 with the throwaway certificate of ``tests/tls``, answering ``ok``."""

    class Answer(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "localhost-cert.pem", TLS / "localhost-key.pem")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_https_to_a_server_the_ca_bundle_trusts(
    https_server: str, clean_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(TLS / "localhost-cert.pem"))
    target = HttpTarget(https_server, timeout=10, rate_limit=None)
    try:
        answer = target.send(ApiRequest("GET", "/goAPIv2/goUsers/goAPI.php", (("goAction", "x"),)))
    finally:
        target.close()
    assert (answer.status, answer.content) == (200, b"ok")


def test_https_to_a_server_no_bundle_trusts_is_one_clear_error(
    https_server: str, clean_environment: None
) -> None:
    target = HttpTarget(https_server, timeout=10, rate_limit=None)
    with pytest.raises(TargetUnreachable, match="TLS error: certificate not trusted"):
        target.send(ApiRequest("GET", "/goAPIv2/goUsers/goAPI.php", (("goAction", "x"),)))
    target.close()
