"""The admin API's own contract, served at ``/__admin/openapi.json`` (validated, and checked against the
running admin API with schemathesis in tests/test_admin_openapi.py)."""

from __future__ import annotations

from typing import Any

from mockserver import __version__
from mockserver.faults import FAULT_TYPES
from mockserver.world.directory import DAYS
from mockserver.world.directory_additions import CAMPAIGN_TYPES, DIAL_METHODS
from mockserver.world.floor_overrides import ALIASES, STATES

OBJECT = {"type": "object"}
ERROR = {
    "description": "the request cannot be served; the message says why",
    "content": {
        "application/json": {
            "schema": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
        }
    },
}


def _ok(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema or OBJECT}}}


def _body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _op(summary: str, responses: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"summary": summary, "responses": responses, **extra}


def _additions(what: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "get": _op(f"every {what} added", {"200": _ok(f"the added {what}s")}),
        "post": _op(
            f"add a {what}", {"201": _ok(f"the {what} stored"), "400": ERROR}, requestBody=_body(schema)
        ),
    }


def _added_entry(name: str) -> dict[str, Any]:
    return {
        "parameters": [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}],
        "delete": _op("remove an added entry", {"200": _ok("deleted"), "400": ERROR, "404": ERROR}),
    }


_HOUR = {"type": "integer", "minimum": 0, "maximum": 2400}
_ID = {"type": "string", "pattern": "^[A-Za-z0-9_-]{2,20}$"}
CALL_TIME = {
    "type": "object",
    "required": ["call_time_id", "call_time_name"],
    "properties": {
        "call_time_id": _ID,
        "call_time_name": {"type": "string", "maxLength": 30},
        "call_time_comments": {"type": "string", "maxLength": 255},
        "default_start": _HOUR,
        "default_stop": _HOUR,
        "days": {
            "type": "object",
            "properties": {
                day: {"type": "array", "items": _HOUR, "minItems": 2, "maxItems": 2} for day in DAYS
            },
            "additionalProperties": False,
        },
        "user_group": {"type": "string"},
    },
    "additionalProperties": False,
}
CAMPAIGN = {
    "type": "object",
    "required": ["campaign_id", "campaign_name", "tenant"],
    "properties": {
        "campaign_id": _ID,
        "campaign_name": {"type": "string", "maxLength": 40},
        "tenant": {"type": "string"},
        "profile_id": {"type": "string"},
        "campaign_type": {"enum": list(CAMPAIGN_TYPES)},
        "dial_method": {"enum": list(DIAL_METHODS)},
        "auto_dial_level": {"enum": ["0", "1", "2", "3", "4"]},
        "active": {"type": "boolean"},
        "local_call_time": {"type": "string"},
        "campaign_description": {"type": ["string", "null"], "maxLength": 255},
    },
    "additionalProperties": False,
}

NEW_AGENT = {
    "type": "object",
    "required": ["user", "full_name", "tenant", "password"],
    "properties": {
        "user": {"type": "string", "pattern": "^[A-Za-z0-9._-]{2,20}$"},
        "full_name": {"type": "string", "maxLength": 50},
        "tenant": {"type": "string"},
        "profile_id": {"type": "string"},
        "active": {"type": "boolean"},
        "password": {"type": "string", "minLength": 1, "maxLength": 20},
        "campaign_id": {"type": "string"},
    },
    "additionalProperties": False,
}


def _list_of(key: str) -> dict[str, Any]:
    return {"type": "object", "required": [key], "properties": {key: {"type": "array", "items": OBJECT}}}


CLOCK = {
    "type": "object",
    "required": ["now", "mode", "configured"],
    "properties": {
        "now": {"type": "string"},
        "mode": {"enum": ["frozen", "running", "live"]},
        "configured": {"type": ["string", "null"]},
    },
}
FAULT = {
    "type": "object",
    "properties": {
        "fault": {"enum": list(FAULT_TYPES)},
        "action": {"type": "string"},
        "delay_ms": {"type": "integer", "minimum": 0, "maximum": 120000},
        "times": {"type": "integer", "minimum": 1},
        "percent": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
        "seed": {"type": "integer", "minimum": 0},
        "chunks": {"type": "integer", "minimum": 2, "maximum": 1000},
    },
    "additionalProperties": False,
}
MATCHER = {
    "type": "object",
    "minProperties": 1,
    "maxProperties": 1,
    "properties": {
        "equalTo": {"type": "string"},
        "matches": {"type": "string"},
        "contains": {"type": "string"},
        "absent": {"type": "boolean"},
    },
    "additionalProperties": False,
}
STUB = {
    "type": "object",
    "required": ["response"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "priority": {"type": "integer", "minimum": 1},
        "scenarioName": {"type": "string"},
        "requiredScenarioState": {"type": "string"},
        "newScenarioState": {"type": "string"},
        "request": {
            "type": "object",
            "properties": {
                "module": {"type": "string"},
                "action": {"type": "string"},
                "method": {"type": "string"},
                "credentials": {"enum": ["valid", "invalid"]},
                "parameters": {"type": "object", "additionalProperties": MATCHER},
            },
        },
        "response": {
            "type": "object",
            "properties": {
                "json": OBJECT,
                "lines": {"type": "array", "items": {"type": "string"}},
                "body": {"type": "string"},
                "status": {"type": "integer", "minimum": 100, "maximum": 599},
                "headers": {"type": "object", "additionalProperties": {"type": "string"}},
                "delayMs": {"type": "integer", "minimum": 0, "maximum": 120000},
                "fault": {"enum": list(FAULT_TYPES)},
            },
        },
    },
}
STUB_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
USER = {"name": "user", "in": "path", "required": True, "schema": {"type": "string"}}
JOURNAL_QUERY = [
    {"name": name, "in": "query", "required": False, "schema": schema}
    for name, schema in (
        ("action", {"type": "string"}),
        ("module", {"type": "string"}),
        ("endpoint", {"type": "string"}),
        ("method", {"type": "string"}),
        ("outcome", {"type": "string"}),
        ("status", {"type": "integer", "minimum": 0}),
        ("matched", {"enum": ["true", "false"]}),
        ("since", {"type": "string", "format": "date-time"}),
        ("limit", {"type": "integer", "minimum": 0}),
    )
]


def document() -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/__admin/health": {"get": _op("liveness, seed, clock, modes", {"200": _ok("health")})},
        "/__admin/reset": {"post": _op("back to the seeded state", {"200": _ok("reset")})},
        "/__admin/requests": {
            "get": _op(
                "the journal, newest first, filtered",
                {"200": _ok("journal", _list_of("requests")), "400": ERROR},
                parameters=JOURNAL_QUERY,
            ),
            "delete": _op("empty the journal", {"200": _ok("cleared")}),
        },
        "/__admin/requests/count": {
            "get": _op(
                "how many journal entries match",
                {
                    "200": _ok("count", {"type": "object", "properties": {"count": {"type": "integer"}}}),
                    "400": ERROR,
                },
                parameters=JOURNAL_QUERY,
            )
        },
        "/__admin/requests/unmatched": {
            "get": _op("requests no action answered", {"200": _ok("unmatched", _list_of("requests"))})
        },
        "/__admin/faults": {
            "post": _op(
                "switch a fault on", {"201": _ok("the fault"), "400": ERROR}, requestBody=_body(FAULT)
            ),
            "get": _op("active faults", {"200": _ok("faults", _list_of("faults"))}),
            "delete": _op("switch every fault off", {"200": _ok("cleared")}),
        },
        "/__admin/faults/{fault_id}": {
            "parameters": [
                {"name": "fault_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "delete": _op("switch one fault off", {"200": _ok("deleted"), "404": ERROR}),
        },
        "/__admin/mappings": {
            "post": _op(
                "create a stub", {"201": _ok("the stub", STUB), "400": ERROR}, requestBody=_body(STUB)
            ),
            "get": _op("every stub, in the order tried", {"200": _ok("stubs", _list_of("mappings"))}),
            "delete": _op("remove every stub", {"200": _ok("cleared")}),
        },
        "/__admin/mappings/reset": {"post": _op("back to the --mappings stubs", {"200": _ok("cleared")})},
        "/__admin/mappings/{id}": {
            "parameters": [STUB_ID],
            "get": _op("one stub", {"200": _ok("the stub", STUB), "404": ERROR}),
            "put": _op(
                "replace a stub",
                {"200": _ok("the stub", STUB), "400": ERROR, "404": ERROR},
                requestBody=_body(STUB),
            ),
            "delete": _op("remove a stub", {"200": _ok("deleted"), "404": ERROR}),
        },
        "/__admin/scenarios": {
            "get": _op("scenario states", {"200": _ok("scenarios", _list_of("scenarios"))})
        },
        "/__admin/scenarios/reset": {"post": _op("every scenario to Started", {"200": _ok("reset")})},
        "/__admin/clock": {
            "get": _op("the emulator's now", {"200": _ok("clock", CLOCK)}),
            "put": _op(
                "jump to an instant",
                {"200": _ok("clock", CLOCK), "400": ERROR},
                requestBody=_body(
                    {
                        "type": "object",
                        "required": ["now"],
                        "properties": {"now": {"type": "string"}, "mode": {"enum": ["frozen", "running"]}},
                        "additionalProperties": False,
                    }
                ),
            ),
            "delete": _op("back to the configured clock", {"200": _ok("clock", CLOCK)}),
        },
        "/__admin/clock/advance": {
            "post": _op(
                "move the clock forward",
                {"200": _ok("clock", CLOCK), "400": ERROR},
                requestBody=_body(
                    {
                        "type": "object",
                        "minProperties": 1,
                        "properties": {
                            unit: {"type": "integer", "minimum": 0}
                            for unit in ("days", "hours", "minutes", "seconds")
                        },
                        "additionalProperties": False,
                    }
                ),
            )
        },
        "/__admin/clock/freeze": {"post": _op("stop the clock", {"200": _ok("clock", CLOCK)})},
        "/__admin/clock/run": {"post": _op("let the clock run", {"200": _ok("clock", CLOCK)})},
        "/__admin/agents/{user}/state": {
            "parameters": [USER],
            "get": _op("the agent's live row", {"200": _ok("row"), "404": ERROR}),
            "put": _op(
                "put the agent in a state",
                {"200": _ok("row"), "400": ERROR},
                requestBody=_body(
                    {
                        "type": "object",
                        "required": ["state"],
                        "properties": {
                            "state": {"enum": [*STATES, *ALIASES]},
                            "pause_code": {"type": "string"},
                            "lead_id": {"type": "integer"},
                            "campaign_id": {"type": "string"},
                            "call_type": {"type": "string"},
                        },
                        "additionalProperties": False,
                    }
                ),
            ),
            "delete": _op("back to the simulation", {"200": _ok("row"), "404": ERROR}),
        },
        "/__admin/campaigns/{campaign_id}/hopper": {
            "parameters": [
                {"name": "campaign_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "post": _op(
                "queue a lead for dialling",
                {"201": _ok("the hopper row"), "400": ERROR},
                requestBody=_body(
                    {
                        "type": "object",
                        "required": ["lead_id"],
                        "properties": {
                            "lead_id": {"type": "integer"},
                            "priority": {"type": "integer", "minimum": 0, "maximum": 99},
                        },
                        "additionalProperties": False,
                    }
                ),
            ),
        },
        "/__admin/calltimes": _additions("call time", CALL_TIME),
        "/__admin/calltimes/{call_time_id}": _added_entry("call_time_id"),
        "/__admin/campaigns": _additions("campaign", CAMPAIGN),
        "/__admin/campaigns/{campaign_id}": _added_entry("campaign_id"),
        "/__admin/users": _additions("agent", NEW_AGENT),
        "/__admin/users/{user}": _added_entry("user"),
        "/__admin/snapshot": {
            "get": _op("the mutable state", {"200": _ok("snapshot")}),
            "post": _op(
                "restore a snapshot", {"200": _ok("restored"), "400": ERROR}, requestBody=_body(OBJECT)
            ),
        },
        "/__admin/openapi.json": {"get": _op("this document", {"200": _ok("OpenAPI document")})},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "crocodial-mock admin API",
            "version": __version__,
            "description": "Control the emulator: journal, faults, stubs, clock, live floor, directory "
            "additions, snapshots.",
        },
        "paths": paths,
    }
