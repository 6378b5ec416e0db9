"""goAgent's goGetCustomerInfo: one lead as an agent's screen shows it, seeded or loaded through add_lead."""

from __future__ import annotations

from typing import Any

from mockserver import errors
from mockserver.actions import action
from mockserver.errors import ApiError
from mockserver.params import Params
from mockserver.world import World


@action("goGetCustomerInfo")
def go_get_customer_info(world: World, params: Params) -> dict[str, Any]:
    """By ``lead_id`` (wins when both are sent) or ``phone_number`` (ERRATA A6); not found → A8.

    A phone shared by several leads finds the most recently added one (ERRATA L21)."""
    lead_id = params.get("lead_id")
    phone = params.get("phone_number")
    if lead_id:
        lead = world.leads.get(int(lead_id)) if lead_id.isdigit() else None
        if lead is None:
            raise ApiError(_not_found(f"Lead ID '{mysql_escaped(lead_id)}'"))
    elif phone:
        lead = world.leads.find_by_phone(phone)
        if lead is None:
            raise ApiError(_not_found(f"Phone Number '{mysql_escaped(phone)}'"))
    else:
        raise ApiError(errors.missing_parameters())
    return {
        "result": "success",
        "lead_info": lead.lead_info(),
        "custom_info": dict(lead.custom_fields) if lead.custom_fields is not None else None,
        "is_customer": lead.is_customer,
    }


_MYSQL_ESCAPES = str.maketrans(
    {"\\": "\\\\", "\0": "\\0", "\n": "\\n", "\r": "\\r", "'": "\\'", '"': '\\"', "\x1a": "\\Z"}
)


def mysql_escaped(value: str) -> str:
    """The value as upstream echoes it: after mysqli ``real_escape_string`` (a newline becomes ``\\n``),
    so the not-found message stays on one line whatever a client sends."""
    return value.translate(_MYSQL_ESCAPES)


def _not_found(what: str) -> dict[str, Any]:
    return {"result": "error", "message": f"{what} does NOT exist on the database"}
