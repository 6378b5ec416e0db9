"""The mutable part of the world: leads, the hopper, scheduled callbacks.

Seeded leads (``size.leads`` of them, ids from 10001 up, spread over the directory's lists) are generated
on first use from ``rng(seed, "leads")`` with pooled Faker values; the reference's leads (14246 Bruno
Macias, 10001 and 10002 in campaign 123456's hopper) are always there with their documented values.
The seeded state is computed in every process and never changes; what add_lead adds is written to the
world's state store (``mockserver.state``) as a log of changes that every process replays, and ids come
from the store's counters, so they are unique however many processes add leads. ``world.reset()`` clears
the log and the counters: every process is back to the seeded state.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from mockserver.world import settle
from mockserver.world.dependence import touch
from mockserver.world.seeding import rng
from mockserver.world.timezones import AREA_CODES, format_offset, zone_for

if TYPE_CHECKING:
    from mockserver.world import World
    from mockserver.world.directory import Directory

FIRST_SEEDED_LEAD_ID = 10001
FIRST_HOPPER_ID = 5001
# What VICIdial's loaders write as last_local_call_time for a lead never dialled.
NEVER_CALLED = datetime(2008, 1, 1)
# Lists whose leads carry custom fields, with their field labels (the reference's add_lead examples use
# list 1234 for custom fields and ``favorite_color`` as the example label).
CUSTOM_FIELD_LABELS: dict[int, tuple[str, ...]] = {1234: ("favorite_color", "account_number", "best_time")}
# Lists with a custom-fields table but no field defined in it (add_lead's "NO FIELDS DEFINED" notice).
LISTS_WITH_EMPTY_CUSTOM_TABLE: frozenset[int] = frozenset({101})
# Statuses that mean the lead became a customer (goGetCustomerInfo's is_customer).
CUSTOMER_STATUSES: frozenset[str] = frozenset({"SALE"})
# Statuses the hopper dials (VICIdial's usual campaign dial statuses).
DIALABLE_STATUSES: frozenset[str] = frozenset({"NEW", "NA", "B", "A", "DROP", "CALLBK"})

# The reference's getLeadsOnHopper example rows, as documented (lead_id -> hopper and lead values).
_REFERENCE_HOPPER: dict[int, dict[str, Any]] = {
    10001: {
        "hopper_id": 5001, "priority": 99, "alt_dial": "MAIN", "gmt_offset_now": "-8.00", "called_count": 0,
        "last_local_call_time": datetime(2025, 6, 1, 14, 23, 45),
    },
    10002: {
        "hopper_id": 5002, "priority": 90, "alt_dial": "ALT", "gmt_offset_now": "-6.00", "called_count": 1,
        "last_local_call_time": datetime(2025, 6, 1, 13, 12, 9),
    },
}  # fmt: skip
_REFERENCE_GMT = {14246: "-6.00"}  # Guadalajara, no daylight saving since 2022


@dataclass(frozen=True)
class AltPhone:
    """One entry of add_lead's ``multi_alt_phones`` (vicidial_list_alt_phones)."""

    phone_number: str
    phone_code: str
    alt_phone_note: str
    alt_phone_count: int


@dataclass(frozen=True)
class Lead:
    """A vicidial_list row: every field goGetCustomerInfo shows, plus what add_lead and the hopper use."""

    lead_id: int
    list_id: int
    phone_number: str
    phone_code: str = "1"
    status: str = "NEW"
    user: str = ""
    title: str = ""
    first_name: str = ""
    middle_initial: str = ""
    last_name: str = ""
    alt_phone: str = ""
    email: str = ""
    address1: str = ""
    address2: str = ""
    address3: str = ""
    city: str = ""
    state: str = ""
    province: str = ""
    postal_code: str = ""
    country_code: str = ""
    gender: str = "U"
    date_of_birth: str = "0000-00-00"  # MySQL's zero date: VICIdial's DATE column default
    comments: str = ""
    vendor_lead_code: str = ""
    source_id: str = ""
    source: str = ""
    security_phrase: str = ""
    owner: str = ""
    rank: int = 0
    entry_list_id: int = 0
    gmt_offset_now: str = "-5.00"
    called_count: int = 0
    last_local_call_time: datetime = NEVER_CALLED
    entry_date: datetime = datetime(2025, 1, 1)
    modify_date: datetime = datetime(2025, 1, 1)
    custom_fields: Mapping[str, str] | None = None
    alt_phones: tuple[AltPhone, ...] = ()

    @property
    def is_customer(self) -> int:
        return int(self.status in CUSTOMER_STATUSES)

    def lead_info(self) -> dict[str, Any]:
        """goGetCustomerInfo's ``lead_info`` object, in the reference's key order and JSON types."""
        return {
            "lead_id": self.lead_id,
            "list_id": self.list_id,
            "title": self.title,
            "first_name": self.first_name,
            "middle_initial": self.middle_initial,
            "last_name": self.last_name,
            "phone_number": self.phone_number,
            "alt_phone": self.alt_phone,
            "email": self.email,
            "address1": self.address1,
            "address2": self.address2,
            "address3": self.address3,
            "city": self.city,
            "state": self.state,
            "province": self.province,
            "postal_code": self.postal_code,
            "country_code": self.country_code,
            "gender": self.gender,
            "date_of_birth": self.date_of_birth,
            "status": self.status,
            "user": self.user,
            "comments": self.comments,
        }


@dataclass(frozen=True)
class HopperEntry:
    """A vicidial_hopper row: a lead queued for dialling in one campaign."""

    hopper_id: int
    lead_id: int
    campaign_id: str
    list_id: int
    priority: int = 0
    alt_dial: str = "MAIN"
    gmt_offset_now: str = "-5.00"
    status: str = "READY"


@dataclass(frozen=True)
class Callback:
    """A vicidial_callbacks row scheduled by add_lead (callback=Y)."""

    callback_id: int
    lead_id: int
    list_id: int
    campaign_id: str
    callback_time: datetime | None
    entry_time: datetime
    recipient: str  # USERONLY or ANYONE
    user: str
    lead_status: str
    comments: str = ""
    status: str = "ACTIVE"


@dataclass
class _State:
    """The seeded leads, hopper and callbacks: built from the seed in each process, never changed."""

    leads: dict[int, Lead] = field(default_factory=dict)
    by_phone: dict[str, list[int]] = field(default_factory=dict)
    by_alt_phone: dict[str, list[int]] = field(default_factory=dict)
    seeded_by_campaign: dict[str, tuple[int, ...]] = field(default_factory=dict)
    hopper: dict[str, list[HopperEntry]] = field(default_factory=dict)
    callbacks: list[Callback] = field(default_factory=list)
    next_lead_id: int = FIRST_SEEDED_LEAD_ID
    next_hopper_id: int = FIRST_HOPPER_ID
    next_callback_id: int = 1


@dataclass
class _Added:
    """What the API added on top of the seeded state, as read from the state store up to ``seen``."""

    generation: int
    seen: int = 0
    leads: dict[int, Lead] = field(default_factory=dict)
    by_phone: dict[str, list[int]] = field(default_factory=dict)
    by_alt_phone: dict[str, list[int]] = field(default_factory=dict)
    hopper: dict[str, list[HopperEntry]] = field(default_factory=dict)
    callbacks: list[Callback] = field(default_factory=list)


STATE_KIND = "leads"
"""The state store's kind for every change to leads; its log replays into :class:`_Added`."""
HOPPER_IDS = "leads.hopper_id"
CALLBACK_IDS = "leads.callback_id"
STATE_KINDS = (STATE_KIND, HOPPER_IDS, CALLBACK_IDS)
"""Everything a reset clears (the log, and the counters that allocate ids)."""


class LeadStore:
    """Leads, hopper and callbacks of one world: the seeded state computed here, the changes read from the
    world's state store (shared by every process serving this CrocoDial). Reads work from any thread
    without a lock; a multi-step change runs inside :meth:`writing`."""

    def __init__(self, world: World):
        self._world = world
        self._store = world.state
        self._state: _State | None = None
        self._init_lock = threading.Lock()
        self._added = _Added(generation=-1)
        self._sync_lock = threading.Lock()
        # VICIdial's system setting custom_fields_enabled (tests switch it off for the DISABLED notice).
        self.custom_fields_enabled = True

    # --- reading ----------------------------------------------------------------------------------

    def get(self, lead_id: int) -> Lead | None:
        added = self._fresh()
        lead = added.leads.get(lead_id)
        return lead if lead is not None else self._s.leads.get(lead_id)

    def seeded(self, lead_id: int) -> Lead | None:
        """A lead of the seeded state (never changed by the API, so reading it is not reading state)."""
        return self._s.leads.get(lead_id)

    def find_by_phone(self, phone: str) -> Lead | None:
        """The most recently added lead with this phone_number (a lead just loaded is the one found)."""
        found = self.with_phone(phone)
        return found[-1] if found else None

    def with_phone(self, phone: str) -> list[Lead]:
        """Every lead whose phone_number is ``phone``, oldest first."""
        added, s = self._fresh(), self._s
        return [s.leads[i] for i in s.by_phone.get(phone, ())] + [
            added.leads[i] for i in added.by_phone.get(phone, ())
        ]

    def with_alt_phone(self, phone: str) -> list[Lead]:
        """Every lead whose alt_phone is ``phone``, oldest first."""
        added, s = self._fresh(), self._s
        return [s.leads[i] for i in s.by_alt_phone.get(phone, ())] + [
            added.leads[i] for i in added.by_alt_phone.get(phone, ())
        ]

    def leads_of_campaign(self, campaign_id: str) -> Sequence[int]:
        """The seeded lead ids in the campaign's lists, ascending (fixed: added leads are not included,
        so generated call history never depends on what a client loaded)."""
        return self._s.seeded_by_campaign.get(campaign_id, ())

    def lead_count(self) -> int:
        return len(self._s.leads) + len(self._fresh().leads)

    def hopper(self, campaign_id: str) -> list[HopperEntry]:
        """The campaign's hopper in dialling order: highest priority first, then oldest entry."""
        entries = [*self._s.hopper.get(campaign_id, ()), *self._fresh().hopper.get(campaign_id, ())]
        return sorted(entries, key=lambda e: (-e.priority, e.hopper_id))

    def callbacks_of_lead(self, lead_id: int) -> list[Callback]:
        return [cb for cb in (*self._s.callbacks, *self._fresh().callbacks) if cb.lead_id == lead_id]

    def in_dnc(self, phone: str, areacode: bool = False) -> bool:
        """In the system DNC list; with ``areacode`` also when ``<areacode>XXXXXXX`` is listed."""
        return _listed(self._world.directory.dnc_numbers, phone, areacode)

    def in_campaign_dnc(self, campaign_id: str, phone: str, areacode: bool = False) -> bool:
        numbers = self._world.directory.campaign_dnc.get(campaign_id, frozenset())
        return _listed(numbers, phone, areacode)

    @staticmethod
    def custom_field_labels(list_id: int) -> tuple[str, ...] | None:
        """The list's custom field labels; () for a custom table without fields; None for no table."""
        if list_id in CUSTOM_FIELD_LABELS:
            return CUSTOM_FIELD_LABELS[list_id]
        return () if list_id in LISTS_WITH_EMPTY_CUSTOM_TABLE else None

    # --- writing ------------------------------------------------------------------------------------

    def writing(self) -> AbstractContextManager[Any]:
        """Hold while checking and then changing (add_lead's duplicate checks and insert): exclusive
        across every process on the state store."""
        return self._store.locked()

    def add(self, **fields: Any) -> Lead:
        """Insert a lead with the next free id, allocated by the state store (unique across processes)."""
        lead_id = self._s.next_lead_id + self._store.next_id(STATE_KIND) - 1
        lead = Lead(lead_id=lead_id, **fields)
        self._store.append(STATE_KIND, {"change": "lead", **_lead_record(lead)})
        return lead

    def add_alt_phones(self, lead_id: int, alt_phones: Sequence[AltPhone]) -> None:
        phones = [[p.phone_number, p.phone_code, p.alt_phone_note, p.alt_phone_count] for p in alt_phones]
        self._store.append(STATE_KIND, {"change": "alt_phones", "lead_id": lead_id, "phones": phones})

    def set_custom_fields(self, lead_id: int, values: Mapping[str, str]) -> None:
        record = {"change": "custom_fields", "lead_id": lead_id, "values": dict(values)}
        self._store.append(STATE_KIND, record)

    def add_to_hopper(self, lead: Lead, campaign_id: str, priority: int = 0) -> HopperEntry:
        entry = HopperEntry(
            hopper_id=self._s.next_hopper_id + self._store.next_id(HOPPER_IDS) - 1,
            lead_id=lead.lead_id,
            campaign_id=campaign_id,
            list_id=lead.list_id,
            priority=priority,
            gmt_offset_now=lead.gmt_offset_now,
        )
        self._store.append(STATE_KIND, {"change": "hopper", **asdict(entry)})
        return entry

    def add_callback(self, **fields: Any) -> Callback:
        callback_id = self._s.next_callback_id + self._store.next_id(CALLBACK_IDS) - 1
        callback = Callback(callback_id=callback_id, **fields)
        times = {"callback_time": _stamp(callback.callback_time), "entry_time": _stamp(callback.entry_time)}
        self._store.append(STATE_KIND, {"change": "callback", **asdict(callback), **times})
        return callback

    # --- the state ----------------------------------------------------------------------------------

    @property
    def _s(self) -> _State:
        state = self._state
        if state is None:
            with self._init_lock:
                if self._state is None:
                    self._state = _seed(self._world)
                    settle()
                state = self._state
        return state

    def _fresh(self) -> _Added:
        """The changes, brought up to date with the state store (a reset anywhere starts them over)."""
        touch(state=True)
        with self._sync_lock:
            added = self._added
            generation, records = self._store.read(STATE_KIND, added.seen)
            if generation != added.generation:
                stale, added = added, _Added(generation)
                if stale.seen:
                    added.generation, records = self._store.read(STATE_KIND)
            for seq, record in records:
                _apply(added, record)
                added.seen = seq
            self._added = added
            return added


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text is not None else None


_LEAD_TIMES = ("last_local_call_time", "entry_date", "modify_date")


def _lead_record(lead: Lead) -> dict[str, Any]:
    record = {f.name: getattr(lead, f.name) for f in fields(Lead) if f.name != "alt_phones"}
    for name in _LEAD_TIMES:
        record[name] = _stamp(record[name])
    if record["custom_fields"] is not None:
        record["custom_fields"] = dict(record["custom_fields"])
    return record


def _apply(added: _Added, record: Mapping[str, Any]) -> None:
    """Replay one change of the state store's log onto ``added``."""
    values = {key: value for key, value in record.items() if key != "change"}
    change = record["change"]
    if change == "lead":
        for name in _LEAD_TIMES:
            values[name] = _time(values[name])
        lead = Lead(**values)
        added.leads[lead.lead_id] = lead
        added.by_phone.setdefault(lead.phone_number, []).append(lead.lead_id)
        if lead.alt_phone:
            added.by_alt_phone.setdefault(lead.alt_phone, []).append(lead.lead_id)
    elif change == "alt_phones":
        lead = added.leads[values["lead_id"]]
        phones = tuple(AltPhone(*phone) for phone in values["phones"])
        added.leads[lead.lead_id] = replace(lead, alt_phones=lead.alt_phones + phones)
    elif change == "custom_fields":
        lead = added.leads[values["lead_id"]]
        merged = {**(lead.custom_fields or {}), **values["values"]}
        added.leads[lead.lead_id] = replace(lead, custom_fields=merged)
    elif change == "hopper":
        entry = HopperEntry(**values)
        added.hopper.setdefault(entry.campaign_id, []).append(entry)
    elif change == "callback":
        values["callback_time"] = _time(values["callback_time"])
        values["entry_time"] = _time(values["entry_time"])
        added.callbacks.append(Callback(**values))


def _listed(numbers: frozenset[str], phone: str, areacode: bool) -> bool:
    return phone in numbers or (areacode and f"{phone[:3]}XXXXXXX" in numbers)


def _insert(s: _State, lead: Lead) -> None:
    s.leads[lead.lead_id] = lead
    s.by_phone.setdefault(lead.phone_number, []).append(lead.lead_id)
    if lead.alt_phone:
        s.by_alt_phone.setdefault(lead.alt_phone, []).append(lead.lead_id)
    s.next_lead_id = max(s.next_lead_id, lead.lead_id + 1)


_LEAD_DEFAULTS = {f.name: f.default for f in fields(Lead)}

# fmt: off
_TITLES = ("Mr.", "Ms.", "Mrs.", "Dr.", "Lic", "", "", "")
_SOURCES = ("WEBFORM", "IMPORT", "REFERRAL", "API", "CRM", "LANDING")
_CALLED_STATUSES = ("NA", "B", "A", "DROP", "NI", "CALLBK", "SALE", "DNC", "PU", "N", "XFER", "DC")
_CALLED_CUM_WEIGHTS = tuple(itertools.accumulate((30, 8, 10, 5, 12, 6, 7, 2, 4, 8, 3, 5)))
_COMMENTS = ("", "", "", "Prefers calls after 5pm", "Asked for a quote by email", "Spanish speaker",
             "Existing customer, wants to upgrade", "Call back next week", "Do not leave voicemail")
_COLOURS = ("blue", "green", "red", "black", "white", "yellow")
_BEST_TIMES = ("MORNING", "AFTERNOON", "EVENING")
_DOMAINS = ("example.com", "mail.example.net", "correo.example.mx", "example.org")
# fmt: on


@cache
def _pools(seed: int) -> dict[str, tuple[str, ...]]:
    """Faker values drawn once per seed; leads pick from them (a Faker call per lead would be 50x slower)."""
    from faker import Faker

    from mockserver.world.directory import name_pools

    fake = Faker("en_US")
    fake.seed_instance(rng(seed, "leads", "faker").getrandbits(32))
    firsts, lasts = name_pools()
    return {
        "first": firsts,
        "last": lasts,
        "street": tuple(fake.street_address() for _ in range(400)),
        "address2": tuple(fake.secondary_address() for _ in range(60)),
        "city": tuple(fake.city() for _ in range(250)),
        "area_codes": tuple(sorted(AREA_CODES)),
    }


def _seed(world: World) -> _State:
    directory = world.seeded_directory
    # The configured clock, not the current one: moving the clock through the admin API does not
    # re-date the leads already in the database (and the seeding does not depend on when it ran).
    now = world.clock.configured or world.now()
    s = _State()
    pools = _pools(world.seed)
    r = rng(world.seed, "leads")
    lists = sorted(directory.lists, key=lambda ll: ll.list_id)
    fixed = _reference_leads(world, now)
    agents_by_tenant = _agents_by_tenant(directory)
    campaign_of_list = {ll.list_id: ll.campaign_id for ll in lists}
    tenant_of_campaign = {c.campaign_id: c.tenant for c in directory.campaigns}

    last_id = FIRST_SEEDED_LEAD_ID + world.size.leads - 1
    for lead_id in range(FIRST_SEEDED_LEAD_ID, last_id + 1):
        if lead_id in fixed:
            continue
        lead_list = lists[r.randrange(len(lists))]
        agents = agents_by_tenant.get(tenant_of_campaign.get(lead_list.campaign_id, ""), ())
        _insert(s, _generated_lead(r, pools, lead_id, lead_list.list_id, now, agents))
    for lead in fixed.values():
        _insert(s, lead)
    s.leads = dict(sorted(s.leads.items()))
    s.next_lead_id = max(s.leads) + 1

    by_campaign: dict[str, list[int]] = {}
    for lead in s.leads.values():
        campaign_id = campaign_of_list.get(lead.list_id)
        if campaign_id is not None:
            by_campaign.setdefault(campaign_id, []).append(lead.lead_id)
    s.seeded_by_campaign = {cid: tuple(ids) for cid, ids in by_campaign.items()}
    _seed_hopper(s, world, campaign_of_list)
    return s


def _generated_lead(
    r: Any,
    pools: Mapping[str, tuple[str, ...]],
    lead_id: int,
    list_id: int,
    now: datetime,
    agents: Sequence[str] = (),
) -> Lead:
    """One plausible lead; about 60% have been dialled (a status, a count, a last call and an agent)."""
    rnd = r.random

    def pick(seq: Sequence[str]) -> str:
        return seq[int(rnd() * len(seq))]

    def below(n: int) -> int:
        return int(rnd() * n)

    area = pick(pools["area_codes"])
    exchange = 200 + below(800)
    if exchange == 555:  # keep 555 numbers free for documentation and tests
        exchange = 556
    phone = f"{area}{exchange}{below(10000):04d}"
    first = pick(pools["first"])
    last = pick(pools["last"])
    entry = now - timedelta(seconds=below(365 * 86400))
    custom = None
    if list_id in CUSTOM_FIELD_LABELS:
        custom = {
            "favorite_color": pick(_COLOURS),
            "account_number": f"{below(10**9):09d}",
            "best_time": pick(_BEST_TIMES),
        }
    status, called_count, last_call, user = "NEW", 0, NEVER_CALLED, ""
    if rnd() >= 0.4:
        status = r.choices(_CALLED_STATUSES, cum_weights=_CALLED_CUM_WEIGHTS)[0]
        called_count = 1 + below(8)
        last_call = entry + timedelta(seconds=below(int((now - entry).total_seconds())))
        user = pick(agents) if agents else "VDAD"
    return _seeded_lead(
        lead_id=lead_id,
        list_id=list_id,
        phone_number=phone,
        status=status,
        user=user,
        title=pick(_TITLES),
        first_name=first[:30],
        middle_initial=chr(65 + below(26)) if rnd() < 0.4 else "",
        last_name=last[:30],
        alt_phone=f"{area}{200 + below(800)}{below(10000):04d}" if rnd() < 0.3 else "",
        email=_email(first, last, pick(_DOMAINS)),
        address1=pick(pools["street"]),
        address2=pick(pools["address2"]) if rnd() < 0.2 else "",
        city=pick(pools["city"]),
        state=AREA_CODES[area][0],
        postal_code=f"{1000 + below(99000):05d}",
        country_code="US",
        gender=pick("MFU"),
        date_of_birth=f"{1945 + below(60)}-{1 + below(12):02d}-{1 + below(28):02d}",
        comments=pick(_COMMENTS),
        vendor_lead_code=f"LN{below(10**6):06d}",
        source=pick(_SOURCES),
        gmt_offset_now=_offset_now(area, now),
        called_count=called_count,
        last_local_call_time=last_call,
        entry_date=entry,
        modify_date=max(last_call, entry),
        custom_fields=custom,
    )


def _seeded_lead(**values: Any) -> Lead:
    """A Lead built without the frozen dataclass's ``__init__`` (one ``object.__setattr__`` per field
    makes it 6x slower): seeding 20000 leads is the emulator's largest start-up cost."""
    lead = object.__new__(Lead)
    lead.__dict__.update(_LEAD_DEFAULTS, **values)
    return lead


@cache
def _offset_now(area_code: str, now: datetime) -> str:
    return format_offset(zone_for("1", area_code + "0000000").offset_at(now))


def _agents_by_tenant(directory: Directory) -> dict[str, tuple[str, ...]]:
    result: dict[str, list[str]] = {}
    for user in directory.agents():
        result.setdefault(user.tenant, []).append(user.user)
    return {tenant: tuple(names) for tenant, names in result.items()}


def _reference_leads(world: World, now: datetime) -> dict[int, Lead]:
    """The identities' leads with their exact documented values; fields the reference does not show are
    filled so every lead looks complete."""
    from mockserver.world.directory import identities

    result = {}
    for entry in identities()["leads"]:
        values = {k: v for k, v in entry.items() if k != "in_hopper"}
        lead_id = int(values.pop("lead_id"))
        values["list_id"] = int(values["list_id"])
        values = {k: (str(v) if k != "list_id" else v) for k, v in values.items()}
        hopper = _REFERENCE_HOPPER.get(lead_id, {})
        phone = values["phone_number"]
        values.setdefault("country_code", "US")
        values.setdefault("user", "")
        extra: dict[str, Any] = {
            "gmt_offset_now": hopper.get("gmt_offset_now")
            or _REFERENCE_GMT.get(lead_id)
            or format_offset(zone_for("1", phone).offset_at(now)),
            "called_count": hopper.get("called_count", 1),
            "last_local_call_time": hopper.get("last_local_call_time", now - timedelta(days=3)),
            "entry_date": now - timedelta(days=30),
            "modify_date": now - timedelta(days=3),
        }
        base = _generated_lead(
            rng(world.seed, "leads", "reference", lead_id),
            _pools(world.seed),
            lead_id,
            values["list_id"],
            now,
        )
        result[lead_id] = replace(base, **values, **extra)
    return result


def _seed_hopper(s: _State, world: World, campaign_of_list: Mapping[int, str]) -> None:
    """Campaign 123456 holds the reference's two rows; every other active campaign 3-12 dialable leads
    at priority 0 (inactive campaigns start empty: VICIdial does not fill their hoppers)."""
    directory = world.seeded_directory
    reference_campaigns = set()
    for lead_id, hopper in _REFERENCE_HOPPER.items():
        lead = s.leads[lead_id]
        campaign_id = campaign_of_list[lead.list_id]
        reference_campaigns.add(campaign_id)
        entry = HopperEntry(
            hopper_id=hopper["hopper_id"],
            lead_id=lead_id,
            campaign_id=campaign_id,
            list_id=lead.list_id,
            priority=hopper["priority"],
            alt_dial=hopper["alt_dial"],
            gmt_offset_now=lead.gmt_offset_now,
        )
        s.hopper.setdefault(campaign_id, []).append(entry)
    s.next_hopper_id = max(h["hopper_id"] for h in _REFERENCE_HOPPER.values()) + 1
    for campaign in sorted(directory.campaigns, key=lambda c: c.campaign_id):
        if not campaign.active or campaign.campaign_id in reference_campaigns:
            continue
        r = rng(world.seed, "leads", "hopper", campaign.campaign_id)
        candidates = [
            i
            for i in s.seeded_by_campaign.get(campaign.campaign_id, ())
            if s.leads[i].status in DIALABLE_STATUSES
        ]
        for lead_id in sorted(r.sample(candidates, min(len(candidates), r.randint(3, 12)))):
            lead = s.leads[lead_id]
            s.hopper.setdefault(campaign.campaign_id, []).append(
                HopperEntry(s.next_hopper_id, lead_id, campaign.campaign_id, lead.list_id,
                            gmt_offset_now=lead.gmt_offset_now)
            )  # fmt: skip
            s.next_hopper_id += 1


def _email(first: str, last: str, domain: str) -> str:
    return f"{_ascii(first)}.{_ascii(last)}@{domain}".lower().replace(" ", "")[:70]


@cache
def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
