"""Hostile and malformed requests never get a 5xx, a traceback or an echo of a password."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wire_support import CONFIG

from mockserver.app import create_app

PATHS = [
    "/goAPIv2/goReports/goAPI.php",
    "/goAPIv2/goDashboard/goAPI.php",
    "/goAPIv2/goUsers/goAPI.php",
    "/goAPIv2/goCalltimes/goAPI.php",
    "/goAPIv2/goCampaigns/goAPI.php",
    "/goAPIv2/goAgent/goAPI.php",
    "/API/lmapi.php",
    "/goAPIv2/goReports/goAPI.php/../x",
    "/__admin/requests",
]
ACTIONS = [
    "goGetAllUsers",
    "getUserInfo",
    "outbound_cdr",
    "agent_cdr",
    "goGetCustomerInfo",
    "getCampaignInfo",
    "goGetCalltimeInfo",
    "exportPauseReport",
    "getLeadsOnHopper",
    "add_lead",
    "version",
    "",
]
HOSTILE = [
    "' OR 1=1 -- ",
    '"><script>alert(1)</script>',
    "]]>",
    "%00",
    "\x00",
    "../../etc/passwd",
    "{{7*7}}",
    "${jndi:x}",
    "-1",
    "99999999999999999999",
    "2025-02-30",
    "1e309",
    "NaN",
    "[]",
    "é",
    "\ud7ff",
    "a" * 300,
]
NAMES = [
    "goAction",
    "goUser",
    "goPass",
    "responsetype",
    "user",
    "user_id",
    "campaign_id",
    "fromDate",
    "toDate",
    "tenant[]",
    "profile[]",
    "lead_id",
    "phone_number",
    "function",
    "pass",
    "source",
    "list_id",
    "a[b",
    "[x]",
]


@pytest.fixture(scope="module")
def client():
    return create_app(CONFIG).test_client()


def raw_query(raw: bytes) -> dict[str, str]:
    """WSGI carries the query string as latin-1 text; this passes arbitrary bytes through untouched."""
    return {"QUERY_STRING": raw.decode("latin-1")}


def assert_survived(response):
    assert response.status_code < 500
    body = response.get_data()
    assert b"Traceback" not in body
    assert b"internal error" not in body, body[:300]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.sampled_from(PATHS),
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]),
    pairs=st.lists(
        st.tuples(
            st.one_of(st.sampled_from(NAMES), st.text(max_size=6)),
            st.one_of(st.sampled_from(ACTIONS + HOSTILE), st.text(max_size=20)),
        ),
        max_size=8,
    ),
    good_credentials=st.booleans(),
    in_body=st.booleans(),
    junk=st.binary(max_size=30),
)
def test_random_requests_never_fail_the_server(client, path, method, pairs, good_credentials, in_body, junk):
    if good_credentials:
        pairs = [("goUser", "MyUser"), ("goPass", "MyPass"), ("user", "MyUser"), ("pass", "MyPass"), *pairs]
    encoded = urlencode(pairs).encode() + b"&" + junk
    if in_body and method == "POST":
        response = client.open(
            path, method=method, data=encoded, content_type="application/x-www-form-urlencoded"
        )
    else:
        response = client.open(path, method=method, environ_overrides=raw_query(encoded))
    assert_survived(response)


def test_non_utf8_bytes_everywhere(client):
    query = b"goAction=goGetAllUsers\xff&goUser=My\xc3User&goPass=\xfe&responsetype=json&\xff\xfe=\x80"
    assert_survived(client.get("/goAPIv2/goUsers/goAPI.php", environ_overrides=raw_query(query)))
    assert_survived(
        client.post(
            "/goAPIv2/goUsers/goAPI.php", data=query, content_type="application/x-www-form-urlencoded"
        )
    )
    body = (
        b'--b\r\nContent-Disposition: form-data; name="goAction\xff"\r\n\r\n\xfe\xff\r\n'
        b'--b\r\nContent-Disposition: form-data; name="goUser"\r\n\r\nMyUser\r\n--b--\r\n'
    )
    assert_survived(
        client.post("/goAPIv2/goUsers/goAPI.php", data=body, content_type="multipart/form-data; boundary=b")
    )
    assert_survived(
        client.post("/goAPIv2/goUsers/goAPI.php", data=b"--broken", content_type="multipart/form-data")
    )


def test_huge_values_and_bodies(client):
    huge = "x" * 1_000_000
    response = client.get(
        "/goAPIv2/goUsers/goAPI.php",
        query_string={
            "goAction": "getUserInfo",
            "goUser": "MyUser",
            "goPass": "MyPass",
            "user": huge,
            "responsetype": "json",
        },
    )
    assert_survived(response)
    assert response.get_data(as_text=True).startswith('{"code":"41004"')
    over_post_max = b"goAction=goGetAllUsers&goUser=MyUser&goPass=MyPass&responsetype=json&pad=" + b"y" * (
        9 * 2**20
    )
    response = client.post(
        "/goAPIv2/goUsers/goAPI.php", data=over_post_max, content_type="application/x-www-form-urlencoded"
    )
    assert_survived(response)
    assert "Invalid Username/Password" in response.get_data(as_text=True)  # PHP drops an oversized $_POST
    many = "&".join(f"f{i}=1" for i in range(5000))
    assert_survived(
        client.post("/goAPIv2/goUsers/goAPI.php", data=many, content_type="multipart/form-data; boundary=z")
    )
    assert_survived(client.get("/goAPIv2/goUsers/goAPI.php?" + many))


def test_passwords_are_not_echoed_by_goapi(client):
    for responsetype in ("json", "xml", "bogus"):
        response = client.get(
            "/goAPIv2/goReports/goAPI.php",
            query_string={
                "goAction": "outbound_cdr",
                "goUser": "MyUser",
                "goPass": "Secret-9",
                "responsetype": responsetype,
            },
        )
        assert b"Secret-9" not in response.get_data()
