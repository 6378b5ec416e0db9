"""One contract run: every operation, its reference example, a credential probe, generated requests.

The runner decides what to send and what each answer should be; the judge decides how an answer
differs from the contract; properties check what schemas cannot. Safety rules live here too: write
operations only run when allowed, and then only ever against the test list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from contract_tests import goapi_reader
from contract_tests.contract import Contract, Operation
from contract_tests.findings import Finding, Kind, OperationResult
from contract_tests.generation import generate, schema_operations
from contract_tests.judge import Answer, AnswerJudge, Expect, Verdict, violations
from contract_tests.properties import check_properties
from contract_tests.redaction import Redactor
from contract_tests.requests_model import ApiRequest
from contract_tests.schemas import Difference
from contract_tests.transport import RequestTimedOut, Target

WRONG_PASSWORD = "not-the-password-0"
"""The password of the credential probe. It is redacted like a real one: lmapi echoes it back."""

DEFAULT_MAX_EXAMPLES = 10
FORMAT_COMPARISONS_PER_OPERATION = 3


@dataclass
class RunOptions:
    max_examples: int = DEFAULT_MAX_EXAMPLES
    negative: bool = True
    allow_writes: bool = False
    test_list_id: str | None = None
    compare_formats: bool = True


Progress = Callable[[int, int, OperationResult], None]


class ContractRun:
    def __init__(
        self,
        contract: Contract,
        target: Target,
        user: str,
        password: str,
        options: RunOptions | None = None,
        redactor: Redactor | None = None,
        schema: Any = None,
    ):
        self.contract = contract
        self.target = target
        self.user = user
        self.password = password
        self.options = options or RunOptions()
        self.redact = redactor or Redactor()
        self.redact.add_credentials(user, password)
        self.redact.add(WRONG_PASSWORD)
        self.judge = AnswerJudge(contract)
        self._schema = schema
        self._api_operations: dict[str, Any] | None = None

    # --- the run -------------------------------------------------------------------------------------

    def run(self, progress: Progress | None = None, only: set[str] | None = None) -> list[OperationResult]:
        operations = [op for op in self.contract.operations if only is None or op.operation_id in only]
        results = []
        for index, op in enumerate(operations, 1):
            result = self.run_operation(op)
            results.append(result)
            if progress:
                progress(index, len(operations), result)
        return results

    def run_operation(self, op: Operation) -> OperationResult:
        result = OperationResult(op.operation_id, op.action, op.module)
        if op.write and not self.options.allow_writes:
            result.skipped = "write operation; enable with --allow-writes --test-list-id ID"
            return result
        comparisons = 0
        reference = op.reference_request()
        if reference is not None:
            named = op.reference_expectation
            expect = Expect.NAMED if named else Expect.SUCCESS
            # The reference example may really call another action (ERRATA A7); judge it as that one.
            judged_as = self.contract.operation_for(op.reference_answers_as or op.action, op.method) or op
            verdict = self.exchange(judged_as, reference, expect, result, envelope=named)
            comparisons += self._compare_formats(judged_as, reference, verdict, result)
            probe = self._credentials(op, reference).with_param(op.credential_names[1], WRONG_PASSWORD)
            self.exchange(judged_as, probe, Expect.BAD_CREDENTIALS, result, with_credentials=False)
        api_operation = self._api_operation(op)
        if api_operation is None or self.options.max_examples <= 0:
            return result
        for request in generate(api_operation, op, negative=False, max_examples=self.options.max_examples):
            # Positive generation cannot express "one of" or real calendar days: judge what was sent.
            expect = Expect.INVALID if violations(op, self._credentials(op, request)) else Expect.VALID
            verdict = self.exchange(op, request, expect, result)
            if comparisons < FORMAT_COMPARISONS_PER_OPERATION:
                comparisons += self._compare_formats(op, request, verdict, result)
        if self.options.negative:
            for request in generate(api_operation, op, negative=True, max_examples=self.options.max_examples):
                request = self._credentials(op, request)
                expect = Expect.INVALID if violations(op, request) else Expect.ANY
                self.exchange(op, request, expect, result, with_credentials=False)
        return result

    # --- one request ----------------------------------------------------------------------------------

    def exchange(
        self,
        op: Operation,
        request: ApiRequest,
        expect: Expect,
        result: OperationResult,
        with_credentials: bool = True,
        envelope: str | None = None,
    ) -> Verdict | None:
        """Send one request (credentials and safety applied), judge the answer, record findings."""
        if with_credentials:
            request = self._credentials(op, request)
        request = self._safe(op, request)
        for name in ("goPass", "pass", "log_pass"):
            self.redact.add(request.param(name))
        result.requests += 1
        try:
            answer = self.target.send(request)
        except RequestTimedOut as exc:
            self._record(result, op, request, [Difference(Kind.NO_ANSWER, "/", "an answer", str(exc))], None)
            return None
        verdict = self.judge.judge(op, request, answer, expect, envelope)
        differences = list(verdict.differences)
        if verdict.outcome == "success" and verdict.body is not None and verdict.body.kind == "json":
            differences += check_properties(
                op.action, request.params(), verdict.body.data, op.accepted_names()
            )
        self._record(result, op, request, differences, answer)
        return verdict

    def _record(
        self,
        result: OperationResult,
        op: Operation,
        request: ApiRequest,
        differences: list[Difference],
        answer: Answer | None,
    ) -> None:
        if not differences:
            return
        curl = request.curl(self.target.base_url, self.redact)
        excerpt = ""
        if answer is not None:
            excerpt = self.redact(answer.content[:600].decode("utf-8", errors="replace"))
        identities: set[tuple[str, Kind, str]] = set()
        for diff in differences:
            finding = Finding(
                operation=result.operation,
                kind=diff.kind,
                path=diff.path,
                expected=self.redact(diff.expected),
                seen=self.redact(diff.seen),
                curl=curl,
                response_excerpt=excerpt,
            )
            if finding.identity not in identities:  # the same drift in many rows counts once per answer
                identities.add(finding.identity)
                result.add(finding)

    def _credentials(self, op: Operation, request: ApiRequest) -> ApiRequest:
        user_name, password_name = op.credential_names
        request = request.with_param(user_name, self.user).with_param(password_name, self.password)
        return request.with_param("log_pass", None)

    def _safe(self, op: Operation, request: ApiRequest) -> ApiRequest:
        """A write only ever targets the test list: list_id pinned, entry_list_id dropped."""
        if not op.write:
            return request
        if not (self.options.allow_writes and self.options.test_list_id):
            raise PermissionError(f"{op.operation_id} writes; it needs --allow-writes and --test-list-id")
        return request.with_param("list_id", self.options.test_list_id).with_param("entry_list_id", None)

    # --- JSON and XML of the same request ----------------------------------------------------------------

    def _compare_formats(
        self, op: Operation, request: ApiRequest, verdict: Verdict | None, result: OperationResult
    ) -> int:
        """Ask again in XML and compare with the JSON answer through the shared codec's ``project``."""
        if (
            not self.options.compare_formats
            or verdict is None
            or verdict.body is None
            or verdict.body.kind != "json"
            or op.is_lmapi
            or op.write
            or op.realtime
            or (self.target.live and _moves_with_time(op, request))
        ):
            return 0
        xml_request = request.with_param("responsetype", "xml")
        xml_verdict = self.exchange(op, xml_request, Expect.ANY, result, with_credentials=True)
        if xml_verdict is None or xml_verdict.body is None or xml_verdict.body.kind != "xml":
            return 1
        expected = goapi_reader.expected_nodes(verdict.body.data)
        seen = list(xml_verdict.body.data.nodes)
        if seen != expected:
            path, want, got = _first_difference(expected, seen)
            xml_request = self._credentials(op, xml_request)
            self._record(result, op, xml_request, [Difference(Kind.FORMATS_DISAGREE, path, want, got)], None)
        return 1

    def _api_operation(self, op: Operation) -> Any:
        if self._api_operations is None:
            from contract_tests.generation import load_schema

            schema = self._schema or load_schema(self.contract.path)
            self._api_operations = schema_operations(schema)
        return self._api_operations.get(op.operation_id)


TODAY_SO_FAR_ACTIONS = frozenset({"agent_summary_stats", "agentTimeUsage", "getUserInfo"})
"""Actions covering today from 00:00 to now (ERRATA R9): their numbers grow between two live calls."""


def _moves_with_time(op: Operation, request: ApiRequest) -> bool:
    """On a live clock, "today so far" and a report without both dates ("the last 24 hours") move
    between two calls, so their JSON and XML answers cannot be compared."""
    if op.action in TODAY_SO_FAR_ACTIONS:
        return True
    return op.module == "goReports" and not (request.param("fromDate") and request.param("toDate"))


def _first_difference(expected: list[Any], seen: list[Any], path: str = "") -> tuple[str, str, str]:
    for index in range(max(len(expected), len(seen))):
        if index >= len(expected):
            return f"{path}/{seen[index][0]}", "no element", "an extra element"
        if index >= len(seen):
            return (
                f"{path}/{expected[index][0]}",
                f"<{expected[index][0]}> (from the JSON answer)",
                "absent in XML",
            )
        (e_tag, e_value), (s_tag, s_value) = expected[index], seen[index]
        if e_tag != s_tag:
            return f"{path}/{index}", f"<{e_tag}>", f"<{s_tag}>"
        if isinstance(e_value, list) and isinstance(s_value, list):
            if e_value != s_value:
                return _first_difference(e_value, s_value, f"{path}/{e_tag}")
        elif e_value != s_value:
            return f"{path}/{e_tag}", f"{e_value!r} (JSON answer)", f"{s_value!r} (XML answer)"
    return path or "/", "same data", "different data"
