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
from contract_tests.bodies import DecodedBody, nodes_to_data
from contract_tests.contract import Contract, Operation
from contract_tests.discovery import Discovered, Discovery, base_request, pointer_values
from contract_tests.findings import Finding, Kind, OperationResult
from contract_tests.generation import GenerationFailed, generate, schema_operations
from contract_tests.generation_ahead import GeneratedAhead, Job
from contract_tests.judge import Answer, AnswerJudge, Expect, Verdict, is_credential_error, violations
from contract_tests.properties import check_properties
from contract_tests.redaction import Redactor
from contract_tests.requests_model import ApiRequest
from contract_tests.schemas import Difference, short
from contract_tests.transport import RequestTimedOut, Target, TargetUnreachable

WRONG_PASSWORD = "not-the-password-0"
"""The password of the credential probe (lmapi echoes it back in its login error; that echo is masked)."""

DEFAULT_MAX_EXAMPLES = 10
FORMAT_COMPARISONS_PER_OPERATION = 3
DEFAULT_CREDENTIAL_PROBES = 8
"""Wrong-password requests per run: one per module is enough (credentials are checked by each module's
dispatcher), and real systems lock an account after repeated failures."""
MAX_SUCCESS_TRIES = 6
"""Requests the success path may spend on one operation looking for an answer with data."""
TIMEOUTS_BEFORE_LOST = 3
"""Consecutive requests without an answer after which the target counts as lost."""
NOT_DEPLOYED_ENVELOPES = frozenset({"CommandNotFound", "AgentCommandNotFound"})


class CredentialsRejected(RuntimeError):
    """The target refused the run's credentials on the first request: nothing can be judged."""


class NoSuchEndpoint(RuntimeError):
    """The first request met HTTP 404: the base URL (or its path) is wrong."""


class TargetLost(RuntimeError):
    """The target stopped answering mid-run."""


@dataclass
class RunOptions:
    max_examples: int = DEFAULT_MAX_EXAMPLES
    negative: bool = True
    allow_writes: bool = False
    test_list_id: str | None = None
    compare_formats: bool = True
    credential_probes: int = DEFAULT_CREDENTIAL_PROBES
    discover: bool = True
    generate_ahead: bool = True
    """Draw generated requests in a forked worker process while the run sends and judges."""


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
        self.judge = AnswerJudge(contract)
        self._schema = schema
        self._api_operations: dict[str, Any] | None = None
        self.discovered = Discovered()
        self.stopped = ""
        """Why the run stopped before the end (the target was lost), or empty."""
        self.answers = 0
        self._timeouts = 0
        self._probed_modules: set[str] = set()
        self._results: dict[str, OperationResult] = {}
        self._last_request: ApiRequest | None = None
        self._shown_credentials = {
            user: "$CROCODIAL_USER",
            password: "$CROCODIAL_PASSWORD",
            WRONG_PASSWORD: WRONG_PASSWORD,
        }
        self._last_answer: Answer | None = None
        self._ahead: GeneratedAhead | None = None
        self._drawn: dict[Job, list[ApiRequest] | GenerationFailed] = {}

    # --- the run -------------------------------------------------------------------------------------

    def run(self, progress: Progress | None = None, only: set[str] | None = None) -> list[OperationResult]:
        """Discover, then judge every operation. Raises CredentialsRejected, NoSuchEndpoint or
        TargetUnreachable when the very first answers show nothing can be judged; a target lost later
        ends the run early with the rest marked unreachable (``stopped`` says where)."""
        operations = [op for op in self.contract.operations if only is None or op.operation_id in only]
        self._results = {
            op.operation_id: OperationResult(
                op.operation_id,
                op.action,
                op.module,
                needs_success=not op.write,
                needs_xml=not op.is_lmapi,
            )
            for op in operations
        }
        jobs = self._generation_jobs(operations)
        if self.options.generate_ahead and jobs:
            # Built before forking, so the worker inherits schemathesis and its schema. Built in the
            # worker, the run was no faster (it waited 0.3-0.5 s for the first draws) and cost 0.3 s
            # more CPU in all.
            self._api_operation(self.contract.operation(jobs[0][0]))
            self._ahead = GeneratedAhead(jobs, self._generate_job)
        try:
            self._run_operations(operations, progress)
        finally:
            if self._ahead is not None:
                self._ahead.close()
                self._ahead = None
        return list(self._results.values())

    def _run_operations(self, operations: list[Operation], progress: Progress | None) -> None:
        try:
            if self.options.discover:
                self.discovered = Discovery(self.contract, self._ask).run()
        except (TargetUnreachable, TargetLost) as exc:
            if not self.answers:
                raise
            self._lose(operations, 0, f"the target was lost during discovery: {exc}")
        for index, op in enumerate(operations, 1):
            result = self._results[op.operation_id]
            if not self.stopped:
                try:
                    self.run_operation(op, result)
                except (TargetUnreachable, TargetLost) as exc:
                    if not self.answers:
                        raise
                    self._lose(operations, index - 1, f"the target was lost at {op.operation_id}: {exc}")
            if progress:
                progress(index, len(operations), result)

    def _lose(self, operations: list[Operation], start: int, why: str) -> None:
        self.stopped = self.redact(why)
        for op in operations[start:]:
            result = self._results[op.operation_id]
            if not result.skipped:
                result.unreachable = self.stopped if op is operations[start] else "not run: " + self.stopped

    def _ask(self, op: Operation, request: ApiRequest) -> Answer | None:
        """One discovery request: sent like any other (credentials, rate limit), not judged."""
        return self._send(op, self._credentials(op, request))

    def _result_for(self, op: Operation) -> OperationResult:
        if op.operation_id not in self._results:
            self._results[op.operation_id] = OperationResult(op.operation_id, op.action, op.module)
        return self._results[op.operation_id]

    def run_operation(self, op: Operation, result: OperationResult | None = None) -> OperationResult:
        result = result or self._result_for(op)
        if op.write and not self.options.allow_writes:
            result.skipped = "write operation; enable with --allow-writes --test-list-id ID"
            result.needs_success = False
            return result
        comparisons = 0
        reference = op.reference_request()
        if reference is not None:
            named = op.reference_expectation
            # A reference that names another action (ERRATA A7) is filed and judged under that operation.
            judged_as = self.contract.operation_for(op.reference_answers_as or op.action, op.method) or op
            owner = result if judged_as is op else self._result_for(judged_as)
            expect = Expect.SUCCESS
            if named:
                expect = Expect.NAMED
            elif _names_things(judged_as, reference):
                expect = Expect.VALID
            verdict = self.exchange(judged_as, reference, expect, owner, envelope=named)
            if self._not_deployed(judged_as, verdict, owner):
                return result
            if not named and judged_as is op:
                self._note_success(op, verdict, result, "json", "the reference example")
            comparisons += self._compare_formats(judged_as, reference, verdict, owner)
        self._probe_credentials(op, result)
        if not op.write and not result.not_deployed:
            self._success_path(op, result)
        if result.not_deployed:
            return result
        if self.options.max_examples <= 0:
            return result
        for request in self._generate(op, False, result):
            # Positive generation cannot express "one of" or real calendar days: judge what was sent.
            expect = Expect.INVALID if violations(op, self._credentials(op, request)) else Expect.VALID
            verdict = self.exchange(op, request, expect, result)
            if comparisons < FORMAT_COMPARISONS_PER_OPERATION:
                comparisons += self._compare_formats(op, request, verdict, result)
        if self.options.negative:
            for request in self._generate(op, True, result):
                request = self._credentials(op, request)
                expect = Expect.INVALID if violations(op, request) else Expect.ANY
                self.exchange(op, request, expect, result, with_credentials=False)
        return result

    def _generate(self, op: Operation, negative: bool, result: OperationResult) -> list[ApiRequest]:
        """The operation's generated requests; negative ones may be drawn for its action's form
        operation (``Contract.negative_source``) and are then sent as this operation sends them."""
        job = self._job(op, negative)
        if job not in self._drawn:
            try:
                ahead = self._ahead.take(job) if self._ahead is not None else None
                self._drawn[job] = ahead if ahead is not None else self._generate_job(*job)
            except GenerationFailed as exc:
                self._drawn[job] = exc
        drawn = self._drawn[job]
        if isinstance(drawn, GenerationFailed):
            result.kit_errors.append(self.redact(str(drawn)))
            return []
        return [_sent_as(op, request) for request in drawn]

    def _job(self, op: Operation, negative: bool) -> Job:
        source = self.contract.negative_source(op) if negative else op
        return (source.operation_id, negative)

    def _generation_jobs(self, operations: list[Operation]) -> list[Job]:
        """What ``run_operation`` will generate, in its order (an operation found not deployed on the
        way simply leaves its requests untaken). Decided from the contract alone."""
        if self.options.max_examples <= 0:
            return []
        jobs: list[Job] = []
        for op in operations:
            if op.write and not self.options.allow_writes:
                continue
            wanted = [self._job(op, False)] + ([self._job(op, True)] if self.options.negative else [])
            jobs += [job for job in wanted if job not in jobs]
        return jobs

    def _generate_job(self, operation_id: str, negative: bool) -> list[ApiRequest]:
        """The operation's generated requests; none when schemathesis cannot load the operation."""
        op = self.contract.operation(operation_id)
        api_operation = self._api_operation(op)
        if api_operation is None:
            return []
        return generate(api_operation, op, negative=negative, max_examples=self.options.max_examples)

    # --- credentials -------------------------------------------------------------------------------------

    def _probe_credentials(self, op: Operation, result: OperationResult) -> None:
        """A wrong password, once per module (each module's dispatcher checks credentials), capped."""
        if op.module in self._probed_modules or len(self._probed_modules) >= self.options.credential_probes:
            return
        self._probed_modules.add(op.module)
        probe = self._credentials(op, base_request(op)).with_param(op.credential_names[1], WRONG_PASSWORD)
        probe = _labelled(probe, "credential probe (wrong password)")
        self.exchange(op, probe, Expect.BAD_CREDENTIALS, result, with_credentials=False)

    # --- not deployed --------------------------------------------------------------------------------------

    def _not_deployed(self, op: Operation, verdict: Verdict | None, result: OperationResult) -> bool:
        """A well-formed request with good credentials answered "Command Not Found": the target does not
        know this action. Say so once, instead of "success turned into an error" everywhere."""
        if verdict is None or verdict.envelope not in NOT_DEPLOYED_ENVELOPES or op.action == "":
            return False
        body = verdict.body.text if verdict.body is not None else ""
        result.not_deployed = self.redact(f"the target answers {short(body, 120)} to {op.action}")
        assert result.findings is not None
        result.findings[:] = [f for f in result.findings if f.kind is not Kind.SUCCESS_BECAME_ERROR]
        for identity in [i for i in (result.occurrences or {}) if i[1] is Kind.SUCCESS_BECAME_ERROR]:
            (result.occurrences or {}).pop(identity, None)
            (result.examples or {}).pop(identity, None)
        if self._last_request is not None:
            difference = Difference(Kind.NOT_DEPLOYED, "/", f"the action {op.action}", short(body, 160))
            self._record(result, op, self._last_request, [difference], self._last_answer)
        return True

    # --- the success path: one answer with data, in JSON and in XML ----------------------------------------

    def _success_path(self, op: Operation, result: OperationResult) -> None:
        coverage = result.coverage
        if coverage.json and coverage.xml:
            return
        tried: list[str] = []
        for label, request in self._success_candidates(op)[:MAX_SUCCESS_TRIES]:
            verdict = self.exchange(op, request, Expect.VALID, result)
            if self._not_deployed(op, verdict, result):
                return
            outcome = self._note_success(op, verdict, result, "json", label)
            tried.append(f"{label}: {outcome}")
            if coverage.json:
                self._verify_xml(op, request, verdict, result)
                return
        if not coverage.json:
            coverage.json_reason = (
                "no success with data; tried " + "; ".join(tried)
                if tried
                else ("nothing to try: " + "; ".join(self.discovered.notes or ["no request could be built"]))
            )
            coverage.xml_reason = "no JSON success with data to ask again in XML"

    def _verify_xml(
        self, op: Operation, request: ApiRequest, verdict: Verdict | None, result: OperationResult
    ):
        if op.is_lmapi:
            return
        xml_request = _labelled(request.with_param("responsetype", "xml"), "success path (XML)")
        xml_verdict = self.exchange(op, xml_request, Expect.VALID, result)
        self._note_success(op, xml_verdict, result, "xml", "the same request in XML")
        if self.options.compare_formats and self._comparable(op, request):
            self._compare(op, xml_request, verdict, xml_verdict, result)
            result.coverage.compared = True

    def _success_candidates(self, op: Operation) -> list[tuple[str, ApiRequest]]:
        """The operation's own request first, then the same with discovered values: ids the target
        knows, a day that holds rows (report filters dropped, since they may select nothing)."""
        base = base_request(op)
        candidates = [
            ("the reference example" if base.label == "reference example" else "the bare action", base)
        ]
        linked = [(p.name, self.discovered.values_for(op, p.name)) for p in op.parameters]
        linked = [(name, values) for name, values in linked if values]
        one_of = set(op.required_one_of)
        for name, values in linked:
            for value in values[:3]:
                request = base.with_param(name, value)
                for other in one_of - {name}:
                    request = request.with_param(other, None)
                candidates.append((f"discovered {name}={value}", request))
        dates = op.date_parameters
        if dates:
            stripped = base
            for filter_name in ("tenant[]", "profile[]", "user[]", "user", "tenant", "profile"):
                if not (op.required_one_of and filter_name in op.required_one_of):
                    stripped = stripped.with_param(filter_name, None)
            for day in self.discovered.days[:3]:
                request = stripped
                for name in dates:
                    request = request.with_param(name, day)
                candidates.append((f"discovered day {day}, no filters", request))
        if op.reference_expectation:
            candidates = candidates[1:]  # the reference was sent already, and answers an error by design
        return [
            (label, _labelled(request, f"success path: {label}"))
            for label, request in candidates
            if not violations(op, self._credentials(op, request))
        ]

    def _note_success(
        self, op: Operation, verdict: Verdict | None, result: OperationResult, fmt: str, label: str
    ) -> str:
        """Record a success answer with data as the verified shape of ``fmt``; say what it was."""
        if verdict is None:
            return "no answer"
        if verdict.outcome != "success" or verdict.body is None:
            return verdict.envelope or verdict.outcome
        if not has_data(op, verdict.body):
            return "success without data"
        if verdict.body.kind != fmt and not (op.is_lmapi and verdict.body.kind == "text"):
            return f"a {verdict.body.kind} answer"
        if fmt == "json":
            result.coverage.json, result.coverage.json_reason = True, f"verified with {label}"
        else:
            result.coverage.xml, result.coverage.xml_reason = True, f"verified with {label}"
        return "success with data"

    def _comparable(self, op: Operation, request: ApiRequest) -> bool:
        return not (
            op.is_lmapi or op.write or op.realtime or (self.target.live and _moves_with_time(op, request))
        )

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
        self._last_request, self._last_answer = request, None
        try:
            answer = self._send(op, request, first_checks=with_credentials)
        except RequestTimedOut as exc:
            self._record(result, op, request, [Difference(Kind.NO_ANSWER, "/", "an answer", str(exc))], None)
            return None
        self._last_answer = answer
        try:
            verdict = self.judge.judge(op, request, answer, expect, envelope)
            differences = list(verdict.differences)
            if verdict.outcome == "success" and verdict.body is not None and verdict.body.kind == "json":
                differences += check_properties(
                    op.action, request.params(), verdict.body.data, op.accepted_names()
                )
        except Exception as exc:  # a kit bug must show in the report, not end the run or vanish
            result.kit_errors.append(
                self.redact(
                    f"judging the answer to {request.label or 'a request'} failed: "
                    f"{type(exc).__name__}: {exc}"
                )
            )
            return None
        self._record(result, op, request, differences, answer)
        return verdict

    def _send(self, op: Operation, request: ApiRequest, first_checks: bool = True) -> Answer:
        """Send one request; the first answer of the run tells whether anything can be judged at all."""
        try:
            answer = self.target.send(request)
        except RequestTimedOut:
            self._timeouts += 1
            if self._timeouts >= TIMEOUTS_BEFORE_LOST and self.answers:
                raise TargetLost(f"{self._timeouts} requests in a row got no answer") from None
            raise
        self._timeouts = 0
        if not self.answers and first_checks:
            self._check_first_answer(op, request, answer)
        self.answers += 1
        return answer

    def _check_first_answer(self, op: Operation, request: ApiRequest, answer: Answer) -> None:
        if answer.status == 404:
            raise NoSuchEndpoint(
                f"no such endpoint on the target: check --base-url (HTTP 404 for {self.target.base_url}"
                f"{request.path})"
            )
        from contract_tests.bodies import UnparseableBody, decode

        try:
            body = decode(answer.content)
        except UnparseableBody:
            return
        if is_credential_error(op, body):
            raise CredentialsRejected(
                f"the target rejected the credentials: {op.action} answered "
                f"{self.redact(short(body.text.strip(), 80))}; nothing else was sent"
            )

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
        curl = request.curl(self.target.base_url, self.redact, self._shown_credentials)
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
        """Ask again in XML and compare with the JSON answer (JSON-versus-XML disagreement, K5)."""
        if (
            not self.options.compare_formats
            or verdict is None
            or verdict.body is None
            or verdict.body.kind != "json"
            or not self._comparable(op, request)
        ):
            return 0
        xml_request = request.with_param("responsetype", "xml")
        xml_verdict = self.exchange(op, xml_request, Expect.ANY, result, with_credentials=True)
        self._compare(op, xml_request, verdict, xml_verdict, result)
        return 1

    def _compare(
        self,
        op: Operation,
        xml_request: ApiRequest,
        verdict: Verdict | None,
        xml_verdict: Verdict | None,
        result: OperationResult,
    ) -> None:
        if verdict is None or verdict.body is None or verdict.body.kind != "json":
            return
        if xml_verdict is None or xml_verdict.body is None or xml_verdict.body.kind != "xml":
            return
        expected = goapi_reader.expected_nodes(verdict.body.data)
        seen = list(xml_verdict.body.data.nodes)
        if seen != expected:
            path, want, got = _first_difference(expected, seen)
            xml_request = self._credentials(op, xml_request)
            self._record(result, op, xml_request, [Difference(Kind.FORMATS_DISAGREE, path, want, got)], None)

    def _api_operation(self, op: Operation) -> Any:
        if self._api_operations is None:
            schema = self._schema or self.contract.schemathesis_schema
            self._api_operations = schema_operations(schema)
        return self._api_operations.get(op.operation_id)


def _moves_with_time(op: Operation, request: ApiRequest) -> bool:
    """On a live clock, "today so far" and a report without both dates ("the last 24 hours") move
    between two calls, so their JSON and XML answers cannot be compared."""
    if op.today_so_far:
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


def has_data(op: Operation, body: DecodedBody) -> bool:
    """Whether a success answer carries data where the operation keeps it (``x-crocodial-data``): rows
    that are empty, or UI column headers alone, verify nothing about the shape of the data."""
    if body.kind == "text":
        return bool(body.data)
    data = body.data if body.kind == "json" else nodes_to_data(list(body.data.nodes))
    for pointer in op.data_paths or ["/"]:
        values = pointer_values(data, pointer)
        if any(value not in (None, "", [], {}) for value in values):
            return True
        if body.kind == "xml" and not values and pointer.strip("/"):
            # upstream's XML turns some lists into numeric tags (W6): any element beside result counts
            return any(tag != "result" and value not in (None, "", []) for tag, value in body.data.nodes)
    return False


def _names_things(op: Operation, request: ApiRequest) -> bool:
    """Whether a request names things of the target (an id, a user or tenant filter): the reference's
    names may not exist there, which then answers a documented not-found or invalid value; that is no
    drift (the reference's ids are tried, never assumed)."""
    own = {"goAction", "responsetype", "function", *op.credential_names, *op.date_parameters}
    return any(name.removesuffix("[]") not in own for name in request.params())


def _sent_as(op: Operation, request: ApiRequest) -> ApiRequest:
    """``request`` as ``op`` sends it: drawn for ``op`` itself, or for the form operation of a GET
    operation (``Contract.negative_source``), whose parameters then all travel in the query string."""
    if request.method == op.method:
        return request
    pairs = request.query + (request.form or ())
    return ApiRequest(op.method, op.path, pairs, None, op.credential_names, request.label)


def _labelled(request: ApiRequest, label: str) -> ApiRequest:
    from dataclasses import replace

    return replace(request, label=label)
