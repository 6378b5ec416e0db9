"""The records one day of call activity is made of, and the call centre's status vocabulary.

Times are seconds after midnight of the record's day: a day holds thousands of calls, and integer
offsets keep generation and filtering cheap; reports turn them into ``YYYY-MM-DD HH:MM:SS`` at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

DIALER = "DIALER"
MANUAL = "MANUAL"
INBOUND = "INBOUND"

UNANSWERED_AGENT = "VDAD"
"""VICIdial logs auto-dialled calls that never reached an agent under the pseudo-user VDAD."""

# Agent states a session's timeline is cut into.
WAIT = "WAIT"
TALK = "TALK"
DEAD = "DEAD"
DISPO = "DISPO"
WRAPUP = "WRAPUP"
PAUSE = "PAUSE"
CALL_STATES = frozenset({TALK, DEAD, DISPO, WRAPUP})

# Pause codes, in the column order of exportPauseReport; the report's column names are the lower case.
PAUSE_CODES: tuple[str, ...] = (
    "PAUSE",
    "DIALNE",
    "MANUAL",
    "PRIV",
    "VIRTUA",
    "DATA",
    "MEETIN",
    "TRAIN",
    "WC",
    "LUNCH",
    "LAGGED",
    "LOGIN",
    "ANDIAL",
)
BREAK_CODES = frozenset({"PRIV", "LUNCH", "WC"})
"""Personal breaks: what exportAgentReport and agent_summary_stats call ``break``."""
NOT_BILLABLE_CODES = frozenset({"PAUSE", "PRIV", "LUNCH", "WC", "LOGIN"})
"""exportPauseReport's non-billable time (its example: no_billable = pause + priv + lunch + wc + login)."""


@dataclass(frozen=True)
class Disposition:
    """A call status: the code the dialer stores, the name reports print, and what it counts as."""

    code: str
    name: str
    sale: bool = False
    denied: bool = False
    lip: bool = False
    vrf: bool = False
    voicemail: bool = False
    no_answer: bool = False
    removes_lead: bool = False


DISPOSITIONS: dict[str, Disposition] = {
    d.code: d
    for d in (
        Disposition("SALE", "Sale", sale=True),
        Disposition("PTP", "Promise To Pay"),
        Disposition("DEN", "Denied", denied=True, removes_lead=True),
        Disposition("LIP", "Loan In Process", lip=True),
        Disposition("VRF", "Verified", vrf=True),
        Disposition("VM", "Voicemail", voicemail=True),
        Disposition("VMNML", "VM / NML", voicemail=True),
        Disposition("NI", "Not Interested", removes_lead=True),
        Disposition("CALLBK", "Call Back"),
        Disposition("XFER", "Call Transferred"),
        Disposition("WIT", "WIT"),
        Disposition("DC", "Disconnected Number", removes_lead=True),
        Disposition("DNC", "Do Not Call", removes_lead=True),
        Disposition("LDC", "Live Disconnect"),
        Disposition("NA", "No Answer", no_answer=True),
        Disposition("B", "Busy", no_answer=True),
        Disposition("AA", "Answering Machine", voicemail=True),
        Disposition("DROP", "Dropped", no_answer=True),
        Disposition("ABAN", "Abandoned", no_answer=True),
    )
}


class Call(NamedTuple):
    """One call as the call logs keep it (a named tuple: a month holds a hundred thousand of them).

    ``start`` is when the call began (the CDR's call_date); an inbound call then waits ``ring``
    seconds in the IVR and ``queue_seconds`` in the queue before an agent answers. ``agent`` is the
    user who talked, ``""`` for an abandoned inbound call, ``VDAD`` for an unanswered dialer call.
    """

    day: date
    seq: int
    start: int
    call_type: str
    campaign_id: str
    tenant: str
    agent: str
    lead_id: int
    phone_number: str
    caller_id: str
    queue: str
    ring: int
    queue_seconds: int
    queue_position: int
    talk: int
    dead: int
    dispo: int
    wrapup: int
    status: str
    carrier_disposition: str
    term_reason: str

    @property
    def answered(self) -> int:
        """When the agent picked up (or the caller gave up), seconds after midnight."""
        return self.start + self.ring + self.queue_seconds

    @property
    def finished(self) -> int:
        """When the agent was done with the call, disposition and wrap-up included."""
        return self.answered + self.talk + self.dead + self.dispo + self.wrapup

    @property
    def handled(self) -> bool:
        return self.agent not in ("", UNANSWERED_AGENT)

    @property
    def abandoned(self) -> bool:
        return self.call_type == INBOUND and not self.handled

    @property
    def duration(self) -> int:
        """The customer's leg: ringing and queueing, then talk (dead air and after-call work excluded)."""
        return self.ring + self.queue_seconds + self.talk

    @property
    def uniqueid(self) -> str:
        """Asterisk-style unique id: the call's epoch second and a per-day sequence number (a day
        before 1970, which a client can ask for, counts from 0 rather than going negative)."""
        epoch = (self.day.toordinal() - 719163) * 86400 + self.start
        return f"{max(epoch, 0)}.{self.seq:06d}"


SegmentTuple = tuple[str, int, int, str, int]
"""A stretch of an agent's session in one state: (state, start, seconds, pause code, call index).

The call index points into the day's calls in generation order (``DayPlan.by_draft``) for
TALK/DEAD/DISPO/WRAPUP and is -1 otherwise; the pause code is set for PAUSE.
A generated day keeps them packed (``segments.Segments``): a month of sessions holds 300,000 of them."""


@dataclass(frozen=True, slots=True)
class Session:
    """One agent's login on one campaign on one day, as the agent log would reconstruct it."""

    day: date
    user: str
    tenant: str
    profile_id: str
    campaign_id: str
    segments: Sequence[SegmentTuple]
