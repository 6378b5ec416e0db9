"""Requests generated from the contract by schemathesis, turned into the kit's ``ApiRequest``.

Generation is derandomised (the same contract gives the same requests), so a CI failure reproduces.
hypothesis and schemathesis are imported when first used: a run with nothing to draw never loads them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from contract_tests.contract import Operation
from contract_tests.requests_model import ApiRequest

_MAX_PARAM_LENGTH = 512


class GenerationFailed(RuntimeError):
    """schemathesis or hypothesis could not generate requests for an operation."""


def load_schema(path: Any) -> Any:
    import schemathesis

    return schemathesis.openapi.from_path(str(path))


def schema_operations(schema: Any) -> dict[str, Any]:
    """schemathesis' APIOperation objects keyed by operationId (operations it cannot load are left out)."""
    found = {}
    for result in schema.get_all_operations():
        try:
            operation = result.ok()
        except Exception:
            continue
        operation_id = operation.definition.raw.get("operationId")
        if operation_id:
            found[operation_id] = operation
    return found


def generate(api_operation: Any, op: Operation, negative: bool, max_examples: int) -> list[ApiRequest]:
    """Up to ``max_examples`` distinct requests for one operation, positive or negative."""
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis import GenerationMode

    if max_examples <= 0:
        return []
    mode = GenerationMode.NEGATIVE if negative else GenerationMode.POSITIVE
    cases: list[Any] = []

    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate],
    )
    @given(api_operation.as_strategy(generation_mode=mode))
    def collect(case: Any) -> None:
        cases.append(case)

    try:
        collect()
    except Exception as exc:  # reported by the runner as a kit error, never swallowed
        if not cases:
            raise GenerationFailed(
                f"generating {'negative' if negative else 'positive'} requests for {op.operation_id} "
                f"failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            ) from exc
    label = "generated negative" if negative else "generated positive"
    requests: list[ApiRequest] = []
    seen: set[ApiRequest] = set()
    for case in cases:
        request = to_request(case, op, label)
        if request is not None and request not in seen:
            seen.add(request)
            requests.append(request)
    return requests


def to_request(case: Any, op: Operation, label: str) -> ApiRequest | None:
    query = tuple(_pairs(case.query or {}))
    form: tuple[tuple[str, str], ...] | None = None
    if op.method != "GET":
        body = case.body
        if isinstance(body, dict):
            form = tuple(_pairs(body))
        elif _is_not_set(body) or body is None:
            form = ()
        else:
            return None  # a non-object body cannot travel as a form; PHP would see no parameters at all
    return ApiRequest(op.method, op.path, query, form, op.credential_names, label)


def _is_not_set(value: Any) -> bool:
    return type(value).__name__ == "NotSet"


def _pairs(mapping: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for name, value in mapping.items():
        if isinstance(value, list):
            for item in value:
                yield name, _text(item)
        elif value is None:
            continue
        else:
            yield name, _text(value)


def _text(value: Any) -> str:
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (dict, list)):
        text = json.dumps(value)
    else:
        text = str(value)
    return text[:_MAX_PARAM_LENGTH]
