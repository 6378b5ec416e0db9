"""``crocodial_mock.check_contract`` and ``crocodial-contract --in-process``: the kit against an emulator in
this process. A clean emulator passes; one with a field removed is breaking and exits 1, as the CLI does."""

from __future__ import annotations

import pytest

import crocodial_mock
from contract_tests.cli import main as contract_cli
from contract_tests.drift_injection import Drift, drifted_app
from contract_tests.findings import Kind
from mockserver.world import WorldSize

NOW = "2025-05-14T15:30:00"
SMALL = {"users": 30, "campaigns": 6, "calls_per_day": 300, "leads": 600}


def test_clean_in_process_emulator_passes():
    result = crocodial_mock.check_contract(
        in_process=True,
        seed=7,
        now=NOW,
        **SMALL,
        operations=["goGetAllUsers_get", "outbound_cdr_post", "add_lead_get"],
        max_examples=1,
    )
    assert result.verdicts == {
        "goGetAllUsers_get": "pass",
        "outbound_cdr_post": "pass",
        "add_lead_get": "skipped",
    }
    assert (result.exit_code, result.ok, result.findings) == (0, True, [])
    assert result.requests >= 8  # reference, probe, XML twin, generated requests
    assert result.summary().startswith("3 operations (2 pass, 1 skipped)")


def test_drifted_app_is_breaking_and_additive_drift_can_fail_the_run():
    drifts = [
        Drift.parse("remove:outbound_cdr:/data/rows/*/agent"),
        Drift.parse("add:getAgentStatus:/data/x=2"),
    ]
    app = drifted_app(drifts, size=WorldSize(**SMALL))
    operations = ["outbound_cdr_get", "getAgentStatus_get", "goGetAllUsers_get"]
    result = crocodial_mock.check_contract(app=app, operations=operations, max_examples=0)
    assert result.verdicts == {
        "outbound_cdr_get": "breaking",
        "getAgentStatus_get": "additive",
        "goGetAllUsers_get": "pass",
    }
    assert result.exit_code == 1
    assert {(f.kind, f.identity[2]) for f in result.breaking} == {(Kind.FIELD_MISSING, "/data/rows/*/agent")}
    assert [f.kind for f in result.additive] == [Kind.UNDOCUMENTED_FIELD]
    additive_only = crocodial_mock.check_contract(
        app=app, operations=["getAgentStatus_get"], max_examples=0, fail_on_additive=True
    )
    assert additive_only.exit_code == 1
    assert all("MyPass" not in f.curl for f in result.findings)


def test_an_emulator_object_is_a_target_too():
    with crocodial_mock.running(seed=7, now=NOW, **SMALL) as server:
        over_http = crocodial_mock.check_contract(
            server.url,
            user=server.user,
            password=server.password,
            rate_limit=0,
            operations=["getUserInfo_post"],
            max_examples=0,
        )
        in_process = crocodial_mock.check_contract(
            app=server, operations=["getUserInfo_post"], max_examples=0
        )
        assert server.requests(action="getUserInfo", method="POST")  # both went to this emulator
    assert over_http.verdicts == in_process.verdicts == {"getUserInfo_post": "pass"}


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({}, ValueError, "give exactly one target"),
        ({"in_process": True, "base_url": "http://127.0.0.1:1"}, ValueError, "give exactly one target"),
        (
            {"base_url": "http://127.0.0.1:1", "seed": 7},
            TypeError,
            "seed: emulator options need in_process=True",
        ),
        ({"base_url": "http://127.0.0.1:1"}, ValueError, "a base_url needs user and password"),
        ({"in_process": True, "allow_writes": True}, ValueError, "allow_writes needs test_list_id"),
        ({"in_process": True, "operations": ["nope_get"]}, ValueError, "unknown operation"),
    ],
)
def test_misuse_is_refused_before_anything_is_sent(arguments, error, message):
    with pytest.raises(error, match=message):
        crocodial_mock.check_contract(**arguments)


def test_cli_in_process(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CROCODIAL_USER", "staging.reader")  # meant for staging: in-process ignores it
    code = contract_cli(
        [
            "--in-process",
            "--seed",
            "7",
            "--now",
            NOW,
            "--max-examples",
            "0",
            "--report-dir",
            str(tmp_path),
            "--operation",
            "goGetAllUsers_get",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "against in-process emulator (seed 7, clock 2025-05-14T15:30:00)" in out
    assert (
        "- Target: `in-process emulator (seed 7, clock 2025-05-14T15:30:00)`"
        in (tmp_path / "drift-report.md").read_text()
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--in-process", "--base-url", "http://127.0.0.1:1"],
            "--in-process and --base-url exclude each other",
        ),
        (["--in-process", "--now", "2025-05-14 15:30"], "--now: expected YYYY-MM-DDTHH:MM:SS"),
        (["--in-process", "--now", "0999-01-01T00:00:00"], "years 1900-9990"),
    ],
)
def test_cli_in_process_usage_errors(argv, message, capsys):
    assert contract_cli(argv) == 2
    assert message in capsys.readouterr().err
