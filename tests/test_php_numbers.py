"""PHP's float forms (ERRATA W22), against texts written down from php-src's rules, not computed:
``json_encode`` with serialize_precision -1 and JSON_PRESERVE_ZERO_FRACTION, and ``(string)$float``
with precision 14 (what apiXMLOutput prints)."""

from __future__ import annotations

import json

import pytest

from mockserver.app import create_app
from mockserver.config import EmulatorConfig
from mockserver.encoding import goapi_xml
from mockserver.encoding.php_json import encode
from mockserver.encoding.php_numbers import json_float, string_float
from mockserver.world import WorldSize

# value, json_encode(value, JSON_PRESERVE_ZERO_FRACTION), (string)value
FORMS = [
    (14.0, "14.0", "14"),
    (37.14, "37.14", "37.14"),
    (0.0, "0.0", "0"),
    (-0.0, "-0.0", "-0"),
    (0.5, "0.5", "0.5"),
    (-2.5, "-2.5", "-2.5"),
    (0.1 + 0.2, "0.30000000000000004", "0.3"),
    (1 / 3, "0.3333333333333333", "0.33333333333333"),
    (0.0001, "0.0001", "0.0001"),
    (0.00001, "1.0e-5", "1.0E-5"),
    (1.5e-7, "1.5e-7", "1.5E-7"),
    (-2.5e-10, "-2.5e-10", "-2.5E-10"),
    (1e13, "10000000000000.0", "10000000000000"),
    (1e14, "100000000000000.0", "1.0E+14"),
    (1e15, "1000000000000000.0", "1.0E+15"),
    (1e16, "10000000000000000.0", "1.0E+16"),
    (1e17, "1.0e+17", "1.0E+17"),
    (1e25, "1.0e+25", "1.0E+25"),
    (-1.25e30, "-1.25e+30", "-1.25E+30"),
    (123456789.12345, "123456789.12345", "123456789.12345"),
    (5e-324, "5.0e-324", "4.9406564584125E-324"),
    (1.7976931348623157e308, "1.7976931348623157e+308", "1.7976931348623E+308"),
]


@pytest.mark.parametrize(("value", "json_text", "string_text"), FORMS)
def test_float_forms(value, json_text, string_text):
    assert json_float(value) == json_text
    assert string_float(value) == string_text
    assert encode({"x": value}) == '{"x":' + json_text + "}"


def test_without_the_flag_a_whole_float_loses_its_fraction():
    assert [json_float(x, preserve_zero_fraction=False) for x in (14.0, -0.0, 1e16, 1e-5)] == [
        "14",
        "-0",
        "10000000000000000",
        "1.0e-5",
    ]


def test_integers_never_get_a_fraction_and_inf_nan_write_zero():
    assert (
        encode([0, 140, -7, 2**53, float("inf"), float("-inf"), float("nan")])
        == "[0,140,-7,9007199254740992,0,0,0]"
    )


def test_json_and_xml_of_one_value_say_what_php_says():
    result = {"tiny": 1e-5, "huge": 1e25, "zero": -0.0, "whole": 425.0, "count": 0}
    assert encode(result) == '{"tiny":1.0e-5,"huge":1.0e+25,"zero":-0.0,"whole":425.0,"count":0}'
    assert goapi_xml.render("x", result).endswith(
        "<tiny>1.0E-5</tiny>\n<huge>1.0E+25</huge>\n<zero>-0</zero>\n<whole>425</whole>\n<count>0</count>\n"
        "</goautodialapi>"
    )


def test_agent_time_usage_writes_round_floats_and_integer_zeros():
    """The reference's shape: ``"login_time": 14.0`` beside ``"after_call": 0`` (E28)."""
    config = EmulatorConfig(seed=7, now="2025-05-13T15:00:00", size=WorldSize(users=40, calls_per_day=400))
    client = create_app(config).test_client()
    query = {"goAction": "agentTimeUsage", "goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}
    text = client.get("/goAPIv2/goDashboard/goAPI.php", query_string=query).get_data(as_text=True)
    rows = json.loads(text)["data"]["breakdown"]
    assert rows
    for row in rows:
        for field in (
            "login_time",
            "talk",
            "avalible",
            "break",
            "after_call",
            "pausa",
            "wrapup",
            "pause",
            "ready",
        ):
            value = row[field]
            assert (value == 0 and type(value) is int) or (type(value) is float and value > 0), (field, value)
        assert type(row["total_calls"]) is int and type(row["first_login"]) is int
    assert '.0,"' in text or ".0}" in text, "no whole float written with its zero fraction"
