"""goReports call-detail actions: outbound_cdr, inbound_cdr, agent_cdr, inbound_summary_stats.

Rows come from the world's call history (``world.activity``); every value is a string where the
reference's example shows a string (MySQL text), keys in the example's order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from mockserver.actions import action
from mockserver.params import Params
from mockserver.report_filters import ReportFilter, call_matches, campaign_profiles, parse_report_filter
from mockserver.report_format import clock_time, decimal, decimal2, headers, stamp
from mockserver.world import World
from mockserver.world.call_leads import LeadRef
from mockserver.world.calls import DISPOSITIONS, INBOUND, MANUAL, Call
from mockserver.world.day_plan import carrier_channel

OUTBOUND_FIELDS = (
    "call_date",
    "src",
    "dst",
    "agent",
    "campaign",
    "call_type",
    "disposition",
    "carrier_disposition",
    "term_reason",
    "queue_time",
    "portfolio",
    "vendor_lead_code",
    "lead_id",
    "list_id",
    "entry_date",
)
OUTBOUND_SUMMARY_FIELDS = (
    "campaign_name",
    "total_leads",
    "dialable",
    "pending",
    "total_calls",
    "dialer",
    "dialed",
    "manual_calls",
    "handled_calls",
    "total_removed",
    "removed",
    "remove_all_period",
)
INBOUND_FIELDS = (
    "call_date",
    "enter_on_queue",
    "src",
    "dst",
    "carrier",
    "uniq1",
    "queue",
    "agent",
    "campaign",
    "disposition",
    "term_reason",
    "queue_time",
    "call_duration",
    "queue_position",
    "portfolio",
    "lead_id",
    "list_id",
    "vendor_lead_code",
)
AGENT_CDR_FIELDS = (
    "user",
    "answer_time",
    "disposition",
    "phone_number",
    "loan_number",
    "call_type",
    "call_duration",
    "lead_id",
    "term_reason",
    "portfolio",
    "campaign_name",
)
INBOUND_SUMMARY_FIELDS = (
    "calldate",
    "total_calls",
    "queued_calls",
    "abandon1",
    "abandon2",
    "handled_calls",
    "avg_hold_time",
    "avg_handle_time",
)
DISPOSITION_NAMES = {code: disposition.name for code, disposition in DISPOSITIONS.items()}
LONG_WAIT_SECONDS = 20
"""inbound_summary_stats' abandon1 counts callers who gave up after waiting more than this."""


@action("outbound_cdr")
def outbound_cdr(world: World, params: Params) -> dict[str, Any]:
    """Outbound calls (dialer and manual) of the range, oldest first, and a summary per campaign:
    total_calls = dialer + manual_calls = the campaign's rows."""
    flt = parse_report_filter(world, params, users=False)
    campaign_profile = campaign_profiles(world)
    keeps_all = flt.tenants is None and flt.profiles is None and flt.users is None
    names = _campaign_names(world)
    lead_of = world.activity.leads.ref
    rows = []
    per_campaign: dict[str, list[Call]] = defaultdict(list)
    for call in _calls(world, flt):
        if call.call_type == INBOUND or not (keeps_all or call_matches(flt, call, campaign_profile)):
            continue
        lead = lead_of(call.campaign_id, call.lead_id)
        call_date = stamp(call.day, call.start)
        rows.append(
            {
                "call_date": call_date,
                "src": call.caller_id,
                "dst": call.phone_number,
                "agent": call.agent,
                "campaign": names.get(call.campaign_id, call.campaign_id),
                "call_type": "Manual" if call.call_type == MANUAL else "Dialer",
                "disposition": DISPOSITION_NAMES[call.status],
                "carrier_disposition": call.carrier_disposition,
                "term_reason": call.term_reason,
                "queue_time": decimal(call.queue_seconds),
                "portfolio": call.tenant,
                "vendor_lead_code": lead.vendor_lead_code if lead else "",
                "lead_id": str(call.lead_id),
                "list_id": decimal(lead.list_id) if lead else "",
                # The lead store dates its leads back from today; a call in a report of weeks ago
                # must not show a lead that entered the system after it was called.
                "entry_date": min(lead.entry_date, call_date) if lead else "",
            }
        )
        per_campaign[call.campaign_id].append(call)
    summary = [_campaign_summary(world, campaign_id, calls) for campaign_id, calls in per_campaign.items()]
    summary.sort(key=lambda row: row["campaign_name"])
    return {
        "result": "success",
        "data": {
            "rows": rows,
            "headers": headers(OUTBOUND_FIELDS),
            "summary_headers": headers(OUTBOUND_SUMMARY_FIELDS),
            "summary_rows": summary,
        },
    }


def _campaign_summary(world: World, campaign_id: str, calls: list[Call]) -> dict[str, Any]:
    campaign = world.directory.campaign(campaign_id)
    total_leads = len(world.activity.leads(campaign_id))
    manual = sum(1 for call in calls if call.call_type == MANUAL)
    removed = sum(1 for call in calls if DISPOSITIONS[call.status].removes_lead)
    reached = len({call.lead_id for call in calls})
    return {
        "campaign_name": campaign.campaign_name if campaign else campaign_id,
        "total_leads": total_leads,
        "dialable": total_leads,
        "pending": max(0, total_leads - reached),
        "total_calls": len(calls),
        "dialer": len(calls) - manual,
        "dialed": len(calls),
        "manual_calls": manual,
        "handled_calls": sum(1 for call in calls if call.handled),
        "total_removed": 0,
        "removed": removed,
        "remove_all_period": removed,
    }


@action("inbound_cdr")
def inbound_cdr(world: World, params: Params) -> dict[str, Any]:
    """Inbound calls of the range, newest first (as the reference's example), abandoned ones included
    with an empty agent."""
    flt = parse_report_filter(world, params, users=False)
    directory = world.directory
    campaign_profile = campaign_profiles(world)
    rows = []
    for call in reversed(_calls(world, flt)):
        if call.call_type != INBOUND or not call_matches(flt, call, campaign_profile):
            continue
        lead = _lead(world, call)
        campaign = directory.campaign(call.campaign_id)
        lead_list = directory.lead_list(lead.list_id) if lead else None
        rows.append(
            {
                "call_date": stamp(call.day, call.start),
                "enter_on_queue": stamp(call.day, call.start + call.ring),
                "src": call.phone_number,
                "dst": call.caller_id,
                "carrier": carrier_channel(world.seed, call),
                "uniq1": call.uniqueid,
                "queue": call.queue,
                "agent": call.agent,
                "campaign": campaign.campaign_name if campaign else call.campaign_id,
                "disposition": DISPOSITIONS[call.status].name,
                "term_reason": call.term_reason,
                "queue_time": str(call.queue_seconds),
                "call_duration": str(call.duration),
                "queue_position": str(call.queue_position),
                "portfolio": call.tenant,
                "lead_id": str(call.lead_id),
                "list_id": lead_list.list_name if lead_list else (str(lead.list_id) if lead else ""),
                "vendor_lead_code": lead.vendor_lead_code if lead else "",
            }
        )
    return {"result": "success", "data": {"rows": rows, "headers": headers(INBOUND_FIELDS)}}


@action("agent_cdr")
def agent_cdr(world: World, params: Params) -> dict[str, Any]:
    """The calls agents talked on, newest first."""
    flt = parse_report_filter(world, params)
    directory = world.directory
    campaign_profile = campaign_profiles(world)
    rows = []
    for call in reversed(_calls(world, flt)):
        if not call.handled or not call_matches(flt, call, campaign_profile):
            continue
        lead = _lead(world, call)
        campaign = directory.campaign(call.campaign_id)
        rows.append(
            {
                "user": call.agent,
                "answer_time": stamp(call.day, call.answered),
                "disposition": DISPOSITIONS[call.status].name,
                "phone_number": call.phone_number,
                "loan_number": lead.vendor_lead_code if lead else "",
                "call_type": call.call_type,
                "call_duration": clock_time(call.talk),
                "lead_id": call.lead_id,
                "term_reason": call.term_reason,
                "portfolio": call.tenant,
                "campaign_name": campaign.campaign_name if campaign else call.campaign_id,
            }
        )
    html = {"formatter": "html"}
    return {
        "result": "success",
        "data": {
            "rows": rows,
            "headers": headers(AGENT_CDR_FIELDS, upper=True, **dict.fromkeys(AGENT_CDR_FIELDS, html)),
        },
    }


@action("inbound_summary_stats")
def inbound_summary_stats(world: World, params: Params) -> dict[str, Any]:
    """Inbound calls per day of the range (days with calls, oldest first): abandon1 counts callers
    who hung up after more than 20 s in queue, abandon2 every abandoned call."""
    flt = parse_report_filter(world, params, profiles=False, users=False)
    per_day: dict[str, list[Call]] = {}
    for call in _calls(world, flt):
        if call.call_type == INBOUND and flt.keeps_tenant(call.tenant):
            per_day.setdefault(call.day.isoformat(), []).append(call)
    rows = []
    for day, calls in per_day.items():
        queued = [call for call in calls if call.queue_seconds > 0]
        handled = [call for call in calls if call.handled]
        abandoned = [call for call in calls if call.abandoned]
        hold = sum(call.queue_seconds for call in queued) / len(queued) if queued else 0.0
        handle = sum(call.talk + call.dead + call.dispo + call.wrapup for call in handled)
        rows.append(
            {
                "calldate": day,
                "total_calls": str(len(calls)),
                "queued_calls": str(len(queued)),
                "abandon1": str(sum(1 for call in abandoned if call.queue_seconds > LONG_WAIT_SECONDS)),
                "abandon2": str(len(abandoned)),
                "handled_calls": str(len(handled)),
                "avg_hold_time": decimal2(hold),
                "avg_handle_time": decimal2(handle / len(handled) if handled else 0.0),
            }
        )
    return {"result": "success", "data": {"rows": rows, "headers": headers(INBOUND_SUMMARY_FIELDS)}}


def _campaign_names(world: World) -> dict[str, str]:
    return {campaign.campaign_id: campaign.campaign_name for campaign in world.directory.campaigns}


def _calls(world: World, flt: ReportFilter) -> list[Call]:
    return world.activity.window(flt.start, flt.end).calls


def _lead(world: World, call: Call) -> LeadRef | None:
    return world.activity.leads.ref(call.campaign_id, call.lead_id)
