"""Learn what exists on the target before judging it: users, campaigns, call times, leads and phone
numbers, and the days that hold data.

Everything comes from the contract: each list operation's OpenAPI ``links`` say which detail operation
takes which of its values (``0`` in a link's pointer stands for every item), ``x-crocodial-days`` says
which report rows tell the days with data. The reference's own ids are tried first by the runner,
never assumed: a staging without ``weekdays-example`` still gets its call time read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from contract_tests.bodies import DecodedBody, UnparseableBody, decode
from contract_tests.contract import Contract, Operation
from contract_tests.judge import Answer
from contract_tests.requests_model import ApiRequest

MAX_VALUES = 5
"""Values kept per parameter: enough to find one that holds data, few enough to stay gentle."""
MAX_SOURCE_TRIES = 5
"""A source that needs a discovered value (a campaign's hopper) is asked with at most this many."""
DAYS_WINDOW = 92
"""How far back a day source that takes dates is asked when the last 24 hours hold nothing."""
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")

Ask = Callable[[Operation, ApiRequest], Answer | None]


@dataclass
class Discovered:
    values: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(operationId of the GET target, parameter) -> values seen on the target, in order."""
    days: list[str] = field(default_factory=list)
    """Days holding report rows, most recent first."""
    notes: list[str] = field(default_factory=list)
    """What could not be learnt, and why (shown in the report)."""
    requests: int = 0

    def values_for(self, op: Operation, parameter: str) -> list[str]:
        """Values for ``parameter`` of ``op`` (GET and POST of one action share them)."""
        return self.values.get((f"{op.action}_get", parameter), [])

    def summary(self) -> dict[str, Any]:
        return {
            "values": {f"{target} {parameter}": list(v) for (target, parameter), v in self.values.items()},
            "days": list(self.days),
            "notes": list(self.notes),
            "requests": self.requests,
        }


class Discovery:
    def __init__(self, contract: Contract, ask: Ask, today: date | None = None):
        self.contract = contract
        self.ask = ask
        self.today = today or date.today()

    def run(self) -> Discovered:
        found = Discovered()
        sources = [
            op for op in self.contract.operations if op.method == "GET" and (op.links or op.days_pointer)
        ]
        # Sources needing nothing first; one needing a discovered value (a campaign's hopper) after.
        sources.sort(key=lambda op: bool(self._needed(op)))
        for op in sources:
            self._learn(op, found)
        if not found.days:
            self._learn_days_back(sources, found)
        if not found.days:
            found.notes.append(
                "no report rows found: no day with data in the last 24 hours or the "
                f"{DAYS_WINDOW} days before {self.today.isoformat()}"
            )
        return found

    def _needed(self, op: Operation) -> list[str]:
        return [
            p.name for p in op.parameters if p.required and p.name in _linked_parameters(self.contract, op)
        ]

    def _learn(self, op: Operation, found: Discovered) -> None:
        base = base_request(op)
        needed = self._needed(op)
        attempts = [base]
        if needed:
            name = needed[0]
            values = found.values_for(op, name)
            if not values:
                found.notes.append(f"{op.action} was not asked: nothing discovered for its {name}")
                return
            attempts = [base.with_param(name, value) for value in values[:MAX_SOURCE_TRIES]]
        for request in attempts:
            body = self._json(op, request, found)
            if body is None:
                continue
            learnt = self._take(op, body.data, found)
            if learnt:
                return
        if op.links:
            targets = ", ".join(sorted({f"{link.operation_id} {link.parameter}" for link in op.links}))
            found.notes.append(f"{op.action} listed nothing for {targets}")

    def _learn_days_back(self, sources: list[Operation], found: Discovered) -> None:
        """No rows in the last 24 hours: ask the day sources that take dates over a wider window."""
        start = (self.today - timedelta(days=DAYS_WINDOW - 1)).isoformat()
        for op in sources:
            if not op.days_pointer or {"fromDate", "toDate"} - set(op.date_parameters):
                continue
            if op.raw.get("x-crocodial-days-window") is not True:
                continue
            request = (
                base_request(op).with_param("fromDate", start).with_param("toDate", self.today.isoformat())
            )
            body = self._json(op, request, found)
            if body is not None:
                self._take(op, body.data, found)
            if found.days:
                return

    def _json(self, op: Operation, request: ApiRequest, found: Discovered) -> DecodedBody | None:
        found.requests += 1
        answer = self.ask(op, request)
        if answer is None or answer.status != 200:
            return None
        try:
            body = decode(answer.content)
        except UnparseableBody:
            return None
        if body.kind != "json" or not isinstance(body.data, dict) or body.data.get("result") == "error":
            return None
        return body

    def _take(self, op: Operation, data: Any, found: Discovered) -> bool:
        learnt = False
        for link in op.links:
            values = found.values.setdefault((link.operation_id, link.parameter), [])
            for value in pointer_values(data, every_item(link.pointer)):
                text = str(value)
                if text and text not in values and len(values) < MAX_VALUES:
                    values.append(text)
                    learnt = True
        if op.days_pointer:
            days = {m.group(1) for v in pointer_values(data, op.days_pointer) if (m := _DAY.match(str(v)))}
            merged = sorted(set(found.days) | days, reverse=True)
            learnt = learnt or len(merged) > len(found.days)
            found.days[:] = merged
        return learnt


def _linked_parameters(contract: Contract, op: Operation) -> set[str]:
    return {
        link.parameter
        for other in contract.operations
        for link in other.links
        if link.operation_id == op.operation_id
    }


def base_request(op: Operation) -> ApiRequest:
    """The operation's own request: the reference example when it calls this very action on this
    path, else the bare action (ERRATA A7: goGetCustomerInfo's POST example calls another action)."""
    reference = op.reference_request()
    if reference is not None and reference.path == op.path and reference.param(_action_name(op)) == op.action:
        return reference
    pairs: tuple[tuple[str, str], ...] = ((_action_name(op), op.action), ("responsetype", "json"))
    if op.is_lmapi:
        pairs = ((_action_name(op), op.action),)
    if op.method == "GET":
        return ApiRequest("GET", op.path, pairs, None, op.credential_names, "bare request")
    return ApiRequest(op.method, op.path, (), pairs, op.credential_names, "bare request")


def _action_name(op: Operation) -> str:
    return "function" if op.is_lmapi else "goAction"


def every_item(pointer: str) -> str:
    """A link's pointer names the first item (``/data/rows/0/id``); discovery reads them all."""
    return "/".join("*" if part == "0" else part for part in pointer.split("/"))


def pointer_values(data: Any, pointer: str) -> list[Any]:
    """Values at a JSON pointer where ``*`` matches every list item (or every object value)."""
    nodes = [data]
    for part in [p for p in pointer.split("/") if p]:
        following = []
        for node in nodes:
            if part == "*":
                if isinstance(node, list):
                    following += node
                elif isinstance(node, dict):
                    following += list(node.values())
            elif isinstance(node, dict) and part in node:
                following.append(node[part])
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                following.append(node[int(part)])
        nodes = following
    return nodes
