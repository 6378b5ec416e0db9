"""Which leads a campaign's calls reach: the one link between the call logs and the lead store.

Call history must not change when a client adds leads (a report about last week is the same before
and after an add_lead), so calls only ever pick among the campaign's *seeded* leads, and the pick
depends on the day's random stream alone.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from mockserver.world.seeding import rng

if TYPE_CHECKING:
    from mockserver.world import World


@dataclass(frozen=True, slots=True)
class LeadRef:
    """What a CDR row shows about the lead a call was about."""

    lead_id: int
    phone_number: str
    vendor_lead_code: str
    list_id: int
    entry_date: str


class LeadPool:
    """The leads each campaign's calls may reach, read once per campaign and kept."""

    def __init__(self, world: World):
        self._world = world
        self._lock = threading.Lock()
        self._by_campaign: dict[str, Sequence[LeadRef]] = {}
        self._by_id: dict[str, dict[int, LeadRef]] = {}

    def __call__(self, campaign_id: str) -> Sequence[LeadRef]:
        leads = self._by_campaign.get(campaign_id)
        if leads is None:
            leads = _seeded_leads(self._world, campaign_id)
            with self._lock:
                leads = self._by_campaign.setdefault(campaign_id, leads)
                self._by_id[campaign_id] = {ref.lead_id: ref for ref in leads}
        return leads

    def ref(self, campaign_id: str, lead_id: int) -> LeadRef | None:
        """The lead a call of ``campaign_id`` reached (None for a lead the campaign never had)."""
        by_id = self._by_id.get(campaign_id)
        if by_id is None:
            self(campaign_id)
            by_id = self._by_id[campaign_id]
        return by_id.get(lead_id)


def _seeded_leads(world: World, campaign_id: str) -> Sequence[LeadRef]:
    store_leads = _leads_from_store(world, campaign_id)
    if store_leads:
        return store_leads
    return _synthetic_leads(world.seed, campaign_id)


def _leads_from_store(world: World, campaign_id: str) -> list[LeadRef]:
    """The campaign's seeded leads from the lead store, in lead_id order (the store lists only seeded
    leads here); empty when the campaign has none, so the caller falls back to stand-ins."""
    try:
        store = world.leads
        lead_ids = list(store.leads_of_campaign(campaign_id))
    except (ImportError, AttributeError):
        return []
    refs = []
    for lead_id in sorted(lead_ids):
        lead = store.seeded(lead_id)
        if lead is None:
            continue
        refs.append(
            LeadRef(
                lead_id=int(lead_id),
                phone_number=str(lead.phone_number),
                vendor_lead_code=str(lead.vendor_lead_code or ""),
                list_id=int(lead.list_id),
                entry_date=_stamp(lead.entry_date),
            )
        )
    return refs


def _synthetic_leads(seed: int, campaign_id: str, count: int = 300) -> list[LeadRef]:
    """Stand-in leads for a campaign the lead store knows nothing about, so every call has a lead."""
    r = rng(seed, "call-leads", campaign_id)
    base = 5_000_000 + r.randrange(0, 90_000) * 100
    list_id = 1000 + r.randrange(0, 9000)
    refs = []
    for i in range(count):
        area = r.choice((212, 305, 312, 415, 469, 512, 602, 704, 713, 786, 832, 904))
        phone = f"{area}{r.randrange(200, 1000)}{r.randrange(0, 10000):04d}"
        refs.append(
            LeadRef(
                lead_id=base + i,
                phone_number=phone,
                vendor_lead_code=f"{r.randrange(10**7, 10**8)}-{r.randrange(10**5, 10**6)}",
                list_id=list_id,
                entry_date=f"2025-0{r.randrange(1, 5)}-{r.randrange(1, 29):02d} "
                f"{r.randrange(7, 20):02d}:{r.randrange(60):02d}:{r.randrange(60):02d}",
            )
        )
    return refs


def _stamp(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")  # strftime drops zeros of years < 1000
    return str(value)
