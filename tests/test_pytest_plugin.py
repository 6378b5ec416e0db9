"""The pytest plugin as a user's suite meets it: pytester runs small test files that use the fixtures,
the marker, ini options and flags, and we check the outcome of each inner test.

The checkout's package is not installed with its entry point here, so the inner runs load the plugin
with ``-p crocodial_mock.pytest_plugin``; one test installs the entry point in a scratch folder to show
that both together load it once.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys

import pytest
import requests  # noqa: F401
from repo_files import REPO_ROOT

import crocodial_mock
import mockserver

pytest_plugins = ["pytester"]

PLUGIN = ("-p", "crocodial_mock.pytest_plugin")
UNRELATED_PLUGINS = tuple(
    arg
    for name in ("schemathesis", "hypothesispytest", "faker", "benchmark", "anyio")
    for arg in ("-p", f"no:{name}")
)
"""Installed plugins a subprocess run need not import (seconds on a busy machine)."""
SMALL_WORLD_INI = """
[pytest]
crocodial_users = 30
crocodial_campaigns = 6
crocodial_calls_per_day = 300
crocodial_leads = 600
"""
HELPERS = """
import requests

def goapi(server, module, action, password=None, **params):
    data = {"goAction": action, "goUser": server.user, "goPass": password or server.password,
            "responsetype": "json", **params}
    return requests.post(server.goapi_url(module), data=data, timeout=10)

def add_lead(server, phone):
    params = {"function": "add_lead", "user": server.user, "pass": server.password, "source": "test",
              "phone_number": phone, "first_name": "Ada", "last_name": "Lovelace", "list_id": "101"}
    return requests.get(server.lmapi_url, params=params, timeout=10).text
"""


@pytest.fixture(scope="module", autouse=True)
def emulator_stack_imported() -> None:
    """pytester's in-process runs forget the modules an inner run imported, and some cannot be imported
    twice (the handler registry, yaml's C loader): import them all here, and build one small world so
    the lazily imported parts (Faker's locales...) are loaded too."""
    for package in (mockserver, crocodial_mock):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not module.name.endswith("__main__"):
                importlib.import_module(module.name)
    from crocodial_mock.emulator import Emulator

    emulator = Emulator(users=30, campaigns=6, calls_per_day=300, leads=600)
    emulator.app.extensions["crocodial"].directory  # noqa: B018  (builds it)
    emulator.test_client().get("/API/lmapi.php?function=version")


@pytest.fixture
def suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A scratch suite with a small world in its ini file and the helpers above."""
    monkeypatch.setenv("PYTHONPATH", str(REPO_ROOT))
    pytester.makeini(SMALL_WORLD_INI)
    pytester.makepyfile(helpers=HELPERS)
    return pytester


def run(suite: pytest.Pytester, *args: str) -> pytest.RunResult:
    # In-process: the outer run has imported the plugin already, so it cannot be assert-rewritten.
    quiet = ("-W", "ignore::pytest.PytestAssertRewriteWarning")
    return suite.runpytest(*PLUGIN, "-p", "no:cacheprovider", *quiet, *args)


def test_marker_configures_seed_clock_and_modes(suite):
    suite.makepyfile(
        """
        import xml.etree.ElementTree as ET
        from datetime import datetime

        import pytest
        import requests
        from helpers import goapi

        @pytest.mark.crocodial(seed=7, now="2025-05-14T15:30:00")
        def test_seed_and_clock(crocodial):
            assert crocodial.seed == 7
            assert crocodial.now == datetime(2025, 5, 14, 15, 30)
            health = requests.get(crocodial.url + "/__admin/health", timeout=10).json()
            assert (health["seed"], health["clock"], health["xml"]) == (7, "frozen", "upstream")

        @pytest.mark.crocodial(xml="wellformed", content_type="accurate")
        def test_modes(crocodial):
            answer = goapi(crocodial, "goUsers", "goGetAllUsers", responsetype="xml")
            assert answer.headers["Content-Type"].startswith("application/xml")
            assert ET.fromstring(answer.content).find("result").text == "success"

        def test_defaults(crocodial):
            assert crocodial.seed == 1 and not crocodial.clock_frozen
            answer = goapi(crocodial, "goUsers", "goGetAllUsers")
            assert answer.headers["Content-Type"] == "text/html; charset=UTF-8"

        @pytest.mark.crocodial(accounts={"alice": "s3cret"})
        def test_extra_account(crocodial):
            assert goapi(crocodial, "goUsers", "goGetAllUsers").json()["result"] == "success"
            answer = requests.post(crocodial.goapi_url("goUsers"), timeout=10, data={
                "goAction": "goGetAllUsers", "goUser": "alice", "goPass": "s3cret", "responsetype": "json"})
            assert answer.json()["result"] == "success"
        """
    )
    run(suite).assert_outcomes(passed=4)


def test_ini_options_then_flags_then_markers(suite):
    suite.makeini(SMALL_WORLD_INI + "crocodial_seed = 11\ncrocodial_now = 2024-02-29T09:00:00\n")
    suite.makepyfile(
        """
        import pytest
        from datetime import datetime

        def test_session_wide(crocodial, crocodial_client, pytestconfig):
            expected = int(pytestconfig.getoption("crocodial_seed") or 11)
            assert crocodial.seed == crocodial_client.emulator.seed == expected
            assert crocodial.now == datetime(2024, 2, 29, 9)
            assert (crocodial.config.size.users, crocodial.config.size.leads) == (30, 600)

        @pytest.mark.crocodial(seed=3, now=None)
        def test_marker_wins(crocodial):
            assert crocodial.seed == 3 and not crocodial.clock_frozen
        """
    )
    run(suite).assert_outcomes(passed=2)
    run(suite, "--crocodial-seed", "13").assert_outcomes(passed=2)
    run(suite, "--crocodial-seed=13", "-k", "session_wide", "--crocodial-now", "2024-02-29T09:00:00")


def test_module_marker_and_closest_marker(suite):
    suite.makepyfile(
        """
        import pytest

        pytestmark = pytest.mark.crocodial(seed=5, now="2025-01-02T03:04:05")

        def test_module_level(crocodial):
            assert (crocodial.seed, crocodial.config.now) == (5, "2025-01-02T03:04:05")

        @pytest.mark.crocodial(seed=6)
        def test_own_marker_overrides_one_option(crocodial):
            assert (crocodial.seed, crocodial.config.now) == (6, "2025-01-02T03:04:05")
        """
    )
    run(suite).assert_outcomes(passed=2)


def test_each_test_starts_from_the_seeded_state(suite):
    suite.makepyfile(
        """
        import pytest
        from helpers import add_lead, goapi

        added = {}

        def test_adds_a_lead(crocodial):
            line = add_lead(crocodial, "3125550142")
            assert line.startswith("SUCCESS: add_lead LEAD HAS BEEN ADDED")
            added["id"] = line.split("|")[3]
            info = goapi(crocodial, "goAgent", "goGetCustomerInfo", lead_id=added["id"]).json()
            assert info["lead_info"]["phone_number"] == "3125550142"
            crocodial.add_fault("PHP_FATAL", action="goGetAllUsers")

        def test_no_longer_sees_it(crocodial):
            info = goapi(crocodial, "goAgent", "goGetCustomerInfo", lead_id=added["id"]).json()
            assert info == {"result": "error",
                            "message": f"Lead ID '{added['id']}' does NOT exist on the database"}
            assert crocodial.faults() == []
            assert goapi(crocodial, "goUsers", "goGetAllUsers").status_code == 200
            assert [r.action for r in crocodial.requests()] == ["goGetCustomerInfo", "goGetAllUsers"]

        def test_client_no_longer_sees_it_either(crocodial_client):
            answer = crocodial_client.post("/goAPIv2/goAgent/goAPI.php", data={
                "goAction": "goGetCustomerInfo", "goUser": "MyUser", "goPass": "MyPass",
                "lead_id": added["id"], "responsetype": "json"})
            assert answer.get_json(force=True)["result"] == "error"
            assert crocodial_client.emulator.requests(action="goGetCustomerInfo", outcome="error")
        """
    )
    run(suite, "-p", "no:randomly").assert_outcomes(passed=3)


def test_one_server_per_configuration_for_the_session(suite):
    suite.makepyfile(
        """
        import pytest

        urls = []

        def test_first(crocodial):
            urls.append(crocodial.url)

        def test_same_configuration_same_server(crocodial):
            assert crocodial.url == urls[0]

        @pytest.mark.crocodial(seed=9)
        def test_other_configuration_other_server(crocodial, crocodial_client):
            assert crocodial.url != urls[0]
            assert crocodial_client.emulator is crocodial
        """
    )
    run(suite).assert_outcomes(passed=3)


def test_journal_filters(suite):
    suite.makepyfile(
        """
        import re
        import pytest
        import requests
        from helpers import add_lead, goapi

        def test_filters(crocodial):
            goapi(crocodial, "goUsers", "goGetAllUsers")
            goapi(crocodial, "goUsers", "goGetAllUsers", password="wrong")
            requests.get(crocodial.goapi_url("goAgent"), timeout=10, params={
                "goAction": "goGetCustomerInfo", "goUser": "MyUser", "goPass": "MyPass",
                "lead_id": "14246", "responsetype": "json"})
            add_lead(crocodial, "3125550199")
            every = crocodial.requests()
            assert [r.action for r in every] == ["goGetAllUsers", "goGetAllUsers", "goGetCustomerInfo",
                                                 "add_lead"]
            assert all(r["params"].get("goPass", "***") == "***" for r in every)
            assert len(crocodial.requests(action="goGetAllUsers")) == 2
            assert [r.outcome for r in crocodial.requests(action="goGetAllUsers", outcome="error")] == [
                "error: Invalid Username/Password"]
            assert [r.action for r in crocodial.requests(method="GET", module="goAgent")] == [
                "goGetCustomerInfo"]
            assert crocodial.requests(endpoint="lmapi")[0].outcome.startswith("SUCCESS")
            assert len(crocodial.requests(params={"lead_id": "14246"})) == 1
            assert len(crocodial.requests(params={"phone_number": re.compile("^312")})) == 1
            assert [r.action for r in crocodial.requests(body_bytes=lambda size: size > 2000)] == [
                "goGetAllUsers"]
            assert crocodial.requests(action="getUserInfo") == []
            with pytest.raises(TypeError, match="unknown journal filter 'verb'"):
                crocodial.requests(verb="GET")
            assert crocodial.clear_requests() == 4 and crocodial.requests() == []
        """
    )
    run(suite).assert_outcomes(passed=1)


def test_faults(suite):
    suite.makepyfile(
        """
        import pytest
        from helpers import goapi

        def test_empty_body_once_then_normal(crocodial):
            fault = crocodial.add_fault("EMPTY_BODY", action="goGetAllUsers", times=1)
            assert fault["times"] == 1 and crocodial.faults() == [fault]
            first = goapi(crocodial, "goUsers", "goGetAllUsers")
            assert (first.status_code, first.content) == (200, b"")
            assert goapi(crocodial, "goUsers", "goGetAllUsers").json()["result"] == "success"
            assert crocodial.faults() == []
            assert crocodial.requests(outcome="fault")[0].outcome == "fault EMPTY_BODY #1"

        def test_php_fatal_for_one_action(crocodial):
            crocodial.add_fault("PHP_FATAL", action="goGetAllUsers")
            assert goapi(crocodial, "goUsers", "goGetAllUsers").status_code == 500
            other = goapi(crocodial, "goCampaigns", "getCampaignInfo", campaign_id="CAMP001")
            assert other.json()["result"] == "success"
            assert crocodial.clear_faults() == 1

        def test_delay_and_bad_faults(crocodial):
            crocodial.add_fault(delay_ms=50, times=1)
            assert goapi(crocodial, "goUsers", "goGetAllUsers").json()["result"] == "success"
            with pytest.raises(ValueError, match="fault must be one of"):
                crocodial.add_fault("SLOW")
            with pytest.raises(ValueError, match="a NONE fault needs a delay_ms"):
                crocodial.add_fault()

        def test_client_faults(crocodial_client):
            crocodial_client.emulator.add_fault("EMPTY_BODY")
            answer = crocodial_client.get("/API/lmapi.php?function=version")
            assert (answer.status_code, answer.data) == (200, b"")
        """
    )
    run(suite).assert_outcomes(passed=4)


def test_client_fixture_needs_no_socket(suite):
    suite.makepyfile(
        """
        import pytest

        @pytest.mark.crocodial(seed=7, now="2025-05-14T15:30:00")
        def test_in_process(crocodial_client):
            answer = crocodial_client.get("/goAPIv2/goUsers/goAPI.php", query_string={
                "goAction": "goGetAllUsers", "goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"})
            assert answer.get_json(force=True)["result"] == "success"
            assert not crocodial_client.emulator.serving
            assert crocodial_client.emulator.requests(action="goGetAllUsers")[0].outcome == "success"
        """
    )
    run(suite).assert_outcomes(passed=1)


def test_mappings_ini_option_replays_a_folder_of_stubs_in_every_test(suite):
    """A recording (or hand-written stubs) in a folder, named once in the ini file, answers in each test."""
    recorded = suite.mkdir("recorded")
    stub = {
        "request": {"module": "goUsers", "action": "goGetAllUsers", "credentials": "valid"},
        "response": {"status": 200, "headers": {"Content-Type": "text/plain"}, "body": "as recorded"},
    }
    (recorded / "goGetAllUsers-1.json").write_text(json.dumps(stub))
    suite.makeini(SMALL_WORLD_INI + "crocodial_mappings = recorded\n")
    suite.makepyfile(
        """
        from helpers import goapi

        def test_first(crocodial):
            assert goapi(crocodial, "goUsers", "goGetAllUsers").text == "as recorded"
            crocodial.clear_stubs()

        def test_after_a_reset_the_folder_answers_again(crocodial):
            assert goapi(crocodial, "goUsers", "goGetAllUsers").text == "as recorded"
        """
    )
    run(suite).assert_outcomes(passed=2)


def test_bad_configuration_is_reported_clearly(suite):
    suite.makepyfile(
        """
        import pytest

        @pytest.mark.crocodial(sead=7)
        def test_typo(crocodial):
            pass

        @pytest.mark.crocodial(users={"alice": "pw"})
        def test_accounts_are_not_users(crocodial):
            pass

        @pytest.mark.crocodial(now="2025-05-14 15:30")
        def test_bad_clock(crocodial_client):
            pass
        """
    )
    result = run(suite)
    result.assert_outcomes(errors=3)
    result.stdout.fnmatch_lines(["*unknown crocodial option(s) sead; known: seed, now*"])
    result.stdout.fnmatch_lines(["*extra API accounts go in accounts={name: password}*"])
    result.stdout.fnmatch_lines(["*crocodial option now: expected YYYY-MM-DDTHH:MM:SS*"])
    flags = run(suite, "--crocodial-xml", "pretty")
    assert flags.ret == pytest.ExitCode.USAGE_ERROR
    flags.stderr.fnmatch_lines(["*crocodial option xml: expected one of upstream, wellformed*"])


def test_help_lists_flags_ini_options_and_marker(suite):
    help_text = run(suite, "--help").stdout.str()
    for name in ("seed", "now", "xml", "content-type", "users", "accounts"):
        assert f"--crocodial-{name}" in help_text
    assert "crocodial_seed (string)" in help_text
    markers = run(suite, "--markers").stdout.str()
    assert "@pytest.mark.crocodial(seed=, now=, xml=" in markers


def test_each_xdist_worker_has_its_own_server(suite, tmp_path, monkeypatch):
    pytest.importorskip("xdist")
    monkeypatch.setenv("SEEN_DIR", str(tmp_path))
    suite.makepyfile(
        """
        import os
        import pytest

        @pytest.mark.parametrize("n", range(8))
        def test_where(crocodial, n):
            worker = os.environ["PYTEST_XDIST_WORKER"]
            with open(os.path.join(os.environ["SEEN_DIR"], f"seen-{n}"), "w") as record:
                record.write(f"{worker} {crocodial.url}")
            crocodial.add_fault("EMPTY_BODY")  # must not leak to the next test on this worker
            assert crocodial.requests() == []
        """
    )
    result = suite.runpytest_subprocess(
        *PLUGIN, *UNRELATED_PLUGINS, "-p", "xdist", "-n", "2", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=8)
    seen = [path.read_text().split() for path in sorted(tmp_path.glob("seen-*"))]
    assert len(seen) == 8
    workers = {worker: {url for w, url in seen if w == worker} for worker, _ in seen}
    assert set(workers) == {"gw0", "gw1"}
    assert all(len(urls) == 1 for urls in workers.values())  # one session-wide server per worker
    assert workers["gw0"] != workers["gw1"]


def test_entry_point_and_explicit_plugin_load_it_once(suite, tmp_path, monkeypatch):
    """Installed, the package registers the plugin under its module name, so ``-p`` reuses it."""
    site = tmp_path / "site"
    dist = site / "crocodial_mock-0.0.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: crocodial-mock\nVersion: 0.0.0\n")
    entry_points = _pyproject_entry_point()
    (dist / "entry_points.txt").write_text(f"[pytest11]\n{entry_points}\n")
    suite.makepyfile("def test_it(crocodial_client):\n    assert crocodial_client.emulator.seed == 4\n")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), str(REPO_ROOT)]))
    common = ("--crocodial-seed", "4", "-p", "no:cacheprovider", *UNRELATED_PLUGINS)
    by_entry_point = suite.runpytest_subprocess(*common)
    by_entry_point.assert_outcomes(passed=1)
    both = suite.runpytest_subprocess(*PLUGIN, *common)
    both.assert_outcomes(passed=1)


def _pyproject_entry_point() -> str:
    import tomllib

    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    ((name, target),) = project["entry-points"]["pytest11"].items()
    return f"{name} = {target}"


def test_plugin_module_imports_nothing_heavy():
    code = (
        "import sys, crocodial_mock.pytest_plugin; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'werkzeug', 'mockserver', "
        "'faker', 'schemathesis', 'requests')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
