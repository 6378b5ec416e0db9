"""What schemathesis needs to test CrocoDial properly: deserialisers and checks that fit this API.

- Deserialisers: CrocoDial labels JSON, XML and lmapi text alike as ``text/html`` (ERRATA W2), and
  schemathesis silently skips schema validation for media types it cannot decode. The ``text/html`` one
  sniffs the body and decodes it (JSON as data, goAPI XML through the shared codec, lmapi as its lines);
  under the labels the contract documents (``application/xml``, ``text/plain``) the body is the text the
  contract's pattern describes.
- ``crocodial_conformance``: the kit's judge as a schemathesis check. It replaces
  ``negative_data_rejection`` (which expects 4xx where CrocoDial answers HTTP 200 with an error body)
  with "a request that breaks the contract gets a documented error envelope", and checks success
  bodies, error envelopes, lmapi lines and the properties of the answer (sums, filters).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import schemathesis

from contract_tests.bodies import UnparseableBody, decode, nodes_to_data
from contract_tests.contract import Contract
from contract_tests.generation import to_request
from contract_tests.judge import Answer, AnswerJudge, Expect, violations
from contract_tests.properties import check_properties
from contract_tests.redaction import Redactor
from contract_tests.requests_model import ApiRequest

SNIFFED_MEDIA_TYPES = ("text/html",)
"""Upstream's label for every answer (W2): the body says what it is."""
TEXT_MEDIA_TYPES = ("text/plain", "application/xml", "text/xml")
"""The labels the contract documents for goAPI XML and text lines, as strings with a pattern."""


@schemathesis.deserializer(*TEXT_MEDIA_TYPES)
def text_deserializer(ctx: schemathesis.DeserializationContext, response: Any) -> str:
    """Under a documented label (``serve --content-type accurate``) the contract describes the body as
    text, so schemathesis' schema check gets the text (not decoded data it would call the wrong type)."""
    return bytes(response.content).decode("utf-8", errors="replace")


@schemathesis.deserializer(*SNIFFED_MEDIA_TYPES)
def sniffing_deserializer(ctx: schemathesis.DeserializationContext, response: Any) -> Any:
    """Decode by content, not by label; raise on a body that starts like a format it does not follow."""
    try:
        body = decode(response.content)
    except UnparseableBody as exc:
        raise ValueError(str(exc)) from exc
    if body.kind == "json":
        return body.data
    if body.kind == "xml":
        return nodes_to_data(list(body.data.nodes))
    if body.kind == "text":
        return body.data
    return None


def with_credentials(case: Any, user: str, password: str) -> None:
    """Generated goUser/goPass would only ever meet the credential error: send the account's instead
    (lmapi's ``user``/``pass``; in the form body of a POST, where the contract puts them)."""
    lmapi = case.operation.path.startswith("/API/lmapi.php")
    values = {"user": user, "pass": password} if lmapi else {"goUser": user, "goPass": password}
    if isinstance(case.body, dict) and case.operation.method.upper() == "POST":
        case.body.update(values)
        for name in values:
            (case.query or {}).pop(name, None)
    else:
        case.query = {**(case.query or {}), **values}


@lru_cache(maxsize=4)
def _contract(path: str) -> tuple[Contract, AnswerJudge]:
    from pathlib import Path

    contract = Contract.load(Path(path))
    return contract, AnswerJudge(contract)


def expectation(case: Any, contract_op: Any, request: Any) -> Expect:
    """Positive cases are valid requests; negative ones must be refused when they provably break a
    documented constraint, and may get any documented answer otherwise."""
    if violations(contract_op, request):
        return Expect.INVALID  # positive generation cannot express "one of" or real calendar days
    mode = getattr(getattr(getattr(case, "meta", None), "generation", None), "mode", None)
    if mode is not None and getattr(mode, "value", str(mode)) == "negative":
        return Expect.ANY
    return Expect.VALID


def judge_case(
    case: Any,
    status: int,
    headers: dict[str, str],
    content: bytes,
    spec_path: str,
    sent: Any = None,
) -> list[str]:
    """Human-readable findings of one answer to a schemathesis case (empty: it conforms). Additive
    findings count too: the emulator must say exactly what the contract says. ``sent``: the request
    schemathesis put on the wire (``response.request``), judged as sent."""
    contract, judge = _contract(spec_path)
    operation_id = case.operation.definition.raw.get("operationId")
    op = contract.operation(operation_id)
    request = to_request(case, op, "schemathesis")
    if request is None:
        return []
    if sent is not None:
        request = as_sent(request, sent)
    verdict = judge.judge(op, request, Answer(status, headers, content), expectation(case, op, request))
    differences = list(verdict.differences)
    if verdict.outcome == "success" and verdict.body is not None and verdict.body.kind == "json":
        differences += check_properties(op.action, request.params(), verdict.body.data, op.accepted_names())
    redact = Redactor()
    problems: dict[tuple[str, str], str] = {}
    for d in differences:
        where = "/".join("*" if part.isdigit() else part for part in d.path.split("/"))
        problems.setdefault(
            (d.kind.value, where),
            redact(
                f"{d.kind.severity.value}: {d.kind.value} at {d.path}: expected {d.expected}, seen {d.seen}"
            ),
        )
    return list(problems.values())


def as_sent(request: ApiRequest, sent: Any) -> ApiRequest:
    """``request`` with the parameters of the prepared request that went out: a drawn value such as an
    empty object (``tenant[]: {}``) has no one text, and the server judges what arrives, not what was
    drawn."""
    query = tuple(parse_qsl(urlsplit(str(sent.url)).query, keep_blank_values=True))
    form = request.form
    if form is not None:
        body = sent.body or b""
        text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else str(body)
        form = tuple(parse_qsl(text, keep_blank_values=True))
    return replace(request, query=query, form=form)


@schemathesis.check
def crocodial_conformance(ctx: Any, response: Any, case: Any) -> bool | None:
    """The answer is a documented envelope of its operation, fits the request and is consistent."""
    from crocodial_mock.paths import SPEC_PATH

    problems = judge_case(
        case,
        response.status_code,
        dict(response.headers),
        response.content,
        str(SPEC_PATH),
        sent=getattr(response, "request", None),
    )
    if problems:
        raise AssertionError("\n".join(problems))
    return None
