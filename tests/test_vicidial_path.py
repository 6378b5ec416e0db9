"""VICIdial's stock path ``/vicidial/non_agent_api.php`` answers exactly as ``/API/lmapi.php`` (ERRATA W21):
the request shapes VICIdial client libraries send (version and add_lead, GET and POST) get byte-identical
answers, state included, and the alias can be switched off."""

from __future__ import annotations

import pytest

from mockserver.app import create_app
from mockserver.cli import build_parser, config_from
from mockserver.config import EmulatorConfig
from mockserver.world import WorldSize

VICIDIAL = "/vicidial/non_agent_api.php"
LMAPI = "/API/lmapi.php"
SIZE = WorldSize(users=20, campaigns=14, calls_per_day=50, leads=300)

# What a VICIdial client library sends: source/user/pass/function first, then the lead's fields.
ADD_LEAD = {
    "source": "phpclient",
    "user": "6666",
    "pass": "1234",
    "function": "add_lead",
    "phone_number": "7275551111",
    "phone_code": "1",
    "list_id": "901",
    "first_name": "Ana",
    "last_name": "Lopez",
    "dnc_check": "N",
    "duplicate_check": "DUPLIST",
    "add_to_hopper": "Y",
}


def app(**options):
    config = EmulatorConfig(
        seed=7, now="2025-05-14T15:30:00", api_users={"6666": "1234"}, size=SIZE, **options
    )
    return create_app(config)


def send(client, path: str, method: str, values: dict[str, str]):
    if method == "GET":
        return client.get(path, query_string=values)
    return client.post(path, data=values)


def same_answer(first, second) -> None:
    assert (first.status_code, first.data) == (second.status_code, second.data)
    for header in ("Content-Type", "Cache-Control", "Pragma"):
        assert first.headers.get(header) == second.headers.get(header)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_version_answers_as_lmapi(method):
    client = app().test_client()
    vicidial = send(client, VICIDIAL, method, {"function": "version"})
    assert vicidial.data.startswith(b"VERSION: 2.14-202|BUILD: 250720-1841|DATE: 2025-05-14 15:30:00|")
    same_answer(vicidial, send(client, LMAPI, method, {"function": "version"}))


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_add_lead_answers_as_lmapi_and_loads_the_same_lead(method):
    """Two identical emulators, one called through each path: the same lines, then the same duplicate."""
    through_vicidial, through_lmapi = app().test_client(), app().test_client()
    first = send(through_vicidial, VICIDIAL, method, ADD_LEAD)
    assert first.data.startswith(b"SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|6666|901|")
    assert b"NOTICE: add_lead ADDED TO HOPPER" in first.data
    same_answer(first, send(through_lmapi, LMAPI, method, ADD_LEAD))
    again = send(through_vicidial, VICIDIAL, method, ADD_LEAD)
    assert again.data.startswith(b"ERROR: add_lead DUPLICATE PHONE NUMBER IN LIST - 7275551111|901|")
    same_answer(again, send(through_lmapi, LMAPI, method, ADD_LEAD))


def test_one_lead_store_behind_both_paths():
    client = app().test_client()
    assert send(client, VICIDIAL, "GET", ADD_LEAD).data.startswith(b"SUCCESS")
    assert b"DUPLICATE PHONE NUMBER IN LIST" in send(client, LMAPI, "POST", ADD_LEAD).data


def test_errors_and_other_functions_answer_as_lmapi():
    client = app().test_client()
    bad_login = {"function": "add_lead", "user": "6666", "pass": "wrong"}
    for values in (bad_login, {**ADD_LEAD, "function": "update_lead"}, {**ADD_LEAD, "source": "x"}, {}):
        same_answer(send(client, VICIDIAL, "GET", values), send(client, LMAPI, "GET", values))


def test_doubled_slashes_are_merged_and_other_spellings_are_apache_404():
    client = app().test_client()
    assert client.get("/vicidial//non_agent_api.php?function=version").data.startswith(b"VERSION:")
    for path in (VICIDIAL.upper(), "/vicidial/non_agent_api.PHP", VICIDIAL + "/x", "/vicidial/x.php"):
        assert client.get(path, query_string={"function": "version"}).status_code == 404


def test_the_alias_can_be_switched_off():
    client = app(vicidial_path=False).test_client()
    response = client.get(VICIDIAL, query_string={"function": "version"})
    assert response.status_code == 404 and b"404 Not Found" in response.data
    assert client.get(LMAPI, query_string={"function": "version"}).data.startswith(b"VERSION:")


def test_the_serve_flag_switches_it_off():
    assert config_from(build_parser().parse_args(["serve"])).vicidial_path is True
    assert config_from(build_parser().parse_args(["serve", "--no-vicidial-path"])).vicidial_path is False


def test_the_journal_names_the_path_used():
    client = app().test_client()
    client.get(VICIDIAL, query_string={"function": "version"})
    entries = client.get("/__admin/requests").get_json()
    assert any(entry["path"] == VICIDIAL and entry["endpoint"] == "lmapi" for entry in entries["requests"])
