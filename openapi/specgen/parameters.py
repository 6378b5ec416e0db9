"""Schemas of the goAPI request parameters, shared by the GET (query) and POST (form) forms."""

from __future__ import annotations

from typing import Any

DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

# Parameters every goAction takes; the dispatcher answers them itself (credentials W8, unknown action
# W9/W10, default responsetype W4), so a missing one never gives 40001.
COMMON_PARAMETERS: dict[str, dict[str, Any]] = {
    "goUser": {
        "description": "API user name (compared case-insensitively, W8).",
        "schema": {"type": "string", "minLength": 1},
        "example": "MyUser",
    },
    "goPass": {
        "description": "The API user's password (plain text, compared exactly).",
        "schema": {"type": "string", "minLength": 1},
        "example": "MyPass",
    },
    "responsetype": {
        "description": "Answer format. Required by the reference; a server missing it answers XML (W4); "
        "any other value answers a plain-text error line (W5).",
        "schema": {"type": "string", "enum": ["json", "xml"], "x-server-default": "xml"},
        "example": "json",
    },
}

# Examples are per operation (the reference's own request values), so the kinds carry none.
PARAMETER_KINDS: dict[str, dict[str, Any]] = {
    "tenant[]": {
        "description": "Tenant (portfolio) codes to filter by, three characters each. A plain `tenant=X` "
        "counts as one element (W7); a code of another length answers 41004 (W12).",
        "schema": {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z0-9]{3}$"}},
    },
    "profile[]": {
        "description": "Profiles to filter by (e.g. COLLECTIONS, SERVERS).",
        "schema": {
            "type": "array",
            "items": {"type": "string", "minLength": 1, "maxLength": 40, "pattern": r"^[A-Za-z0-9_ -]+$"},
        },
    },
    "user[]": {
        "description": "Agent user names to include. A plain `user=X` counts as one element (W7).",
        "schema": {
            "type": "array",
            "items": {"type": "string", "minLength": 1, "maxLength": 20, "pattern": r"^[A-Za-z0-9._@-]+$"},
        },
    },
    "fromDate": {
        "description": "First day of the report (whole day from 00:00:00, W13).",
        "schema": DATE,
    },
    "toDate": {
        "description": "Last day of the report (whole day to 23:59:59, W13). At most 92 days after fromDate.",
        "schema": DATE,
    },
    "user": {
        "description": "User name to look up (case-insensitive). An unknown user answers 41004 (A10).",
        "schema": {"type": "string", "minLength": 1, "maxLength": 20, "pattern": r"^[A-Za-z0-9._@-]+$"},
    },
    "only_inactives": {
        "description": "`0` lists active users (default), `1` inactive ones (A9).",
        "schema": {"type": "string", "enum": ["0", "1"], "default": "0"},
    },
    "call_time_id": {
        "description": "Call time to read. `call-time-id` is a different, unknown parameter (A4).",
        "schema": {"type": "string", "minLength": 1, "maxLength": 20, "pattern": r"^[A-Za-z0-9_-]+$"},
    },
    "campaign_id": {
        "description": "Campaign to read (the reference's ids run to 10 characters, E18).",
        "schema": {"type": "string", "minLength": 1, "maxLength": 20, "pattern": r"^[A-Za-z0-9_-]+$"},
    },
    "lead_id": {
        "description": "Lead to read; wins over phone_number when both are given (A6).",
        "schema": {"type": "string", "pattern": r"^\d{1,11}$"},
    },
    "phone_number": {
        "description": "Phone number of the lead to read (the reference's `phone number`, A6/W7).",
        "schema": {"type": "string", "pattern": r"^\d{6,16}$"},
    },
}


def goaction_parameter(action: str) -> dict[str, Any]:
    return {
        "description": f"The action; always `{action}` for this operation.",
        "schema": {"type": "string", "const": action},
        "example": action,
    }


def query_parameter(name: str, spec: dict[str, Any], required: bool, example: Any = None) -> dict[str, Any]:
    """One OpenAPI query parameter; PHP arrays travel as repeated `name[]=` (form, exploded)."""
    param: dict[str, Any] = {"name": name, "in": "query", "required": required}
    param["description"] = spec["description"]
    if spec["schema"].get("type") == "array":
        param["style"] = "form"
        param["explode"] = True
    param["schema"] = spec["schema"]
    if example is not None:
        param["example"] = example
    return param
