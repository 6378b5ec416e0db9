"""goCampaigns' directory actions: one campaign's settings and the list of every campaign.

getLeadsOnHopper lives with the lead store (handlers/hopper.py); these two only read the directory.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from mockserver import errors
from mockserver.actions import action
from mockserver.errors import ApiError
from mockserver.params import Params
from mockserver.world import World
from mockserver.world.entities import Campaign
from mockserver.world.seeding import rng

CAMPAIGN_INFO_FIELDS = (
    "campaign_id", "campaign_name", "active", "dial_status_a", "dial_status_b", "lead_order", "hopper_level",
    "auto_dial_level", "next_agent_call", "local_call_time", "dial_timeout", "dial_prefix", "campaign_cid",
    "campaign_script", "campaign_recording", "closer_campaigns", "drop_call_seconds", "drop_action",
    "wrapup_seconds", "manual_dial_list_id", "queue_priority", "default_xfer_group", "survey_method",
    "survey_dtmf_digits", "survey_xfer_exten", "use_internal_dnc", "manual_dial_timeout",
    "three_way_call_cid", "three_way_dial_prefix", "callback_days_limit", "campaign_description",
    "campaign_calldate",
)  # fmt: skip
"""getCampaignInfo's ``data`` keys, in the reference example's order."""
DATETIME = "%Y-%m-%d %H:%M:%S"


@action("getCampaignInfo")
def get_campaign_info(world: World, params: Params) -> dict[str, Any]:
    """The campaign's settings; unknown id → 41004 "Invalid value in campaign_id" (ERRATA A11)."""
    campaign = world.directory.campaign(params.get("campaign_id") or "")
    if campaign is None:
        raise ApiError(errors.invalid_value("campaign_id"))
    values = {**campaign.extra, "campaign_calldate": last_call_date(world, campaign)}
    return {
        "result": "success",
        "data": {key: values.get(key, "") for key in CAMPAIGN_INFO_FIELDS},
        "campaign_type": campaign.campaign_type,
        "custom_fields_launch": campaign.extra.get("custom_fields_launch", "ONCALL"),
    }


def last_call_date(world: World, campaign: Campaign) -> str:
    """When the campaign last placed or took a call: the latest call of the call history before now
    (today, else the two days before), so it matches the CDR reports; a campaign silent for longer
    gets a seeded date weeks back."""
    now = world.now()
    for back in range(3):
        day = now.date() - timedelta(days=back)
        cutoff = (now - datetime(day.year, day.month, day.day)).total_seconds()
        starts = [c.start for c in world.activity.plan(day).calls if c.campaign_id == campaign.campaign_id]
        started = [start for start in starts if start <= cutoff]
        if started:
            return (datetime(day.year, day.month, day.day) + timedelta(seconds=max(started))).strftime(
                DATETIME
            )
    r = rng(world.seed, "campaign", "calldate", campaign.campaign_id)
    return (now - timedelta(days=r.randint(14, 120), seconds=r.randint(0, 86399))).strftime(DATETIME)


@action("goGetAllCampaigns")
def go_get_all_campaigns(world: World, params: Params) -> dict[str, Any]:
    """Every campaign, newest id first as upstream orders them (campaign_id descending)."""
    campaigns = sorted(world.directory.campaigns, key=lambda c: c.campaign_id, reverse=True)
    return {"result": "success", "data": {"rows": [_row(c) for c in campaigns]}}


def _row(campaign: Campaign) -> dict[str, Any]:
    return {
        "id": campaign.campaign_id,
        "campaign_name": campaign.campaign_name,
        "dialer": campaign.extra.get("dialer", "Y"),
        "campaign_vdad_exten": campaign.extra.get("campaign_vdad_exten", "Y"),
        "list_order_mix": campaign.extra.get("list_order_mix", "Y"),
        "dial_method": campaign.dial_method,
        "auto_dial_level": campaign.auto_dial_level,
        "active": "Y" if campaign.active else "N",
    }
