"""Call times, campaigns and agents added through ``/__admin/calltimes``, ``/__admin/campaigns`` and
``/__admin/users``.

They live in the state store (kind ``directory``), so every worker and every emulator on one store
shows them, and are merged into the seeded directory when a request reads it: every action that lists
or looks up a call time, a campaign or a user sees them alike. The seeded world (calls, sessions, leads,
the hopper, the floor) is still generated from the seeded directory alone, so an addition never
reshuffles it: a new campaign has placed no calls and holds no lists, a new agent has not logged in
(it counts as offline). Without additions the seeded directory itself answers, byte for byte as before.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from contextvars import ContextVar, Token
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mockserver.world.directory import _SETTINGS, DAYS, Directory, _hash
from mockserver.world.entities import CallTime, Campaign, User

if TYPE_CHECKING:
    from mockserver.state import StateStore

KIND = "directory"
CALL_TIME, CAMPAIGN, USER = "calltime", "campaign", "user"
CALL_TIME_FIELDS = ("call_time_id", "call_time_name", "call_time_comments", "default_start", "default_stop",
                    "days", "user_group")  # fmt: skip
CAMPAIGN_FIELDS = ("campaign_id", "campaign_name", "tenant", "profile_id", "campaign_type", "dial_method",
                   "auto_dial_level", "active", "local_call_time", "campaign_description")  # fmt: skip
USER_FIELDS = ("user", "full_name", "tenant", "profile_id", "active", "password", "campaign_id")
CAMPAIGN_TYPES = ("OUTBOUND", "BLENDED", "INBOUND")
DIAL_METHODS = ("PREDICTIVE", "POWER DIAL", "PREVIEW")
_ID = re.compile(r"[A-Za-z0-9_-]{2,20}")
_USER_NAME = re.compile(r"[A-Za-z0-9._-]{2,20}")
_UNPINNED: Any = object()
_pinned: ContextVar[Any] = ContextVar("crocodial_directory_additions", default=_UNPINNED)


class AdditionError(ValueError):
    """An entry the directory cannot take; the message says why."""


# --- reading ------------------------------------------------------------------------------------------


def records(store: StateStore) -> dict[str, dict[str, Any]]:
    """The additions, pinned within a request (one answer never mixes two versions of the directory)."""
    pinned = _pinned.get()
    return store.table(KIND) if pinned is _UNPINNED else pinned


def pin(store: StateStore) -> Token[Any]:
    return _pinned.set(store.table(KIND))


def unpin(token: Token[Any]) -> None:
    _pinned.reset(token)


def fingerprint(table: dict[str, dict[str, Any]]) -> str | None:
    """What distinguishes one set of additions from another (None: none, the seeded directory)."""
    return json.dumps(table, sort_keys=True) if table else None


class MergedDirectories:
    """The seeded directory with each set of additions merged in, the last few kept (built in a
    fraction of a millisecond, but a report reads the directory many times)."""

    KEEP = 8

    def __init__(self) -> None:
        self._built: OrderedDict[str, Directory] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, seeded: Directory, table: dict[str, dict[str, Any]]) -> Directory:
        key = fingerprint(table)
        if key is None:
            return seeded
        with self._lock:
            found = self._built.get(key)
            if found is not None:
                self._built.move_to_end(key)
                return found
        merged = merge(seeded, table)
        with self._lock:
            self._built[key] = merged
            while len(self._built) > self.KEEP:
                self._built.popitem(last=False)
        return merged


def merge(seeded: Directory, table: dict[str, dict[str, Any]]) -> Directory:
    """A directory holding the seeded entries and the added ones (in the order they were added)."""
    added = sorted(table.values(), key=lambda record: record["seq"])
    call_times = list(seeded.call_times)
    for record in (r for r in added if r["kind"] == CALL_TIME):
        call_times.append(call_time(record, row_id=max(ct.id for ct in call_times) + 1))
    campaigns = seeded.campaigns + [campaign(r) for r in added if r["kind"] == CAMPAIGN]
    users = list(seeded.users)
    profile_rows = {p.profile_id: p.id for p in seeded.profiles}
    for record in (r for r in added if r["kind"] == USER):
        users.append(agent(record, max(u.user_id for u in users) + 1, profile_rows[record["profile_id"]]))
    return replace(seeded, call_times=call_times, campaigns=campaigns, users=users)


def agent(record: dict[str, Any], user_id: int, profile_row: int) -> User:
    """An agent (user level 1) with VICIdial's defaults for a new user: in its portfolio only, dialling,
    no closer campaigns."""
    name, password = record["user"], record["password"]
    extra: dict[str, Any] = {
        **_SETTINGS,
        "pass": password,
        "pass_hash": _hash(name, password),
        "email": "",
        "phone_login": str(user_id),
        "phone_pass": "",
        "user_code": "",
        "agentcall_manual": "1",
        "closer_campaigns": " -",
        "voicemail_pass": "",
        "exten": user_id,
        "rank": 0,
        "profile_numeric_id": profile_row,
        "inbound": 0,
        "dialer": 1,
        "xfer": 0,
        "manual_dial_only": 0,
    }
    return User(
        user_id=user_id,
        user=name,
        full_name=record["full_name"],
        user_level=1,
        user_group=record["tenant"],
        tenant=record["tenant"],
        profile_id=record["profile_id"],
        active=record["active"],
        is_agent=True,
        password=password,
        allowed_tenants=(record["tenant"],),
        campaign_id=record["campaign_id"],
        extra=extra,
    )


def call_time(record: dict[str, Any], row_id: int) -> CallTime:
    extra = {"ct_state_call_times": "", "ct_holidays": "", "default_afterhours_filename_override": ""}
    extra.update({f"{day}_afterhours_filename_override": "" for day in DAYS})
    return CallTime(
        id=row_id,
        call_time_id=record["call_time_id"],
        call_time_name=record["call_time_name"],
        call_time_comments=record["call_time_comments"],
        default_start=record["default_start"],
        default_stop=record["default_stop"],
        days={day: tuple(record["days"][day]) for day in DAYS},  # type: ignore[misc]
        user_group=record["user_group"],
        extra=extra,
    )


def campaign(record: dict[str, Any]) -> Campaign:
    """A campaign as getCampaignInfo shows one, with VICIdial's defaults for what was not given; it has
    no lists yet (``manual_dial_list_id`` is VICIdial's default, 998)."""
    campaign_id, name = record["campaign_id"], record["campaign_name"]
    level = record["auto_dial_level"]
    extra: dict[str, Any] = {
        "campaign_id": campaign_id,
        "campaign_name": name,
        "active": "Y" if record["active"] else "N",
        "dial_status_a": None,
        "dial_status_b": "",
        "lead_order": "DOWN",
        "hopper_level": 100,
        "auto_dial_level": level,
        "next_agent_call": "longest_wait_time",
        "local_call_time": record["local_call_time"],
        "dial_timeout": 60,
        "dial_prefix": "9",
        "campaign_cid": "0000000000",
        "campaign_script": "",
        "campaign_recording": "ONDEMAND",
        "closer_campaigns": "",
        "drop_call_seconds": 5,
        "drop_action": "HANGUP",
        "wrapup_seconds": 0,
        "manual_dial_list_id": 998,  # VICIdial's default: the manual-dial list of a campaign with none
        "queue_priority": 50,
        "default_xfer_group": "AGENTDIRECT",
        "survey_method": "AGENT_XFER",
        "survey_dtmf_digits": "1238",
        "survey_xfer_exten": "8300",
        "use_internal_dnc": "Y",
        "manual_dial_timeout": "60",
        "three_way_call_cid": "CAMPAIGN",
        "three_way_dial_prefix": "",
        "callback_days_limit": 0,
        "campaign_description": record["campaign_description"],
        "dialer": "N" if level == "0" else "Y",
        "campaign_vdad_exten": "Y",
        "list_order_mix": "N",
        "custom_fields_launch": "ONCALL",
    }
    return Campaign(
        campaign_id=campaign_id,
        campaign_name=name,
        tenant=record["tenant"],
        profile_id=record["profile_id"],
        campaign_type=record["campaign_type"],
        dial_method=record["dial_method"],
        auto_dial_level=level,
        active=record["active"],
        local_call_time=record["local_call_time"],
        extra=extra,
    )


# --- validating ---------------------------------------------------------------------------------------


def key_of(kind: str, entry_id: str) -> str:
    return f"{kind}:{entry_id}"


def _object(spec: Any, fields: tuple[str, ...], required: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(spec, dict):
        raise AdditionError(f"expected a JSON object with {', '.join(required)}")
    unknown = set(spec) - set(fields)
    if unknown:
        raise AdditionError(f"unknown fields: {', '.join(sorted(unknown))}; known: {', '.join(fields)}")
    missing = [name for name in required if name not in spec]
    if missing:
        raise AdditionError(f"missing fields: {', '.join(missing)}")
    return spec


def _text(spec: dict[str, Any], name: str, default: str | None = None, limit: int = 100) -> str:
    value = spec.get(name, default)
    if not isinstance(value, str) or len(value) > limit:
        raise AdditionError(f"{name} must be a string of at most {limit} characters")
    return value


def _identifier(spec: dict[str, Any], name: str) -> str:
    value = spec.get(name)
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise AdditionError(f"{name} must be 2-20 letters, digits, '_' or '-'")
    return value


def _hour(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 2400 or value % 100 >= 60:
        raise AdditionError(f"{name} must be a time of day as HHMM from 0 to 2400, got {value!r}")
    return value


def _choice(spec: dict[str, Any], name: str, choices: tuple[str, ...], default: str) -> str:
    value = spec.get(name, default)
    if value not in choices:
        raise AdditionError(f"{name} must be one of {', '.join(choices)}")
    return value


def _user_group(directory: Directory, value: Any) -> str:
    if value != "---ALL---" and (not isinstance(value, str) or directory.tenant(value) is None):
        codes = ", ".join(t.code for t in directory.tenants)
        raise AdditionError(f"user_group must be ---ALL--- or a portfolio ({codes}), not {value!r}")
    return value


def validated_call_time(directory: Directory, spec: Any) -> dict[str, Any]:
    """The record to store for a new call time: ``call_time_id`` and ``call_time_name`` required;
    hours as HHMM integers (``days`` maps a weekday to ``[start, stop]``, ``[0, 0]`` meaning the
    default hours)."""
    spec = _object(spec, CALL_TIME_FIELDS, ("call_time_id", "call_time_name"))
    call_time_id = _identifier(spec, "call_time_id")
    if directory.call_time(call_time_id) is not None:
        raise AdditionError(f"call time {call_time_id!r} already exists")
    days = spec.get("days", {})
    if not isinstance(days, dict) or set(days) - set(DAYS):
        raise AdditionError(f"days must map any of {', '.join(DAYS)} to [start, stop]")
    hours = {}
    for day in DAYS:
        pair = days.get(day, [0, 0])
        if not isinstance(pair, list) or len(pair) != 2:
            raise AdditionError(f"days.{day} must be [start, stop]")
        hours[day] = [_hour(pair[0], f"days.{day} start"), _hour(pair[1], f"days.{day} stop")]
    return {
        "kind": CALL_TIME,
        "call_time_id": call_time_id,
        "call_time_name": _text(spec, "call_time_name", limit=30),
        "call_time_comments": _text(spec, "call_time_comments", "", limit=255),
        "default_start": _hour(spec.get("default_start", 900), "default_start"),
        "default_stop": _hour(spec.get("default_stop", 1700), "default_stop"),
        "days": hours,
        "user_group": _user_group(directory, spec.get("user_group", "---ALL---")),
    }


def validated_campaign(directory: Directory, spec: Any) -> dict[str, Any]:
    """The record to store for a new campaign: ``campaign_id``, ``campaign_name`` and ``tenant`` (its
    portfolio) required; the profile, the call time and the dialling settings checked against the
    directory."""
    spec = _object(spec, CAMPAIGN_FIELDS, ("campaign_id", "campaign_name", "tenant"))
    campaign_id = _identifier(spec, "campaign_id")
    if directory.campaign(campaign_id) is not None:
        raise AdditionError(f"campaign {campaign_id!r} already exists")
    tenant = _tenant(directory, spec["tenant"])
    profile_id = _profile(directory, spec.get("profile_id", directory.profiles[0].profile_id))
    call_time_id = spec.get("local_call_time", "24hrs")
    if not isinstance(call_time_id, str) or directory.call_time(call_time_id) is None:
        raise AdditionError(f"local_call_time {call_time_id!r} is not a call time")
    dial_method = _choice(spec, "dial_method", DIAL_METHODS, "PREDICTIVE")
    levels = ("0",) if dial_method == "PREVIEW" else ("0", "1", "2", "3", "4")
    level = _choice(spec, "auto_dial_level", levels, "0" if dial_method == "PREVIEW" else "1")
    active = _flag(spec, "active")
    description = spec.get("campaign_description")
    if description is not None:
        description = _text(spec, "campaign_description", limit=255)
    return {
        "kind": CAMPAIGN,
        "campaign_id": campaign_id,
        "campaign_name": _text(spec, "campaign_name", limit=40),
        "tenant": tenant,
        "profile_id": profile_id,
        "campaign_type": _choice(spec, "campaign_type", CAMPAIGN_TYPES, "OUTBOUND"),
        "dial_method": dial_method,
        "auto_dial_level": level,
        "active": active,
        "local_call_time": call_time_id,
        "campaign_description": description,
    }


def validated_user(directory: Directory, spec: Any) -> dict[str, Any]:
    """The record to store for a new agent: ``user``, ``full_name``, ``tenant`` (its portfolio, which is
    its user group) and ``password`` required; the profile and the campaign checked against the
    directory. Agents only: API accounts come from ``serve --user``."""
    spec = _object(spec, USER_FIELDS, ("user", "full_name", "tenant", "password"))
    name = spec["user"]
    if not isinstance(name, str) or not _USER_NAME.fullmatch(name):
        raise AdditionError("user must be 2-20 letters, digits, '.', '_' or '-'")
    if directory.user(name) is not None:
        raise AdditionError(f"user {name!r} already exists (user names are case-insensitive)")
    tenant = _tenant(directory, spec["tenant"])
    profile = _profile(directory, spec.get("profile_id", directory.profiles[0].profile_id))
    campaign_id = spec.get("campaign_id", "")
    if campaign_id != "" and (not isinstance(campaign_id, str) or directory.campaign(campaign_id) is None):
        raise AdditionError(f"campaign_id {campaign_id!r} is not a campaign")
    active = _flag(spec, "active")
    password = _text(spec, "password", limit=20)
    if not password:
        raise AdditionError("password must not be empty")
    return {
        "kind": USER,
        "user": name,
        "full_name": _text(spec, "full_name", limit=50),
        "tenant": tenant,
        "profile_id": profile,
        "active": active,
        "password": password,
        "campaign_id": campaign_id,
    }


def _tenant(directory: Directory, tenant: Any) -> str:
    if not isinstance(tenant, str) or directory.tenant(tenant) is None:
        codes = ", ".join(t.code for t in directory.tenants)
        raise AdditionError(f"tenant must be a portfolio ({codes}), not {tenant!r}")
    return tenant


def _flag(spec: dict[str, Any], name: str) -> bool:
    value = spec.get(name, True)
    if not isinstance(value, bool):
        raise AdditionError(f"{name} must be true or false")
    return value


def _profile(directory: Directory, profile_id: Any) -> str:
    profile = directory.profile(profile_id) if isinstance(profile_id, str) else None
    if profile is None:
        known = ", ".join(p.profile_id for p in directory.profiles)
        raise AdditionError(f"profile_id must be one of {known}, not {profile_id!r}")
    return profile.profile_id


VALIDATORS = {CALL_TIME: validated_call_time, CAMPAIGN: validated_campaign, USER: validated_user}
ID_FIELDS = {CALL_TIME: "call_time_id", CAMPAIGN: "campaign_id", USER: "user"}
USED_BY = {CALL_TIME: (CAMPAIGN, "local_call_time"), CAMPAIGN: (USER, "campaign_id")}
"""What refers to an entry of each kind: the kind of entry and its field."""


def add(store: StateStore, seeded: Directory, kind: str, spec: Any) -> dict[str, Any]:
    """Check ``spec`` against the directory as it is now and store it, in one step under the store's
    lock (two workers adding the same id: one wins, the other gets the duplicate error)."""
    with store.locked():
        table = store.table(KIND)
        record = VALIDATORS[kind](merge(seeded, table), spec)
        record["seq"] = store.next_id(KIND)
        store.put(KIND, key_of(kind, record[ID_FIELDS[kind]]), record)
    return public(record)


def remove(store: StateStore, kind: str, entry_id: str) -> bool:
    """Forget an added entry; one an added entry still refers to stays (AdditionError): a call time a
    campaign dials by, a campaign an agent belongs to. An agent's live state set for it goes too."""
    from mockserver.world import floor_overrides

    with store.locked():
        table = store.table(KIND)
        key = key_of(kind, entry_id)
        if kind in USED_BY and key in table:
            referrer, field = USED_BY[kind]
            users = [
                r[ID_FIELDS[referrer]]
                for r in table.values()
                if r["kind"] == referrer and r[field] == entry_id
            ]
            if users:
                raise AdditionError(f"{kind} {entry_id!r} is used by {referrer} {', '.join(users)}")
        removed = store.delete(KIND, key)
        if removed and kind == USER:
            store.delete(floor_overrides.KIND, entry_id)
        return removed


def listed(store: StateStore, kind: str) -> list[dict[str, Any]]:
    """The added entries of one kind, in the order they were added."""
    found = sorted((r for r in store.table(KIND).values() if r["kind"] == kind), key=lambda r: r["seq"])
    return [public(record) for record in found]


def public(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key not in ("kind", "seq")}


def checked_table(seeded: Directory, table: Any) -> dict[str, dict[str, Any]]:
    """A snapshot's additions, each re-validated in the order they were added; AdditionError if one
    is not what :func:`add` would have stored."""
    if not isinstance(table, dict) or not all(isinstance(r, dict) for r in table.values()):
        raise AdditionError("must map keys to records")
    result: dict[str, dict[str, Any]] = {}
    for key, record in sorted(table.items(), key=lambda item: item[1].get("seq", 0)):
        kind, seq = record.get("kind"), record.get("seq")
        if kind not in VALIDATORS or not isinstance(seq, int) or isinstance(seq, bool):
            raise AdditionError(f"{key}: not a directory record")
        try:
            again = VALIDATORS[kind](merge(seeded, result), public(record))
        except AdditionError as error:
            raise AdditionError(f"{key}: {error}") from None
        if {**again, "seq": seq} != record or key != key_of(kind, record[ID_FIELDS[kind]]):
            raise AdditionError(f"{key}: not a directory record")
        result[key] = record
    return result
