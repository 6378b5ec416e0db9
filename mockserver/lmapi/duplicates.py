"""add_lead's ``duplicate_check``: which existing lead a new one would duplicate, and the line saying so.

Upstream matches each option as a substring of the parameter, so options combine
(``DUPLIST-DUPSYS``), and runs them in a fixed order, stopping at the first duplicate found. An
``<N>DAY`` suffix on an option (N in 1/2/3/7/14/15/21/28/30/60/90/180/360) only considers leads whose
entry_date is within the last N days; any other N is ignored (the option then checks every lead).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from mockserver.lmapi import lines
from mockserver.world.leads import Lead, LeadStore

DAY_WINDOWS = frozenset({1, 2, 3, 7, 14, 15, 21, 28, 30, 60, 90, 180, 360})
_SCOPES = (("LIST", "LIST"), ("CAMP", "CAMPAIGN LISTS"), ("SYS", "SYSTEM"))


@dataclass(frozen=True)
class NewLead:
    """What the duplicate checks compare: the incoming lead's values after sanitising and defaults."""

    phone_number: str
    list_id: int
    title: str
    alt_phone: str
    first_name: str
    last_name: str


def find_duplicate(
    option: str,
    new: NewLead,
    store: LeadStore,
    campaign_lists: frozenset[int],
    now: datetime,
) -> str | None:
    """The ERROR line for the first duplicate ``option`` finds, or None when the lead is new."""
    for family in ("DUP", "DUPPHONEALT", "DUPTITLEALTPHONE", "DUPNAMEPHONE"):
        for token, scope in _SCOPES:
            name = f"{family}{token}" if family != "DUP" else f"DUP{token}"
            if name not in option:
                continue
            since = _window_start(option, name, now)

            def in_scope(lead: Lead, token: str = token, since: datetime | None = since) -> bool:
                if since is not None and lead.entry_date < since:
                    return False
                if token == "LIST":
                    return lead.list_id == new.list_id
                if token == "CAMP":
                    return lead.list_id in campaign_lists
                return True

            line = _CHECKS[family](new, store, in_scope, scope, token)
            if line:
                return line
    return None


def _window_start(option: str, name: str, now: datetime) -> datetime | None:
    match = re.search(rf"{name}(\d+)DAY", option)
    if match and int(match.group(1)) in DAY_WINDOWS:
        return now - timedelta(days=int(match.group(1)))
    return None


Scope = Callable[[Lead], bool]


def _first(leads: Iterable[Lead], in_scope: Scope) -> Lead | None:
    return next((lead for lead in leads if in_scope(lead)), None)


def _phone(new: NewLead, store: LeadStore, in_scope: Scope, scope: str, token: str) -> str | None:
    dup = _first(store.with_phone(new.phone_number), in_scope)
    if dup is None:
        return None
    fields: list[object] = [new.phone_number, new.list_id, dup.lead_id]
    if token != "LIST":
        fields.append(dup.list_id)
    return lines.duplicate("PHONE NUMBER", scope, *fields)


def _phone_alt(new: NewLead, store: LeadStore, in_scope: Scope, scope: str, token: str) -> str | None:
    for which, candidates in (
        ("PHONE", store.with_phone(new.phone_number)),
        ("ALT", store.with_alt_phone(new.phone_number)),
    ):
        dup = _first(candidates, in_scope)
        if dup is not None:
            fields: list[object] = [new.phone_number, new.list_id, dup.lead_id]
            if token != "LIST":
                fields.append(dup.list_id)
            return lines.duplicate("PHONE NUMBER", scope, *fields, which)
    return None


def _title_alt(new: NewLead, store: LeadStore, in_scope: Scope, scope: str, token: str) -> str | None:
    if not new.alt_phone:
        return None
    same = (lead for lead in store.with_alt_phone(new.alt_phone) if lead.title == new.title)
    dup = _first(same, in_scope)
    if dup is None:
        return None
    fields: list[object] = [new.title, new.alt_phone, new.list_id, dup.lead_id]
    if token != "LIST":
        fields.append(dup.list_id)
    return lines.duplicate("TITLE ALT_PHONE", scope, *fields)


def _name_phone(new: NewLead, store: LeadStore, in_scope: Scope, scope: str, token: str) -> str | None:
    same = (
        lead
        for lead in store.with_phone(new.phone_number)
        if lead.first_name == new.first_name and lead.last_name == new.last_name
    )
    dup = _first(same, in_scope)
    if dup is None:
        return None
    # The reference shows the duplicate's list for every scope, LIST included.
    fields = [new.first_name, new.last_name, new.phone_number, new.list_id, dup.lead_id, dup.list_id]
    return lines.duplicate("NAME PHONE", scope, *fields)


_CHECKS = {
    "DUP": _phone,
    "DUPPHONEALT": _phone_alt,
    "DUPTITLEALTPHONE": _title_alt,
    "DUPNAMEPHONE": _name_phone,
}
