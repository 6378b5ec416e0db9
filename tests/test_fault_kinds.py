"""Every fault kind as a real client sees it, over a real socket (the werkzeug server in a thread)."""

from __future__ import annotations

import http.client
import json
import socket

import pytest
import requests

QUERY = "goAction=goGetAllUsers&goUser=MyUser&goPass=MyPass&responsetype=json"
PATH = "/goAPIv2/goUsers/goAPI.php?" + QUERY


def raw_exchange(server, path: str = PATH) -> tuple[bytes, list[bytes]]:
    """(everything before the body, the body's pieces as recv() returned them) until the server closes."""
    with socket.create_connection((server.host, server._server.server_port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        pieces = []
        while chunk := sock.recv(65536):
            pieces.append(chunk)
    data = b"".join(pieces)
    head, _, body = data.partition(b"\r\n\r\n")
    first_body = len(pieces[0]) - len(head) - 4  # pieces of the body: the first recv may hold the head too
    body_pieces = ([pieces[0][-first_body:]] if first_body > 0 else []) + pieces[1:]
    assert b"".join(body_pieces) == body
    return head, body_pieces


def normal_body(server) -> bytes:
    return requests.get(server.url + PATH, timeout=10).content


def test_connection_reset_is_a_tcp_reset_before_any_byte(fresh):
    fresh.add_fault("CONNECTION_RESET", action="goGetAllUsers", times=1)
    with socket.create_connection((fresh.host, fresh._server.server_port), timeout=10) as sock:
        sock.sendall(f"GET {PATH} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        with pytest.raises(ConnectionResetError):
            while sock.recv(65536):
                pass
    assert requests.get(fresh.url + PATH, timeout=10).json()["result"] == "success"
    assert fresh.requests()[0].outcome == "fault CONNECTION_RESET #1"


def test_empty_body_and_php_fatal(fresh):
    fresh.add_fault("EMPTY_BODY", times=1)
    fresh.add_fault("PHP_FATAL", times=1)
    empty = requests.get(fresh.url + PATH, timeout=10)
    fatal = requests.get(fresh.url + PATH, timeout=10)
    assert (empty.status_code, empty.content) == (200, b"")
    assert (fatal.status_code, fatal.content) == (500, b"")
    assert [e.status for e in fresh.requests()] == [200, 500]


def test_truncated_body_promises_the_whole_body_sends_half_and_closes(fresh):
    whole = normal_body(fresh)
    fresh.add_fault("TRUNCATED_BODY", action="goGetAllUsers", times=1)
    head, pieces = raw_exchange(fresh)
    assert f"Content-Length: {len(whole)}".encode() in head
    assert b"".join(pieces) == whole[: len(whole) // 2]
    fresh.add_fault("TRUNCATED_BODY", action="goGetAllUsers", times=1)
    connection = http.client.HTTPConnection(fresh.host, fresh._server.server_port, timeout=10)
    connection.request("GET", PATH)
    with pytest.raises(http.client.IncompleteRead):
        connection.getresponse().read()
    connection.close()


def test_slow_body_trickles_the_whole_body_in_pieces(fresh):
    whole = normal_body(fresh)
    fresh.add_fault("SLOW_BODY", action="goGetAllUsers", delay_ms=400, chunks=4, times=1)
    head, pieces = raw_exchange(fresh)
    assert f"Content-Length: {len(whole)}".encode() in head
    assert b"".join(pieces) == whole
    assert len(pieces) >= 4  # each piece waited for, so each arrives on its own
    assert fresh.requests()[-1].outcome == "fault SLOW_BODY #1: success"


def test_php_warning_is_printed_before_the_real_answer(fresh):
    whole = normal_body(fresh)
    fresh.add_fault("PHP_WARNING", action="goGetAllUsers")
    answer = requests.get(fresh.url + PATH, timeout=10)
    warning, _, rest = answer.content.partition(
        b"<br />\n",
    )[2].partition(b"<br />\n")
    assert answer.content.startswith(b'<br />\n<b>Warning</b>:  Undefined array key "session_user" in ')
    assert b"goFunctions.php</b> on line <b>23</b>" in warning and rest == whole
    with pytest.raises(json.JSONDecodeError):
        json.loads(answer.content)
    lmapi = requests.get(fresh.lmapi_url, params={"function": "version"}, timeout=10).text
    assert lmapi.startswith("VERSION:")  # the fault was for goGetAllUsers only


def test_a_delay_answers_normally_after_the_delay(fresh):
    fresh.add_fault("DELAY", action="goGetAllUsers", delay_ms=150, times=1)
    assert requests.get(fresh.url + PATH, timeout=10).json()["result"] == "success"
    assert fresh.requests()[0].duration_ms >= 150


def faulted_pattern(server, percent: float, seed: int, count: int = 40) -> list[bool]:
    server.reset()
    server.add_fault("EMPTY_BODY", action="goGetAllUsers", percent=percent, seed=seed)
    return [requests.get(server.url + PATH, timeout=10).content == b"" for _ in range(count)]


def test_a_percentage_faults_the_same_requests_for_the_same_seed(server):
    first = faulted_pattern(server, 30, seed=11)
    assert faulted_pattern(server, 30, seed=11) == first
    assert faulted_pattern(server, 30, seed=12) != first
    assert 4 <= sum(first) <= 24
    assert all(faulted_pattern(server, 100, seed=1, count=5))


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ({"fault": "EMPTY_BODY", "action": "goNoSuchAction"}, "unknown action 'goNoSuchAction'"),
        ({"fault": "EMPTY_BODY", "percent": 0}, "percent must be a number above 0"),
        ({"fault": "EMPTY_BODY", "percent": 101}, "percent must be a number above 0"),
        ({"fault": "SLOW_BODY"}, "needs a delay_ms"),
        ({"fault": "SLOW_BODY", "delay_ms": 10, "chunks": 1}, "chunks must be an integer from 2"),
        ({"fault": "DELAY"}, "needs a delay_ms"),
        ({"fault": "TEAPOT"}, "fault must be one of"),
    ],
)
def test_faults_that_cannot_fire_are_refused(server, spec, reason):
    answer = requests.post(server.url + "/__admin/faults", json=spec, timeout=10)
    assert answer.status_code == 400 and reason in answer.json()["error"]


def test_known_lmapi_functions_take_faults(server):
    with pytest.raises(ValueError, match="unknown action"):
        server.add_fault("EMPTY_BODY", action="add_leads")
    assert server.add_fault("EMPTY_BODY", action="add_lead", times=1)["action"] == "add_lead"
    server.clear_faults()
