"""Hypothesis beyond single requests: a stateful model of leads, and invariants over seeds, days, filters.

The state machine adds leads through the emulator's lmapi and checks every other view of them agrees
(goGetCustomerInfo by id and by phone, add_lead's duplicate checks, getLeadsOnHopper); the property
tests check what must hold for any world, any date range and any filter.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, initialize, invariant, rule

from contract_tests.properties import check_properties
from mockserver.app import create_app
from mockserver.config import EmulatorConfig
from mockserver.world import WorldSize

NOW = "2025-05-14T15:30:00"
SMALL = WorldSize(users=20, campaigns=4, calls_per_day=150, leads=300)
LIST_CAMPAIGN = {"101": "TESTCAMP", "901": "123456", "902": "123456", "22799125": "CAMP001"}
ADDED = re.compile(r"SUCCESS: add_lead LEAD HAS BEEN ADDED - (\d+)\|[^|]*\|(\d+)\|(\d+)\|")
IN_HOPPER = re.compile(r"NOTICE: add_lead ADDED TO HOPPER - (\d+)\|[^|]*\|(\d+)\|")
DUPLICATE = re.compile(r"ERROR: add_lead DUPLICATE PHONE NUMBER IN (LIST|SYSTEM) - (\d+)\|(\d+)\|(\d+)")
GOAPI = {"goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}


def goapi(client, module: str, action: str, **params) -> dict:
    response = client.get(
        f"/goAPIv2/{module}/goAPI.php", query_string={"goAction": action, **GOAPI, **params}
    )
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))


def lmapi(client, **params) -> str:
    response = client.post(
        "/API/lmapi.php",
        data={"user": "MyUser", "pass": "MyPass", "function": "add_lead", "source": "kit", **params},
    )
    assert response.status_code == 200
    return response.get_data(as_text=True)


phones = st.integers(min_value=0, max_value=99_999).map(lambda n: f"72755{n:05d}")
names = st.sampled_from(["Ana", "Bruno", "Carla", "Dario", "Elena"])


class LeadLifecycle(RuleBasedStateMachine):
    """Leads added through add_lead are visible, found as duplicates, and in the hopper when told so."""

    leads = Bundle("leads")

    @initialize()
    def start(self) -> None:
        self.client = create_app(EmulatorConfig(seed=11, now=NOW, size=SMALL)).test_client()
        self.model: dict[str, tuple[str, str, str]] = {}  # lead_id -> (phone, list_id, first_name)
        self.hopper: dict[str, set[str]] = {}  # campaign -> lead ids the hopper notice named

    @rule(
        target=leads,
        phone=phones,
        list_id=st.sampled_from(sorted(LIST_CAMPAIGN)),
        name=names,
        hop=st.booleans(),
    )
    def add(self, phone: str, list_id: str, name: str, hop: bool) -> str:
        text = lmapi(
            self.client,
            phone_number=phone,
            list_id=list_id,
            first_name=name,
            add_to_hopper="Y" if hop else "N",
        )
        added = ADDED.search(text)
        assert added, text
        assert (added.group(1), added.group(2)) == (phone, list_id)
        lead_id = added.group(3)
        assert lead_id not in self.model
        self.model[lead_id] = (phone, list_id, name)
        in_hopper = IN_HOPPER.search(text)
        if in_hopper:
            assert in_hopper.group(2) == lead_id
            self.hopper.setdefault(LIST_CAMPAIGN[list_id], set()).add(lead_id)
        return lead_id

    @rule(lead_id=leads)
    def look_up_by_id(self, lead_id: str) -> None:
        phone, list_id, name = self.model[lead_id]
        body = goapi(self.client, "goAgent", "goGetCustomerInfo", lead_id=lead_id)
        info = body["lead_info"]
        assert (str(info["lead_id"]), info["phone_number"], str(info["list_id"]), info["first_name"]) == (
            lead_id,
            phone,
            list_id,
            name,
        )

    @rule(lead_id=leads)
    def look_up_by_phone(self, lead_id: str) -> None:
        phone = self.model[lead_id][0]
        body = goapi(self.client, "goAgent", "goGetCustomerInfo", phone_number=phone)
        assert body["result"] == "success" and body["lead_info"]["phone_number"] == phone

    @rule(lead_id=leads, scope=st.sampled_from(["DUPLIST", "DUPSYS"]))
    def duplicate_is_refused(self, lead_id: str, scope: str) -> None:
        phone, list_id, _ = self.model[lead_id]
        text = lmapi(self.client, phone_number=phone, list_id=list_id, duplicate_check=scope)
        found = DUPLICATE.search(text)
        assert found, text
        assert "LEAD HAS BEEN ADDED" not in text
        assert found.group(2) == phone
        if scope == "DUPLIST":
            mine = {lid for lid, (p, lst, _) in self.model.items() if p == phone and lst == list_id}
            assert found.group(4) in mine or int(found.group(4)) not in map(int, self.model)

    @rule(lead_id=consumes(leads))
    def hopper_holds_what_was_queued(self, lead_id: str) -> None:
        campaign = LIST_CAMPAIGN[self.model[lead_id][1]]
        body = goapi(self.client, "goCampaigns", "getLeadsOnHopper", campaign_id=campaign)
        queued = self.hopper.get(campaign, set())
        if body.get("result") != "success":
            assert not queued, body
            return
        rows = body["data"]["rows"]
        assert queued <= {str(row["lead_id"]) for row in rows}
        assert check_properties("getLeadsOnHopper", {"campaign_id": campaign}, body) == []

    @invariant()
    def lead_ids_are_unique(self) -> None:
        assert len(set(self.model)) == len(self.model)


TestLeadLifecycle = LeadLifecycle.TestCase
TestLeadLifecycle.settings = settings(
    max_examples=8,
    stateful_step_count=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


# --- invariants over seeds, date ranges and filters ----------------------------------------------------

_APPS: dict[int, object] = {}


def client_for(seed: int):
    if seed not in _APPS:
        _APPS[seed] = create_app(EmulatorConfig(seed=seed, now=NOW, size=SMALL))
    return _APPS[seed].test_client()


days = st.integers(min_value=0, max_value=20).map(lambda n: date(2025, 5, 14) - timedelta(days=n))
REPORTS = ["outbound_cdr", "inbound_cdr", "agent_cdr", "agent_calls_report", "inbound_summary_stats"]
"""The reports that take tenant[] (exportAgentReport and exportPauseReport filter by user only)."""


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    seed=st.sampled_from([1, 2]),
    action=st.sampled_from(REPORTS),
    first=days,
    span=st.integers(min_value=0, max_value=6),
    tenants=st.lists(
        st.sampled_from(["AAA", "BBB", "CCC", "CSC", "GAL"]), min_size=1, max_size=2, unique=True
    ),
)
def test_filtering_only_narrows_and_sums_hold(seed, action, first, span, tenants):
    client = client_for(seed)
    dates = {
        "fromDate": first.isoformat(),
        "toDate": min(first + timedelta(days=span), date(2025, 5, 14)).isoformat(),
    }
    everything = goapi(client, "goReports", action, **dates)
    filtered = goapi(client, "goReports", action, **dates, **{"tenant[]": tenants})
    assert everything["result"] == filtered["result"] == "success"
    assert check_properties(action, dates, everything) == []
    assert check_properties(action, {**dates, "tenant": tenants}, filtered) == []
    if action in AGGREGATES:
        keys, counts = AGGREGATES[action]
        totals = {tuple(row[k] for k in keys): row for row in _detail_rows(everything)}
        for row in _detail_rows(filtered):
            key = tuple(row[k] for k in keys)
            assert key in totals
            for name in counts:
                assert int(row[name]) <= int(totals[key][name]), (key, name)
    else:
        all_rows = [json.dumps(r, sort_keys=True) for r in _detail_rows(everything)]
        for row in _detail_rows(filtered):
            assert json.dumps(row, sort_keys=True) in all_rows


AGGREGATES = {
    "inbound_summary_stats": (("calldate",), ["total_calls", "queued_calls", "abandon2", "handled_calls"]),
    "agent_calls_report": (("user", "portfolio"), ["total_calls", "manual", "inbound", "dialer"]),
}
"""Reports whose rows add calls up: filtering can only lower each count, row by row."""


def _detail_rows(body: dict) -> list[dict]:
    data = body.get("data") or {}
    rows = data.get("rows")
    if rows is None and isinstance(data.get("agent_report"), dict):
        rows = data["agent_report"].get("rows")
    return list(rows or [])


@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(seed=st.sampled_from([1, 2, 3]), only_inactives=st.sampled_from(["0", "1"]))
def test_user_totals_and_agent_sums_hold_in_any_world(seed, only_inactives):
    client = client_for(seed)
    users = goapi(client, "goUsers", "goGetAllUsers", only_inactives=only_inactives)
    assert check_properties("goGetAllUsers", {"only_inactives": only_inactives}, users) == []
    status = goapi(client, "goDashboard", "getAgentStatus")
    assert check_properties("getAgentStatus", {}, status) == []
