"""Judge a recording (``crocodial-mock record``) against the contract without touching any target.

Each recorded answer is judged by the kit's own judge for its operation (the action and method the
stub names; a method other than POST is judged as the GET operation, since PHP runs the action
whatever the method) and format, with the expectation the recorded request implies: bad credentials
must meet the credential error, a request breaking a documented constraint a documented error, any
other a success or a documented not-found. A success with data verifies the operation's JSON (or
lmapi text) and XML shapes, as on a live run, and the same request recorded in both formats must carry
the same data in both. Operations the recording does not hold are
``unverified`` ("not in the recording"), writes among them ``skipped``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from contract_tests import goapi_reader
from contract_tests.contract import Contract, Operation
from contract_tests.findings import Finding, Kind, OperationResult
from contract_tests.judge import Answer, AnswerJudge, Expect, Verdict, violations
from contract_tests.properties import check_properties
from contract_tests.recording import RecordedExchange, read_recording
from contract_tests.requests_model import ApiRequest
from contract_tests.schemas import Difference

NOT_RECORDED = "not in the recording"
PLACEHOLDER_USER = "recorded-user"
PLACEHOLDER_PASSWORD = "recorded-password"
"""The recorder removed the credentials; the judge's checks want a request that carries some."""


@dataclass
class RecordingRun:
    """The results of judging one recording folder."""

    contract: Contract
    folder: Path
    results: list[OperationResult] = field(default_factory=list)
    exchanges: int = 0
    notes: list[str] = field(default_factory=list)
    """Stubs that hold no recorded answer, and exchanges no operation of the contract describes."""

    def run(
        self, progress: Callable[[int, int, OperationResult], None] | None = None
    ) -> list[OperationResult]:
        recorded, self.notes = read_recording(self.folder)
        self.exchanges = len(recorded)
        judge = AnswerJudge(self.contract)
        by_operation: dict[str, list[RecordedExchange]] = {}
        for exchange in recorded:
            op = self._operation(exchange)
            if op is None:
                self.notes.append(
                    f"{exchange.file}: {_action_of(exchange) or 'no action'} is not in the contract"
                )
            else:
                by_operation.setdefault(op.operation_id, []).append(exchange)
        operations = self.contract.operations
        for index, op in enumerate(operations, 1):
            result = OperationResult(
                op.operation_id, op.action, op.module, needs_success=not op.write, needs_xml=not op.is_lmapi
            )
            exchanges = by_operation.get(op.operation_id, [])
            if not exchanges:
                if op.write:
                    result.skipped = NOT_RECORDED
                result.coverage.json_reason = result.coverage.xml_reason = NOT_RECORDED
            judged = [(exchange, _judge(judge, op, exchange, result)) for exchange in exchanges]
            _compare_formats(op, judged, result)
            if exchanges and not result.coverage.json:
                result.coverage.json_reason = f"no success with data among {len(exchanges)} recorded answers"
            if exchanges and not result.coverage.xml:
                result.coverage.xml_reason = "no XML success with data in the recording"
            self.results.append(result)
            if progress:
                progress(index, len(operations), result)
        return self.results

    def _operation(self, exchange: RecordedExchange) -> Operation | None:
        action = _action_of(exchange)
        if not action:
            return None
        method = "POST" if exchange.method == "POST" else "GET"
        op = self.contract.operation_for(action, method)
        module = exchange.module
        if op is None or (module and module != op.module):
            return None
        return op


def _action_of(exchange: RecordedExchange) -> str | None:
    if exchange.action:
        return exchange.action
    names = dict(exchange.parameters)
    return names.get("function" if exchange.module == "lmapi" else "goAction")


def _request(op: Operation, exchange: RecordedExchange) -> ApiRequest:
    """The recorded request as the kit models one, with placeholder credentials where it had any."""
    pairs = [(name, value) for name, value in exchange.parameters]
    name = "function" if op.is_lmapi else "goAction"
    if not any(key == name for key, _ in pairs):
        pairs.append((name, op.action))
    if exchange.credentials:
        user, password = op.credential_names
        pairs += [(user, PLACEHOLDER_USER), (password, PLACEHOLDER_PASSWORD)]
    label = f"recorded in {exchange.file}"
    if exchange.method == "POST":
        return ApiRequest("POST", op.path, (), tuple(pairs), op.credential_names, label=label)
    return ApiRequest(exchange.method, op.path, tuple(pairs), None, op.credential_names, label=label)


def _judge(
    judge: AnswerJudge, op: Operation, exchange: RecordedExchange, result: OperationResult
) -> Verdict | None:
    request = _request(op, exchange)
    if exchange.credentials == "invalid":
        expect = Expect.BAD_CREDENTIALS
    else:
        expect = Expect.INVALID if violations(op, request) else Expect.VALID
    answer = Answer(exchange.status, {"Content-Type": exchange.content_type}, exchange.body)
    result.requests += 1
    try:
        verdict = judge.judge(op, request, answer, expect)
        differences = list(verdict.differences)
        if verdict.outcome == "success" and verdict.body is not None and verdict.body.kind == "json":
            differences += check_properties(
                op.action, request.params(), verdict.body.data, op.accepted_names()
            )
    except Exception as exc:  # a kit bug must show in the report, not end the run or vanish
        result.kit_errors.append(f"judging {exchange.file} failed: {type(exc).__name__}: {exc}")
        return None
    _note_success(op, verdict, result, exchange.file)
    excerpt = exchange.body[:600].decode("utf-8", errors="replace")
    seen_identities = set()
    for difference in differences:
        finding = _finding(result.operation, difference, exchange.file, excerpt)
        if finding.identity not in seen_identities:  # the same drift in many rows counts once per answer
            seen_identities.add(finding.identity)
            result.add(finding)
    return verdict


def _compare_formats(
    op: Operation, judged: list[tuple[RecordedExchange, Verdict | None]], result: OperationResult
) -> None:
    """The same request recorded in JSON and in XML: both answers must carry the same data, as on a
    live run (skipped where data moves between two calls: realtime and "today so far" actions)."""
    from contract_tests.runner import _first_difference

    if op.is_lmapi or op.realtime or op.today_so_far:
        return
    by_request = {
        _without_format(exchange): (exchange, verdict)
        for exchange, verdict in judged
        if verdict is not None and verdict.outcome == "success" and verdict.body is not None
        and verdict.body.kind == "json"
    }  # fmt: skip
    for exchange, verdict in judged:
        if verdict is None or verdict.body is None or verdict.body.kind != "xml":
            continue
        json_exchange, json_verdict = by_request.get(_without_format(exchange), (None, None))
        if json_exchange is None or json_verdict is None or json_verdict.body is None:
            continue
        result.coverage.compared = True
        expected = goapi_reader.expected_nodes(json_verdict.body.data)
        seen = list(verdict.body.data.nodes)
        if seen != expected:
            path, want, got = _first_difference(expected, seen)
            excerpt = exchange.body[:600].decode("utf-8", errors="replace")
            difference = Difference(Kind.FORMATS_DISAGREE, path, want, got)
            files = f"{json_exchange.file} and {exchange.file}"
            result.add(_finding(result.operation, difference, files, excerpt))


def _without_format(exchange: RecordedExchange) -> tuple:
    """The request's identity but for ``responsetype`` (missing means XML, W4)."""
    parameters = tuple((name, value) for name, value in exchange.parameters if name != "responsetype")
    return exchange.method, exchange.credentials, parameters


def _note_success(op: Operation, verdict, result: OperationResult, file: str) -> None:
    from contract_tests.runner import has_data

    body = verdict.body
    if verdict.outcome != "success" or body is None or not has_data(op, body):
        return
    if body.kind == "xml":
        result.coverage.xml, result.coverage.xml_reason = True, f"verified with {file}"
    elif body.kind == "json" or (op.is_lmapi and body.kind == "text"):
        result.coverage.json, result.coverage.json_reason = True, f"verified with {file}"


def _finding(operation: str, difference: Difference, file: str, excerpt: str) -> Finding:
    return Finding(
        operation=operation,
        kind=Kind(difference.kind),
        path=difference.path,
        expected=difference.expected,
        seen=difference.seen,
        curl=f"recorded in {file} (replay: crocodial-mock serve --mappings DIR)",
        response_excerpt=excerpt,
    )
