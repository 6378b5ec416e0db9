"""What both CLIs tell a user: every default, variable and exit code in --help, and one-line errors
(program, cause, no traceback) for the problems users actually hit."""

from __future__ import annotations

import argparse
import gc
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from contract_tests import cli as contract_cli
from mockserver import __version__
from mockserver import cli as mock_cli

CREDENTIALS = ["--user", "MyUser", "--password", "MyPass"]


def serve_parser() -> argparse.ArgumentParser:
    commands = next(a for a in mock_cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return commands.choices["serve"]


def option_help(parser: argparse.ArgumentParser) -> dict[str, str]:
    """Each option's own help paragraph, as --help prints it (flattened)."""
    text = " ".join(parser.format_help().split())
    options = [a for a in parser._actions if a.option_strings and a.dest not in ("help", "version")]
    found = {}
    bounds = [text.index(f" {option.option_strings[-1]} ", text.index("options:")) for option in options]
    for option, start, end in zip(options, bounds, [*bounds[1:], text.index("exit status:")], strict=True):
        found[option.option_strings[-1]] = text[start:end]
    return found


@pytest.mark.parametrize("parser", [serve_parser(), contract_cli.build_parser()], ids=["serve", "contract"])
def test_help_shows_every_default_the_variables_and_the_exit_codes(parser):
    helps = option_help(parser)
    assert helps, "no options found"
    for option, text in helps.items():
        if option != "--password":
            assert "default:" in text, f"{option} hides its default: {text}"
    text = parser.format_help()
    assert "exit status:" in text and "  0  " in text and "  1  " in text and "  2  " in text


def test_each_variable_is_named_next_to_its_flag():
    serve = option_help(serve_parser())
    for flag, env in [
        ("--host", "CROCODIAL_MOCK_HOST"),
        ("--port", "CROCODIAL_MOCK_PORT"),
        ("--seed", "CROCODIAL_MOCK_SEED"),
        ("--now", "CROCODIAL_MOCK_NOW"),
        ("--spec", "CROCODIAL_SPEC"),
    ]:
        assert f"env {env}" in serve[flag]
    contract = option_help(contract_cli.build_parser())
    for flag, env in [
        ("--base-url", "CROCODIAL_BASE_URL"),
        ("--user", "CROCODIAL_USER"),
        ("--password", "CROCODIAL_PASSWORD"),
        ("--spec", "CROCODIAL_SPEC"),
    ]:
        assert f"env {env}" in contract[flag]


def test_variables_apply_and_the_command_line_wins(monkeypatch):
    monkeypatch.setenv("CROCODIAL_MOCK_PORT", "9123")
    monkeypatch.setenv("CROCODIAL_MOCK_SEED", "42")
    assert mock_cli.build_parser().parse_args(["serve"]).port == 9123
    assert mock_cli.build_parser().parse_args(["serve", "--port", "0"]).port == 0
    assert mock_cli.config_from(mock_cli.build_parser().parse_args(["serve"])).seed == 42
    assert "default: 8080" in option_help(serve_parser())["--port"]  # the built-in default, not the variable


def test_a_bad_variable_is_a_usage_error_naming_it(monkeypatch, capsys):
    monkeypatch.setenv("CROCODIAL_MOCK_PORT", "70000")
    with pytest.raises(SystemExit) as exit_info:
        mock_cli.build_parser()
    assert exit_info.value.code == 2
    assert "CROCODIAL_MOCK_PORT='70000'" in capsys.readouterr().err


def test_the_password_from_the_environment_never_shows_in_help(monkeypatch):
    monkeypatch.setenv("CROCODIAL_PASSWORD", "Sekr1t-Value")
    parser = contract_cli.build_parser()
    assert parser.parse_args([]).password == "Sekr1t-Value"
    assert "Sekr1t-Value" not in parser.format_help()


@pytest.mark.parametrize("main", [mock_cli.main, contract_cli.main], ids=["mock", "contract"])
def test_version(main, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip().endswith(__version__)


def one_line_error(capsys, program: str) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"{program}: error: ")
    return lines[0]


@pytest.fixture(params=["missing", "not-yaml", "impossible-date", "not-openapi", "no-actions", "directory"])
def bad_spec(request, tmp_path):
    """A --spec a user could give by mistake, and the words the error must use."""
    path = tmp_path / "contract.yaml"
    if request.param == "not-yaml":
        path.write_text("openapi: 3.1.0\npaths: {unclosed\n")
        return path, "is not YAML"
    if request.param == "impossible-date":  # YAML types it as a date, then cannot build it
        path.write_text("openapi: 3.1.0\ninfo: {title: t, version: 2025-13-45}\npaths: {}\n")
        return path, "is not YAML: month must be in 1..12"
    if request.param == "not-openapi":
        path.write_text("name: a CI file\nsteps: [build]\n")
        return path, "not an OpenAPI 3 document"
    if request.param == "no-actions":
        path.write_text("openapi: 3.1.0\ninfo: {title: pets, version: '1'}\npaths: {/pets: {get: {}}}\n")
        return path, "describes no CrocoDial action"
    if request.param == "directory":
        return tmp_path, "is a directory"
    return path, "no such file"


def test_serve_refuses_an_unreadable_spec_in_one_line(bad_spec, capsys):
    path, words = bad_spec
    assert mock_cli.main(["serve", "--port", "0", "--quiet", "--spec", str(path)]) == 1
    assert words in one_line_error(capsys, "crocodial-mock")


def test_contract_refuses_an_unreadable_spec_in_one_line(bad_spec, capsys, tmp_path):
    path, words = bad_spec
    if words == "describes no CrocoDial action":
        pytest.skip("the kit checks any OpenAPI document; only the emulator needs CrocoDial's actions")
    arguments = ["--base-url", "http://127.0.0.1:9", *CREDENTIALS, "--spec", str(path)]
    assert contract_cli.main([*arguments, "--report-dir", str(tmp_path / "out")]) == 2
    assert words in one_line_error(capsys, "crocodial-contract")


def test_serve_says_when_the_host_is_not_an_address_of_this_machine(capsys):
    # 192.0.2.1 is TEST-NET-1: never assigned to this machine, and binding sends no packet.
    assert mock_cli.main(["serve", "--host", "192.0.2.1", "--port", "0", "--quiet"]) == 1
    assert "192.0.2.1 is not an address of this machine" in one_line_error(capsys, "crocodial-mock")


def test_serve_says_when_the_port_is_in_use(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert mock_cli.main(["serve", "--port", str(port), "--quiet"]) == 1
    assert f"port {port} is already in use" in one_line_error(capsys, "crocodial-mock")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def plain_tcp_server() -> Iterator[int]:
    """Answers anything with a plain HTTP line: an https:// URL to it fails the TLS handshake."""
    server = socket.create_server(("127.0.0.1", 0))

    def answer() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                connection.recv(4096)
                connection.sendall(b"HTTP/1.0 200 OK\r\n\r\nplain")

    answering = threading.Thread(target=answer, daemon=True)
    answering.start()
    yield server.getsockname()[1]
    server.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close() alone leaves the thread running
    server.close()
    answering.join(timeout=10)
    assert not answering.is_alive()


@pytest.fixture
def full_backlog_port() -> Iterator[int]:
    """A listening socket that never accepts, its queue already full: new connections time out."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    yield port
    for filler in fillers:
        filler.close()
    server.close()


def run_contract(base_url: str, tmp_path, *extra: str) -> int:
    report = tmp_path / "report"
    code = contract_cli.main(
        ["--base-url", base_url, *CREDENTIALS, "--max-examples", "0", "--report-dir", str(report), *extra]
    )
    assert not report.exists(), "nothing was judged, so no report may claim otherwise"
    return code


def test_contract_says_the_connection_was_refused(capsys, tmp_path):
    assert run_contract(f"http://127.0.0.1:{free_port()}", tmp_path) == 2
    assert "connection refused" in one_line_error(capsys, "crocodial-contract")


def test_contract_run_in_process_leaves_the_process_settings_as_they_were(capsys, tmp_path, monkeypatch):
    """The command tunes the garbage collector and hypothesis' plugins for its run, and puts them back."""
    monkeypatch.delenv("HYPOTHESIS_NO_PLUGINS", raising=False)
    before = gc.get_threshold()
    assert run_contract(f"http://127.0.0.1:{free_port()}", tmp_path) == 2
    assert gc.get_threshold() == before
    assert "HYPOTHESIS_NO_PLUGINS" not in os.environ


def test_contract_says_the_tls_handshake_failed(capsys, tmp_path, plain_tcp_server):
    assert run_contract(f"https://127.0.0.1:{plain_tcp_server}", tmp_path) == 2
    assert "TLS error: wrong version number" in one_line_error(capsys, "crocodial-contract")


def test_contract_says_the_connection_timed_out(capsys, tmp_path, full_backlog_port):
    assert run_contract(f"http://127.0.0.1:{full_backlog_port}", tmp_path, "--timeout", "0.5") == 2
    assert "connection timed out after 0.5 s" in one_line_error(capsys, "crocodial-contract")


def test_contract_says_the_host_name_does_not_resolve(capsys, tmp_path, monkeypatch):
    """The resolver is replaced (no query leaves the machine); requests and urllib3 are the real ones."""
    resolve = socket.getaddrinfo

    def no_such_host(host, *args, **kwargs):
        if host == "staging.crocodial.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    assert run_contract("https://staging.crocodial.invalid", tmp_path) == 2
    line = one_line_error(capsys, "crocodial-contract")
    assert "DNS failure" in line and "staging.crocodial.invalid" in line


def test_contract_checks_against_the_spec_it_is_given(tmp_path, capsys):
    """--spec really replaces the packaged contract: the run and the report name the given file."""
    from crocodial_mock.paths import SPEC_PATH

    copy = tmp_path / "staging-contract.yaml"
    copy.write_bytes(SPEC_PATH.read_bytes())
    report = tmp_path / "report"
    arguments = ["--in-process", "--spec", str(copy), "--operation", "getAllPortfolios_get"]
    assert contract_cli.main([*arguments, "--max-examples", "0", "--report-dir", str(report)]) == 0
    assert "staging-contract.yaml" in (report / "drift-report.md").read_text()


def test_serve_takes_the_spec_it_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv("CROCODIAL_SPEC", str(tmp_path / "from-env.yaml"))
    assert mock_cli.build_parser().parse_args(["serve"]).spec == tmp_path / "from-env.yaml"
    given = mock_cli.build_parser().parse_args(["serve", "--spec", "mine.yaml"])
    assert given.spec == Path("mine.yaml")
