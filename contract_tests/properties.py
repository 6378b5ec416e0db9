"""Properties a correct CrocoDial answer has beyond its schema: sums that must add up, filters that
must hold. Each is a property of the real API (a report whose totals do not add up is wrong whoever
serves it), so the same rules judge the emulator and a live service.

Every rule takes the action, the request's merged parameters and the decoded JSON success body, and
returns the differences it finds (``Kind.INCONSISTENT`` or ``Kind.FILTER_IGNORED``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from contract_tests.findings import Kind
from contract_tests.schemas import Difference

Params = Mapping[str, Any]
Rule = Callable[[Params, Any], list[Difference]]

_RULES: dict[str, list[Rule]] = {}


def rule(*actions: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        for name in actions:
            _RULES.setdefault(name, []).append(func)
        return func

    return register


def check_properties(
    action: str, params: Params, body: Any, accepted: set[str] | None = None
) -> list[Difference]:
    """All differences the rules of ``action`` find in a success body (nothing for other bodies).

    ``accepted`` names the parameters the operation documents (``tenant`` for ``tenant[]``): a filter
    the action does not take (exportAgentReport has no tenant[]) is ignored by the server, not broken."""
    if not isinstance(body, Mapping) or body.get("result") != "success":
        return []
    if accepted is not None:
        params = {name: value for name, value in params.items() if name in accepted}
    found: list[Difference] = []
    for check in [*_RULES.get(action, []), *_RULES.get("*", [])]:
        found += check(params, body.get("data"))
    return found


def _num(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _sum_rule(data: Any, path: str, total: str, parts: list[str]) -> list[Difference]:
    if not isinstance(data, Mapping) or total not in data:
        return []
    values = [_num(data.get(p)) for p in parts]
    whole = _num(data.get(total))
    if whole is None or any(v is None for v in values):
        return []
    if abs(sum(v for v in values if v is not None) - whole) > 1e-6:
        return [_inconsistent(f"{path}/{total}", " + ".join(parts), data.get(total), sum(values))]  # type: ignore[arg-type]
    return []


def _inconsistent(path: str, rule_text: str, seen: Any, expected: Any) -> Difference:
    return Difference(Kind.INCONSISTENT, path, f"{rule_text} = {_fmt(expected)}", _fmt(seen))


def _fmt(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(data: Any) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every detail row of a report with its path (``data.rows`` or ``data.<section>.rows``)."""
    if not isinstance(data, Mapping):
        return
    sections = [("/data", data)] + [(f"/data/{k}", v) for k, v in data.items() if isinstance(v, Mapping)]
    for path, section in sections:
        rows = section.get("rows")
        if isinstance(rows, list):
            for index, row in enumerate(rows):
                if isinstance(row, Mapping):
                    yield f"{path}/rows/{index}", row


@rule("getAgentStatus")
def agent_status_sums(params: Params, data: Any) -> list[Difference]:
    """Live agents are paused, ready or in a call (ERRATA A16). Not total_active_agents = live +
    offline: the reference's own example breaks that (61 + 42 != 102), so it is no property of the API."""
    return _sum_rule(data, "/data", "total_live_agents", ["paused_agents", "ready_agents", "incall_agents"])


@rule("goGetAllUsers")
def all_users_totals(params: Params, data: Any) -> list[Difference]:
    """Totals count active and inactive users; the list shows the kind only_inactives asks for."""
    found = _sum_rule(data, "/data", "total_users", ["total_active_users", "total_inactive_users"])
    if not isinstance(data, Mapping) or not isinstance(data.get("user_list"), list):
        return found
    inactive = str(params.get("only_inactives", "0")) == "1"
    listed = data["user_list"]
    expected_total = data.get("total_inactive_users" if inactive else "total_active_users")
    if isinstance(expected_total, int) and len(listed) != expected_total:
        key = "total_inactive_users" if inactive else "total_active_users"
        found.append(_inconsistent("/data/user_list", f"len(user_list) = {key}", len(listed), expected_total))
    wanted = "N" if inactive else "Y"
    for index, user in enumerate(listed):
        if isinstance(user, Mapping) and "active" in user and user["active"] != wanted:
            found.append(
                Difference(
                    Kind.FILTER_IGNORED,
                    f"/data/user_list/{index}/active",
                    f"{wanted!r} (only_inactives)",
                    repr(user["active"]),
                )
            )
            break
    return found


@rule("outbound_cdr")
def outbound_summary(params: Params, data: Any) -> list[Difference]:
    """Per campaign: every call was made by the dialer or by hand, and each was dialed once."""
    found: list[Difference] = []
    rows = data.get("summary_rows") if isinstance(data, Mapping) else None
    for index, row in enumerate(rows if isinstance(rows, list) else []):
        path = f"/data/summary_rows/{index}"
        found += _sum_rule(row, path, "total_calls", ["dialer", "manual_calls"])
        total, handled, dialed = (
            _num(row.get("total_calls")),
            _num(row.get("handled_calls")),
            _num(row.get("dialed")),
        )
        if total is not None and handled is not None and handled > total:
            found.append(
                _inconsistent(f"{path}/handled_calls", "handled_calls <= total_calls", handled, total)
            )
        if total is not None and dialed is not None and dialed != total:
            found.append(_inconsistent(f"{path}/dialed", "dialed = total_calls", dialed, total))
    return found


@rule("exportPauseReport")
def pause_billable(params: Params, data: Any) -> list[Difference]:
    """Login time splits into billable and non-billable time."""
    found: list[Difference] = []
    for path, row in _rows(data):
        found += _sum_rule(row, path, "total_time", ["billable_time", "no_billable_time"])
    return found


@rule("agent_calls_report")
def agent_calls_totals(params: Params, data: Any) -> list[Difference]:
    """Manual, inbound and dialer calls are part of an agent's total calls (the reference's example
    shows totals larger than the three counts, so the rule is "at most", not "equal")."""
    found: list[Difference] = []
    for path, row in _rows(data):
        total = _num(row.get("total_calls"))
        parts = [_num(row.get(k)) for k in ("manual", "inbound", "dialer")]
        if total is not None and all(p is not None for p in parts) and sum(parts) > total:  # type: ignore[arg-type]
            found.append(
                _inconsistent(
                    f"{path}/total_calls", "manual + inbound + dialer <= total_calls", total, sum(parts)
                )
            )  # type: ignore[arg-type]
    return found


@rule("getLeadsOnHopper")
def hopper_numrows(params: Params, data: Any) -> list[Difference]:
    """Every row repeats the number of rows."""
    rows = list(_rows(data))
    for path, row in rows:
        if "numrows" in row and _num(row["numrows"]) != len(rows):
            return [_inconsistent(f"{path}/numrows", "number of rows", row["numrows"], len(rows))]
    return []


# --- filters ---------------------------------------------------------------------------------------------

_FILTERS = {"tenant": ("portfolio",), "user": ("user", "agent")}
"""Filters whose value a row repeats. Not profile[]: it selects calls by their campaign's profile while
rows show the agent's own profile (the reference's agent_calls_report example: profile[]=SERVERS,
rows in Collections and VIP), so a row's profile proves nothing."""
_DATE_FIELDS = ("call_date", "answer_time", "date")


@rule("*")
def filters_respected(params: Params, data: Any) -> list[Difference]:
    """tenant[] and user[] narrow the rows to what they name; fromDate/toDate to those days.

    Names compare case-insensitively (MySQL collation); a field absent from a row cannot be judged."""
    found: list[Difference] = []
    wanted = {
        name: {str(v).lower() for v in _as_list(params.get(name))}
        for name in _FILTERS
        if _as_list(params.get(name))
    }
    start, end = params.get("fromDate"), params.get("toDate")
    for path, row in _rows(data):
        for name, values in wanted.items():
            for field in _FILTERS[name]:
                if field in row and isinstance(row[field], str) and row[field].lower() not in values:
                    found.append(
                        Difference(
                            Kind.FILTER_IGNORED,
                            f"{path}/{field}",
                            f"one of {sorted(values)} ({name}[])",
                            row[field],
                        )
                    )
                    break
        if isinstance(start, str) and isinstance(end, str) and start <= end:
            for field in _DATE_FIELDS:
                value = row.get(field)
                if isinstance(value, str) and len(value) >= 10 and not (start <= value[:10] <= end):
                    found.append(
                        Difference(
                            Kind.FILTER_IGNORED, f"{path}/{field}", f"between {start} and {end}", value
                        )
                    )
        if found:
            break  # one row shows the filter is ignored; the rest would repeat it
    return found


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return [v for v in value if v != ""] if isinstance(value, list) else [value]
