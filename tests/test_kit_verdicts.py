"""Verdicts, coverage and causes in-process: each behaviour of the drift report against the emulator
wrapped in the WSGI drift injector (the proxy process doubles are in test_kit_drift_doubles.py)."""

from __future__ import annotations

import pytest

from contract_tests.causes import group_causes
from contract_tests.contract import Contract
from contract_tests.drift_injection import Drift, drifted_app
from contract_tests.findings import Finding, Kind, OperationResult, exit_code
from contract_tests.judge import Answer
from contract_tests.runner import ContractRun, CredentialsRejected, RunOptions
from contract_tests.transport import TargetUnreachable, WsgiTarget
from crocodial_mock.paths import SPEC_PATH
from mockserver.world import WorldSize

SMALL_WORLD = WorldSize(users=30, campaigns=6, calls_per_day=300, leads=600)
GOUSERS = {
    f"{action}_{method}" for action in ("getUserInfo", "getAllPortfolios") for method in ("get", "post")
}


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract.load(SPEC_PATH)


def runner(contract, drifts=(), target=None, **options) -> ContractRun:
    target = target or WsgiTarget(drifted_app(drifts, size=SMALL_WORLD))
    return ContractRun(contract, target, "MyUser", "MyPass", RunOptions(max_examples=0, **options))


def by_id(results):
    return {r.operation: r for r in results}


def test_different_seen_layouts_are_different_findings_with_distinct_examples():
    result = OperationResult("getUserInfo_get", "getUserInfo", "goUsers")
    for seen, curl in [("'2025/05/12'", "curl a"), ("'2025/05/13'", "curl b"), ("'12.05.2025'", "curl c")]:
        result.add(
            Finding("getUserInfo_get", Kind.FORMAT_CHANGED, "/data/rows/0/day", "YYYY-MM-DD", seen, curl)
        )
    result.add(
        Finding(
            "getUserInfo_get", Kind.FORMAT_CHANGED, "/data/rows/3/day", "YYYY-MM-DD", "'2025/05/14'", "curl a"
        )
    )
    slashes, dots = result.findings
    assert (result.times_seen(slashes), result.times_seen(dots)) == (3, 1)
    assert [e.curl for e in result.examples_of(slashes)] == ["curl a", "curl b"]


def test_an_undocumented_answer_is_found_with_its_own_text_in_every_request(contract):
    session = {"result": "error", "message": "Error: Session User Not Defined."}
    drifts = [Drift("replace", "getUserInfo", "/", session)]
    result = by_id(runner(contract, drifts).run(only=GOUSERS))["getUserInfo_get"]
    found = [f for f in result.findings if "Session User Not Defined" in f.seen]
    assert found and result.verdict == "breaking"
    examples = [e for f in found for e in result.examples_of(f)]
    assert sum(result.times_seen(f) for f in found) >= 3  # reference, probe, success path
    assert len({e.curl for e in examples}) == len(examples) >= 2


def test_one_cause_touching_a_whole_module_is_one_line(contract):
    session = {"result": "error", "message": "Error: Session User Not Defined."}
    drifts = [Drift("replace", action, "/", session) for action in ("getUserInfo", "getAllPortfolios")]
    results = runner(contract, drifts).run(only=GOUSERS)
    causes = group_causes(results)
    lines = [c.text for c in causes if "Session User Not Defined" in c.text]
    assert len(lines) == 1
    assert lines[0].startswith("every goUsers action answers")


def test_empty_rows_leave_the_success_shape_unverified_with_the_reason(contract):
    drifts = [Drift("set", "agent_cdr", "/data/rows", [])]
    results = runner(contract, drifts).run(only={"agent_cdr_get"})
    [result] = results
    assert result.verdict == "unverified"
    assert not result.coverage.json and "success without data" in result.coverage.json_reason
    assert exit_code(results) == 0
    assert exit_code(results, require_verified=True) == 1


def test_the_a7_reference_is_filed_under_the_operation_it_calls(contract):
    drifts = [Drift("remove", "agent_summary_stats", "/data/dates")]
    run = runner(contract, drifts)
    results = by_id(run.run(only={"goGetCustomerInfo_post"}))
    assert results["goGetCustomerInfo_post"].verdict == "pass"
    filed = results["agent_summary_stats_post"]
    assert {(f.kind, f.path) for f in filed.findings} == {(Kind.FIELD_MISSING, "/data/dates")}
    # Its credential probe went to goAgent, where goGetCustomerInfo lives.
    assert results["goGetCustomerInfo_post"].coverage.json


def test_credential_probes_are_capped_per_run(contract):
    sent: list[str] = []
    target = WsgiTarget(drifted_app((), size=SMALL_WORLD))
    original = target.send

    def counting(request):
        if request.param("goPass") == "not-the-password-0":
            sent.append(request.path)
        return original(request)

    target.send = counting
    runner(contract, target=target, credential_probes=2).run()
    assert len(sent) == 2
    sent.clear()
    target2 = WsgiTarget(drifted_app((), size=SMALL_WORLD))
    original = target2.send
    target2.send = counting
    runner(contract, target=target2).run()
    assert len(sent) == 6 == len(set(sent))  # one per goAPI module (add_lead, lmapi's, is skipped)


class Flaky:
    """A target that answers ``good`` requests, then is gone (or answers 404 from request ``after``)."""

    live = False
    base_url = "http://127.0.0.1:9"

    def __init__(self, inner, after: int, status: int | None = None):
        self.inner, self.after, self.status, self.count = inner, after, status, 0

    def send(self, request):
        self.count += 1
        if self.count > self.after:
            if self.status is None:
                raise TargetUnreachable("cannot reach http://127.0.0.1:9: ConnectionError")
            return Answer(self.status, {}, b"<html><body>Not Found</body></html>")
        return self.inner.send(request)


def test_a_target_lost_mid_run_stops_with_the_rest_unreachable(contract):
    inner = WsgiTarget(drifted_app((), size=SMALL_WORLD))
    run = runner(contract, target=Flaky(inner, after=40))
    results = run.run()
    assert "lost" in run.stopped
    verdicts = [r.verdict for r in results]
    assert "pass" in verdicts and verdicts[-3] == "unreachable"


def test_a_target_unreachable_from_the_start_raises(contract):
    with pytest.raises(TargetUnreachable):
        runner(contract, target=Flaky(None, after=0)).run()


def test_a_404_mid_run_is_reported_as_no_such_endpoint(contract):
    inner = WsgiTarget(drifted_app((), size=SMALL_WORLD))
    results = by_id(
        runner(contract, target=Flaky(inner, after=8, status=404)).run(only={"getAllProfiles_get"})
    )
    kinds = {(f.kind, f.seen) for f in results["getAllProfiles_get"].findings}
    assert (Kind.NO_SUCH_ENDPOINT, "HTTP 404: no such endpoint on the target: check --base-url") in kinds
    assert not any(f.kind is Kind.UNPARSEABLE for f in results["getAllProfiles_get"].findings)


def test_rejected_credentials_stop_the_run(contract):
    target = WsgiTarget(drifted_app((), size=SMALL_WORLD))
    run = ContractRun(contract, target, "MyUser", "wrong", RunOptions(max_examples=0))
    with pytest.raises(CredentialsRejected, match="rejected the credentials"):
        run.run()


def test_kit_errors_are_reported_not_swallowed(contract, monkeypatch):
    import contract_tests.runner as runner_module

    def broken(*args, **kwargs):
        raise ValueError("a bug in a property check")

    monkeypatch.setattr(runner_module, "check_properties", broken)
    [result] = runner(contract).run(only={"getAgentStatus_get"})
    assert result.kit_errors and "a bug in a property check" in result.kit_errors[0]
    assert any(c.severity == "kit error" for c in group_causes([result]))
