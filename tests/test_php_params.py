"""PHP's request-variable rules, as goAPI.php and lmapi.php see them."""

from __future__ import annotations

import pytest

from mockserver.php_params import (
    MAX_INPUT_VARS,
    goapi_values,
    lmapi_values,
    merge_request,
    parse_urlencoded,
    redacted,
    register_variables,
    to_params,
)


def superglobal(query: str) -> dict:
    return register_variables(parse_urlencoded(query.encode("latin-1")))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("phone number=555", {"phone_number": "555"}),
        ("phone.number=555", {"phone_number": "555"}),
        ("  lead_id=7", {"lead_id": "7"}),
        ("call-time-id=x", {"call-time-id": "x"}),
        ("a+b=1", {"a_b": "1"}),
        ("tenant[]=AAA&tenant[]=BBB", {"tenant": {0: "AAA", 1: "BBB"}}),
        ("tenant[x]=AAA&tenant[]=BBB", {"tenant": {"x": "AAA", 0: "BBB"}}),
        ("a[5]=x&a[]=y", {"a": {5: "x", 6: "y"}}),
        ("a[b][c]=1", {"a": {"b": {"c": "1"}}}),
        ("a[b=1", {"a_b": "1"}),
        ("a[b.c=1", {"a_b_c": "1"}),
        ("a[b][c=1", {"a": {"b": "1"}}),
        ("a[b]junk=1", {"a": {"b": "1"}}),
        ("a[ ]=1", {"a": {0: "1"}}),
        ("a[007]=1", {"a": {"007": "1"}}),
        ("[a]=1&=2", {}),
        ("a=1&a=2", {"a": "2"}),
        ("a[]=1&a=2", {"a": "2"}),
        ("a=2&a[]=1", {"a": {0: "1"}}),
        ("flag", {"flag": ""}),
        ("x=%41%zz%", {"x": "A%zz%"}),
        ("na%00me=1", {"na": "1"}),
    ],
)
def test_variable_names_are_mangled_like_php(query, expected):
    assert superglobal(query) == expected


def test_invalid_utf8_never_raises():
    values = register_variables(parse_urlencoded(b"user=%ff%fe&\xff\xfe=1"))
    assert values["user"] == "\ufffd\ufffd"
    assert values["\ufffd\ufffd"] == "1"


def test_max_input_vars_drops_the_rest():
    query = "&".join(f"v{i}=1" for i in range(MAX_INPUT_VARS + 5))
    assert len(superglobal(query)) == MAX_INPUT_VARS


def test_excessive_nesting_drops_the_variable():
    assert superglobal("a" + "[x]" * 70 + "=1&b=2") == {"b": "2"}


def test_request_merges_arrays_key_by_key():
    merged = merge_request(superglobal("a[]=1&a[]=2&x=get"), superglobal("a[]=3&x=post"))
    assert merged == {"a": {0: "3", 1: "2"}, "x": "post"}


def test_goapi_precedence():
    get = superglobal("goAction=fromGet&goUser=getUser&goPass=getPass&responsetype=json&other=g")
    post = superglobal("goAction=fromPost&goUser=postUser&goPass=postPass&responsetype=xml&other=p")
    values = goapi_values(get, post)
    assert values["goAction"] == "fromGet"
    assert values["responsetype"] == "json"
    assert values["goUser"] == "postUser"
    assert values["goPass"] == "postPass"
    assert values["other"] == "p"


def test_goapi_falls_back_to_post_and_log_pass_wins():
    values = goapi_values(superglobal("goPass=plain"), superglobal("goAction=a&log_pass=override"))
    assert values["goAction"] == "a"
    assert values["goPass"] == "override"


def test_lmapi_reads_get_first_without_merging():
    values = lmapi_values(
        superglobal("phone_number=1&list[]=a"), superglobal("phone_number=2&list[]=b&source=x")
    )
    assert values == {"phone_number": "1", "list": {0: "a"}, "source": "x"}


def test_params_view():
    params = to_params(superglobal("tenant[]=AAA&tenant[]=&profile[k]=P&user=u&nested[a][]=1"))
    assert params.get_list("tenant") == ["AAA"]
    assert params.get_list("profile") == ["P"]
    assert params.get("tenant") is None
    assert params.get("user") == "u"
    assert params.values["nested"] == {"a": ["1"]}


def test_redaction_covers_every_password_name():
    assert redacted({"goPass": "a", "pass": "b", "log_pass": "c", "goUser": "u"}) == {
        "goPass": "***",
        "pass": "***",
        "log_pass": "***",
        "goUser": "u",
    }
