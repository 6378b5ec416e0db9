"""Safety of a live run: credentials never leave the kit; writes need permission, hit only the test list."""

from __future__ import annotations

import pytest

from contract_tests.cli import main
from contract_tests.contract import Contract
from contract_tests.redaction import Redactor
from contract_tests.requests_model import ApiRequest
from contract_tests.runner import ContractRun, RunOptions
from contract_tests.transport import RateLimiter
from crocodial_mock.paths import SPEC_PATH


def test_redactor_masks_secrets_plain_and_url_encoded():
    redact = Redactor()
    redact.add_credentials("ops.user", "s3cr3t&pw")
    text = "goPass=s3cr3t%26pw&goUser=ops.user and again s3cr3t&pw"
    assert redact(text) == "goPass=***&goUser=*** and again ***"


def test_redactor_masks_a_short_user_name_only_as_a_whole_token():
    redact = Redactor()
    redact.add_credentials("api", "long-password")
    masked = redact("GET /API/lmapi.php?user=api |api| api.user")
    assert masked == "GET /API/lmapi.php?user=*** |***| api.user"


def test_redactor_masks_the_password_lmapi_echoes_even_when_unknown():
    line = "ERROR: Login incorrect, please try again: |MyUser|whatever-it-was|BAD|"
    assert Redactor()(line) == "ERROR: Login incorrect, please try again: |MyUser|***|BAD|"


def test_curl_masks_credentials_but_keeps_filters():
    request = ApiRequest(
        "POST",
        "/goAPIv2/goReports/goAPI.php",
        query=(("goAction", "agent_cdr"),),
        form=(
            ("goUser", "ops.user"),
            ("goPass", "pw-123"),
            ("log_pass", "pw-123"),
            ("user[]", "Example.User1"),
        ),
    )
    curl = request.curl("https://acme.croco-dial.net", Redactor(["pw-123"]))
    assert "pw-123" not in curl and "ops.user" not in curl
    assert "goUser=***" in curl and "log_pass=***" in curl and "user[]=Example.User1" in curl
    lmapi = ApiRequest(
        "GET", "/API/lmapi.php", (("user", "ops.user"), ("pass", "pw")), credential_names=("user", "pass")
    )
    assert "ops.user" not in lmapi.curl("http://h", Redactor())


class RecordingTarget:
    base_url = "http://127.0.0.1:9"
    live = True

    def __init__(self):
        self.sent: list[ApiRequest] = []

    def send(self, request):
        from contract_tests.judge import Answer

        self.sent.append(request)
        return Answer(200, {}, b"SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|MyUser|555|1|-4\n")


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract.load(SPEC_PATH)


def test_writes_are_skipped_without_permission(contract):
    target = RecordingTarget()
    run = ContractRun(contract, target, "MyUser", "MyPass", RunOptions(max_examples=0))
    result = run.run_operation(contract.operation("add_lead_post"))
    assert result.verdict == "skipped" and target.sent == []


def test_writes_only_ever_target_the_test_list(contract):
    target = RecordingTarget()
    options = RunOptions(max_examples=5, allow_writes=True, test_list_id="555")
    run = ContractRun(contract, target, "MyUser", "MyPass", options)
    run.run_operation(contract.operation("add_lead_get"))
    assert len(target.sent) > 5
    assert {r.param("list_id") for r in target.sent} == {"555"}
    assert all(r.param("entry_list_id") is None for r in target.sent)


def test_rate_limiter_spaces_requests():
    limiter = RateLimiter(1000.0)
    assert limiter.interval == pytest.approx(0.001)
    assert RateLimiter(0).interval == 0


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--base-url", "ftp://x", "--user", "u", "--password", "p"],
        ["--base-url", "http://127.0.0.1:1", "--user", "u"],
        ["--base-url", "http://127.0.0.1:1", "--user", "u", "--password", "p", "--allow-writes"],
    ],
)
def test_usage_errors_exit_2(argv, monkeypatch, capsys):
    for name in ("CROCODIAL_BASE_URL", "CROCODIAL_USER", "CROCODIAL_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    assert main(argv) == 2
    assert "error:" in capsys.readouterr().err


def test_unreachable_target_exits_2_without_leaking_the_password(tmp_path, monkeypatch, capsys):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("CROCODIAL_PASSWORD", "pw-never-shown")
    code = main(["--base-url", f"http://127.0.0.1:{port}", "--user", "u", "--report-dir", str(tmp_path)])
    out = capsys.readouterr()
    assert code == 2
    assert "pw-never-shown" not in out.out + out.err
