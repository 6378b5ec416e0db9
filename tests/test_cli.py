"""``crocodial-mock serve`` as a user runs it: a real process on 127.0.0.1, a real HTTP request."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import urllib.request

import pytest

from mockserver.cli import build_parser, config_from

START_TIMEOUT = 30


def start(*arguments: str) -> tuple[subprocess.Popen, str, list[str]]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mockserver",
            "serve",
            "--port",
            "0",
            "--users",
            "5",
            "--campaigns",
            "2",
            *arguments,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    banner: list[str] = []
    for _ in range(6):
        line = process.stdout.readline()
        if not line:
            break
        banner.append(line)
        if "Ctrl-C to stop" in line:  # the banner's last line
            break
    match = re.search(r"http://127\.0\.0\.1:(\d+)", "".join(banner))
    if match is None:
        process.kill()
        raise AssertionError(f"no base URL in {banner!r}: {process.stderr.read()}")
    return process, match.group(0), banner


def stop(process: subprocess.Popen) -> tuple[int, str, str]:
    process.send_signal(signal.SIGINT)
    try:
        out, err = process.communicate(timeout=START_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    return process.returncode, out, err


def test_serve_answers_over_http_and_stops_cleanly():
    process, base_url, banner = start(
        "--seed", "3", "--now", "2025-05-14T15:30:00", "--user", "Bob:Hidden-Pass"
    )
    try:
        query = "goAction=getAllPortfolios&goUser=MyUser&goPass=MyPass&responsetype=json"
        with urllib.request.urlopen(f"{base_url}/goAPIv2/goUsers/goAPI.php?{query}", timeout=10) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
            assert json.loads(response.read())["result"] == "success"
        query = "goAction=getAllPortfolios&goUser=Bob&goPass=Hidden-Pass&responsetype=json"
        with urllib.request.urlopen(f"{base_url}/goAPIv2/goUsers/goAPI.php?{query}", timeout=10) as response:
            assert json.loads(response.read())["result"] == "success"
        with urllib.request.urlopen(f"{base_url}/__admin/health", timeout=10) as response:
            health = json.loads(response.read())
            assert health["seed"] == 3 and health["now"] == "2025-05-14T15:30:00"
    finally:
        returncode, out, err = stop(process)
    text = "".join(banner) + out + err
    assert returncode == 0
    assert "stopped" in out
    assert "MyUser" in text and "MyPass" in text and "Bob" in text
    assert "Hidden-Pass" not in text
    assert "getAllPortfolios" in err  # the request was logged, without its query string


@pytest.mark.parametrize(
    "arguments",
    [
        ["serve", "--bogus"],
        ["serve", "--now", "yesterday"],
        ["serve", "--now", "0001-02-01T12:00:00"],
        ["serve", "--port", "-1"],
        ["serve", "--port", "70000"],
        ["serve", "--user", "nopass"],
        ["serve", "--xml", "pretty"],
        [],
    ],
)
def test_bad_flags_are_usage_errors(arguments, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(arguments)
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_flags_build_the_config():
    arguments = build_parser().parse_args(
        [
            "serve",
            "--seed",
            "9",
            "--now",
            "2025-01-02T03:04:05",
            "--xml",
            "wellformed",
            "--content-type",
            "accurate",
            "--user",
            "A:b:c",
            "--users",
            "10",
            "--campaigns",
            "3",
            "--calls-per-day",
            "50",
        ]
    )
    config = config_from(arguments)
    assert (config.seed, config.now, config.host, config.port) == (
        9,
        "2025-01-02T03:04:05",
        "127.0.0.1",
        8080,
    )
    assert (config.xml_mode, config.content_type_mode) == ("wellformed", "accurate")
    assert dict(config.api_users) == {"A": "b:c"}
    assert (config.size.users, config.size.campaigns, config.size.calls_per_day) == (10, 3, 50)


def test_a_busy_port_is_a_clear_error():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "mockserver", "serve", "--port", str(port), "--quiet"],
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
        )
    assert result.returncode == 1
    assert "in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_stops_on_sigint_even_when_started_with_sigint_ignored():
    """What `crocodial-mock serve &` gets from a non-interactive shell (CI scripts)."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited by the child
    try:
        process, _base_url, _banner = start("--quiet")
    finally:
        signal.signal(signal.SIGINT, previous)
    returncode, out, _err = stop(process)
    assert returncode == 0
    assert "stopped" in out
