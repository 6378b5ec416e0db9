"""``function=add_lead``: upstream VICIdial's checks in upstream's order, then the insert and its notices.

Order (ERRATA L1-L8 and upstream-facts D): source, permission, allowed list, list_exists_check, defaults,
NANPA notice, phone length / prefix / areacode, lookup_state, DNC, campaign DNC, duplicates; then the
insert (SUCCESS) followed by the multi-alt-phone, custom-field, hopper and callback notices. The whole
request runs inside ``world.leads.writing()`` (exclusive across every process on the state store), so a
duplicate check and the insert it allows are one atomic step.
"""

from __future__ import annotations

import re
from datetime import datetime

from mockserver.lmapi import lines
from mockserver.lmapi.duplicates import NewLead, find_duplicate
from mockserver.lmapi.sanitize import LeadRequest, keep, lead_request
from mockserver.lmapi.schedule import callback_time, within_call_time
from mockserver.params import Params
from mockserver.world import World
from mockserver.world.entities import User
from mockserver.world.leads import AltPhone, Lead
from mockserver.world.timezones import AREA_CODES, Zone, format_offset, local_time, php_number, zone_for

DEFAULT_LIST_ID = "999"
DEFAULT_PHONE_CODE = "1"


def add_lead(world: World, params: Params, user: User, user_text: str) -> str:
    """The body for an authenticated add_lead request; ``user_text`` is the user name as sent."""
    req = lead_request(params)
    with world.leads.writing():
        return "".join(_add_lead(world, req, user, user_text))


def _add_lead(world: World, req: LeadRequest, user: User, who: str) -> list[str]:
    directory = world.directory
    phone = req.phone_number
    if len(req.source) < 2:
        return [lines.invalid_source(req.source)]
    if not (user.can_add_leads and user.user_level >= 8 and user.active):
        return [lines.no_permission(who)]
    known_list = directory.lead_list(int(req.list_id)) if req.list_id else None
    if known_list is not None and user.allowed_tenants:
        campaign = directory.campaign(known_list.campaign_id)
        if campaign is not None and campaign.tenant not in user.allowed_tenants:
            return [lines.list_not_allowed(phone, req.list_id)]
    if "Y" in req.list_exists_check.upper() and known_list is None:
        return [lines.list_not_defined(phone, req.list_id)]

    list_id = req.list_id if len(req.list_id) >= 3 else DEFAULT_LIST_ID
    phone_code = req.phone_code or DEFAULT_PHONE_CODE
    out: list[str] = []
    if req.nanpa_ac_prefix_check == "Y" or req.tz_method == "NANPA":
        out.append(lines.nanpa_disabled(who))

    if not 6 <= len(phone) <= 16:
        return [*out, lines.invalid_phone("LENGTH", phone, who)]
    if req.usacan_prefix_check == "Y" and phone_code == "1" and phone[3:4] < "2":
        return [*out, lines.invalid_phone("PREFIX", phone, who)]
    if req.usacan_areacode_check == "Y" and (len(phone) != 10 or phone[:3] not in AREA_CODES):
        return [*out, lines.invalid_phone("AREACODE", phone, who)]

    fields = dict(req.fields)
    if req.lookup_state == "Y" and not fields["state"]:
        fields["state"] = AREA_CODES.get(phone[:3], ("",))[0]

    store = world.leads
    if req.dnc_check in ("Y", "AREACODE") and store.in_dnc(phone, req.dnc_check == "AREACODE"):
        return [*out, lines.in_dnc(phone, who)]
    if req.campaign_dnc_check in ("Y", "AREACODE") and store.in_campaign_dnc(
        req.campaign_id, phone, req.campaign_dnc_check == "AREACODE"
    ):
        return [*out, lines.in_campaign_dnc(phone, req.campaign_id, who)]

    lead_list = directory.lead_list(int(list_id))
    campaign_id = lead_list.campaign_id if lead_list else ""
    now = world.now()
    if req.duplicate_check:
        campaign_lists = frozenset(ll.list_id for ll in directory.lists_of_campaign(campaign_id))
        new = NewLead(
            phone,
            int(list_id),
            fields["title"],
            fields["alt_phone"],
            fields["first_name"],
            fields["last_name"],
        )
        duplicate = find_duplicate(req.duplicate_check, new, store, campaign_lists, now)
        if duplicate:
            return [*out, duplicate]

    zone = _zone(req, phone_code, phone, fields)
    gmt_text = php_number(zone.offset_at(now)) if zone.in_dst(now) else format_offset(zone.standard)
    lead = store.add(
        list_id=int(list_id),
        phone_number=phone,
        phone_code=phone_code,
        status="CBHOLD" if req.callback == "Y" else "NEW",
        user=who,
        **fields,
        gender=req.gender,
        date_of_birth=req.date_of_birth,
        source=req.source,
        rank=req.rank,
        entry_list_id=int(req.entry_list_id or 0),
        gmt_offset_now=format_offset(zone.offset_at(now)),
        entry_date=now,
        modify_date=now,
    )
    out.append(lines.lead_added(phone, who, list_id, lead.lead_id, gmt_text))
    out += _alt_phones(world, req, lead, who)
    out += _custom_fields(world, req, lead)
    out += _hopper(world, req, lead, who, campaign_id, gmt_text, now)
    out += _callback(world, req, lead, now)
    return out


def _zone(req: LeadRequest, phone_code: str, phone: str, fields: dict[str, str]) -> Zone:
    """The looked-up zone; a client's gmt_offset_now is used only where the lookup finds nothing."""
    zone = zone_for(phone_code, phone, fields["postal_code"], fields["owner"], req.tz_method)
    if not zone.known and re.fullmatch(r"[-+]?\d{1,2}(\.\d{1,2})?", req.gmt_offset_now.strip()):
        offset = float(req.gmt_offset_now)
        if -12 <= offset <= 14:
            return Zone(offset)
    return zone


def _alt_phones(world: World, req: LeadRequest, lead: Lead, who: str) -> list[str]:
    """``number_code_note!number_code_note...``; upstream echoes each entry with no line end first."""
    if len(req.multi_alt_phones) <= 5:
        return []
    out, loaded = [], []
    for count, entry in enumerate(req.multi_alt_phones.split("!"), start=2):
        number, code, note = [*entry.split("_", 2), "", ""][:3]
        number = keep("0-9", number)
        code = keep("0-9", code) or lead.phone_code
        out.append(lines.alt_phone_echo(number, code, note))
        loaded.append(AltPhone(number, code, note, count))
    world.leads.add_alt_phones(lead.lead_id, loaded)
    out.append(lines.alt_phones_loaded(len(loaded), who, lead.lead_id))
    return out


def _custom_fields(world: World, req: LeadRequest, lead: Lead) -> list[str]:
    if req.custom_fields != "Y":
        return []
    phone, list_id = lead.phone_number, str(lead.list_id)
    store = world.leads
    if not store.custom_fields_enabled:
        return [lines.custom_fields_disabled(phone)]
    labels = store.custom_field_labels(lead.list_id)
    if labels is None:
        return [lines.custom_fields_not_for_list(phone, lead.lead_id, list_id)]
    if not labels:
        return [lines.custom_fields_none_defined(phone, lead.lead_id, list_id)]
    if all(req.raw.get(label) is None for label in labels):
        return [lines.custom_fields_nothing_to_update(phone, lead.lead_id, list_id)]
    # The list's custom table gets one row with every column; the ones not sent stay empty.
    store.set_custom_fields(lead.lead_id, {label: req.raw.get(label) or "" for label in labels})
    return [lines.custom_fields_added(phone, lead.lead_id, list_id)]


def _hopper(
    world: World, req: LeadRequest, lead: Lead, who: str, campaign_id: str, gmt: str, now: datetime
) -> list[str]:
    if req.add_to_hopper != "Y":
        return []
    if req.hopper_local_call_time_check == "Y":
        campaign = world.directory.campaign(campaign_id)
        call_time = world.directory.call_time(campaign.local_call_time) if campaign else None
        local = local_time(float(lead.gmt_offset_now), now)
        if not within_call_time(call_time, local):
            return [lines.outside_local_time(lead.phone_number, who, lead.lead_id, gmt)]
    entry = world.leads.add_to_hopper(lead, campaign_id, req.hopper_priority)
    return [lines.added_to_hopper(lead.phone_number, who, lead.lead_id, entry.hopper_id)]


def _callback(world: World, req: LeadRequest, lead: Lead, now: datetime) -> list[str]:
    if req.callback != "Y":
        return []
    campaign_id = req.campaign_id
    if world.directory.campaign(campaign_id) is None:
        return [lines.callback_campaign_not_valid(lead.lead_id, campaign_id)]
    cb_type = "USERONLY" if req.callback_type == "USERONLY" else "ANYONE"
    cb_user = req.callback_user if cb_type == "USERONLY" else ""
    if cb_type == "USERONLY" and world.directory.user(cb_user) is None:
        return [lines.callback_user_not_valid(lead.lead_id, campaign_id, cb_user)]
    when = callback_time(req.callback_datetime, now)
    world.leads.add_callback(
        lead_id=lead.lead_id,
        list_id=lead.list_id,
        campaign_id=campaign_id,
        callback_time=when,
        entry_time=now,
        recipient=cb_type,
        user=cb_user,
        lead_status=req.callback_status,
        comments=req.callback_comments,
    )
    shown = when.strftime("%Y-%m-%d %H:%M:%S") if when else req.callback_datetime
    return [lines.callback_added(lead.lead_id, shown, campaign_id, cb_user, cb_type, req.callback_status)]
