"""The admin API's contract: a valid OpenAPI document, served, and the running admin API conforms to it
(schemathesis: every operation with generated input, no server error, statuses, content types and bodies
as documented)."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mockserver.admin_openapi import document
from mockserver.app import create_app
from mockserver.config import EmulatorConfig
from mockserver.world import WorldSize

APP = create_app(
    EmulatorConfig(
        seed=7, now="2025-05-14T15:30:00", size=WorldSize(users=30, campaigns=6, calls_per_day=300, leads=600)
    )
)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
"""The general checks only (the kit's CrocoDial checks judge the vendor's API, not this one)."""
schema = schemathesis.openapi.from_dict(document())
schema.app = APP


def test_the_document_is_valid_openapi_and_served():
    validate(document())
    served = APP.test_client().get("/__admin/openapi.json")
    assert served.status_code == 200 and served.get_json() == document()


def test_every_admin_route_is_documented():
    routes = {
        rule.rule.replace("<stub_id>", "{id}")
        .replace("<user>", "{user}")
        .replace("<campaign_id>", "{campaign_id}")
        .replace("<call_time_id>", "{call_time_id}")
        .replace("<fault_id>", "{fault_id}")
        for rule in APP.url_map.iter_rules()
        if rule.rule.startswith("/__admin") and not rule.endpoint.startswith("crocodial_console.")
    }  # the console's HTML pages are not part of the JSON admin API
    assert routes == set(document()["paths"])


@schema.parametrize()
@settings(
    max_examples=8, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
def test_the_admin_api_conforms(case: schemathesis.Case) -> None:
    response = case.call()
    case.validate_response(response, checks=CHECKS)
