"""Properties of add_lead over arbitrary input: it never fails, every line it prints is one the contract
describes, a SUCCESS line names a lead that can be read back, and a rejected lead leaves no trace."""

from __future__ import annotations

import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lead_helpers import add, small_world

from crocodial_mock.paths import SPEC_PATH
from mockserver.params import Params


def _contract_line_patterns() -> list[re.Pattern[str]]:
    spec = yaml.safe_load(SPEC_PATH.read_text())
    operation = next(item for path, item in spec["paths"].items() if path.startswith("/API/lmapi.php"))["get"]

    def find(node):
        if isinstance(node, dict):
            if "x-crocodial-lines" in node:
                return node["x-crocodial-lines"]
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                found = find(child)
                if found:
                    return found
        return None

    return [re.compile(line["regex"]) for line in find(operation)]


PATTERNS = _contract_line_patterns()
WORLD = small_world(leads=200)

flags = st.sampled_from(["Y", "N", "AREACODE", "", "y"])
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
digits = st.text(alphabet="0123456789", max_size=18)
params = st.fixed_dictionaries(
    {},
    optional={
        "phone_number": st.one_of(digits, text),
        "phone_code": st.one_of(digits, text),
        "list_id": st.sampled_from(["", "12", "101", "901", "1234", "999", "12344", "x9"]),
        "source": st.one_of(st.sampled_from(["", "x", "api", "web+form"]), text),
        "first_name": text,
        "last_name": text,
        "title": text,
        "alt_phone": digits,
        "gender": text,
        "date_of_birth": text,
        "rank": text,
        "owner": text,
        "gmt_offset_now": st.one_of(st.sampled_from(["nan", "-7.00", "inf", "1e308"]), text),
        "postal_code": text,
        "dnc_check": flags,
        "campaign_dnc_check": flags,
        "campaign_id": st.sampled_from(["", "TESTCAMP", "123456", "XYZ"]),
        "add_to_hopper": flags,
        "hopper_priority": text,
        "hopper_local_call_time_check": flags,
        "usacan_prefix_check": flags,
        "usacan_areacode_check": flags,
        "nanpa_ac_prefix_check": flags,
        "custom_fields": flags,
        "favorite_color": text,
        "tz_method": st.sampled_from(["", "POSTAL", "TZCODE", "NANPA", "x"]),
        "callback": flags,
        "callback_datetime": st.one_of(st.sampled_from(["NOW", "3DAYS", "2025-06-01 10:00:00"]), text),
        "callback_type": st.sampled_from(["", "USERONLY", "ANYONE", "x"]),
        "callback_user": st.sampled_from(["", "6666", "john.doe", "nobody"]),
        "lookup_state": flags,
        "list_exists_check": flags,
        "duplicate_check": st.one_of(
            st.sampled_from(["DUPLIST", "DUPSYS90DAY", "DUPCAMP-DUPNAMEPHONESYS", "DUPPHONEALTSYS7DAY"]), text
        ),
        "multi_alt_phones": text,
    },
)


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))  # fmt: skip
@given(params)
def test_every_answer_is_made_of_documented_lines(values):
    body = add(WORLD, **values)
    assert body.endswith("\n")
    for line in body[:-1].split("\n"):
        assert any(p.match(line) for p in PATTERNS), line
    first = body.split("\n")[0]
    if "SUCCESS: add_lead LEAD HAS BEEN ADDED - " in first:
        fields = first.rsplit(" - ", 1)[1].split("|")
        lead = WORLD.leads.get(int(fields[3]))
        assert lead is not None and lead.phone_number == fields[0] and str(lead.list_id) == fields[2]


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.dictionaries(st.sampled_from(["user", "pass", "function", "source", "phone_number"]), text))
def test_any_request_gets_an_answer_and_rejections_store_nothing(values):
    from mockserver.lmapi import answer

    before = WORLD.leads.lead_count()
    body = answer(WORLD, Params(values))
    assert body.endswith("\n") and body.split("\n")[0].split(":")[0] in {
        "ERROR",
        "SUCCESS",
        "VERSION",
        "NOTICE",
    }
    added = body.count("SUCCESS: add_lead LEAD HAS BEEN ADDED")
    assert WORLD.leads.lead_count() == before + added
