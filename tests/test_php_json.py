"""json_encode fidelity: the bytes a PHP client of CrocoDial really receives (ERRATA W3)."""

import json

import pytest

from mockserver.encoding.php_json import encode


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"message": "Invalid Username/Password"}, '{"message":"Invalid Username\\/Password"}'),
        ({"name": "Bogotá"}, '{"name":"Bogot\\u00e1"}'),
        ({"rows": {}}, '{"rows":[]}'),
        ({}, "[]"),
        ({"row": {"a": {}}}, '{"row":{"a":[]}}'),
        ({"0": "a", "1": "b"}, '["a","b"]'),
        ({"1": "a", "0": "b"}, '{"1":"a","0":"b"}'),
        ({"012": "x"}, '{"012":"x"}'),
        (
            {"avg": 14.5, "total": 2.0, "none": None, "flag": True},
            '{"avg":14.5,"total":2.0,"none":null,"flag":true}',
        ),
        ({"ratio": float("nan")}, '{"ratio":0}'),
        ({"tuple": ("a", 1)}, '{"tuple":["a",1]}'),
    ],
)
def test_encode_matches_php_json_encode(value, expected):
    assert encode(value) == expected


def test_report_rows_encode_like_any_other_dict():
    rows = [{"user": "a/b", "calls": 3, "wp_sec": None}, {"user": "ç", "calls": 0, "wp_sec": None}]
    assert encode({"data": {"rows": rows}}) == (
        '{"data":{"rows":[{"user":"a\\/b","calls":3,"wp_sec":null},{"user":"\\u00e7","calls":0,"wp_sec":null}]}}'
    )


def test_a_long_list_encoded_in_chunks_is_byte_identical_to_one_pass():
    rows = [{"url": f"http://x/{n}", "name": "Jos\u00e9", "n": n, "none": None} for n in range(1203)]
    value = {"result": "success", "data": {"rows": rows, "headers": ["a/b"], "nested": {"k": [1, 2.5]}}}
    one_pass = json.dumps(value, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")
    assert encode(value) == one_pass
    assert encode(rows[:0]) == "[]" and encode(list(range(1001))) == json.dumps(
        list(range(1001))
    ).replace(" ", "")


def test_php_float_forms_survive_chunked_encoding():
    assert encode([1e-5] * 1001) == "[" + ",".join(["1.0e-5"] * 1001) + "]"
