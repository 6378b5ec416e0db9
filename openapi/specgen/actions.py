"""The documented goActions: where each lives, what it takes, and the reference's own example requests.

Parameter kinds are names from ``parameters.PARAMETER_KINDS``; ``required`` lists the action's own
required parameters (goAction, goUser, goPass and responsetype are common to all and handled apart).
Reference requests are the reference's curl examples as data: host dropped, credentials normalised
to MyUser/MyPass (E1), everything else verbatim, typos included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MODULES = ("goReports", "goDashboard", "goUsers", "goCalltimes", "goCampaigns", "goAgent")


@dataclass(frozen=True)
class Action:
    name: str
    module: str
    summary: str
    description: str
    params: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    required_one_of: tuple[str, ...] = ()
    success: str = ""
    errors: tuple[str, ...] = ()
    errata: tuple[str, ...] = ()
    realtime: bool = False
    get_example: dict[str, Any] = field(default_factory=dict)
    post_example: dict[str, Any] = field(default_factory=dict)
    reference_get: dict[str, Any] = field(default_factory=dict)
    reference_post: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"/goAPIv2/{self.module}/goAPI.php"


def _creds(action: str) -> dict[str, str]:
    return {"goAction": action, "goUser": "MyUser", "goPass": "MyPass"}


def _ref(method: str, module: str, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"method": method, "path": f"/goAPIv2/{module}/goAPI.php", "params": params, **extra}


REPORT_FILTERS = ("tenant[]", "profile[]", "fromDate", "toDate")
ROOT_ERRORS = ("InvalidCredentials", "CommandNotFound")
AGENT_ERRORS = ("InvalidCredentials", "AgentEmptyAction", "AgentCommandNotFound")


def _report(
    name: str,
    summary: str,
    description: str,
    params: tuple[str, ...],
    success: str,
    get_params: dict[str, Any],
    post_params: dict[str, Any],
    *,
    required: tuple[str, ...] = (),
    errata: tuple[str, ...] = (),
    ref_get_params: dict[str, Any] | None = None,
) -> Action:
    base = {"responsetype": "json"}
    errors = ROOT_ERRORS + (("MissingParameters",) if required else ()) + ("InvalidValue",)
    return Action(
        name=name,
        module="goReports",
        summary=summary,
        description=description,
        params=params,
        required=required,
        success=success,
        errors=errors,
        errata=(
            "W1",
            "W2",
            "W4",
            "W5",
            "W7",
            "W8",
            "W9",
            "W11",
            "W12",
            "W13",
            "W14",
            "W17",
            "W18",
            "W19",
            "W20",
            "A14",
            "E1",
            "E23",
            "E27",
            *errata,
        ),
        get_example={**base, **get_params},
        post_example={**base, **post_params},
        reference_get=_ref("GET", "goReports", {**_creds(name), **base, **(ref_get_params or get_params)}),
        reference_post=_ref("POST", "goReports", {**_creds(name), **base, **post_params}),
    )


def _simple(
    name: str,
    module: str,
    summary: str,
    description: str,
    success: str,
    *,
    params: tuple[str, ...] = (),
    required: tuple[str, ...] = (),
    errors: tuple[str, ...] = (),
    errata: tuple[str, ...] = (),
    get_params: dict[str, Any] | None = None,
    post_params: dict[str, Any] | None = None,
    ref_get: dict[str, Any] | None = None,
    ref_post: dict[str, Any] | None = None,
    realtime: bool = False,
) -> Action:
    get_params = get_params or {}
    post_params = post_params if post_params is not None else get_params
    all_errors = ROOT_ERRORS + (("MissingParameters",) if required else ()) + errors
    return Action(
        name=name,
        module=module,
        summary=summary,
        description=description,
        params=params,
        required=required,
        success=success,
        errors=all_errors,
        errata=(
            "W1",
            "W2",
            "W4",
            "W5",
            "W8",
            "W9",
            *(("W11",) if required else ()),
            "W17",
            "W18",
            "W19",
            "W20",
            "E1",
            "E23",
            "E27",
            *errata,
        ),
        realtime=realtime,
        get_example={"responsetype": "json", **get_params},
        post_example={"responsetype": "json", **post_params},
        reference_get=ref_get or _ref("GET", module, {**_creds(name), "responsetype": "json", **get_params}),
        reference_post=ref_post
        or _ref("POST", module, {**_creds(name), "responsetype": "json", **post_params}),
    )


ACTIONS: tuple[Action, ...] = (
    # ---- goReports -------------------------------------------------------------------------------
    _report(
        "outbound_cdr",
        "Outbound call detail records",
        "Per-call records of outbound calls in the last 24 hours or the given days, with a summary of "
        "total and handled calls by campaign.",
        REPORT_FILTERS,
        "OutboundCdrSuccess",
        {},
        {},
        errata=("E2", "E10", "E11", "E12"),
    ),
    _report(
        "inbound_cdr",
        "Inbound call detail records",
        "Per-call records of inbound calls: queue entry, caller and destination, queue and campaign, "
        "agent and outcome.",
        REPORT_FILTERS,
        "InboundCdrSuccess",
        {},
        {"tenant[]": ["CCC"], "profile[]": ["COLLECTIONS"]},
        errata=("E2", "E5", "E7", "E8"),
    ),
    _report(
        "exportAgentReport",
        "Agent activity report",
        "Activity times, call durations and sales per agent and portfolio over a date range, with "
        "Summary/Average/Max/Min rows.",
        ("fromDate", "toDate", "user[]"),
        "ExportAgentReportSuccess",
        {"fromDate": "2025-05-01", "toDate": "2025-05-14", "user[]": ["example.user1"]},
        {"fromDate": "2025-05-09", "toDate": "2025-05-10", "user[]": ["Example.User1", "Example.User2"]},
        ref_get_params={"fromDate": "2025-05-01", "toDate": "2025-05-14", "user": "example.user1"},
        errata=("E4", "E14", "E15", "E31", "A19"),
    ),
    _report(
        "agent_cdr",
        "Agent call detail records",
        "Per-call records of the given agents: answer time, disposition, phone, call type, duration.",
        ("user[]", *REPORT_FILTERS),
        "AgentCdrSuccess",
        {"profile[]": ["COLLECTIONS"], "tenant[]": ["CSC"], "fromDate": "2025-05-13", "toDate": "2025-05-13"},
        {"profile[]": ["COLLECTIONS"], "tenant[]": ["CSC"], "fromDate": "2025-05-13", "toDate": "2025-05-13"},
        errata=("E21",),
    ),
    _report(
        "agent_calls_report",
        "Agent calls summary report",
        "Per-agent call counts (manual, inbound, dialer) and average talk time.",
        ("user[]", *REPORT_FILTERS),
        "AgentCallsReportSuccess",
        {"profile[]": ["SERVERS"], "tenant[]": ["GAL"], "fromDate": "2025-05-12", "toDate": "2025-05-14"},
        {"profile[]": ["SERVERS"], "tenant[]": ["GAL"], "fromDate": "2025-05-12", "toDate": "2025-05-14"},
        errata=("E6", "E32", "A19"),
    ),
    _report(
        "exportPauseReport",
        "Agents pause report",
        "Billable and non-billable time per agent, broken down by pause code, in seconds.",
        ("fromDate", "toDate", "user[]"),
        "ExportPauseReportSuccess",
        {"fromDate": "2025-05-25", "toDate": "2025-05-27"},
        {"user[]": ["Example.User1", "Example.User2"], "fromDate": "2025-05-13", "toDate": "2025-05-13"},
        required=("fromDate", "toDate"),
        errata=("A1", "A2", "E24"),
    ),
    _report(
        "inbound_summary_stats",
        "Inbound call summary statistics",
        "Daily inbound totals: calls, queued, abandoned (two thresholds), handled, average hold and handle "
        "times.",
        ("fromDate", "toDate", "tenant[]"),
        "InboundSummaryStatsSuccess",
        {"fromDate": "2025-05-25", "toDate": "2025-05-30"},
        {"tenant[]": ["TTY"], "fromDate": "2025-05-20", "toDate": "2025-05-30"},
        errata=("A13", "E8", "E29"),
    ),
    _report(
        "agent_summary_stats",
        "Agent summary statistics",
        "Per-agent call counts, login/pause/break/talk seconds and most frequent disposition over the last "
        "day.",
        (),
        "AgentSummaryStatsSuccess",
        {},
        {},
        errata=("A7", "E16"),
    ),
    # ---- goDashboard -----------------------------------------------------------------------------
    _simple(
        "agentTimeUsage",
        "goDashboard",
        "Agents time metrics and usage statistics",
        "Time each agent spent talking, paused, available and more, with averages across agents.",
        "AgentTimeUsageSuccess",
        errata=("E14", "E28"),
        realtime=True,
    ),
    _simple(
        "getAgentStatus",
        "goDashboard",
        "Agents availability overview",
        "How many agents are connected, paused, ready, in a call or offline right now.",
        "GetAgentStatusSuccess",
        errata=("A16", "E30"),
        realtime=True,
    ),
    _simple(
        "goGetTotalAgentsCall",
        "goDashboard",
        "Total agents currently in a call",
        "Number of agents in InCall, Queue, 3-Way or Park state right now.",
        "GoGetTotalAgentsCallSuccess",
        errata=("A16",),
        realtime=True,
    ),
    # ---- goUsers ---------------------------------------------------------------------------------
    _simple(
        "getUserInfo",
        "goUsers",
        "User information and performance statistics",
        "The user's settings and permissions plus today's productivity metrics.",
        "GetUserInfoSuccess",
        params=("user",),
        required=("user",),
        errors=("UserNotFound",),
        errata=("A10", "A17", "A19", "E3", "E9", "E14", "E26"),
        realtime=True,
        get_params={"user": "example.user"},
        post_params={"user": "Example.User"},
        ref_get=_ref(
            "GET", "goUsers", {**_creds("getUserInfo"), "user": "example.user", "responsetype": "json"}
        ),
    ),
    _simple(
        "getLiveAgentInfo",
        "goUsers",
        "Real-time agent status",
        "The agent's current state (READY, IN CALL, DISPOSITION, PAUSE ...) and the live call, if any.",
        "GetLiveAgentInfoSuccess",
        params=("user",),
        required=("user",),
        errors=("UserNotFound",),
        errata=("A10", "A15", "A19", "E3", "E22"),
        realtime=True,
        get_params={"user": "example.user"},
        post_params={"user": "Example.User"},
        ref_get=_ref(
            "GET", "goUsers", {**_creds("getLiveAgentInfo"), "user": "example.user", "responsetype": "json"}
        ),
    ),
    _simple(
        "getAllPortfolios",
        "goUsers",
        "All portfolios",
        "Every portfolio (tenant) code with its name.",
        "GetAllPortfoliosSuccess",
    ),
    _simple(
        "getAllProfiles",
        "goUsers",
        "All profiles",
        "Every profile with its disposition set, plus the table the web UI draws.",
        "GetAllProfilesSuccess",
        errata=("A14", "E25"),
    ),
    _simple(
        "goGetAllUsers",
        "goUsers",
        "All users",
        "Every user account (active or inactive per only_inactives), all campaigns, preview campaigns and "
        "user totals.",
        "GoGetAllUsersSuccess",
        params=("only_inactives",),
        errors=("InvalidValue",),
        errata=("A9", "A17", "W12", "E11", "E13", "E14"),
    ),
    # ---- goCalltimes -----------------------------------------------------------------------------
    _simple(
        "goGetAllCalltimes",
        "goCalltimes",
        "All call time settings",
        "Every predefined call time as parallel lists, one entry per call time.",
        "GoGetAllCalltimesSuccess",
    ),
    _simple(
        "goGetCalltimeInfo",
        "goCalltimes",
        "One call time setting",
        "The call time's default and per-day windows, after-hours overrides and comments.",
        "GoGetCalltimeInfoSuccess",
        params=("call_time_id",),
        required=("call_time_id",),
        errors=("CalltimeNotFound",),
        errata=("A3", "A4", "A5", "W7", "E17"),
        get_params={"call_time_id": "weekdays-example"},
        post_params={"call_time_id": "weekdays-example"},
        ref_post=_ref(
            "POST",
            "goCalltimes",
            {**_creds("goGetCalltimeInfo"), "responsetype": "json", "call-time-id": "weekdays-example"},
            expect="MissingParameters",
        ),
    ),
    # ---- goCampaigns -----------------------------------------------------------------------------
    _simple(
        "getCampaignInfo",
        "goCampaigns",
        "One campaign's details",
        "The campaign's settings, dial statuses and transfer groups, plus its type.",
        "GetCampaignInfoSuccess",
        params=("campaign_id",),
        required=("campaign_id",),
        errors=("CampaignNotFound",),
        errata=("A11", "E2", "E18", "E20"),
        get_params={"campaign_id": "MyCampaignID"},
        post_params={"campaign_id": "11111111"},
        ref_get=_ref(
            "GET",
            "goCampaigns",
            {**_creds("getCampaignInfo"), "campaign_id": "MyCampaignID", "responsetype": "json"},
            expect="CampaignNotFound",
        ),
    ),
    _simple(
        "goGetAllCampaigns",
        "goCampaigns",
        "All campaigns",
        "Every campaign with its dialing method, auto-dial level and status.",
        "GoGetAllCampaignsSuccess",
        errata=("E2", "A14", "A18"),
    ),
    _simple(
        "getLeadsOnHopper",
        "goCampaigns",
        "Leads on the hopper of a campaign",
        "The leads queued to be dialled for a campaign, with the table the web UI draws.",
        "GetLeadsOnHopperSuccess",
        params=("campaign_id",),
        required=("campaign_id",),
        errors=("CampaignNotFound", "HopperEmpty"),
        errata=("A11", "A12", "E2", "E11", "E18", "L21"),
        get_params={"campaign_id": "123456"},
        realtime=True,
        ref_post=_ref(
            "POST",
            "goCampaigns",
            {**_creds("getLeadsOnHopper"), "campaign_id": "123456", "responsetype": "json"},
        ),
    ),
    # ---- goAgent ---------------------------------------------------------------------------------
    Action(
        name="goGetCustomerInfo",
        module="goAgent",
        summary="Customer (lead) information",
        description="The lead's contact data, custom fields and whether it became a customer. Give "
        "lead_id, phone_number or both (lead_id wins).",
        params=("lead_id", "phone_number"),
        required_one_of=("lead_id", "phone_number"),
        success="GoGetCustomerInfoSuccess",
        errors=(*AGENT_ERRORS, "MissingParameters", "LeadNotFound", "PhoneNotFound"),
        errata=(
            "W1",
            "W2",
            "W4",
            "W5",
            "W8",
            "W10",
            "W11",
            "W16",
            "W17",
            "W18",
            "W19",
            "W20",
            "A6",
            "A7",
            "A8",
            "E1",
            "E19",
            "L21",
            "L22",
            "E21",
            "E23",
            "E27",
        ),
        get_example={"responsetype": "json", "phone_number": "8004321000", "lead_id": "14246"},
        post_example={"responsetype": "json", "phone_number": "8004321000", "lead_id": "14246"},
        reference_get=_ref(
            "GET",
            "goAgent",
            {
                "goUser": "MyUser",
                "goPass": "MyPass",
                "goAction": "goGetCustomerInfo",
                "responsetype": "json",
                "phone_number": "PhoneNumer",
                "lead_id": "MyLeadID",
            },
            expect="LeadNotFound",
        ),
        reference_post=_ref(
            "POST",
            "goReports",
            {**_creds("agent_summary_stats"), "responsetype": "json", "phone number": "Phone_Number"},
            answers_as="agent_summary_stats",
        ),
    ),
)

ACTIONS_BY_NAME = {a.name: a for a in ACTIONS}
