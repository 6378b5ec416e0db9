"""The lead store: seeded leads, the reference's leads, the starting hopper, atomic ids, reset."""

from __future__ import annotations

from datetime import timedelta

from lead_helpers import NOW, add, added_id, small_world

from mockserver.world.leads import FIRST_SEEDED_LEAD_ID, NEVER_CALLED


def test_seeded_leads_fill_the_size_with_the_reference_leads_included():
    world = small_world(leads=300)
    store = world.leads
    ids = [FIRST_SEEDED_LEAD_ID + i for i in range(300)]
    assert all(store.get(i) is not None for i in ids)
    assert store.get(14246) is not None  # the reference's lead exists even beyond the seeded range
    assert store.lead_count() == 301
    list_ids = {ll.list_id for ll in world.directory.lists}
    assert all(store.get(i).list_id in list_ids for i in ids)


def test_reference_leads_keep_their_documented_values():
    store = small_world().leads
    bruno = store.get(14246)
    assert (bruno.first_name, bruno.last_name, bruno.phone_number, bruno.list_id) == (
        "Bruno",
        "Macias",
        "8004321000",
        22799125,
    )
    assert (bruno.status, bruno.user, bruno.date_of_birth, bruno.country_code) == (
        "PU",
        "Bruno",
        "1825-10-23",
        "MX",
    )
    first = store.get(10001)
    assert (
        first.list_id,
        first.phone_number,
        first.state,
        first.status,
        first.vendor_lead_code,
        first.source,
    ) == (
        901,
        "5551234567",
        "CA",
        "NEW",
        "LN123456",
        "WEBFORM",
    )
    assert store.get(10002).status == "CALLBK"
    assert store.find_by_phone("8004321000").lead_id == 14246


def test_same_seed_same_leads_other_seed_other_leads():
    assert small_world().leads.get(10150) == small_world().leads.get(10150)
    assert small_world(seed=8).leads.get(10150) != small_world().leads.get(10150)


def test_seeded_entry_dates_spread_over_the_past_year():
    store = small_world().leads
    dates = [store.get(FIRST_SEEDED_LEAD_ID + i).entry_date for i in range(3, 300)]
    assert all(NOW - timedelta(days=366) <= d <= NOW for d in dates)
    assert min(dates) < NOW - timedelta(days=200) and max(dates) > NOW - timedelta(days=60)


def test_never_called_leads_are_new_and_called_leads_have_history():
    store = small_world().leads
    leads = [store.get(FIRST_SEEDED_LEAD_ID + i) for i in range(3, 300)]
    fresh = [lead for lead in leads if lead.called_count == 0]
    called = [lead for lead in leads if lead.called_count > 0]
    assert fresh and called
    assert all(lead.status == "NEW" and lead.last_local_call_time == NEVER_CALLED for lead in fresh)
    assert all(lead.entry_date <= lead.last_local_call_time <= NOW for lead in called)


def test_leads_of_campaign_are_the_seeded_leads_of_its_lists():
    world = small_world()
    lists = {ll.list_id for ll in world.directory.lists_of_campaign("123456")}
    ids = world.leads.leads_of_campaign("123456")
    assert 10001 in ids and 10002 in ids
    assert all(world.leads.get(i).list_id in lists for i in ids)
    new_id = added_id(add(world, phone_number="7275551111", list_id="901"))
    assert new_id not in world.leads.leads_of_campaign("123456")


def test_campaign_123456_starts_with_the_reference_hopper_and_others_with_some_leads():
    world = small_world(leads=2000)
    hopper = world.leads.hopper("123456")
    assert [(e.lead_id, e.hopper_id, e.priority) for e in hopper] == [(10001, 5001, 99), (10002, 5002, 90)]
    others = [c for c in world.directory.campaigns if c.active and c.campaign_id != "123456"]
    assert sum(1 for c in others if world.leads.hopper(c.campaign_id)) >= len(others) - 2


def test_reset_returns_to_the_seeded_state():
    world = small_world()
    before = world.leads.lead_count()
    body = add(world, phone_number="7275551111", list_id="901", add_to_hopper="Y")
    lead_id = added_id(body)
    assert world.leads.get(lead_id) is not None
    assert len(world.leads.hopper("123456")) == 3
    world.reset()
    assert world.leads.get(lead_id) is None
    assert world.leads.lead_count() == before
    assert len(world.leads.hopper("123456")) == 2
    assert world.leads.find_by_phone("7275551111") is None
    assert added_id(add(world, phone_number="7275551111")) == lead_id  # ids start over too
