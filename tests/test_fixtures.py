"""The reference's example answers, repaired: each is valid JSON, fits its operation's success schema,
is the operation's response example, and the schema notices when one is damaged."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import referencing.jsonschema
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from repo_files import REPO_ROOT

from crocodial_mock.paths import EXAMPLES_DIR, SPEC_PATH

SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
REGISTRY = Registry().with_resource(
    "urn:crocodial", Resource.from_contents(SPEC, default_specification=referencing.jsonschema.DRAFT202012)
)
OPERATIONS = {op["x-crocodial-action"]: op for item in SPEC["paths"].values() for op in [item["get"]]}
FIXTURES = sorted(EXAMPLES_DIR.glob("*.json"))


def action_of(fixture_name: str) -> str:
    """`getLiveAgentInfo.ready.json` → getLiveAgentInfo (one action, several documented answers)."""
    return fixture_name.split(".")[0]


def success_validator(action: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": "urn:crocodial" + OPERATIONS[action]["x-crocodial-success-schema"]}, registry=REGISTRY
    )


def load(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES_DIR / name).read_text())


def test_every_goapi_action_has_a_fixture_and_add_lead_its_lines():
    goapi = {name for name, op in OPERATIONS.items() if op["x-crocodial-module"] != "lmapi"}
    assert {action_of(path.name) for path in FIXTURES} == goapi
    assert len(goapi) == 22
    assert sorted(p.name for p in EXAMPLES_DIR.glob("getLiveAgentInfo*")) == [
        "getLiveAgentInfo.in_call.json",
        "getLiveAgentInfo.ready.json",
    ]
    assert (EXAMPLES_DIR / "add_lead.txt").read_text().endswith("\n")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_fits_its_success_schema(path):
    body = json.loads(path.read_text())
    errors = [
        f"{e.json_path}: {e.message}" for e in success_validator(action_of(path.name)).iter_errors(body)
    ]
    assert errors == []
    assert next(iter(body)) == "result", "PHP arrays start with result"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_is_the_operations_response_example(path):
    op = OPERATIONS[action_of(path.name)]
    examples = op["responses"]["200"]["content"]["application/json"]["examples"]
    by_file = {ex["x-crocodial-fixture"]: ex["value"] for ex in examples.values()}
    assert by_file[f"fixtures/examples/{path.name}"] == json.loads(path.read_text())


def test_add_lead_lines_are_the_operations_example():
    for method in ("get", "post"):
        op = SPEC["paths"]["/API/lmapi.php#add_lead"][method]
        media = op["responses"]["200"]["content"]["text/plain"]
        assert media["example"] == (EXAMPLES_DIR / "add_lead.txt").read_text()


def test_elisions_are_gone_and_values_that_contain_dots_stay():
    for path in FIXTURES:
        text = path.read_text()
        assert "[...]" not in text and "\n...\n" not in text
    assert load("outbound_cdr.json")["data"]["rows"][0]["vendor_lead_code"] == "11111111-22222222..."
    assert load("inbound_summary_stats.json")["data"]["rows"][-1]["calldate"] == "2025-05-30"  # A13 repaired
    assert load("exportAgentReport.json")["data"]["headers"][0] == {
        "title": "User",
        "field": "user",
        "frozen": True,
    }


def _set(body: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    damaged = copy.deepcopy(body)
    target = damaged
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return damaged


def _drop(body: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    damaged = copy.deepcopy(body)
    target = damaged
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return damaged


DAMAGE = [
    # (fixture, description, damage)
    (
        "outbound_cdr.json",
        "row counter not numeric",
        lambda b: _set(b, ("data", "rows", 0, "queue_time"), "soon"),
    ),
    (
        "outbound_cdr.json",
        "summary counter as string",
        lambda b: _set(b, ("data", "summary_rows", 0, "dialer"), "1"),
    ),
    (
        "outbound_cdr.json",
        "call_date not a datetime",
        lambda b: _set(b, ("data", "rows", 0, "call_date"), "today"),
    ),
    ("inbound_cdr.json", "missing field", lambda b: _drop(b, ("data", "rows", 1, "queue"))),
    (
        "exportAgentReport.json",
        "wp_sec as a JSON number",
        lambda b: _set(b, ("data", "rows", 0, "wp_sec"), 5),
    ),
    (
        "exportAgentReport.json",
        "unknown summary type",
        lambda b: _set(b, ("data", "summary_rows", 0, "type"), "Sum"),
    ),
    (
        "agent_cdr.json",
        "call_duration in seconds",
        lambda b: _set(b, ("data", "rows", 0, "call_duration"), "47"),
    ),
    ("agent_cdr.json", "lead_id as string", lambda b: _set(b, ("data", "rows", 0, "lead_id"), "3333333")),
    ("exportPauseReport.json", "pause code as string", lambda b: _set(b, ("data", "rows", 0, "lunch"), "0")),
    ("exportPauseReport.json", "missing total", lambda b: _drop(b, ("data", "rows", 0, "total_time"))),
    (
        "inbound_summary_stats.json",
        "one decimal",
        lambda b: _set(b, ("data", "rows", 0, "avg_hold_time"), "67.8"),
    ),
    (
        "agent_summary_stats.json",
        "lower-case USER",
        lambda b: _set(_drop(b, ("data", "rows", 0, "USER")), ("data", "rows", 0, "user"), "x"),
    ),
    ("getAgentStatus.json", "count as string", lambda b: _set(b, ("data", "paused_agents"), "9")),
    ("goGetTotalAgentsCall.json", "negative count", lambda b: _set(b, ("data",), -1)),
    ("getUserInfo.json", "flag as number", lambda b: _set(b, ("data", "user_info", "hotkeys_active"), 1)),
    (
        "getUserInfo.json",
        "sla without %",
        lambda b: _set(b, ("data", "user_stats", "sla_productivity"), "87"),
    ),
    ("getLiveAgentInfo.ready.json", "lead_id null", lambda b: _set(b, ("data", "lead_id"), None)),
    ("goGetAllUsers.json", "active as boolean", lambda b: _set(b, ("data", "user_list", 0, "active"), True)),
    ("goGetAllCalltimes.json", "time as string", lambda b: _set(b, ("ct_default_start", 0), "0700")),
    ("goGetCalltimeInfo.json", "time past 2400", lambda b: _set(b, ("ct_default_stop",), 2500)),
    ("getCampaignInfo.json", "active lower-case", lambda b: _set(b, ("data", "active"), "y")),
    ("getCampaignInfo.json", "missing campaign_type", lambda b: _drop(b, ("campaign_type",))),
    ("goGetAllCampaigns.json", "extra column", lambda b: _set(b, ("data", "rows", 0, "campaign_id"), "1")),
    (
        "getLeadsOnHopper.json",
        "priority out of range",
        lambda b: _set(b, ("data", "rows", 0, "priority"), 100),
    ),
    ("goGetCustomerInfo.json", "gender unknown", lambda b: _set(b, ("lead_info", "gender"), "X")),
    ("goGetCustomerInfo.json", "is_customer boolean", lambda b: _set(b, ("is_customer",), False)),
]


@pytest.mark.parametrize(("name", "what", "damage"), DAMAGE, ids=[f"{n}:{w}" for n, w, _ in DAMAGE])
def test_damaged_answers_are_rejected(name: str, what: str, damage):
    body = load(name)
    check = success_validator(action_of(name))
    assert check.is_valid(body)
    assert not check.is_valid(damage(body)), what


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_generic_damage_is_rejected(path):
    body = json.loads(path.read_text())
    check = success_validator(action_of(path.name))
    assert not check.is_valid({**body, "message": "Invalid Username/Password"}), "success with an error key"
    assert not check.is_valid({**body, "result": "error"})
    assert not check.is_valid({key: value for key, value in body.items() if key != "result"})
    second = list(body)[1]
    assert not check.is_valid({key: value for key, value in body.items() if key != second})


def test_nullable_fields_are_exactly_the_documented_ones():
    campaign = success_validator("getCampaignInfo")
    body = load("getCampaignInfo.json")
    assert campaign.is_valid(_set(body, ("data", "campaign_description"), None))
    assert not campaign.is_valid(_set(body, ("data", "campaign_name"), None))
    summary = success_validator("agent_summary_stats")
    stats = load("agent_summary_stats.json")
    assert summary.is_valid(_set(stats, ("data", "rows", 0, "most_dispo"), "SALE"))
    assert not summary.is_valid(_set(stats, ("data", "rows", 0, "portfolio"), None))


REFERENCE = Path(
    os.environ.get(
        "CROCODIAL_REFERENCE_DOCS", REPO_ROOT.parent / "shared" / "api-docs" / "crocodial-api-reference.txt"
    )
)


def _leaves(node: Any, key: str | None = None):
    if isinstance(node, dict):
        for child_key, child in node.items():
            yield from _leaves(child, child_key)
    elif isinstance(node, list):
        for child in node:
            yield from _leaves(child)
    else:
        yield key, node


@pytest.mark.skipif(not REFERENCE.exists(), reason="the vendor's reference is not in this checkout")
def test_every_fixture_value_is_written_in_the_reference():
    """Repairs only drop elisions and commas: each `"key": value` pair is the reference's own text."""
    reference = re.sub(r"\s+", " ", REFERENCE.read_text(encoding="utf-8"))
    for path in FIXTURES:
        for key, value in _leaves(json.loads(path.read_text())):
            token = json.dumps(value, ensure_ascii=False)
            if key is not None:
                token = f"{json.dumps(key)}: {token}"
            assert token in reference, (path.name, token)
    for line in (EXAMPLES_DIR / "add_lead.txt").read_text().splitlines():
        assert line in reference, line
