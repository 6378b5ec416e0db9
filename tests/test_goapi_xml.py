"""The goAPI XML codec: upstream's layout byte for byte, well-formed XML on demand, a parser for both."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockserver.encoding import php_json
from mockserver.encoding.goapi_xml import (
    XmlParseError,
    html_entity_decode,
    mysqli_escape,
    parse,
    php_float_to_string,
    project,
    render,
)

UPSTREAM_ERROR_EXAMPLE = (
    '<?xml version="1.0" encoding="UTF-8"?>\\n<goautodialapi version="4.0">(\\n<action>"goGetAllUsers "'
    '</action>\\n" )<result>error</result>\n<message>Invalid Username/Password</message>\n</goautodialapi>'
)


def test_error_matches_upstream_example_byte_for_byte():
    body = render("goGetAllUsers", {"result": "error", "message": "Invalid Username/Password"})
    assert body == UPSTREAM_ERROR_EXAMPLE


def test_upstream_layout_quirks():
    body = render(
        "goGetAllUsers",
        {
            "result": "success",
            "user": ["agent001", "agent002"],
            "data": [{"name": "Tom & Jerry", "note": None}, {"name": "x", "note": True}],
            "empty": [],
            "flag": False,
            "ratio": 0.1 + 0.2,
        },
    )
    assert body.endswith("<flag></flag>\n<ratio>0.3</ratio>\n</goautodialapi>")
    assert "<0>agent001</0>\n<1>agent002</1>\n" in body
    assert "<data>\n<name><![CDATA[Tom & Jerry]]></name>\n<note></note>\n</data>\n" in body
    assert "<data>\n<name>x</name>\n<note>1</note>\n</data>\n" in body
    assert "empty" not in body
    assert "\n</goautodialapi>" in body and not body.endswith("\n")


def test_entities_are_decoded_before_the_cdata_rule():
    body = render("a", {"v": "&amp; ok", "w": "caf&eacute;", "x": "&apos;kept", "y": "&#0;"})
    assert "<v><![CDATA[& ok]]></v>" in body
    assert "<w>café</w>" in body
    assert "<x><![CDATA[&apos;kept]]></x>" in body
    assert "<y><![CDATA[&#0;]]></y>" in body


def test_value_already_holding_a_cdata_marker_is_written_raw():
    body = render("a", {"v": "<![CDATA[<b>]]>"})
    assert "<v><![CDATA[<b>]]></v>\n" in body
    assert parse(body).nodes == [("v", "<b>")] == project({"v": "<![CDATA[<b>]]>"})


@pytest.mark.parametrize(
    "value",
    [
        "]]>",
        "a]]>b<c",
        "<script>alert('x')</script>",
        '"quoted"',
        "x\x00y\x1fz\r\n",
        "</v>\n<w>x</w>",
        "\n",
        "",
    ],
)
@pytest.mark.parametrize("wellformed", [False, True])
def test_hostile_values_round_trip(value, wellformed):
    result = {"result": "success", "v": value, "rows": [{"v": value}, {"v": value}]}
    body = render("goGetAllUsers", result, wellformed=wellformed)
    answer = parse(body)
    assert answer.action == "goGetAllUsers"
    assert answer.nodes == project(result)


def test_wellformed_is_real_xml_with_the_same_data():
    result = {"result": "success", "user_id": [3, 4], "bad": "a\x01b", "data": {"k": "<&>"}}
    body = render("goGetAllUsers", result, wellformed=True)
    root = ElementTree.fromstring(body)
    assert root.find("action").text == "goGetAllUsers"
    assert [item.get("key") for item in root.findall("item")] == ["0", "1"]
    assert root.find("data/k").text == "<&>"
    assert parse(body).nodes == project(result)
    assert parse(body).as_dict()["bad"] == "a\x01b"


def test_project_is_lossy_like_upstream():
    assert project({"n": 5, "t": True, "f": False, "z": None, "list": ["a"], "m": {"0": "x", "k": "y"}}) == [
        ("n", "5"),
        ("t", "1"),
        ("f", ""),
        ("z", ""),
        ("0", "a"),
        ("0", "x"),
        ("k", "y"),
    ]


def test_action_is_echoed_mysqli_escaped_and_read_back():
    action = "bad'\"\\action"
    body = render(mysqli_escape(action), {"result": "error", "message": "Command Not Found"})
    assert '<action>"bad\\\'\\"\\\\action "</action>' in body
    assert parse(body).action == action


def test_parse_rejects_what_is_not_goapi_xml():
    with pytest.raises(XmlParseError):
        parse("<html>nope</html>")
    with pytest.raises(XmlParseError):
        parse("result=error;message=x;")


def test_php_scalar_formatting():
    assert [php_float_to_string(x) for x in (1.0, 1.5, 1e20, 1e-5, -0.0, 100.0)] == [
        "1",
        "1.5",
        "1.0E+20",
        "1.0E-5",
        "-0",
        "100",
    ]
    assert html_entity_decode("&lt;&#x41;&#66;&nbsp;&bogus;&amp") == "<AB\xa0&bogus;&amp"


def test_php_json_encode_quirks():
    assert php_json.encode({"message": "Invalid Username/Password"}) == (
        '{"message":"Invalid Username\\/Password"}'
    )
    assert php_json.encode({"name": "José", "e": {}, "l": {"0": "a", "1": "b"}}) == (
        '{"name":"Jos\\u00e9","e":[],"l":["a","b"]}'
    )


KEYS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True)
HOSTILE = st.sampled_from(
    [
        "]]>",
        "<![CDATA[",
        "<script>",
        "&amp;",
        "&lt;",
        "&#39;",
        '"',
        "'",
        "\n",
        "\r",
        "\t",
        "\x00",
        "\x1f",
        "é",
        "/",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=8), HOSTILE), max_size=4).map("".join)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(KEYS, children, max_size=3)),
    max_leaves=12,
)
RESULTS = st.dictionaries(KEYS, VALUES, max_size=5)


@settings(max_examples=300, deadline=None)
@given(result=RESULTS, wellformed=st.booleans())
def test_parse_of_render_is_the_projection(result, wellformed):
    assert parse(render("someAction", result, wellformed=wellformed)).nodes == project(result)


def test_parse_reads_goagent_pretty_printed_xml():
    pretty = (
        '<?xml version="1.0"?>\n<goautodialapi version="4.0">\n  <action>goGetCustomerInfo</action>\n'
        "  <result>success</result>\n  <lead_info>\n    <lead_id>14246</lead_id>\n"
        '    <comments>A &amp; B</comments>\n  </lead_info>\n  <item id="0">x</item>\n</goautodialapi>\n'
    )
    answer = parse(pretty)
    assert answer.action == "goGetCustomerInfo"
    assert answer.nodes == [
        ("result", "success"),
        ("lead_info", [("lead_id", "14246"), ("comments", "A & B")]),
        ("0", "x"),
    ]


def test_parse_tolerates_another_declaration_and_root_version():
    body = render("goGetAllUsers", {"result": "error", "message": "x"})
    older = body.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?>').replace(
        'version="4.0"', 'version="3.0"'
    )
    assert parse(older) == parse(body)
