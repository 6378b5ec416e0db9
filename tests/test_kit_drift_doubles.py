"""The kit against drifted targets that are separate processes: an emulator process, with a small
proxy process in front of it (``tests/drift_proxy.py``) changing one thing, as a changed staging would.

Each test runs ``crocodial-contract`` over HTTP, as a nightly job does, and reads its JSON report.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from repo_files import REPO_ROOT

PROXY = Path(__file__).resolve().parent / "drift_proxy.py"
WORLD = ["--seed", "7", "--now", "2025-05-14T15:30:00", "--users", "30", "--campaigns", "6"]
WORLD += ["--calls-per-day", "300"]
REFERENCE_IDS = [
    "example.user=stg.alice",
    "example.user1=stg.bob",
    "example.user2=stg.carol",
    "weekdays-example=stg-weekdays",
    "11111111=22222222",
    "123456=654321",
]
"""The reference's ids, each shown and understood under another name: the target knows none of them."""


@pytest.fixture(scope="module")
def emulator() -> Iterator[str]:
    command = [sys.executable, "-m", "mockserver", "serve", "--port", "0", "--quiet", *WORLD]
    server = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline() if server.stdout else ""
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert match, line
        yield match.group(0)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def start_proxy(upstream: str, *options: str) -> tuple[subprocess.Popen, str]:
    command = [sys.executable, str(PROXY), "--upstream", upstream, *options]
    proxy = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    line = proxy.stdout.readline() if proxy.stdout else ""
    assert line.startswith("PORT "), line
    return proxy, f"http://127.0.0.1:{int(line.split()[1])}"


def check(
    base_url: str, report_dir: Path, *extra: str, password: str = "MyPass"
) -> subprocess.CompletedProcess:
    env = {**os.environ, "CROCODIAL_USER": "MyUser", "CROCODIAL_PASSWORD": password}
    command = [
        sys.executable,
        "-m",
        "contract_tests",
        "--base-url",
        base_url,
        "--report-dir",
        str(report_dir),
    ]
    command += ["--max-examples", "0", "--rate-limit", "0", *extra]
    return subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600)


def through_proxy(emulator: str, tmp_path: Path, proxy_options: list[str], *extra: str):
    proxy, base_url = start_proxy(emulator, *proxy_options)
    try:
        done = check(base_url, tmp_path, *extra)
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
    return done, report(tmp_path)


def report(directory: Path) -> dict:
    return json.loads((directory / "drift-report.json").read_text())


def operations(document: dict) -> dict[str, dict]:
    return {op["operation"]: op for op in document["operations"]}


def only(*operation_ids: str) -> list[str]:
    return [arg for op in operation_ids for arg in ("--operation", op)]


def test_the_emulator_passes_with_every_success_shape_verified(emulator, tmp_path):
    done = check(emulator, tmp_path, "--require-verified", "--max-examples", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    ops = operations(report(tmp_path))
    reads = [op for op in ops.values() if op["module"] != "lmapi"]
    assert len(reads) == 44
    assert {op["verdict"] for op in reads} == {"pass"}
    assert all(op["success_verified"]["json"] and op["success_verified"]["xml"] for op in reads)
    assert report(tmp_path)["causes"] == []


def test_reformatted_dates_in_report_rows_are_found_where_the_reference_rows_are_empty(emulator, tmp_path):
    # agent_cdr's reference asks a day and filters with no rows: only discovered data shows the drift.
    done, document = through_proxy(
        emulator, tmp_path, ["--reformat-dates", "agent_cdr"], *only("agent_cdr_get", "agent_cdr_post")
    )
    assert done.returncode == 1, done.stdout + done.stderr
    for op in operations(document).values():
        assert op["verdict"] == "breaking"
        changed = [f for f in op["findings"] if f["kind"] == "format changed"]
        assert changed and all("/" in f["seen"] for f in changed)
        assert any(re.fullmatch(r"/data/rows/\d+/answer_time", f["path"]) for f in changed)
    assert any(
        "format changed" in cause["text"] and "agent_cdr" in cause["text"] for cause in document["causes"]
    )


def test_a_renamed_field_is_a_missing_field_and_an_undocumented_one(emulator, tmp_path):
    done, document = through_proxy(
        emulator, tmp_path, ["--rename", "getAgentStatus:paused_agents:paused"], *only("getAgentStatus_get")
    )
    assert done.returncode == 1
    [op] = document["operations"]
    kinds = {(f["kind"], f["path"]) for f in op["findings"]}
    assert ("documented field missing", "/data/paused_agents") in kinds
    assert ("undocumented field", "/data/paused") in kinds
    assert all('"goPass=$CROCODIAL_PASSWORD"' in f["curl"] for f in op["findings"] if f["curl"])


def test_an_action_the_target_does_not_know_is_not_deployed(emulator, tmp_path):
    done, document = through_proxy(
        emulator,
        tmp_path,
        ["--remove-action", "getAllProfiles"],
        *only("getAllProfiles_get", "getAllProfiles_post", "getAllPortfolios_get"),
    )
    assert done.returncode == 1
    ops = operations(document)
    assert ops["getAllProfiles_get"]["verdict"] == ops["getAllProfiles_post"]["verdict"] == "not-deployed"
    assert ops["getAllPortfolios_get"]["verdict"] == "pass"
    assert not any(f["kind"] == "success turned into an error" for f in ops["getAllProfiles_get"]["findings"])
    assert document["causes"][0]["text"] == "1 action is not deployed on this target: getAllProfiles"


def test_a_target_whose_ids_all_differ_has_no_false_positives(emulator, tmp_path):
    options = [arg for mapping in REFERENCE_IDS for arg in ("--id-map", mapping)]
    done, document = through_proxy(emulator, tmp_path, options, "--require-verified")
    assert done.returncode == 0, done.stdout + done.stderr
    reads = [op for op in document["operations"] if op["module"] != "lmapi"]
    assert {op["verdict"] for op in reads} == {"pass"}, [(op["operation"], op["verdict"]) for op in reads]
    discovered = document["discovery"]["values"]
    assert discovered["getUserInfo_get user"] and discovered["goGetCalltimeInfo_get call_time_id"]
    shown = json.dumps(discovered).lower()
    assert not any(mapping.split("=")[0] in shown for mapping in REFERENCE_IDS)


def test_wrong_credentials_stop_at_the_first_request_with_one_line(emulator, tmp_path):
    done = check(emulator, tmp_path, password="not-MyPass")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "rejected the credentials" in done.stderr and "not-MyPass" not in done.stderr
    assert not (tmp_path / "drift-report.json").exists()


def test_a_wrong_base_path_says_check_base_url(emulator, tmp_path):
    done = check(emulator + "/crocodial", tmp_path)
    assert done.returncode == 2
    assert "no such endpoint on the target: check --base-url" in done.stderr
    assert done.stderr.count("\n") == 1


def test_a_target_killed_mid_run_leaves_a_partial_report(emulator, tmp_path):
    done, document = through_proxy(emulator, tmp_path, ["--die-after", "60"])
    assert done.returncode == 2, done.stdout + done.stderr
    assert document["complete"] is False and "lost" in document["stopped"]
    verdicts = [op["verdict"] for op in document["operations"]]
    assert "pass" in verdicts and "unreachable" in verdicts
    first_lost = verdicts.index("unreachable")
    assert all(v in ("unreachable", "skipped") for v in verdicts[first_lost:])
    assert "partial report" in done.stderr


def test_a_baseline_marks_findings_new_unchanged_and_resolved(emulator, tmp_path):
    selected = only("getAgentStatus_get", "getAllProfiles_get")
    rename = ["--rename", "getAgentStatus:paused_agents:paused"]
    first, second, third = tmp_path / "1", tmp_path / "2", tmp_path / "3"
    done, before = through_proxy(emulator, first, rename, *selected)
    assert done.returncode == 1
    baseline = str(first / "drift-report.json")
    # The same drift again: nothing new, so --fail-on new passes.
    done, same = through_proxy(
        emulator, second, rename, *selected, "--baseline", baseline, "--fail-on", "new"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert {f["baseline"] for op in same["operations"] for f in op["findings"]} == {"unchanged"}
    # A new drift: exit 1, only it is new.
    more = [*rename, "--remove-action", "getAllProfiles"]
    done, grown = through_proxy(emulator, third, more, *selected, "--baseline", baseline, "--fail-on", "new")
    assert done.returncode == 1
    statuses = {op["operation"]: {f["baseline"] for f in op["findings"]} for op in grown["operations"]}
    assert statuses == {"getAgentStatus_get": {"unchanged"}, "getAllProfiles_get": {"new"}}
    assert grown["baseline"]["new_breaking"] == 1
    # The drift fixed: the baseline's findings are resolved.
    done = check(emulator, tmp_path / "4", *selected, "--baseline", baseline, "--fail-on", "new")
    assert done.returncode == 0
    fixed = report(tmp_path / "4")
    assert fixed["baseline"]["resolved"] == len(before["operations"][0]["findings"])
