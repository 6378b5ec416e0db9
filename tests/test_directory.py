"""The directory: named identities always present, seeded filler reproducible, lookups MySQL-like."""

from __future__ import annotations

import re

import pytest

from mockserver.world import WorldSize
from mockserver.world.directory import build_directory, identities

SMALL = WorldSize(users=40, campaigns=16)


@pytest.fixture(scope="module")
def directory():
    return build_directory(7, SMALL, {})


def _snapshot(d):
    return (d.tenants, d.profiles, d.users, d.campaigns, d.lists, d.call_times, d.dnc_numbers, d.campaign_dnc)


def test_same_seed_builds_an_equal_directory(directory):
    assert _snapshot(build_directory(7, SMALL, {})) == _snapshot(directory)


def test_another_seed_changes_the_filler_but_keeps_the_named_cast(directory):
    other = build_directory(8, SMALL, {})
    assert [u.user for u in other.users] != [u.user for u in directory.users]
    named = {a["user"].lower() for a in identities()["agents"]}
    for name in named:
        mine, theirs = directory.user(name), other.user(name)
        assert (mine.tenant, mine.profile_id) == (theirs.tenant, theirs.profile_id)
    assert {c.campaign_id for c in other.campaigns} >= {
        str(c["campaign_id"]) for c in identities()["campaigns"]
    }


def test_sizes_are_honoured(directory):
    assert len(directory.agents()) == SMALL.users
    assert len(directory.campaigns) >= SMALL.campaigns
    inactive = sum(not a.active for a in build_directory(7, WorldSize(users=500), {}).agents())
    assert 15 <= inactive <= 70  # about 8%


def test_user_lookup_is_case_insensitive(directory):
    assert directory.user("EXAMPLE.USER").user == "example.user"
    assert directory.user("example.user1").user == "Example.User1"
    assert directory.user("nobody.here") is None


def test_named_agents_keep_their_portfolio_and_profile(directory):
    jhon = directory.user("Jhon.Exp")
    assert (jhon.tenant, jhon.profile_id, jhon.user_id, jhon.campaign_id) == (
        "AMI",
        "LOANS",
        2222,
        "4460708090",
    )
    assert jhon.allowed_tenants == ("AMI", "IST", "PTR")
    assert directory.user("Example.User1").tenant == "CSC"


def test_agents_are_sorted_level_one_agents_of_their_tenant(directory):
    agents = directory.agents()
    assert [a.user.lower() for a in agents] == sorted(a.user.lower() for a in agents)
    for agent in agents:
        assert agent.is_agent and agent.user_level == 1 and agent.user_group == agent.tenant
        assert directory.tenant(agent.tenant) is not None
        assert directory.profile(agent.profile_id) is not None
        assert agent.tenant in agent.allowed_tenants
        campaign = directory.campaign(agent.campaign_id)
        assert campaign is not None and campaign.tenant == agent.tenant
        assert re.fullmatch(r" ([^ ]+ )*-", agent.extra["closer_campaigns"])


def test_only_api_accounts_authenticate_with_the_exact_password():
    d = build_directory(7, SMALL, {"Extra.Api": "s3cret"})
    assert d.authenticate("myuser", "MyPass").user == "MyUser"
    assert d.authenticate("MyUser", "mypass") is None
    assert d.authenticate("NoLeadsUser", "NoLeadsPass").can_add_leads is False
    extra = d.authenticate("extra.api", "s3cret")
    assert extra.user_level == 9 and extra.can_add_leads and not extra.is_agent
    agent = d.user("example.user")
    assert d.authenticate(agent.user, agent.password) is None


def test_a_configured_api_user_cannot_shadow_an_agent():
    with pytest.raises(ValueError, match=r"john\.doe"):
        build_directory(7, SMALL, {"john.doe": "x"})


def test_every_campaign_has_one_to_three_lists_with_three_to_twelve_digit_ids(directory):
    for campaign in directory.campaigns:
        lists = directory.lists_of_campaign(campaign.campaign_id)
        assert 1 <= len(lists) <= 3
        assert tuple(ll.list_id for ll in lists) == campaign.list_ids
        assert all(3 <= len(str(ll.list_id)) <= 12 for ll in lists)
    assert directory.lead_list(999).campaign_id == "88888888"
    assert len({ll.list_id for ll in directory.lists}) == len(directory.lists)


def test_every_portfolio_has_a_campaign(directory):
    assert all(directory.campaigns_of_tenant(t.code) for t in directory.tenants)


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_every_portfolio_has_an_active_campaign(seed):
    directory = build_directory(seed, WorldSize(), {})
    for tenant in directory.tenants:
        assert any(c.active for c in directory.campaigns_of_tenant(tenant.code)), tenant.code


def test_documented_call_times_have_the_reference_hours(directory):
    weekdays = directory.call_time("weekdays-example")
    assert weekdays.id == 14 and weekdays.call_time_comments == "weekdays-example_7am6pm_7am4pm-Saturday"
    assert (weekdays.default_start, weekdays.default_stop) == (700, 1800)
    assert weekdays.days["saturday"] == (700, 1600) and weekdays.days["sunday"] == (0, 0)
    assert directory.call_time("7am8pmMF").days["sunday"] == (900, 1700)
    assert [ct.call_time_id for ct in directory.call_times][:6] == [
        "24hrs", "7am6pm", "CLOSED", "7am6pmMF", "7am8pmMF", "24hours",
    ]  # fmt: skip


def test_dnc_holds_the_documented_numbers(directory):
    assert {"7275550000", "5550000000"} <= directory.dnc_numbers
    assert 5 <= len(directory.dnc_numbers) <= 20
    assert set(directory.campaign_dnc) == {c.campaign_id for c in directory.campaigns}


def test_campaign_extra_carries_the_info_fields_with_their_types(directory):
    extra = directory.campaign("1234567").extra
    assert extra["local_call_time"] == "24hrs" and extra["auto_dial_level"] == "3"
    assert isinstance(extra["hopper_level"], int) and isinstance(extra["manual_dial_timeout"], str)
    assert extra["dial_status_a"] is None


USER_INFO_EXTRA = (
    "pass pass_hash email voicemail_id phone_login phone_pass territory user_code hotkeys_active "
    "agent_choose_ingroups scheduled_callbacks agentonly_callbacks agentcall_manual dialer_recording "
    "dialer_transfers closer_default_blended dialer_recording_override alter_custphone_override "
    "alert_enabled agent_shift_enforcement_override shift_override_flag allow_alerts closer_campaigns "
    "agent_choose_territories custom_one custom_two custom_three custom_four custom_five "
    "agent_call_log_view_override agent_choose_blended agent_lead_search_override preset_contact_search "
    "voicemail_pass exten rank profile_numeric_id inbound dialer xfer manual_dial_only"
)


def test_every_user_carries_the_user_info_and_user_list_fields(directory):
    wanted = set(USER_INFO_EXTRA.split())
    for user in directory.users:
        assert wanted <= set(user.extra), user.user
        assert user.extra["pass"] == user.password
