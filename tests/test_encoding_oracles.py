"""Both goAPI codecs against hand-written bytes (tests/oracles/goapi): the emulator's encoders
(``php_json``, ``goapi_xml``) and the contract kit's reader and writer (``contract_tests.goapi_reader``),
so each is judged by bytes it did not produce, and the two agree with each other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contract_tests import goapi_reader
from mockserver.encoding import goapi_xml, php_json

ORACLES = Path(__file__).parent / "oracles" / "goapi"
SHAPES = sorted(path.stem for path in ORACLES.glob("*.xml"))

ACTIONS = {
    "nested_objects": "getUserInfo",
    "list_of_objects": "outbound_cdr",
    "list_of_scalars": "goGetAllUsers",
    "numbers": "agentTimeUsage",
    "escaped_action": 'it\'s "odd"',
    "error_envelope": "goGetAllUsers",
}

# Values PHP holds but JSON cannot tell apart from the decoded file: an empty map is an empty array.
INPUTS = {
    "empty_containers": {
        "result": "success",
        "rows": [],
        "meta": {},
        "data": {"headers": {}, "rows": []},
        "after": "x",
    },
}


def oracle(shape: str, suffix: str) -> str:
    return (ORACLES / f"{shape}.{suffix}").read_bytes().decode("utf-8")


def value_of(shape: str):
    """The PHP value: ``json_decode($expected, true)`` gives back the array json_encode wrote."""
    return INPUTS.get(shape) or json.loads(oracle(shape, "json"))


def test_every_shape_has_both_files():
    assert len(SHAPES) >= 14
    assert sorted(path.stem for path in ORACLES.glob("*.json")) == SHAPES


@pytest.mark.parametrize("shape", SHAPES)
def test_emulator_json_is_the_oracle(shape):
    assert php_json.encode(value_of(shape)) == oracle(shape, "json")


@pytest.mark.parametrize("shape", SHAPES)
def test_emulator_xml_is_the_oracle(shape):
    action = goapi_xml.mysqli_escape(ACTIONS.get(shape, "goOracle"))
    assert goapi_xml.render(action, value_of(shape)) == oracle(shape, "xml")


@pytest.mark.parametrize("shape", SHAPES)
def test_kit_writer_is_the_oracle(shape):
    action = goapi_xml.mysqli_escape(ACTIONS.get(shape, "goOracle"))
    assert goapi_reader.write(action, value_of(shape)) == oracle(shape, "xml")


@pytest.mark.parametrize("shape", SHAPES)
def test_both_readers_read_the_oracle_alike(shape):
    text = oracle(shape, "xml")
    kit, emulator = goapi_reader.read(text), goapi_xml.parse(text)
    assert kit.action == emulator.action == ACTIONS.get(shape, "goOracle")
    assert kit.nodes == emulator.nodes == goapi_reader.expected_nodes(value_of(shape))
    assert goapi_xml.project(value_of(shape)) == kit.nodes


# Node trees written by hand for a few shapes: what a reader must get out of the layout.
NODES = {
    "list_of_objects": [
        ("result", "success"),
        ("data", [("rows", [("user", "a"), ("calls", "3")]), ("rows", [("user", "b"), ("calls", "0")])]),
    ],
    "list_of_scalars": [("result", "success"), ("0", "ann"), ("1", "bob"), ("0", "1"), ("1", "9")],
    "list_of_lists": [
        ("matrix", [("0", "a"), ("1", "b")]),
        ("matrix", [("0", "c")]),
        ("data", [("rows", [("user", "a"), ("0", "x"), ("1", "y")])]),
    ],
    "empty_containers": [("result", "success"), ("data", []), ("after", "x")],
    "null_empty_bool": [("a", ""), ("b", ""), ("c", ""), ("d", "1"), ("e", "0")],
    "html_entities": [
        ("amp", "Tom & Jerry"),
        ("named", "café"),
        ("numeric", "'quoted'"),
        ("hex", "ABC"),
        ("xml_apos", "it&apos;s"),
        ("unknown", "&bogus;"),
        ("tags", "<b>"),
        ("no_semicolon", "&amp x"),
    ],
    "escapes": [
        ("url", "https://x.example/a/b"),
        ("multi", "line1\nline2"),
        ("tab", "a\tb"),
        ("backslash", "C:\\dir"),
        ("control", "\x01"),
    ],
    "numbers": [
        ("int", "140"),
        ("zero", "0"),
        ("whole", "14"),
        ("frac", "37.14"),
        ("neg_zero", "-0"),
        ("tiny", "1.0E-5"),
        ("huge", "1.0E+25"),
        ("sum", "0.3"),
    ],
}


@pytest.mark.parametrize("shape", sorted(NODES))
def test_readers_give_the_hand_written_nodes(shape):
    text = oracle(shape, "xml")
    assert goapi_reader.read(text).nodes == NODES[shape]
    assert goapi_xml.parse(text).nodes == NODES[shape]


def test_kit_reads_the_wellformed_layouts():
    emulator_wellformed = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<goautodialapi version="4.0">\n'
        "<action>goGetAllUsers</action>\n"
        '<result>success</result>\n<item key="0">ann</item>\n<note encoding="base64">AQ==</note>\n'
        "<data>\n<rows>\n<user>a &amp; b</user>\n</rows>\n</data>\n</goautodialapi>"
    )
    answer = goapi_reader.read(emulator_wellformed)
    assert answer.action == "goGetAllUsers"
    assert answer.nodes == [
        ("result", "success"),
        ("0", "ann"),
        ("note", "\x01"),
        ("data", [("rows", [("user", "a & b")])]),
    ]
    simplexml = (
        '<?xml version="1.0"?>\n<goautodialapi version="4.0">\n  <action>goGetCustomerInfo</action>\n'
        "  <result>success</result>\n  <lead_info>\n    <lead_id>14246</lead_id>\n  </lead_info>\n"
        '  <campaigns>\n    <item id="0">CAMP001</item>\n  </campaigns>\n</goautodialapi>\n'
    )
    assert (
        goapi_reader.read(simplexml).nodes
        == goapi_xml.parse(simplexml).nodes
        == [
            ("result", "success"),
            ("lead_info", [("lead_id", "14246")]),
            ("campaigns", [("0", "CAMP001")]),
        ]
    )


@pytest.mark.parametrize("text", ["", "not xml", "<other/>", '<?xml version="1.0"?>\\n<goautodialapi>(\\n'])
def test_kit_reader_refuses_what_is_not_goapi_xml(text):
    with pytest.raises(goapi_reader.ReadError):
        goapi_reader.read(text)


# The two codecs check each other on generated answers: what one writes, the other reads back as the
# data it should carry. Values are decoded JSON (string keys, numeric keys as digits) with the characters
# that matter to the layout; W19's undecodable values (a value holding ``<![CDATA[`` or its own closing
# tag) are left out, as no reader can tell them apart.
KEYS = st.one_of(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True), st.from_regex(r"[0-9]", fullmatch=True)
)
PIECES = st.sampled_from(
    ["&amp;", "&lt;b&gt;", "&#39;", "&apos;", '"', "'", "<", ">", "&", "\n", "\t", "é", "😀", "/", "]]>"]
)
TEXT = st.lists(
    st.one_of(st.text(st.characters(codec="utf-8", exclude_characters="<>&"), max_size=6), PIECES), max_size=4
).map("".join)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(KEYS, children, max_size=3)),
    max_leaves=12,
)
RESULTS = st.dictionaries(KEYS, VALUES, max_size=5)


@settings(max_examples=300, deadline=None)
@given(result=RESULTS)
def test_each_codec_reads_what_the_other_writes(result):
    result = json.loads(php_json.encode(result)) if result else result  # as a client decodes it
    if not isinstance(result, dict):
        return  # a list-shaped answer has no goAPI XML form
    emulator_xml = goapi_xml.render("someAction", result)
    assert goapi_reader.write("someAction", result) == emulator_xml
    assert goapi_reader.read(emulator_xml).nodes == goapi_xml.project(result)
    assert goapi_xml.parse(emulator_xml).nodes == goapi_reader.expected_nodes(result)


WELLFORMED = sorted(path.stem for path in (ORACLES / "wellformed").glob("*.xml"))


@pytest.mark.parametrize("shape", WELLFORMED)
def test_wellformed_xml_is_the_oracle_and_reads_back_alike(shape):
    """``--xml wellformed`` (W19): the same data as real XML, held to hand-written bytes too."""
    text = (ORACLES / "wellformed" / f"{shape}.xml").read_bytes().decode("utf-8")
    action = ACTIONS.get(shape, "goOracle")
    assert goapi_xml.render(action, value_of(shape), wellformed=True) == text
    assert (
        goapi_reader.read(text).nodes
        == goapi_xml.parse(text).nodes
        == goapi_reader.expected_nodes(value_of(shape))
    )
