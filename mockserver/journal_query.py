"""Finding and counting journal entries from a query string (``GET /__admin/requests?action=add_lead``).

Strict on purpose: a filter the emulator does not know, or a value it cannot read (``limit=abc``,
``since=yesterday``), is a 400 with the reason, never silently ignored, because a test asserting on a
filter that was dropped would pass for the wrong reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from mockserver.journal import JournalEntry

PARAM_PREFIX = "param."
FILTERS = ("action", "module", "endpoint", "method", "outcome", "status", "matched", "since", "limit")
"""Query names ``/__admin/requests`` understands, plus ``param.NAME=value`` for parameter values."""


class JournalQueryError(ValueError):
    """A query the journal cannot answer; the message names the parameter and what it expects."""


@dataclass
class JournalQuery:
    tests: list[Callable[[JournalEntry], bool]] = field(default_factory=list)
    limit: int | None = None

    def select(self, entries: Iterable[JournalEntry]) -> list[JournalEntry]:
        """Matching entries, newest first, at most ``limit``."""
        found = [entry for entry in reversed(list(entries)) if all(test(entry) for test in self.tests)]
        return found if self.limit is None else found[: self.limit]


def outcome_matches(outcome: str, wanted: str) -> bool:
    """The whole outcome, or its first word (``error`` matches ``error: Invalid Username/Password``)."""
    return outcome == wanted or re.split(r"[:\s]", outcome, maxsplit=1)[0] == wanted


def parse_query(pairs: Iterable[tuple[str, str]]) -> JournalQuery:
    query = JournalQuery()
    for name, value in pairs:
        if name.startswith(PARAM_PREFIX) and len(name) > len(PARAM_PREFIX):
            query.tests.append(_param_test(name[len(PARAM_PREFIX) :], value))
        elif name == "limit":
            query.limit = _count(name, value)
        elif name in ("action", "method"):
            query.tests.append(lambda entry, key=name, wanted=value: getattr(entry, key) == wanted)
        elif name in ("module", "endpoint"):
            query.tests.append(lambda entry, wanted=value: entry.endpoint == wanted)
        elif name == "outcome":
            query.tests.append(lambda entry, wanted=value: outcome_matches(entry.outcome, wanted))
        elif name == "status":
            status = _count(name, value)
            query.tests.append(lambda entry, wanted=status: entry.status == wanted)
        elif name == "matched":
            matched = _flag(name, value)
            query.tests.append(lambda entry, wanted=matched: entry.matched == wanted)
        elif name == "since":
            since = _instant(value)
            query.tests.append(lambda entry, after=since: _logged_at(entry) >= after)
        else:
            known = ", ".join((*FILTERS, PARAM_PREFIX + "NAME"))
            raise JournalQueryError(f"unknown filter {name!r}; known: {known}")
    return query


def _count(name: str, value: str) -> int:
    if not value.isascii() or not value.isdigit():
        raise JournalQueryError(f"{name} must be a non-negative integer, not {value!r}")
    return int(value)


def _flag(name: str, value: str) -> bool:
    if value not in ("true", "false"):
        raise JournalQueryError(f"{name} must be true or false, not {value!r}")
    return value == "true"


def _instant(value: str) -> datetime:
    try:
        instant = datetime.fromisoformat(value.replace(" ", "+"))  # '+' in a query string reads as a space
    except ValueError:
        raise JournalQueryError(f"since must be an ISO 8601 date-time, not {value!r}") from None
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)


def _logged_at(entry: JournalEntry) -> datetime:
    return datetime.fromisoformat(entry.logged_at)


def _param_test(name: str, wanted: str) -> Callable[[JournalEntry], bool]:
    def test(entry: JournalEntry) -> bool:
        value = entry.params.get(name)
        return value == wanted or (isinstance(value, int | float) and str(value) == wanted)

    return test
