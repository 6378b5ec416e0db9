"""Success and error envelopes, field by field from the reference's field tables and examples.

Fields are written in a compact notation (``FIELD_TYPES``) so each table reads like the reference:
numbers that travel as strings get patterns, JSON numbers stay numbers, and only fields the
reference shows as null are nullable.
"""

from __future__ import annotations

from typing import Any

FIELD_TYPES: dict[str, dict[str, Any]] = {
    "str": {"type": "string"},
    "str?": {"type": ["string", "null"]},
    "int_str": {"type": "string", "pattern": r"^-?\d+$"},
    "int_str?": {"type": ["string", "null"], "pattern": r"^-?\d+$"},
    "dec2_str": {"type": "string", "pattern": r"^-?\d+\.\d{2}$"},
    "num_str": {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"},
    "datetime": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"},
    "date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    # A DATE column as MySQL returns it: an unset date is the zero date 0000-00-00, not a calendar date.
    "mysql_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "hms": {"type": "string", "pattern": r"^\d{2,}:\d{2}:\d{2}$"},
    "flag01": {"type": "string", "enum": ["0", "1"]},
    "yn": {"type": "string", "enum": ["Y", "N"]},
    "int": {"type": "integer"},
    "count": {"type": "integer", "minimum": 0},
    "bool01": {"type": "integer", "enum": [0, 1]},
    "number": {"type": "number"},
    "hhmm": {"type": "integer", "minimum": 0, "maximum": 2400},
    "percent": {"type": "string", "pattern": r"^\d+(\.\d+)?%$"},
    "html": {"type": "string", "pattern": r"^<"},
    "ipv4": {"type": "string", "pattern": r"^\d{1,3}(\.\d{1,3}){3}$"},
}


def obj(
    fields: dict[str, Any],
    *,
    optional: tuple[str, ...] = (),
    extra: Any = False,
    description: str | None = None,
) -> dict[str, Any]:
    """A closed object: every field required except ``optional``; ``extra`` is additionalProperties."""
    props = {name: (FIELD_TYPES[kind] if isinstance(kind, str) else kind) for name, kind in fields.items()}
    schema: dict[str, Any] = {"type": "object"}
    if description:
        schema["description"] = description
    schema["required"] = [name for name in fields if name not in optional]
    schema["properties"] = props
    schema["additionalProperties"] = extra
    return schema


def array(items: Any, description: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array"}
    if description:
        schema["description"] = description
    schema["items"] = FIELD_TYPES[items] if isinstance(items, str) else items
    return schema


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def success(fields: dict[str, Any], description: str) -> dict[str, Any]:
    return obj({"result": {"type": "string", "const": "success"}, **fields}, description=description)


HEADERS = array(ref("TableHeader"), "Column definitions for the web UI's table (A14).")

SHARED: dict[str, dict[str, Any]] = {
    "TableHeader": {
        "type": "object",
        "description": "A table column as the web UI draws it; more display keys (frozen, minWidth, "
        "formatter...) may follow.",
        "required": ["title", "field"],
        "properties": {"title": {"type": "string"}, "field": {"type": "string"}},
        "additionalProperties": True,
    },
}

OUTBOUND_CDR_ROW = obj(
    {
        "call_date": "datetime",
        "src": "str",
        "dst": "str",
        "agent": "str",
        "campaign": "str",
        "call_type": "str",
        "disposition": "str",
        "carrier_disposition": "str",
        "term_reason": "str",
        "queue_time": "int_str",
        "portfolio": "str",
        "vendor_lead_code": "str",
        "lead_id": "int_str",
        "list_id": "int_str",
        "entry_date": "datetime",
    }
)
OUTBOUND_CDR_SUMMARY_ROW = obj(
    {
        "campaign_name": "str",
        **{
            name: "count"
            for name in (
                "total_leads",
                "dialable",
                "pending",
                "total_calls",
                "dialer",
                "dialed",
                "manual_calls",
                "handled_calls",
                "total_removed",
                "removed",
                "remove_all_period",
            )
        },
    }
)
INBOUND_CDR_ROW = obj(
    {
        "call_date": "datetime",
        "enter_on_queue": "datetime",
        "src": "str",
        "dst": "str",
        "carrier": "str",
        "uniq1": {"type": "string", "pattern": r"^\d+\.\d+$"},
        "queue": "str",
        "agent": "str",
        "campaign": "str",
        "disposition": "str",
        "term_reason": "str",
        "queue_time": "int_str",
        "call_duration": "int_str",
        "queue_position": "int_str",
        "portfolio": "str",
        "lead_id": "int_str",
        "list_id": "str",
        "vendor_lead_code": "str",
    }
)
AGENT_REPORT_SECONDS = (
    "avalible",
    "avail_between_calls",
    "talk",
    "avg_talk",
    "talk_+_avail",
    "wp_sec",
    "aftercall",
    "total_calls",
    "break",
    "pause",
    "login_time",
    "sales",
    "denied",
    "lip",
    "vrf",
)
EXPORT_AGENT_REPORT_ROW = obj(
    {
        "user": "str",
        "portfolio": "str",
        "first_activity": "datetime",
        "last_activity": "datetime",
        **{name: ("int_str?" if name == "wp_sec" else "int_str") for name in AGENT_REPORT_SECONDS},
        "profile": "str",
    }
)
EXPORT_AGENT_REPORT_SUMMARY_ROW = obj(
    {
        "type": {"type": "string", "enum": ["Summary", "Average", "Max", "Min"]},
        "user": "number",
        "portfolio": "number",
        "first_activity": "number",
        "last_activity": "number",
        **dict.fromkeys(AGENT_REPORT_SECONDS, "number"),
        "profile": "number",
    },
    description="Aggregates over the rows; text columns aggregate to 0 and datetimes to a number (E14).",
)
AGENT_CDR_ROW = obj(
    {
        "user": "str",
        "answer_time": "datetime",
        "disposition": "str",
        "phone_number": "str",
        "loan_number": "str",
        "call_type": "str",
        "call_duration": "hms",
        "lead_id": "int",
        "term_reason": "str",
        "portfolio": "str",
        "campaign_name": "str",
    }
)
AGENT_CALLS_ROW = obj(
    {
        "user": "str",
        "profile": "str",
        "portfolio": "str",
        "avg_talk": "int_str",
        "total_calls": "int_str",
        "manual": "int_str",
        "inbound": "int_str",
        "dialer": "int_str",
    }
)
PAUSE_CODES = (
    "pause",
    "dialne",
    "manual",
    "priv",
    "virtua",
    "data",
    "meetin",
    "train",
    "wc",
    "lunch",
    "lagged",
    "login",
    "andial",
)
EXPORT_PAUSE_ROW = obj(
    {
        "user": "str",
        "logged_days": "count",
        "pause_sec": "count",
        "wait_sec": "count",
        "talk_sec": "count",
        "wp_sec": "count",
        "dispo_sec": "count",
        "dead_sec": "count",
        "manual_talk": "count",
        **dict.fromkeys(PAUSE_CODES, "count"),
        "billable_time": "count",
        "no_billable_time": "count",
        "total_time": "count",
    },
    extra={"type": "integer", "minimum": 0},
    description="Seconds per agent. One column per pause code: the documented codes always, and any "
    "further code the call centre defines (E24). Column order may differ between rows (E24).",
)
INBOUND_SUMMARY_ROW = obj(
    {
        "calldate": "date",
        "total_calls": "int_str",
        "queued_calls": "int_str",
        "abandon1": "int_str",
        "abandon2": "int_str",
        "handled_calls": "int_str",
        "avg_hold_time": "dec2_str",
        "avg_handle_time": "dec2_str",
    }
)
AGENT_SUMMARY_ROW = obj(
    {
        "USER": "str",
        **dict.fromkeys(
            (
                "calls_handled",
                "manual_calls",
                "inbound_calls",
                "dialer_calls",
                "xfer_out",
                "xfer_in",
                "voicemail",
                "denied",
                "noa",
                "sales",
                "WIT",
                "login_time",
                "pause",
                "break",
                "talk",
            ),
            "int_str",
        ),
        "most_dispo": "str?",
        "portfolio": "str",
        "profile": "str",
    }
)
AGENT_TIME_USAGE_ROW = obj(
    {
        "user": "str",
        **dict.fromkeys(
            ("first_login", "last_logoff", "login_time", "after_call", "break", "pausa", "avalible", "talk"),
            "number",
        ),
        "wrapup": "number",
        "cust_leave": "number",
        "total_calls": "count",
        "pause": "number",
        "ready": "number",
    }
)
USER_INFO = obj(
    {
        "user_id": "int",
        "user": "str",
        "pass": "str",
        "pass_hash": "str",
        "email": "str",
        "voicemail_id": "str",
        "phone_login": "str",
        "phone_pass": "str",
        "full_name": "str",
        "user_level": {"type": "integer", "minimum": 0, "maximum": 9},
        "territory": "str",
        "tenant": "str",
        "user_code": "str",
        "hotkeys_active": "flag01",
        "agent_choose_ingroups": "flag01",
        "scheduled_callbacks": "flag01",
        "agentonly_callbacks": "flag01",
        "agentcall_manual": "flag01",
        "dialer_recording": "flag01",
        "dialer_transfers": "flag01",
        "closer_default_blended": "flag01",
        "user_group": "str",
        "dialer_recording_override": "str",
        "alter_custphone_override": "str",
        "alert_enabled": "flag01",
        "agent_shift_enforcement_override": "str",
        "shift_override_flag": "flag01",
        "allow_alerts": "flag01",
        "closer_campaigns": "str",
        "agent_choose_territories": "flag01",
        "custom_one": "str",
        "custom_two": "str",
        "custom_three": "str",
        "custom_four": "str",
        "custom_five": "str",
        "agent_call_log_view_override": "str",
        "agent_choose_blended": "flag01",
        "agent_lead_search_override": "str",
        "preset_contact_search": "str",
        "voicemail_pass": "str",
    }
)
USER_STATS = obj(
    {
        **dict.fromkeys(
            (
                "first_activity",
                "last_activity",
                "login_time",
                "after_call",
                "break",
                "pause",
                "avalible",
                "avg_wait",
                "talk",
                "talk_avalible",
            ),
            "hms",
        ),
        **dict.fromkeys(("total_calls", "denied", "lip", "vrf", "sales"), "count"),
        "sla_productivity": "percent",
    }
)
LIVE_AGENT = obj(
    {
        "status": "str",
        "color": "str",
        "in_call_with": "str",
        "campaign_id": "str",
        "campaign_name": "str",
        "call_type": "str",
        "caller_id": "str",
        "conf_exten": "str",
        "server_ip": "ipv4",
        "vendor_lead_code": "str",
        "lead_id": "count",
    },
    description="The agent's live state; the call fields are empty strings and lead_id 0 when not on a call.",
)
USER_LIST_ROW = obj(
    {
        "user_id": "int",
        "user": "str",
        "name": "str",
        "exten": "int",
        "level": {"type": "integer", "minimum": 0, "maximum": 9},
        "active": "yn",
        "campaign_id": "str",
        "campaign_name": "str",
        "rank": "int",
        "profile_id": "int",
        "allowed_companys": array("str"),
        "inbound": "bool01",
        "dialer": "bool01",
        "xfer": "bool01",
        "manual_dial_only": "bool01",
        "closer_campaigns": "str",
        "agentcall_manual": "flag01",
    }
)
CALLTIME_DAYS = ("default", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
CALLTIME_WINDOWS = tuple(f"ct_{day}_{edge}" for day in CALLTIME_DAYS for edge in ("start", "stop"))
CAMPAIGN_INFO = obj(
    {
        "campaign_id": "str",
        "campaign_name": "str",
        "active": "yn",
        **dict.fromkeys((f"dial_status_{x}" for x in "abcde"), "str?"),
        "lead_order": "str",
        "hopper_level": "count",
        "auto_dial_level": "num_str",
        "next_agent_call": "str",
        "local_call_time": "str",
        "dial_timeout": "count",
        "dial_prefix": "str",
        "campaign_cid": "str",
        "campaign_script": "str",
        "campaign_recording": "str",
        "closer_campaigns": "str",
        "drop_call_seconds": "count",
        "drop_action": "str",
        "wrapup_seconds": "count",
        "wrapup_message": "str",
        "manual_dial_list_id": "int",
        "queue_priority": "int",
        "default_xfer_group": "str",
        "survey_method": "str",
        "survey_dtmf_digits": "str",
        "survey_xfer_exten": "str",
        "use_internal_dnc": "yn",
        "manual_dial_timeout": "int_str",
        "three_way_call_cid": "str",
        "three_way_dial_prefix": "str",
        "callback_days_limit": "count",
        "campaign_description": "str?",
        "campaign_calldate": "datetime",
    },
    optional=("dial_status_c", "dial_status_d", "dial_status_e", "wrapup_message"),
    description="The campaign's settings. dial_status_c..e and wrapup_message are in the field table but "
    "not the example, so they may be absent (E20).",
)
CAMPAIGN_ROW = obj(
    {
        "id": "str",
        "campaign_name": "str",
        "dialer": "yn",
        "campaign_vdad_exten": "str",
        "list_order_mix": "str",
        "dial_method": "str",
        "auto_dial_level": "num_str",
        "active": "yn",
    }
)
HOPPER_ROW = obj(
    {
        "lead_id": "int_str",
        "last_local_call_time": "datetime",
        "loan_id": "str",
        "phone_number": "str",
        "state": "str",
        "disposition": "str",
        "count": "count",
        "gmt_offset_now": "dec2_str",
        "hopper_id": "int_str",
        "alt_dial": "str",
        "list_name": "str",
        "list_id": "int_str",
        "priority": {"type": "integer", "minimum": -99, "maximum": 99},
        "source": "str",
        "numrows": "count",
        "delete": "html",
    }
)
LEAD_INFO = obj(
    {
        "lead_id": "count",
        "list_id": "count",
        **dict.fromkeys(
            (
                "title",
                "first_name",
                "middle_initial",
                "last_name",
                "phone_number",
                "alt_phone",
                "email",
                "address1",
                "address2",
                "address3",
                "city",
                "state",
                "province",
                "postal_code",
                "country_code",
            ),
            "str",
        ),
        "gender": {"type": "string", "enum": ["U", "M", "F"]},
        "date_of_birth": "mysql_date",
        "status": "str",
        "user": "str",
        "comments": "str",
    }
)

SUCCESS: dict[str, dict[str, Any]] = {
    "OutboundCdrSuccess": success(
        {
            "data": obj(
                {
                    "rows": array(OUTBOUND_CDR_ROW),
                    "headers": HEADERS,
                    "summary_headers": HEADERS,
                    "summary_rows": array(OUTBOUND_CDR_SUMMARY_ROW),
                }
            )
        },
        "outbound_cdr: call rows plus per-campaign summary rows.",
    ),
    "InboundCdrSuccess": success(
        {"data": obj({"rows": array(INBOUND_CDR_ROW), "headers": HEADERS})},
        "inbound_cdr: inbound call rows.",
    ),
    "ExportAgentReportSuccess": success(
        {
            "data": obj(
                {
                    "headers": HEADERS,
                    "rows": array(EXPORT_AGENT_REPORT_ROW),
                    "summary_headers": HEADERS,
                    "summary_rows": array(EXPORT_AGENT_REPORT_SUMMARY_ROW),
                }
            )
        },
        "exportAgentReport: one row per agent and portfolio, then Summary/Average/Max/Min rows.",
    ),
    "AgentCdrSuccess": success(
        {"data": obj({"rows": array(AGENT_CDR_ROW), "headers": HEADERS})},
        "agent_cdr: the agents' call rows.",
    ),
    "AgentCallsReportSuccess": success(
        {
            "data": obj(
                {
                    "agent_report": obj({"headers": HEADERS, "rows": array(AGENT_CALLS_ROW)}),
                    "frequency_report": obj(
                        {"headers": HEADERS, "rows": array({"type": "object"})},
                        description="Empty in the reference's example; its row layout is undocumented.",
                    ),
                }
            )
        },
        "agent_calls_report: per-agent call counts.",
    ),
    "ExportPauseReportSuccess": success(
        {"data": obj({"headers": HEADERS, "rows": array(EXPORT_PAUSE_ROW)})},
        "exportPauseReport: seconds per agent by pause code.",
    ),
    "InboundSummaryStatsSuccess": success(
        {"data": obj({"rows": array(INBOUND_SUMMARY_ROW), "headers": HEADERS})},
        "inbound_summary_stats: one row per day.",
    ),
    "AgentSummaryStatsSuccess": success(
        {
            "data": obj(
                {
                    "dates": {
                        "type": "string",
                        "description": "The SQL range the report covers (E16).",
                        "pattern": r"^'\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?' AND '\d{4}-\d{2}-\d{2} "
                        r"\d{2}:\d{2}:\d{2}'$",
                    },
                    "headers": HEADERS,
                    "rows": array(AGENT_SUMMARY_ROW),
                }
            )
        },
        "agent_summary_stats: one row per agent over the last day.",
    ),
    "AgentTimeUsageSuccess": success(
        {
            "data": obj(
                {
                    "breakdown": array(AGENT_TIME_USAGE_ROW),
                    "general": obj(dict.fromkeys(("pause", "ready", "talk"), "number")),
                }
            )
        },
        "agentTimeUsage: per-agent time breakdown and general averages.",
    ),
    "GetAgentStatusSuccess": success(
        {
            "data": obj(
                dict.fromkeys(
                    (
                        "total_live_agents",
                        "paused_agents",
                        "ready_agents",
                        "incall_agents",
                        "offline_agents",
                        "total_active_agents",
                    ),
                    "count",
                )
            )
        },
        "getAgentStatus: agent counts by state.",
    ),
    "GoGetTotalAgentsCallSuccess": success(
        {"data": FIELD_TYPES["count"]}, "goGetTotalAgentsCall: number of agents on a call."
    ),
    "GetUserInfoSuccess": success(
        {"data": obj({"user_info": USER_INFO, "user_stats": USER_STATS})},
        "getUserInfo: the user's settings and today's statistics.",
    ),
    "GetLiveAgentInfoSuccess": success({"data": LIVE_AGENT}, "getLiveAgentInfo: the agent's live state."),
    "GetAllPortfoliosSuccess": success(
        {"data": array(obj({"portfolio": "str", "portfolio_name": "str"}))},
        "getAllPortfolios: portfolio codes and names.",
    ),
    "GetAllProfilesSuccess": success(
        {
            "data": array(obj({"profile_id": "str", "profile_name": "str"})),
            "use_profile": "bool01",
            "profiles": obj(
                {
                    "headers": HEADERS,
                    "rows": array(
                        obj(
                            {
                                "id": "int",
                                "profile_id": "str",
                                "profile_name": "str",
                                "disposition_set": "str",
                                "action": "html",
                            }
                        )
                    ),
                }
            ),
        },
        "getAllProfiles: profiles, and the table the web UI draws.",
    ),
    "GoGetAllUsersSuccess": success(
        {
            "data": obj(
                {
                    "user_list": array(USER_LIST_ROW),
                    "all_campaigns": array("str"),
                    "all_preview_campaigns": array(obj({"campaign_id": "str", "campaign_name": "str"})),
                    "total_users": "count",
                    "total_active_users": "count",
                    "total_inactive_users": "count",
                }
            )
        },
        "goGetAllUsers: users, campaigns and totals.",
    ),
    "GoGetAllCalltimesSuccess": success(
        {
            "call_time_id": array("str"),
            "call_time_name": array("str"),
            **{name: array("hhmm") for name in CALLTIME_WINDOWS},
            "user_group": array("str"),
        },
        "goGetAllCalltimes: parallel lists, entry i of every list describes call time i.",
    ),
    "GoGetCalltimeInfoSuccess": success(
        {
            "id": "int",
            "call_time_id": "str",
            "call_time_name": "str",
            "call_time_comments": "str",
            **dict.fromkeys(CALLTIME_WINDOWS, "hhmm"),
            "ct_state_call_times": "str",
            **{f"{day}_afterhours_filename_override": "str" for day in CALLTIME_DAYS},
            "user_group": "str",
            "ct_holidays": "str",
        },
        "goGetCalltimeInfo: one call time, flat.",
    ),
    "GetCampaignInfoSuccess": success(
        {"data": CAMPAIGN_INFO, "campaign_type": "str", "custom_fields_launch": "str"},
        "getCampaignInfo: the campaign's settings and type.",
    ),
    "GoGetAllCampaignsSuccess": success(
        {"data": obj({"rows": array(CAMPAIGN_ROW)})}, "goGetAllCampaigns: one row per campaign."
    ),
    "GetLeadsOnHopperSuccess": success(
        {"data": obj({"rows": array(HOPPER_ROW), "headers": HEADERS, "html": "str", "content": "str"})},
        "getLeadsOnHopper: the leads queued for the campaign.",
    ),
    "GoGetCustomerInfoSuccess": success(
        {
            "lead_info": LEAD_INFO,
            "custom_info": {
                "type": ["object", "null"],
                "description": "The list's custom fields by label, or null when it has none.",
            },
            "is_customer": "bool01",
        },
        "goGetCustomerInfo: the lead's data.",
    ),
}


def _error(fields: dict[str, Any], description: str) -> dict[str, Any]:
    return obj(fields, description=description)


def _const(value: str) -> dict[str, str]:
    return {"type": "string", "const": value}


ERROR_RESULT = _const("error")

ERRORS: dict[str, dict[str, Any]] = {
    "InvalidCredentials": _error(
        {"result": ERROR_RESULT, "message": _const("Invalid Username/Password")},
        "Documented: goUser/goPass do not match an API user (W8).",
    ),
    "CommandNotFound": _error(
        {"result": ERROR_RESULT, "message": _const("Command Not Found")},
        "Upstream: unknown, empty or other module's goAction on a root-dispatched module (W9).",
    ),
    "AgentEmptyAction": _error(
        {"result": ERROR_RESULT, "message": _const("goAction should NOT be empty")},
        "Upstream: goAgent without a goAction (W10).",
    ),
    "AgentCommandNotFound": _error(
        {"result": ERROR_RESULT, "message": _const("Command NOT Found")},
        "Upstream: goAgent with an unknown goAction (W10).",
    ),
    "MissingParameters": _error(
        {"code": _const("40001"), "message": _const("Error: Missing required parameters")},
        "Documented 40001: a required parameter of the action is missing (W11).",
    ),
    "InvalidValue": _error(
        {"code": _const("41004"), "message": {"type": "string", "pattern": r"^Invalid value in .+"}},
        "41004: a parameter value the action cannot use (W12, W13).",
    ),
    "UserNotFound": _error(
        {"code": _const("41004"), "message": _const("Invalid value in user. Doesn't exist")},
        "No such user (A10).",
    ),
    "CampaignNotFound": _error(
        {"code": _const("41004"), "message": _const("Invalid value in campaign_id")},
        "No such campaign (A11).",
    ),
    "CalltimeNotFound": _error(
        {"result": _const("Error: Calltime does not exist.")}, "No such call time (A5)."
    ),
    "HopperEmpty": _error(
        {"result": _const("Error: No records found.")}, "The campaign exists but its hopper is empty (A12)."
    ),
    "LeadNotFound": _error(
        {
            "result": ERROR_RESULT,
            "message": {"type": "string", "pattern": r"^Lead ID '.*' does NOT exist on the database$"},
        },
        "No lead with that lead_id (A8).",
    ),
    "PhoneNotFound": _error(
        {
            "result": ERROR_RESULT,
            "message": {"type": "string", "pattern": r"^Phone Number '.*' does NOT exist on the database$"},
        },
        "No lead with that phone_number (A8).",
    ),
}
