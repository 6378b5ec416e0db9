"""Where a phone number is and what time it is there: VICIdial's GMT lookup, reduced to what we need.

VICIdial stores each lead's ``gmt_offset_now`` from its phone code and area code (or postal code, or a
time-zone code in ``owner``) and dials a lead only inside its campaign's call time *at the lead's local
time*. The emulator keeps a small table of real US area codes (state, standard offset), US and EU daylight
saving rules, and the centre's own zone (US Eastern), so add_lead's ``gmt_offset`` and hopper local-time
notices come out the way a developer in North America would expect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

# The call centre's own zone: the clock's naive times are local time here.
SERVER_GMT = -5.0
SERVER_DST = "US"

# state -> (standard GMT offset, daylight rule, area codes). A subset of the NANP plan, real codes only.
# fmt: off
_STATES: dict[str, tuple[float, str, str]] = {
    "NY": (-5, "US", "212 315 347 516 518 585 607 631 646 716 718 845 914 917 929"),
    "NJ": (-5, "US", "201 551 609 732 848 856 862 908 973"),
    "PA": (-5, "US", "215 267 412 484 570 610 717 724 814 878"),
    "MA": (-5, "US", "339 351 413 508 617 774 781 857 978"),
    "FL": (-5, "US", "239 305 321 352 386 407 561 727 754 772 786 813 850 863 904 941 954"),
    "GA": (-5, "US", "229 404 470 478 678 706 762 770 912"),
    "NC": (-5, "US", "252 336 704 828 910 919 980 984"),
    "VA": (-5, "US", "276 434 540 571 703 757 804"),
    "OH": (-5, "US", "216 234 330 419 440 513 567 614 740 937"),
    "MI": (-5, "US", "231 248 269 313 517 586 616 734 810 947 989"),
    "IL": (-6, "US", "217 224 309 312 331 618 630 708 773 779 815 847 872"),
    "TX": (-6, "US", "210 214 254 281 325 361 409 430 432 469 512 682 713 737 806 817 830 832 903 936 "
                     "940 956 972 979"),
    "MN": (-6, "US", "218 320 507 612 651 763 952"),
    "MO": (-6, "US", "314 417 573 636 660 816"),
    "LA": (-6, "US", "225 318 337 504 985"),
    "CO": (-7, "US", "303 719 720 970"),
    "UT": (-7, "US", "385 435 801"),
    "AZ": (-7, "", "480 520 602 623 928"),
    "CA": (-8, "US", "209 213 310 323 408 415 424 510 530 559 562 619 626 650 661 707 714 760 805 818 "
                     "831 858 909 916 925 949 951"),
    "WA": (-8, "US", "206 253 360 425 509"),
    "OR": (-8, "US", "458 503 541 971"),
    "NV": (-8, "US", "702 725 775"),
    "AK": (-9, "US", "907"),
    "HI": (-10, "", "808"),
}
# Country calling codes other than 1: (standard offset, daylight rule).
_COUNTRIES: dict[str, tuple[float, str]] = {
    "52": (-6, ""), "44": (0, "EU"), "34": (1, "EU"), "33": (1, "EU"), "49": (1, "EU"), "57": (-5, ""),
    "54": (-3, ""), "55": (-3, ""), "56": (-4, ""), "51": (-5, ""), "61": (10, ""), "63": (8, ""),
    "91": (5.5, ""),
}
# Time-zone codes accepted in ``owner`` with tz_method=TZCODE.
_TZ_CODES: dict[str, tuple[float, str]] = {
    "AST": (-4, ""), "EST": (-5, "US"), "CST": (-6, "US"), "MST": (-7, "US"), "PST": (-8, "US"),
    "AKST": (-9, "US"), "HST": (-10, ""), "GMT": (0, ""), "UTC": (0, ""),
}
# US ZIP code first digit -> zone, for tz_method=POSTAL (coarse, as a ZIP prefix table would be).
_ZIP_ZONES: dict[str, tuple[float, str]] = {
    "0": (-5, "US"), "1": (-5, "US"), "2": (-5, "US"), "3": (-5, "US"), "4": (-5, "US"),
    "5": (-6, "US"), "6": (-6, "US"), "7": (-6, "US"), "8": (-7, "US"), "9": (-8, "US"),
}
# fmt: on

AREA_CODES: dict[str, tuple[str, float, str]] = {
    code: (state, offset, rule) for state, (offset, rule, codes) in _STATES.items() for code in codes.split()
}


@dataclass(frozen=True)
class Zone:
    """A standard GMT offset and the daylight-saving rule that applies to it ("", "US" or "EU")."""

    standard: float
    dst_rule: str = ""
    known: bool = True

    def in_dst(self, when: datetime) -> bool:
        return _in_dst(self.dst_rule, when)

    def offset_at(self, when: datetime) -> float:
        return self.standard + (1 if self.in_dst(when) else 0)


SERVER_ZONE = Zone(SERVER_GMT, SERVER_DST)


def zone_for(
    phone_code: str, phone_number: str, postal_code: str = "", owner: str = "", tz_method: str = ""
) -> Zone:
    """The zone VICIdial's lookup would give; an unknown number gets the server's zone, ``known=False``."""
    if tz_method == "POSTAL" and postal_code[:1] in _ZIP_ZONES and phone_code == "1":
        return Zone(*_ZIP_ZONES[postal_code[:1]])
    if tz_method == "TZCODE" and owner.upper() in _TZ_CODES:
        return Zone(*_TZ_CODES[owner.upper()])
    if phone_code == "1":
        found = AREA_CODES.get(phone_number[:3])
        if found:
            return Zone(found[1], found[2])
    elif phone_code in _COUNTRIES:
        return Zone(*_COUNTRIES[phone_code])
    return Zone(SERVER_GMT, SERVER_DST, known=False)


def state_of_area_code(phone_number: str) -> str:
    """The US state of a 10-digit number's area code, or "" (lookup_state=Y)."""
    found = AREA_CODES.get(phone_number[:3])
    return found[0] if found else ""


def local_time(zone_offset: float, server_now: datetime) -> datetime:
    """The wall-clock time at ``zone_offset`` when the call centre's clock reads ``server_now``."""
    server_offset = SERVER_ZONE.offset_at(server_now)
    return server_now + timedelta(hours=zone_offset - server_offset)


def format_offset(offset: float) -> str:
    """A DECIMAL(4,2) column value: ``-5.00``, ``5.50``."""
    return f"{offset:.2f}"


def php_number(value: float) -> str:
    """How PHP echoes a float: ``-4`` for -4.0, ``5.5`` for 5.5."""
    return str(int(value)) if value == int(value) else repr(value)


def _in_dst(rule: str, when: datetime) -> bool:
    if rule == "US":  # second Sunday of March 02:00 to first Sunday of November 02:00
        start = datetime.combine(_nth_sunday(when.year, 3, 2), datetime.min.time()) + timedelta(hours=2)
        end = datetime.combine(_nth_sunday(when.year, 11, 1), datetime.min.time()) + timedelta(hours=2)
        return start <= when < end
    if rule == "EU":  # last Sunday of March to last Sunday of October (01:00 UTC; local hour is close enough)
        start = datetime.combine(_last_sunday(when.year, 3), datetime.min.time()) + timedelta(hours=1)
        end = datetime.combine(_last_sunday(when.year, 10), datetime.min.time()) + timedelta(hours=1)
        return start <= when < end
    return False


def _nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


def _last_sunday(year: int, month: int) -> date:
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)
