"""Judge one answer: decode it, find which documented envelope it is, and say how it drifted.

What is acceptable depends on what was asked: the reference's own example must succeed, a valid
generated request may meet a documented error (an id that does not exist) but never a credential or
missing-parameter error, a request that breaks the contract must get a documented error (HTTP 200,
as the real API answers, instead of schemathesis' 4xx expectation), and bad credentials must get the
documented credential envelope.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from contract_tests.bodies import INVALID_RESPONSETYPE, DecodedBody, UnparseableBody, decode, nodes_to_data
from contract_tests.contract import Contract, Operation
from contract_tests.findings import Kind
from contract_tests.requests_model import ApiRequest
from contract_tests.schemas import Difference, SchemaJudge, short
from contract_tests.xml_shape import xml_differences

CREDENTIAL_ERROR = {"result": "error", "message": "Invalid Username/Password"}
LMAPI_LOGIN_ERROR = re.compile(r"ERROR: Login incorrect, please try again: \|.*\|BAD\|")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RECENT_ANSWERS = 32
"""Answers whose reading the judge keeps (by operation and bytes) to judge a repeat at no cost."""


class Expect(StrEnum):
    SUCCESS = "success"  # the reference's own example
    VALID = "valid"  # generated from the contract with good credentials
    INVALID = "invalid"  # breaks a documented constraint: a documented error is due
    ANY = "any"  # generated outside the contract, but not provably invalid
    BAD_CREDENTIALS = "bad credentials"
    NAMED = "named envelope"  # the reference example documented to answer a given error


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Mapping[str, str]
    content: bytes


@dataclass
class Verdict:
    """The judged answer: its outcome (``success``, ``error`` or ``unknown``) and its differences."""

    outcome: str
    differences: list[Difference]
    body: DecodedBody | None = None
    envelope: str | None = None


class AnswerJudge:
    def __init__(self, contract: Contract):
        self.contract = contract
        self.schemas = SchemaJudge(contract.document)
        self._recent: OrderedDict[tuple, tuple[Verdict, bool]] = OrderedDict()

    # --- entry point -------------------------------------------------------------------------------

    def judge(
        self, op: Operation, request: ApiRequest, answer: Answer, expect: Expect, envelope: str | None = None
    ) -> Verdict:
        judged, final = self._answer_verdict(op, request, answer)
        verdict = Verdict(judged.outcome, list(judged.differences), judged.body, judged.envelope)
        if final:
            return verdict
        if expect is Expect.NAMED:
            if verdict.outcome != "unknown" and verdict.envelope != envelope:
                seen = verdict.envelope or "an undocumented answer"
                verdict.differences.append(Difference(Kind.ERROR_ENVELOPE_CHANGED, "/", str(envelope), seen))
            return verdict
        verdict.differences += self._expectation(op, request, verdict, expect)
        return verdict

    def _answer_verdict(self, op: Operation, request: ApiRequest, answer: Answer) -> tuple[Verdict, bool]:
        """What the answer is, whatever was expected of it (True: nothing more can be said), kept for
        the last few answers: a run meets the same bytes again (a success path repeating the reference
        example, JSON and XML asked twice), and reading them is most of the judging. The same bytes
        for the same operation always read the same, so a repeat is judged as the first was."""
        key = (op.operation_id, answer.status, hashlib.blake2b(answer.content, digest_size=20).digest())
        if answer.status != 200:
            key += tuple(sorted(answer.headers.items()))
        if key in self._recent:
            self._recent.move_to_end(key)
            return self._recent[key]
        judged = self._read_answer(op, request, answer)
        self._recent[key] = judged
        if len(self._recent) > RECENT_ANSWERS:
            self._recent.popitem(last=False)
        return judged

    def _read_answer(self, op: Operation, request: ApiRequest, answer: Answer) -> tuple[Verdict, bool]:
        if answer.status >= 500:
            return Verdict(
                "unknown", [Difference(Kind.SERVER_ERROR, "/", "HTTP 200", f"HTTP {answer.status}")]
            ), True
        if answer.status != 200:
            status = status_difference(answer)
            try:
                body = decode(answer.content)
            except UnparseableBody:
                return Verdict(
                    "unknown", [status]
                ), True  # a proxy's or web server's page: the status says all
            verdict = self._judge_body(op, request, body)
            verdict.body = body
            if verdict.outcome == "unknown":
                return Verdict("unknown", [status], body), True
            verdict.differences.insert(0, status)
            return verdict, False
        try:
            body = decode(answer.content)
        except UnparseableBody as exc:
            return Verdict(
                "unknown", [Difference(Kind.UNPARSEABLE, "/", "JSON, goAPI XML or lmapi text", str(exc))]
            ), True
        verdict = self._judge_body(op, request, body)
        verdict.body = body
        return verdict, False

    # --- what the body is ----------------------------------------------------------------------------

    def _judge_body(self, op: Operation, request: ApiRequest, body: DecodedBody) -> Verdict:
        if op.is_lmapi:
            return self._judge_lines(op, body)
        if body.kind == "json":
            return self._judge_json(op, body.data)
        if body.kind == "xml":
            return self._judge_xml(op, body.data)
        if body.kind == "text" and INVALID_RESPONSETYPE.fullmatch(body.text.strip()):
            return Verdict("error", [], envelope="invalid responsetype")
        return Verdict(
            "unknown", [Difference(Kind.UNPARSEABLE, "/", "JSON or goAPI XML", short(body.text or "(empty)"))]
        )

    def _refs(self, op: Operation) -> tuple[str | None, list[str]]:
        return op.success_ref, op.error_refs

    def _judge_json(self, op: Operation, data: Any) -> Verdict:
        data = judged_sample(data)
        success, errors = self._refs(op)
        differences = self.schemas.valid_differences(success, data) if success else None
        if differences is not None:
            return Verdict("success", differences, envelope=_name(success))
        for ref in errors:
            differences = self.schemas.valid_differences(ref, data)
            if differences is not None:
                return Verdict("error", differences, envelope=_name(ref))
        if success and _looks_successful(data):
            return Verdict("success", self.schemas.differences(success, data), envelope=_name(success))
        return Verdict(
            "error",
            [
                Difference(
                    Kind.ERROR_ENVELOPE_CHANGED,
                    "/",
                    "one of " + ", ".join(_name(r) for r in [*([success] if success else []), *errors]),
                    short(data, 160),
                )
            ],
        )

    def _judge_xml(self, op: Operation, answer: Any) -> Verdict:
        success, errors = self._refs(op)
        nodes = judged_nodes(list(getattr(answer, "nodes", answer)))
        resolve = self._resolver()
        candidates = [("success", success)] if success else []
        candidates += [("error", ref) for ref in errors]
        attempts = []
        for outcome, ref in candidates:
            diffs = xml_differences(nodes, self.schemas.schema(ref), resolve)
            if not any(d.kind.severity.value == "breaking" for d in diffs):
                return Verdict(outcome, diffs, envelope=_name(ref))
            attempts.append((outcome, ref, diffs))
        result = dict((tag, value) for tag, value in nodes if isinstance(value, str)).get("result")
        if success and result == "success":
            return Verdict("success", attempts[0][2], envelope=_name(success))
        return Verdict(
            "error",
            [
                Difference(
                    Kind.ERROR_ENVELOPE_CHANGED,
                    "/",
                    "a documented envelope",
                    short(nodes_to_data(nodes), 160),
                )
            ],
        )

    def _judge_lines(self, op: Operation, body: DecodedBody) -> Verdict:
        lines = body.data if body.kind == "text" else None
        if not lines:
            seen = short(body.text or "(empty)")
            return Verdict("unknown", [Difference(Kind.UNPARSEABLE, "/", "lmapi text lines", seen)])
        kinds = op.line_kinds
        diffs = []
        first_kind = None
        for index, line in enumerate(lines):
            kind = next((name for name, regex in kinds if regex.fullmatch(line)), None)
            first_kind = first_kind or kind
            if kinds and kind is None:
                change = Kind.ERROR_ENVELOPE_CHANGED if line.startswith("ERROR") else Kind.FORMAT_CHANGED
                diffs.append(Difference(change, f"/line/{index}", "a documented line", short(line, 160)))
        outcome = "success" if any(line.startswith("SUCCESS:") for line in lines) else "error"
        return Verdict(outcome, diffs, envelope=first_kind)

    def _resolver(self):
        def resolve(node: Any) -> Any:
            seen = 0
            while isinstance(node, Mapping) and "$ref" in node and seen < 32:
                node = self.schemas.schema(node["$ref"])
                seen += 1
            return node

        return resolve

    # --- was that answer acceptable for this request ----------------------------------------------------

    def _expectation(
        self, op: Operation, request: ApiRequest, verdict: Verdict, expect: Expect
    ) -> list[Difference]:
        body = verdict.body
        if verdict.outcome == "unknown" or body is None:
            return []
        if expect is Expect.BAD_CREDENTIALS:
            if is_credential_error(op, body):
                return []
            if verdict.outcome == "success":
                return [
                    Difference(
                        Kind.INVALID_INPUT_ACCEPTED,
                        "/",
                        "the credential error",
                        "a success with bad credentials",
                    )
                ]
            return [
                Difference(
                    Kind.ERROR_ENVELOPE_CHANGED, "/", "the documented credential error", short(body.text, 160)
                )
            ]
        refused = is_credential_error(op, body) or _is_missing_parameters(body)
        if verdict.outcome == "error" and (expect is Expect.SUCCESS or (expect is Expect.VALID and refused)):
            return [Difference(Kind.SUCCESS_BECAME_ERROR, "/", "a success envelope", short(body.text, 160))]
        if expect is Expect.INVALID and verdict.outcome == "success":
            reason = ", ".join(violations(op, request)) or "an invalid parameter"
            return [
                Difference(
                    Kind.INVALID_INPUT_ACCEPTED, "/", f"a documented error for {reason}", "a success envelope"
                )
            ]
        return []


def status_difference(answer: Answer) -> Difference:
    """A status other than 200, said as what it is: every CrocoDial answer is HTTP 200 (W1), so another
    status comes from something in front of it or from a wrong address."""
    status = answer.status
    if status == 404:
        return Difference(
            Kind.NO_SUCH_ENDPOINT,
            "/",
            "HTTP 200",
            "HTTP 404: no such endpoint on the target: check --base-url",
        )
    if 300 <= status < 400:
        location = {k.lower(): v for k, v in answer.headers.items()}.get("location", "?")
        seen = f"HTTP {status}: redirected to {location}: check --base-url (scheme, host, path)"
    elif status in (401, 403, 407):
        seen = f"HTTP {status}: access refused before the API (a proxy or web server in front of it)"
    elif status == 429:
        seen = "HTTP 429: too many requests: lower --rate-limit"
    else:
        seen = f"HTTP {status}"
    return Difference(Kind.WRONG_STATUS, "/", "HTTP 200", seen)


JUDGED_ITEMS = 100
"""Items of each list the schema check reads: a day of calls is thousands of rows of one shape, and
validating them all would make the run crawl; the properties (filters, sums) still read every row."""


def judged_sample(data: Any) -> Any:
    """``data`` with every list cut to its first JUDGED_ITEMS items (indexes stay those of the answer)."""
    if isinstance(data, list):
        return [judged_sample(item) for item in data[:JUDGED_ITEMS]]
    if isinstance(data, dict):
        return {key: judged_sample(value) for key, value in data.items()}
    return data


def judged_nodes(nodes: list[Any]) -> list[Any]:
    """goAPI XML's (tag, value) nodes with at most JUDGED_ITEMS elements of each tag at each level."""
    kept: list[Any] = []
    seen: dict[str, int] = {}
    for tag, value in nodes:
        seen[tag] = seen.get(tag, 0) + 1
        if seen[tag] <= JUDGED_ITEMS:
            kept.append((tag, judged_nodes(value) if isinstance(value, list) else value))
    return kept


def _name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _looks_successful(data: Any) -> bool:
    return isinstance(data, dict) and data.get("result") == "success"


def is_credential_error(op: Operation, body: DecodedBody) -> bool:
    """The documented answer to wrong credentials (goAPI's envelope, lmapi's login line)."""
    if op.is_lmapi:
        return any(LMAPI_LOGIN_ERROR.fullmatch(line) for line in body.data or [])
    if body.kind == "json":
        return body.data == CREDENTIAL_ERROR
    if body.kind == "xml":
        return [(t, v) for t, v in body.data.nodes] == list(CREDENTIAL_ERROR.items())
    return False


def _is_missing_parameters(body: DecodedBody) -> bool:
    if body.kind == "json":
        return isinstance(body.data, dict) and body.data.get("code") == "40001"
    if body.kind == "xml":
        return ("code", "40001") in list(body.data.nodes)
    return False


# --- which documented constraints a request breaks ---------------------------------------------------------


def violations(op: Operation, request: ApiRequest) -> list[str]:
    """Constraints the request provably breaks, counting only what the server is documented (or
    decided in ERRATA) to refuse, since many patterns in the contract describe values rather than
    promise a refusal:

    - a missing required parameter (one of ``x-crocodial-required-one-of``), except one with a server
      default such as responsetype (W4);
    - goAPI only: a value outside a ``const``/``enum`` (goAction, responsetype W5, only_inactives W12),
      a date that is not a real YYYY-MM-DD day (W12) and a tenant code that is not three characters (W12).

    lmapi sanitises its parameters instead of refusing them (upstream: non-digits are stripped from
    phone_number, source keeps alphanumerics), so only a missing parameter counts there.
    """
    params = request.params()
    found = []
    one_of = op.required_one_of
    if one_of and not any(params.get(name) not in (None, "", []) for name in one_of):
        found.append("missing " + " or ".join(one_of))
    for param in op.parameters:
        name = param.name[:-2] if param.name.endswith("[]") else param.name
        schema = param.schema or {}
        value = params.get(name)
        if value is None or value == "" or value == []:
            if (
                param.required
                and "x-server-default" not in schema
                and not _has_server_default(op, param.name)
            ):
                found.append(f"missing {name}")
            continue
        if op.is_lmapi:
            continue
        items = schema.get("items", {}) if schema.get("type") == "array" else schema
        values = value if isinstance(value, list) else [value]
        for item in (v for v in values if v != ""):  # PHP-array elements that are empty filter nothing (W7)
            if not _refused_value(name, item, items):
                continue
            found.append(f"invalid {name}")
            break
    return found


def _has_server_default(op: Operation, name: str) -> bool:
    for spec in op.raw.get("parameters", []):
        if isinstance(spec, Mapping) and spec.get("name") == name and "x-server-default" in spec:
            return True
    return name == "responsetype"


def _refused_value(name: str, value: str, schema: Mapping[str, Any]) -> bool:
    if not isinstance(schema, Mapping):
        return False
    if "const" in schema and value != str(schema["const"]):
        return True
    if "enum" in schema and value not in {str(v) for v in schema["enum"]}:
        return True
    if schema.get("format") == "date":
        return not _is_day(value)
    return name == "tenant" and len(value) != 3


def _is_day(value: str) -> bool:
    from datetime import date

    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
