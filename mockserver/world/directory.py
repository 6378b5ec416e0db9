"""The call centre's directory: portfolios, profiles, users, campaigns, lists, call times and DNC numbers.

Everything the reference's examples name comes from ``fixtures/identities.yaml`` so documented requests
answer with data; the rest is realistic filler drawn from seeded streams (one stream per kind of thing, so
growing the users never reshuffles the campaigns). Names come from Faker's person pools, read once per
process: picking from a pool with a seeded ``random.Random`` is deterministic and far faster than a
Faker instance per entity.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from crocodial_mock.paths import IDENTITIES_PATH
from mockserver.world import WorldSize
from mockserver.world.entities import CallTime, Campaign, LeadList, Profile, Tenant, User
from mockserver.world.seeding import rng

DAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")

# The reference's goGetAllCalltimes and goGetCalltimeInfo values, byte for byte:
# id -> (default start, default stop, {day: (start, stop)}) with days in DAYS order.
_CALL_TIME_VALUES: dict[str, tuple[int, int, tuple[tuple[int, int], ...]]] = {
    "24hrs": (0, 2400, ((0, 0),) * 7),
    "7am6pm": (700, 1800, ((0, 0), *((700, 1800),) * 5, (700, 1600))),
    "CLOSED": (2400, 2400, ((0, 0),) * 7),
    "7am6pmMF": (700, 1800, ((0, 0), *((700, 1800),) * 5, (0, 0))),
    "7am8pmMF": (700, 2000, ((900, 1700), *((700, 2000),) * 5, (700, 1600))),
    "24hours": (0, 2400, ((0, 0),) * 7),
    "weekdays-example": (700, 1800, ((0, 0), *((700, 1800),) * 5, (700, 1600))),
}

# Full names the reference shows for its named users; the others are derived from the user name.
_NAMED_FULL_NAMES = {"jhon.exp": "Jhon Example", "example.user": "Example User"}
# Ids the reference shows (getUserInfo's example.user is 1234, goGetAllUsers' Jhon.Exp is 2222).
_NAMED_USER_IDS = {"example.user": 1234, "jhon.exp": 2222}
_NAMED_ALLOWED = {"jhon.exp": ("AMI", "IST", "PTR")}

# How the named campaigns dial, so goGetAllCampaigns/getCampaignInfo show the reference's values:
# campaign_id -> (campaign_type, dial_method, auto_dial_level, local_call_time)
_NAMED_CAMPAIGN_DIALING = {
    "99999999": ("OUTBOUND", "POWER DIAL", "3", "24hrs"),
    "88888888": ("OUTBOUND", "POWER DIAL", "0", "7am6pm"),
    "77777777": ("OUTBOUND", "POWER DIAL", "2", "7am8pmMF"),
    "1234567": ("OUTBOUND", "PREDICTIVE", "3", "24hrs"),
    "12345678": ("OUTBOUND", "PREVIEW", "0", "7am6pm"),
    "234567891": ("OUTBOUND", "PREVIEW", "0", "7am6pmMF"),
    "123456": ("BLENDED", "PREDICTIVE", "2", "24hrs"),
    "CAMP001": ("OUTBOUND", "PREDICTIVE", "2", "7am8pmMF"),
}

# fmt: off
_CAMPAIGN_WORDS = (
    "RETENTION", "WINBACK", "RENEWALS", "SURVEY", "ONBOARD", "BILLING", "SUPPORT", "UPSELL", "REMINDERS",
    "RECOVERY", "WELCOME", "LOYALTY", "EARLYPAY", "LATEPAY", "VERIFY", "CROSSSELL",
)
_LIST_KINDS = ("Fresh Leads", "Follow-up", "Callbacks", "Recycled", "Web Leads", "Import", "Referrals")
_AREA_CODES = (
    "201", "212", "213", "305", "312", "404", "415", "469", "512", "602", "617", "702", "713", "786", "818",
    "904", "917", "954",
)

_SETTINGS: dict[str, Any] = {
    "territory": "", "hotkeys_active": "1", "agent_choose_ingroups": "0", "scheduled_callbacks": "1",
    "agentonly_callbacks": "0", "dialer_recording": "1", "dialer_transfers": "1",
    "closer_default_blended": "0", "dialer_recording_override": "DISABLED",
    "alter_custphone_override": "NOT_ACTIVE", "alert_enabled": "0",
    "agent_shift_enforcement_override": "DISABLED", "shift_override_flag": "0", "allow_alerts": "0",
    "agent_choose_territories": "0", "custom_one": "", "custom_two": "", "custom_three": "",
    "custom_four": "", "custom_five": "", "agent_call_log_view_override": "DISABLED",
    "agent_choose_blended": "1", "agent_lead_search_override": "NOT_ACTIVE",
    "preset_contact_search": "NOT_ACTIVE", "voicemail_id": "",
}
"""getUserInfo settings every user shares unless the user's own draw overrides them."""
# fmt: on


@dataclass
class Directory:
    """Who and what exists; immutable once built, with case-insensitive lookups where VICIdial has them."""

    tenants: list[Tenant]
    profiles: list[Profile]
    users: list[User]
    campaigns: list[Campaign]
    lists: list[LeadList]
    call_times: list[CallTime]
    dnc_numbers: frozenset[str]
    campaign_dnc: Mapping[str, frozenset[str]]
    _tenant_by_code: dict[str, Tenant] = field(init=False, repr=False)
    _profile_by_id: dict[str, Profile] = field(init=False, repr=False)
    _user_by_name: dict[str, User] = field(init=False, repr=False)
    _campaign_by_id: dict[str, Campaign] = field(init=False, repr=False)
    _list_by_id: dict[int, LeadList] = field(init=False, repr=False)
    _call_time_by_id: dict[str, CallTime] = field(init=False, repr=False)
    _agents: list[User] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._tenant_by_code = {t.code: t for t in self.tenants}
        self._profile_by_id = {p.profile_id.lower(): p for p in self.profiles}
        self._user_by_name = {u.user.lower(): u for u in self.users}
        self._campaign_by_id = {c.campaign_id: c for c in self.campaigns}
        self._list_by_id = {ll.list_id: ll for ll in self.lists}
        self._call_time_by_id = {ct.call_time_id: ct for ct in self.call_times}
        self._agents = sorted((u for u in self.users if u.is_agent), key=lambda u: u.user.lower())

    def tenant(self, code: str) -> Tenant | None:
        return self._tenant_by_code.get(code)

    def profile(self, profile_id: str) -> Profile | None:
        return self._profile_by_id.get(profile_id.lower())

    def user(self, name: str) -> User | None:
        """Case-insensitive, as VICIdial's MySQL collation compares user names."""
        return self._user_by_name.get(name.lower())

    def agents(self) -> list[User]:
        """Every agent (active or not), sorted by user name case-insensitively."""
        return list(self._agents)

    def campaign(self, campaign_id: str) -> Campaign | None:
        return self._campaign_by_id.get(campaign_id)

    def campaigns_of_tenant(self, code: str) -> list[Campaign]:
        return [c for c in self.campaigns if c.tenant == code]

    def lead_list(self, list_id: int) -> LeadList | None:
        return self._list_by_id.get(list_id)

    def lists_of_campaign(self, campaign_id: str) -> list[LeadList]:
        return [ll for ll in self.lists if ll.campaign_id == campaign_id]

    def call_time(self, call_time_id: str) -> CallTime | None:
        return self._call_time_by_id.get(call_time_id)

    def authenticate(self, user: str, password: str) -> User | None:
        """An API account whose password matches exactly; agents cannot call the API."""
        found = self.user(user)
        if found is None or found.is_agent or found.password != password:
            return None
        return found


def build_directory(seed: int, size: WorldSize, api_users: Mapping[str, str]) -> Directory:
    """The directory of the world ``seed``: the named identities plus seeded filler up to ``size``."""
    ids = identities()
    tenants = [Tenant(t["code"], t["name"]) for t in ids["tenants"]]
    profiles = [
        Profile(i, p["profile_id"], p.get("profile_name", p["profile_id"]), p["disposition_set"])
        for i, p in enumerate(ids["profiles"], start=1)
    ]
    call_times = _call_times(ids["call_times"])
    campaigns, lists = _campaigns_and_lists(seed, size, ids, tenants, profiles, call_times)
    users = _api_users(ids["api_users"], api_users, tenants) + _agents(
        seed, size, ids, tenants, profiles, campaigns
    )
    counts = Counter(u.user.lower() for u in users)
    clashing = {u.user for u in users if counts[u.user.lower()] > 1}
    if clashing:
        raise ValueError(f"API user names already taken by agents: {', '.join(sorted(clashing))}")
    dnc, campaign_dnc = _dnc(seed, ids, campaigns)
    return Directory(tenants, profiles, users, campaigns, lists, call_times, dnc, campaign_dnc)


@cache
def identities() -> dict[str, Any]:
    """The fixed cast from ``fixtures/identities.yaml`` (read once per process)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with IDENTITIES_PATH.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


# --- call times -------------------------------------------------------------------------------------


def _call_times(entries: list[dict[str, Any]]) -> list[CallTime]:
    result = []
    next_id = 1
    for entry in entries:
        ct_id = entry["call_time_id"]
        start, stop, days = _CALL_TIME_VALUES.get(ct_id, (900, 1700, ((0, 0),) * 7))
        row_id = entry.get("id", next_id)
        next_id = max(next_id, row_id) + 1
        extra = {"ct_state_call_times": "", "ct_holidays": ""}
        extra["default_afterhours_filename_override"] = ""
        for day in DAYS:
            extra[f"{day}_afterhours_filename_override"] = ""
        result.append(
            CallTime(
                id=row_id,
                call_time_id=ct_id,
                call_time_name=entry["call_time_name"],
                call_time_comments=entry.get("call_time_comments", ""),
                default_start=start,
                default_stop=stop,
                days=dict(zip(DAYS, days, strict=True)),
                extra=extra,
            )
        )
    return sorted(result, key=lambda ct: ct.id)


# --- campaigns and lists ----------------------------------------------------------------------------


def _campaigns_and_lists(
    seed: int,
    size: WorldSize,
    ids: Mapping[str, Any],
    tenants: list[Tenant],
    profiles: list[Profile],
    call_times: list[CallTime],
) -> tuple[list[Campaign], list[LeadList]]:
    """Named campaigns first, then one campaign for every portfolio that has none (agents need one),
    then more until ``size.campaigns``; each gets its named lists or 1-3 generated ones."""
    r = rng(seed, "directory", "campaigns")
    specs: list[dict[str, Any]] = [dict(c) for c in ids["campaigns"]]
    taken_ids = {str(c["campaign_id"]) for c in specs}
    taken_names = {c["campaign_name"] for c in specs}
    covered = {c["tenant"] for c in specs}
    profile_ids = [p.profile_id for p in profiles]

    def filler(tenant: str) -> dict[str, Any]:
        while True:
            campaign_id = str(r.randint(10_000_000, 99_999_999))
            name = f"{tenant}{r.choice(_CAMPAIGN_WORDS)}"[:20]
            if campaign_id not in taken_ids and name not in taken_names:
                taken_ids.add(campaign_id)
                taken_names.add(name)
                return {
                    "campaign_id": campaign_id,
                    "campaign_name": name,
                    "tenant": tenant,
                    "profile": r.choice(profile_ids),
                    "filler": True,
                }

    # A portfolio's only campaign is always active, so its agents never dial on an inactive one.
    specs += [{**filler(t.code), "covering": True} for t in tenants if t.code not in covered]
    while len(specs) < size.campaigns:
        specs.append(filler(r.choice(tenants).code))

    named_lists: dict[str, list[dict[str, Any]]] = {}
    for entry in ids["lists"]:
        named_lists.setdefault(str(entry["campaign_id"]), []).append(entry)
    taken_list_ids = {int(entry["list_id"]) for entry in ids["lists"]}

    campaigns: list[Campaign] = []
    lists: list[LeadList] = []
    ct_ids = [ct.call_time_id for ct in call_times if ct.call_time_id != "CLOSED"]
    for spec in specs:
        campaign_id = str(spec["campaign_id"])
        cr = rng(seed, "directory", "campaign", campaign_id)
        own_lists = [
            LeadList(int(e["list_id"]), e["list_name"], campaign_id) for e in named_lists.get(campaign_id, [])
        ]
        if not own_lists:
            for _ in range(cr.randint(1, 3)):
                list_id = _fresh_list_id(cr, taken_list_ids)
                kind = cr.choice(_LIST_KINDS)
                own_lists.append(LeadList(list_id, f"{spec['campaign_name']} {kind}", campaign_id))
        lists += own_lists
        campaigns.append(_campaign(cr, spec, own_lists, ct_ids))
    return campaigns, lists


def _fresh_list_id(r: Any, taken: set[int]) -> int:
    while True:
        digits = r.randint(3, 12)
        list_id = r.randint(10 ** (digits - 1), 10**digits - 1)
        if list_id not in taken:
            taken.add(list_id)
            return list_id


def _campaign(r: Any, spec: Mapping[str, Any], own_lists: list[LeadList], ct_ids: list[str]) -> Campaign:
    campaign_id = str(spec["campaign_id"])
    named = _NAMED_CAMPAIGN_DIALING.get(campaign_id)
    if named:
        campaign_type, dial_method, level, call_time = named
    else:
        campaign_type = r.choices(("OUTBOUND", "BLENDED", "INBOUND"), weights=(6, 3, 1))[0]
        dial_method = r.choices(("PREDICTIVE", "POWER DIAL", "PREVIEW"), weights=(5, 4, 1))[0]
        level = "0" if dial_method == "PREVIEW" else r.choice(("1", "2", "3", "4"))
        call_time = r.choice(ct_ids)
    # Named campaigns are active so documented examples always find a working campaign.
    active = True if not spec.get("filler") or spec.get("covering") else r.random() > 0.1
    name = spec["campaign_name"]
    cid = f"{r.choice(_AREA_CODES)}{r.randint(2000000, 9999999)}"
    xfer_group = r.choice(("AGENTDIRECT", f"{spec['tenant']}_XFER"))
    extra: dict[str, Any] = {
        "campaign_id": campaign_id,
        "campaign_name": name,
        "active": "Y" if active else "N",
        "dial_status_a": None,
        "dial_status_b": "",
        "lead_order": r.choice(("DOWN_LAST_CALL_TIME", "DOWN", "UP", "RANDOM", "DOWN COUNT")),
        "hopper_level": r.choice((100, 200, 500, 1000)),
        "auto_dial_level": level,
        "next_agent_call": r.choice(("longest_wait_time", "oldest_call_finish", "random", "fewest_calls")),
        "local_call_time": call_time,
        "dial_timeout": r.choice((26, 30, 45, 60)),
        "dial_prefix": r.choice(("903", "9", "")),
        "campaign_cid": cid,
        "campaign_script": f"SCRIPT{r.randint(1, 30):03d}",
        "campaign_recording": r.choice(("ALLFORCE", "ALLCALLS", "ONDEMAND")),
        "closer_campaigns": f"AGENTDIRECT, {name}",
        "drop_call_seconds": r.choice((1, 2, 5)),
        "drop_action": r.choice(("IN_GROUP", "HANGUP", "MESSAGE")),
        "wrapup_seconds": r.choice((0, 0, 5, 10)),
        "manual_dial_list_id": own_lists[0].list_id,
        "queue_priority": r.choice((50, 50, 60, 70, 99)),
        "default_xfer_group": xfer_group,
        "survey_method": "AGENT_XFER",
        "survey_dtmf_digits": "1238",
        "survey_xfer_exten": "8300",
        "use_internal_dnc": "Y",
        "manual_dial_timeout": str(r.choice((30, 45, 60))),
        "three_way_call_cid": r.choice(("CAMPAIGN", "CUSTOMER", "AGENT_PHONE")),
        "three_way_dial_prefix": r.choice(("903", "9", "")),
        "callback_days_limit": r.choice((0, 0, 7, 30)),
        "campaign_description": None if r.random() < 0.5 else f"{name} campaign of {spec['tenant']}",
        # goGetAllCampaigns' row fields
        "dialer": "N" if level == "0" else "Y",
        "campaign_vdad_exten": "Y",
        "list_order_mix": r.choice(("Y", "N")) if not named else "Y",
        "custom_fields_launch": "ONCALL",
    }
    return Campaign(
        campaign_id=campaign_id,
        campaign_name=name,
        tenant=spec["tenant"],
        profile_id=spec["profile"],
        campaign_type=campaign_type,
        dial_method=dial_method,
        auto_dial_level=level,
        active=active,
        local_call_time=call_time,
        list_ids=tuple(ll.list_id for ll in own_lists),
        extra=extra,
    )


# --- users ------------------------------------------------------------------------------------------


def _api_users(
    entries: list[dict[str, Any]], configured: Mapping[str, str], tenants: list[Tenant]
) -> list[User]:
    """The documented API accounts plus the configured ones (level 9, may load leads); a configured
    name equal to a documented one replaces its password."""
    all_tenants = tuple(t.code for t in tenants)
    passwords = {name.lower(): pw for name, pw in configured.items()}
    users = []
    for i, entry in enumerate(entries, start=1):
        users.append(
            _api_user(
                i,
                entry["user"],
                passwords.pop(entry["user"].lower(), entry["password"]),
                entry["full_name"],
                entry["user_level"],
                entry["user_group"],
                entry["can_add_leads"],
                all_tenants,
            )
        )
    for i, (name, password) in enumerate(configured.items(), start=len(entries) + 1):
        if name.lower() in passwords:
            users.append(_api_user(i, name, password, "API User", 9, "ADMIN", True, all_tenants))
    return users


def _api_user(
    user_id: int,
    name: str,
    password: str,
    full_name: str,
    level: int,
    group: str,
    leads: bool,
    tenants: tuple[str, ...],
) -> User:
    extra = {
        **_SETTINGS,
        "pass": password,
        "pass_hash": _hash(name, "api"),
        "email": f"{name.lower()}@example.com",
        "phone_login": "",
        "phone_pass": "",
        "user_code": "",
        "agentcall_manual": "1",
        "closer_campaigns": " -",
        "voicemail_pass": "",
        "exten": 0,
        "rank": 0,
        "profile_numeric_id": 0,
        "inbound": 0,
        "dialer": 0,
        "xfer": 0,
        "manual_dial_only": 0,
    }
    return User(
        user_id=user_id,
        user=name,
        full_name=full_name,
        user_level=level,
        user_group=group,
        tenant="---ALL---",
        profile_id="",
        active=True,
        is_agent=False,
        password=password,
        can_add_leads=leads,
        allowed_tenants=tenants,
        extra=extra,
    )


def _agents(
    seed: int,
    size: WorldSize,
    ids: Mapping[str, Any],
    tenants: list[Tenant],
    profiles: list[Profile],
    campaigns: list[Campaign],
) -> list[User]:
    """The named agents, then filler agents (about 8% inactive) until ``size.users`` agents exist."""
    r = rng(seed, "directory", "agents")
    firsts, lasts = name_pools()
    specs: list[dict[str, Any]] = []
    taken = set()
    for entry in ids["agents"]:
        name = entry["user"]
        if name.lower() in taken:
            # identities.yaml lists user.example2 and User.Example2: one MySQL user, the first one wins.
            continue
        taken.add(name.lower())
        full = _NAMED_FULL_NAMES.get(name.lower()) or " ".join(
            part[:1].upper() + part[1:] for part in name.replace(".", " ").split()
        )
        specs.append(
            {
                "user": name,
                "full_name": full,
                "tenant": entry["tenant"],
                "profile": entry["profile"],
                "active": True,
            }
        )
    tenant_codes = [t.code for t in tenants]
    profile_ids = [p.profile_id for p in profiles]
    while len(specs) < size.users:
        first, last = r.choice(firsts), r.choice(lasts)
        name = f"{_ascii(first)}.{_ascii(last)}".lower().replace(" ", "")
        if name.lower() in taken:
            name = f"{name}{r.randint(2, 99)}"
            if name.lower() in taken:
                continue
        taken.add(name.lower())
        specs.append(
            {
                "user": name,
                "full_name": f"{first} {last}",
                "tenant": r.choice(tenant_codes),
                "profile": r.choice(profile_ids),
                "active": r.random() >= 0.08,
            }
        )

    used_ids = set(_NAMED_USER_IDS.values())
    next_id = 1001
    by_tenant = {t.code: [c for c in campaigns if c.tenant == t.code] for t in tenants}
    inbound = {
        t.code: [c.campaign_id for c in by_tenant[t.code] if c.campaign_type != "OUTBOUND"] for t in tenants
    }
    profile_rows = {p.profile_id: p.id for p in profiles}
    agents = []
    for spec in specs:
        key = spec["user"].lower()
        user_id = _NAMED_USER_IDS.get(key)
        if user_id is None:
            while next_id in used_ids:
                next_id += 1
            user_id = next_id
            used_ids.add(user_id)
        ur = rng(seed, "directory", "agent", key)
        tenant = spec["tenant"]
        allowed = _NAMED_ALLOWED.get(key) or (
            tenant,
            *ur.sample([c for c in tenant_codes if c != tenant], ur.choice((0, 0, 0, 1, 2))),
        )
        own = by_tenant.get(tenant, [])
        matching = [c for c in own if c.profile_id == spec["profile"]] or own
        campaign_id = ur.choice(matching).campaign_id if matching else ""
        closers = [cid for code in allowed for cid in inbound.get(code, [])]
        closers = ur.sample(closers, min(len(closers), ur.randint(0, 3)))
        agents.append(_agent(ur, user_id, spec, allowed, campaign_id, closers, profile_rows))
    return agents


def _agent(
    r: Any,
    user_id: int,
    spec: Mapping[str, Any],
    allowed: Iterable[str],
    campaign_id: str,
    closers: list[str],
    profile_rows: Mapping[str, int],
) -> User:
    name = spec["user"]
    password = f"{_ascii(spec['full_name'].split()[0])[:6].lower()}{r.randint(1000, 9999)}"
    manual_only = int(r.random() < 0.1)
    extra: dict[str, Any] = {
        **_SETTINGS,
        "pass": password,
        "pass_hash": _hash(name, password),
        "email": f"{name.lower()}@example.com",
        "voicemail_id": "" if r.random() < 0.7 else str(8000 + user_id % 1000),
        "phone_login": str(user_id),
        "phone_pass": f"ph{r.randint(100000, 999999)}",
        "user_code": str(user_id),
        "agent_choose_ingroups": r.choice(("0", "1")),
        "agentonly_callbacks": r.choice(("0", "1")),
        "agentcall_manual": r.choice(("0", "1", "1")),
        "closer_default_blended": r.choice(("0", "0", "1")),
        "closer_campaigns": " " + "".join(f"{c} " for c in closers) + "-",
        "voicemail_pass": f"vm{r.randint(1000, 9999)}",
        # goGetAllUsers' row fields
        "exten": user_id,
        "rank": r.choice((0, 0, 0, 1, 2, 5)),
        "profile_numeric_id": profile_rows.get(spec["profile"], 0),
        "inbound": int(bool(closers)) if not manual_only else 0,
        "dialer": 0 if manual_only else 1,
        "xfer": r.choice((0, 1, 1)),
        "manual_dial_only": manual_only,
    }
    return User(
        user_id=user_id,
        user=name,
        full_name=spec["full_name"],
        user_level=1,
        user_group=spec["tenant"],
        tenant=spec["tenant"],
        profile_id=spec["profile"],
        active=spec["active"],
        is_agent=True,
        password=password,
        allowed_tenants=tuple(allowed),
        campaign_id=campaign_id,
        extra=extra,
    )


@cache
def name_pools() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """First and last names from Faker's en_US and es_MX person providers (a Mexican-American floor)."""
    from faker.providers.person.en_US import Provider as UsNames
    from faker.providers.person.es_MX import Provider as MxNames

    firsts = sorted({*UsNames.first_names, *MxNames.first_names})
    lasts = sorted({*UsNames.last_names, *MxNames.last_names})
    return tuple(firsts), tuple(lasts)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _hash(*parts: str) -> str:
    """A stable stand-in for VICIdial's bcrypt-ish pass_hash (31 characters of the same alphabet)."""
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return digest[:31]


# --- DNC ----------------------------------------------------------------------------------------------


def _dnc(
    seed: int, ids: Mapping[str, Any], campaigns: list[Campaign]
) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """5-20 numbers in the system DNC (the documented ones included) and a few per campaign."""
    r = rng(seed, "directory", "dnc")
    system = {str(n) for n in ids["dnc_numbers"]}
    target = r.randint(max(5, len(system)), 20)
    while len(system) < target:
        system.add(_phone(r))
    per_campaign = {}
    for campaign in campaigns:
        numbers = frozenset(_phone(r) for _ in range(r.choice((0, 0, 1, 2, 3, 5))))
        per_campaign[campaign.campaign_id] = numbers
    return frozenset(system), per_campaign


def _phone(r: Any) -> str:
    return f"{r.choice(_AREA_CODES)}{r.randint(2, 9)}{r.randint(0, 999999):06d}"
