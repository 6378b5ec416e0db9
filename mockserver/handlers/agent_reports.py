"""goReports agent actions: exportAgentReport, agent_calls_report, exportPauseReport, agent_summary_stats.

All four add up the agents' sessions (``world.activity``), so their seconds and call counts agree
with each other and with the CDR actions over the same window and filters.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time
from typing import Any

from mockserver.actions import action
from mockserver.agent_rollup import Rollup, roll_up
from mockserver.params import Params
from mockserver.report_filters import ReportFilter, campaign_profiles, parse_report_filter, session_matches
from mockserver.report_format import headers, summary_rows, timestamp
from mockserver.world import World
from mockserver.world.activity import SessionTotals
from mockserver.world.calls import PAUSE_CODES

AGENT_REPORT_FIELDS = (
    "user",
    "portfolio",
    "first_activity",
    "last_activity",
    "avalible",
    "avail_between_calls",
    "talk",
    "avg_talk",
    "talk_+_avail",
    "wp_sec",
    "aftercall",
    "total_calls",
    "break",
    "pause",
    "login_time",
    "sales",
    "denied",
    "lip",
    "vrf",
    "profile",
)
AGENT_CALLS_FIELDS = (
    "user",
    "profile",
    "portfolio",
    "avg_talk",
    "total_calls",
    "manual",
    "inbound",
    "dialer",
)
PAUSE_REPORT_FIELDS = (
    "user",
    "logged_days",
    "pause_sec",
    "wait_sec",
    "talk_sec",
    "wp_sec",
    "dispo_sec",
    "dead_sec",
    "manual_talk",
    *(code.lower() for code in PAUSE_CODES),
    "billable_time",
    "no_billable_time",
    "total_time",
)
AGENT_SUMMARY_FIELDS = (
    "USER",
    "calls_handled",
    "manual_calls",
    "inbound_calls",
    "dialer_calls",
    "xfer_out",
    "xfer_in",
    "voicemail",
    "denied",
    "noa",
    "sales",
    "WIT",
    "login_time",
    "pause",
    "break",
    "talk",
    "most_dispo",
    "portfolio",
    "profile",
)


@action("exportAgentReport")
def export_agent_report(world: World, params: Params) -> dict[str, Any]:
    """One row per (user, portfolio) worked in the range, and the Summary (column sums, PHP
    arithmetic: a timestamp counts as its year, a name as 0), Average (Summary / rows), Max and Min."""
    flt = parse_report_filter(world, params, tenants=False, profiles=False)
    rows = []
    for r in _per_user_and_portfolio(world, flt):
        calls = r.total_calls
        rows.append(
            {
                "user": r.user,
                "portfolio": r.tenant,
                "first_activity": _stamp(r.first),
                "last_activity": _stamp(r.last),
                "avalible": str(r.wait),
                "avail_between_calls": str(r.wait // calls if calls else 0),
                "talk": str(r.talk),
                "avg_talk": str(r.talk // calls if calls else 0),
                "talk_+_avail": str(r.talk + r.wait),
                "wp_sec": None,
                "aftercall": str(r.dispo),
                "total_calls": str(calls),
                "break": str(r.break_total),
                "pause": str(r.pauses["PAUSE"]),
                "login_time": str(r.login),
                "sales": str(r.count_flag("sale")),
                "denied": str(r.count_flag("denied")),
                "lip": str(r.count_flag("lip")),
                "vrf": str(r.count_flag("vrf")),
                "profile": _profile_name(world, r.profile_id),
            }
        )
    frozen = {"frozen": True}
    return {
        "result": "success",
        "data": {
            "headers": headers(AGENT_REPORT_FIELDS, user=frozen),
            "rows": rows,
            "summary_headers": headers(("type", *AGENT_REPORT_FIELDS), type=frozen),
            "summary_rows": summary_rows(rows, AGENT_REPORT_FIELDS),
        },
    }


@action("agent_calls_report")
def agent_calls_report(world: World, params: Params) -> dict[str, Any]:
    """Calls per (user, portfolio): total_calls = manual + inbound + dialer."""
    flt = parse_report_filter(world, params)
    rows = [
        {
            "user": r.user,
            "profile": _profile_name(world, r.profile_id),
            "portfolio": r.tenant,
            "avg_talk": str(r.talk // r.total_calls if r.total_calls else 0),
            "total_calls": str(r.total_calls),
            "manual": str(r.manual),
            "inbound": str(r.inbound),
            "dialer": str(r.dialer),
        }
        for r in _per_user_and_portfolio(world, flt)
    ]
    return {
        "result": "success",
        "data": {
            "agent_report": {"headers": headers(AGENT_CALLS_FIELDS), "rows": rows},
            "frequency_report": {"headers": [], "rows": []},
        },
    }


@action("exportPauseReport")
def export_pause_report(world: World, params: Params) -> dict[str, Any]:
    """Seconds per state and per pause code for each agent: billable + no_billable = total = login."""
    flt = parse_report_filter(world, params, tenants=False, profiles=False)
    rows = []
    for r in _per_user(world, flt):
        row: dict[str, Any] = {
            "user": r.user,
            "logged_days": len(r.days),
            "pause_sec": r.pause_total,
            "wait_sec": r.wait,
            "talk_sec": r.talk,
            "wp_sec": r.wrapup,
            "dispo_sec": r.dispo,
            "dead_sec": r.dead,
            "manual_talk": r.manual_talk,
        }
        for code in PAUSE_CODES:
            row[code.lower()] = r.pauses[code]
        row["billable_time"] = r.login - r.not_billable
        row["no_billable_time"] = r.not_billable
        row["total_time"] = r.login
        rows.append(row)
    return {"result": "success", "data": {"headers": headers(PAUSE_REPORT_FIELDS), "rows": rows}}


@action("agent_summary_stats")
def agent_summary_stats(world: World, params: Params) -> dict[str, Any]:
    """Today so far, per agent: calls_handled = manual + inbound (as the reference's example)."""
    today = world.now().date()
    flt = ReportFilter(start=datetime.combine(today, time()), end=datetime.combine(today, time(23, 59, 59)))
    rows = []
    for r in _per_user(world, flt):
        user = world.directory.user(r.user)
        manual, inbound = r.manual, r.inbound
        rows.append(
            {
                "USER": r.user,
                "calls_handled": str(manual + inbound),
                "manual_calls": str(manual),
                "inbound_calls": str(inbound),
                "dialer_calls": str(r.dialer),
                "xfer_out": str(r.count_status(lambda call: call.status == "XFER")),
                "xfer_in": "0",
                "voicemail": str(r.count_flag("voicemail")),
                "denied": str(r.count_flag("denied")),
                "noa": str(r.count_flag("no_answer")),
                "sales": str(r.count_flag("sale")),
                "WIT": str(r.count_status(lambda call: call.status == "WIT")),
                "login_time": str(r.login),
                "pause": str(r.pauses["PAUSE"]),
                "break": str(r.break_total),
                "talk": str(r.talk),
                "most_dispo": r.most_frequent_status(),
                "portfolio": user.tenant if user else r.tenant,
                "profile": r.profile_id,
            }
        )
    return {
        "result": "success",
        "data": {
            "dates": f"'{today.isoformat()}' AND '{today.isoformat()} 23:59:59'",
            "headers": headers(AGENT_SUMMARY_FIELDS),
            "rows": rows,
        },
    }


def sessions_in(world: World, flt: ReportFilter) -> list[SessionTotals]:
    """The window's sessions whose agent, portfolio and campaign profile pass the filter."""
    profiles = campaign_profiles(world)
    window = world.activity.window(flt.start, flt.end)
    return [s for s in window.sessions if session_matches(flt, s, profiles)]


def _per_user_and_portfolio(world: World, flt: ReportFilter) -> Iterable[Rollup]:
    rollups = roll_up(sessions_in(world, flt), lambda s: (s.user.lower(), s.tenant))
    return [rollups[key] for key in sorted(rollups)]


def _per_user(world: World, flt: ReportFilter) -> Iterable[Rollup]:
    rollups = roll_up(sessions_in(world, flt), lambda s: s.user.lower())
    return [rollups[key] for key in sorted(rollups)]


def _profile_name(world: World, profile_id: str) -> str:
    profile = world.directory.profile(profile_id) if profile_id else None
    return profile.profile_name if profile else profile_id


def _stamp(moment: datetime | None) -> str:
    return timestamp(moment) if moment else ""
