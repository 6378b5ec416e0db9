"""The directory and live handlers' answers satisfy the contract, and their XML carries the same data."""

from __future__ import annotations

from datetime import datetime

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from crocodial_mock.paths import SPEC_PATH
from mockserver.actions import handler_for
from mockserver.encoding.goapi_xml import parse, project, render
from mockserver.errors import ApiError
from mockserver.params import Params
from mockserver.world import World, WorldSize
from mockserver.world.clock import Clock

SUCCESS_CALLS = [
    ("getAgentStatus", {}),
    ("goGetTotalAgentsCall", {}),
    ("getAllPortfolios", {}),
    ("getAllProfiles", {}),
    ("goGetAllUsers", {}),
    ("goGetAllUsers", {"only_inactives": "1"}),
    ("goGetAllCalltimes", {}),
    ("goGetCalltimeInfo", {"call_time_id": "weekdays-example"}),
    ("getCampaignInfo", {"campaign_id": "1234567"}),
    ("goGetAllCampaigns", {}),
    ("getLiveAgentInfo", {"user": "example.user"}),
]
ERROR_CALLS = [
    ("getLiveAgentInfo", {"user": "ghost"}),
    ("getCampaignInfo", {"campaign_id": "NOPE"}),
    ("goGetCalltimeInfo", {"call_time_id": "NOPE"}),
    ("goGetAllUsers", {"only_inactives": "7"}),
]
# A busy weekday afternoon and a Sunday night with almost everybody offline.
CLOCKS = ["2025-05-14T15:30:00", "2025-05-18T03:00:00"]


@pytest.fixture(scope="module")
def contract():
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    registry = Registry().with_resource("urn:spec", Resource.from_contents(spec, DRAFT202012))
    operations = {
        op["x-crocodial-action"]: op
        for item in spec["paths"].values()
        for method, op in item.items()
        if method == "get"
    }

    def errors_of(body, ref):
        validator = jsonschema.Draft202012Validator({"$ref": f"urn:spec{ref}"}, registry=registry)
        return [error.message for error in validator.iter_errors(body)]

    return operations, errors_of


@pytest.fixture(scope="module", params=CLOCKS)
def world(request):
    return World(7, clock=Clock(datetime.fromisoformat(request.param)), size=WorldSize(users=60, leads=1500))


@pytest.mark.parametrize(("action", "params"), SUCCESS_CALLS)
def test_success_answers_match_the_success_schema(contract, world, action, params):
    operations, errors_of = contract
    body = handler_for(action)(world, Params(params))
    assert errors_of(body, operations[action]["x-crocodial-success-schema"]) == []


def test_every_agent_and_campaign_answers_within_the_contract(contract, world):
    operations, errors_of = contract
    live_ref = operations["getLiveAgentInfo"]["x-crocodial-success-schema"]
    for agent in world.directory.agents():
        assert errors_of(handler_for("getLiveAgentInfo")(world, Params({"user": agent.user})), live_ref) == []
    info_ref = operations["getCampaignInfo"]["x-crocodial-success-schema"]
    for campaign in world.directory.campaigns:
        body = handler_for("getCampaignInfo")(world, Params({"campaign_id": campaign.campaign_id}))
        assert errors_of(body, info_ref) == []


@pytest.mark.parametrize(("action", "params"), ERROR_CALLS)
def test_errors_match_one_of_the_operations_error_schemas(contract, world, action, params):
    operations, errors_of = contract
    with pytest.raises(ApiError) as caught:
        handler_for(action)(world, Params(params))
    refs = operations[action]["x-crocodial-error-schemas"]
    assert any(errors_of(caught.value.body, ref) == [] for ref in refs)


@pytest.mark.parametrize("wellformed", [False, True])
@pytest.mark.parametrize(("action", "params"), SUCCESS_CALLS)
def test_xml_carries_the_json_data(world, action, params, wellformed):
    body = handler_for(action)(world, Params(params))
    assert parse(render(action, body, wellformed=wellformed)).nodes == project(body)
