"""goCampaigns' getLeadsOnHopper: the leads queued for dialling in one campaign, as the web UI's table."""

from __future__ import annotations

from typing import Any

from mockserver import errors
from mockserver.actions import action
from mockserver.errors import ApiError
from mockserver.params import Params
from mockserver.world import World
from mockserver.world.leads import HopperEntry, Lead

DELETE_BUTTON = '<button class="btn btn-delete"><i class="fa fa-trash" aria-hidden="true"></i></button>'
HEADERS: tuple[dict[str, str], ...] = (
    {"title": "Loan ID", "field": "loan_id"},
    {"title": "Phone Number", "field": "phone_number"},
    {"title": "Disposition", "field": "disposition"},
    {"title": "Count", "field": "count"},
    {"title": "Source", "field": "source"},
    {"title": "List Name", "field": "list_name"},
    {"title": "Lead ID", "field": "lead_id"},
    {"title": "Delete", "field": "delete", "formatter": "html"},
)
# Verbatim from the reference, "..." included: it is inside a string, not an elision (ERRATA E11).
TOGGLE_HTML = '<div class="toggleTitlesAction tabulator-Y3Yc" style="width: 90%">...</div>'


@action("getLeadsOnHopper")
def get_leads_on_hopper(world: World, params: Params) -> dict[str, Any]:
    """Rows in dialling order (priority, then hopper id); unknown campaign → A11, empty hopper → A12."""
    campaign_id = params.get("campaign_id") or ""
    if world.directory.campaign(campaign_id) is None:
        raise ApiError(errors.invalid_value("campaign_id"))
    entries = world.leads.hopper(campaign_id)
    if not entries:
        raise ApiError({"result": "Error: No records found."})
    rows = []
    for entry in entries:
        lead = world.leads.get(entry.lead_id)
        if lead is not None:
            rows.append(_row(world, entry, lead))
    for row in rows:
        row["numrows"] = len(rows)
    return {
        "result": "success",
        "data": {
            "rows": rows,
            "headers": [dict(h) for h in HEADERS],
            "html": TOGGLE_HTML,
            "content": "table",
        },
    }


def _row(world: World, entry: HopperEntry, lead: Lead) -> dict[str, Any]:
    lead_list = world.directory.lead_list(lead.list_id)
    return {
        "lead_id": str(lead.lead_id),
        "last_local_call_time": lead.last_local_call_time.strftime("%Y-%m-%d %H:%M:%S"),
        "loan_id": lead.vendor_lead_code,
        "phone_number": lead.phone_number,
        "state": lead.state,
        "disposition": lead.status,
        "count": lead.called_count,
        "gmt_offset_now": entry.gmt_offset_now,
        "hopper_id": str(entry.hopper_id),
        "alt_dial": entry.alt_dial,
        "list_name": lead_list.list_name if lead_list else "",
        "list_id": str(lead.list_id),
        "priority": entry.priority,
        "source": lead.source,
        "numrows": 0,
        "delete": DELETE_BUTTON,
    }
