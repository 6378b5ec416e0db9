"""What a contract run learns from the target before judging it, and where each action keeps its data.

- ``LINKS``: OpenAPI links from a list answer to the detail operations that take one of its values
  (``$response.body#/data/user_list/0/user`` -> getUserInfo's ``user``). The kit reads every item of
  the list (``0`` stands for each), schemathesis' stateful testing follows the links as written.
- ``DAY_SOURCES``: report rows whose timestamps tell which days hold data (``x-crocodial-days``).
- ``DATA_PATHS``: where an action's data lives in its success answer (``x-crocodial-data``), so that
  a success with empty rows is not taken for a verified success shape (UI column headers are no data).
- ``TODAY_SO_FAR``: actions covering today from 00:00 to now (R9), whose numbers grow between two
  calls on a live clock (``x-crocodial-today-so-far``).
"""

from __future__ import annotations

from typing import Any

LINKS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "goGetAllUsers": (
        ("getUserInfo", "user", "/data/user_list/0/user"),
        ("getLiveAgentInfo", "user", "/data/user_list/0/user"),
    ),
    "goGetAllCampaigns": (
        ("getCampaignInfo", "campaign_id", "/data/rows/0/id"),
        ("getLeadsOnHopper", "campaign_id", "/data/rows/0/id"),
    ),
    "goGetAllCalltimes": (("goGetCalltimeInfo", "call_time_id", "/call_time_id/0"),),
    "getLeadsOnHopper": (
        ("goGetCustomerInfo", "lead_id", "/data/rows/0/lead_id"),
        ("goGetCustomerInfo", "phone_number", "/data/rows/0/phone_number"),
    ),
    "outbound_cdr": (("goGetCustomerInfo", "lead_id", "/data/rows/0/lead_id"),),
}
"""source action -> (target action, target parameter, JSON pointer in the source's JSON answer)."""

DAY_SOURCES: dict[str, str] = {
    "outbound_cdr": "/data/rows/*/call_date",
    "inbound_cdr": "/data/rows/*/call_date",
    "inbound_summary_stats": "/data/rows/*/calldate",
}

DAYS_WINDOW_SOURCES = frozenset({"inbound_summary_stats"})
"""Day sources small enough (one row per day) to ask over a wide window (``x-crocodial-days-window``)
when the last 24 hours hold no rows."""

_ROWS = ("/data/rows",)
DATA_PATHS: dict[str, tuple[str, ...]] = {
    "outbound_cdr": _ROWS,
    "inbound_cdr": _ROWS,
    "exportAgentReport": _ROWS,
    "agent_cdr": _ROWS,
    "agent_calls_report": ("/data/agent_report/rows",),
    "exportPauseReport": _ROWS,
    "inbound_summary_stats": _ROWS,
    "agent_summary_stats": _ROWS,
    "agentTimeUsage": ("/data/breakdown",),
    "getAgentStatus": ("/data",),
    "goGetTotalAgentsCall": ("/data",),
    "getUserInfo": ("/data",),
    "getLiveAgentInfo": ("/data",),
    "getAllPortfolios": ("/data",),
    "getAllProfiles": ("/data",),
    "goGetAllUsers": ("/data/user_list",),
    "goGetAllCalltimes": ("/call_time_id",),
    "goGetCalltimeInfo": ("/call_time_id",),
    "getCampaignInfo": ("/data",),
    "goGetAllCampaigns": _ROWS,
    "getLeadsOnHopper": _ROWS,
    "goGetCustomerInfo": ("/lead_info",),
}

TODAY_SO_FAR = frozenset({"agent_summary_stats", "agentTimeUsage", "getUserInfo"})


def links(action: str) -> dict[str, Any]:
    """The OpenAPI ``links`` of an action's answer (targets are the GET operations: their parameters
    are query parameters, which is what a link's ``parameters`` can address)."""
    found: dict[str, Any] = {}
    for target, parameter, pointer in LINKS.get(action, ()):
        found[f"{target}.{parameter}"] = {
            "operationId": f"{target}_get",
            "parameters": {parameter: f"$response.body#{pointer}"},
            "description": f"Each item of this list is a `{parameter}` {target} knows (the first shown).",
        }
    return found


def extensions(action: str) -> dict[str, Any]:
    """The discovery extensions of one goAPI operation."""
    ext: dict[str, Any] = {"x-crocodial-data": list(DATA_PATHS[action])}
    if action in DAY_SOURCES:
        ext["x-crocodial-days"] = DAY_SOURCES[action]
    if action in DAYS_WINDOW_SOURCES:
        ext["x-crocodial-days-window"] = True
    if action in TODAY_SO_FAR:
        ext["x-crocodial-today-so-far"] = True
    return ext
