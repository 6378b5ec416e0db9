"""The console (``/__admin/``) in a real browser: Debian's chromium, headless, driven by selenium, against
the emulator served over HTTP. Each page loads without script errors, and what a person does on a page
reaches the emulator (read back through the JSON admin API or the API itself, never through the page).
Screenshots of every page go to tests/artifacts/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
import yaml

from mockserver.config import EmulatorConfig
from mockserver.world import WorldSize
from tests.browser import console_errors, headless_chromium, screenshot
from tests.console_server import serving

SMALL_WORLD = WorldSize(users=30, campaigns=6, calls_per_day=300, leads=600)
NOW = "2025-05-14T15:30:00"
WAIT = 15
CONTRACT = Path(__file__).resolve().parent.parent / "openapi" / "crocodial.yaml"
PAGES = {
    "journal": "/__admin/",
    "stubs": "/__admin/console/stubs",
    "floor": "/__admin/console/floor",
    "docs": "/__admin/console/docs",
    "report": "/__admin/console/report",
}


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    """A drift report the contract kit wrote (a run against a drifted emulator, a few operations)."""
    from contract_tests.contract import Contract
    from contract_tests.drift_injection import Drift, drifted_app
    from contract_tests.report import RunInfo, write_reports
    from contract_tests.runner import ContractRun, RunOptions
    from contract_tests.transport import WsgiTarget
    from crocodial_mock.paths import SPEC_PATH

    drifts = [Drift("remove", "getAgentStatus", "/data/paused_agents")]
    target = WsgiTarget(drifted_app(drifts, size=SMALL_WORLD))
    run = ContractRun(Contract.load(SPEC_PATH), target, "MyUser", "MyPass", RunOptions(max_examples=0))
    results = run.run(only={"getAgentStatus_get", "getAllPortfolios_get"})
    directory = tmp_path_factory.mktemp("contract-report")
    info = RunInfo("http://127.0.0.1:8080", "crocodial.yaml", "2025-05-14 15:30:00", 1.0, 1, "skipped")
    write_reports(results, info, directory, run.redact)
    return directory, {r.operation: r.verdict for r in results}


@pytest.fixture(scope="module")
def base_url(report_dir):
    config = EmulatorConfig(seed=7, now=NOW, size=SMALL_WORLD, report_dir=str(report_dir[0]))
    with serving(config) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with headless_chromium() as browser:
        browser.set_window_size(1400, 1000)
        yield browser


@pytest.fixture(autouse=True)
def clean(base_url):
    requests.post(base_url + "/__admin/reset", timeout=10).raise_for_status()


def wait_for(browser, condition, timeout: float = WAIT):
    """``condition()`` once true; an element replaced while read (a reload, a refresh) is read again."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    ignored = (NoSuchElementException, StaleElementReferenceException)
    wait = WebDriverWait(browser, timeout, poll_frequency=0.1, ignored_exceptions=ignored)
    return wait.until(lambda _: condition())


def goapi(base_url: str, module: str, action: str, **params: str) -> requests.Response:
    query = {"goAction": action, "goUser": "MyUser", "goPass": "MyPass", "responsetype": "json", **params}
    return requests.get(f"{base_url}/goAPIv2/{module}/goAPI.php", params=query, timeout=30)


def css(browser, selector: str):
    return browser.find_elements("css selector", selector)


def journal_actions(browser) -> list[str]:
    """The actions of the journal entries shown, read in one step (the list is rebuilt as it refreshes)."""
    script = "return [...document.querySelectorAll('details.entry')].map((entry) => entry.dataset.action)"
    return browser.execute_script(script)


def open_page(browser, base_url: str, name: str) -> None:
    browser.get_log("browser")  # what earlier pages logged is not this page's
    browser.get(base_url + PAGES[name])
    wait_for(browser, lambda: browser.execute_script("return document.readyState") == "complete")


def test_every_page_loads_without_script_errors(browser, base_url):
    goapi(base_url, "goUsers", "getAllPortfolios")
    goapi(base_url, "goDashboard", "getAgentStatus", responsetype="xml")
    goapi(base_url, "goUsers", "getLiveAgentInfo", user="nobody")
    requests.get(base_url + "/API/lmapi.php", params={"function": "version"}, timeout=10)
    requests.post(base_url + "/goAPIv2/goReports/goAPI.php", data={"goAction": "agent_cdr"}, timeout=10)
    requests.get(base_url + "/index.php", timeout=10)
    for name in PAGES:
        open_page(browser, base_url, name)
        current = css(browser, "nav a.current")
        assert [link.get_attribute("data-nav") for link in current] == [name]
        if name == "journal":
            wait_for(browser, lambda: len(journal_actions(browser)) == 6)
        assert console_errors(browser) == [], name
        width = "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        scrolled, shown = browser.execute_script(width)
        assert scrolled <= shown, f"{name}: {scrolled - shown} px wider than the window"
        screenshot(browser, f"console-{name}")


def test_a_request_appears_in_the_journal_without_a_reload(browser, base_url):
    open_page(browser, base_url, "journal")
    wait_for(browser, lambda: "checked" in browser.find_element("id", "journal-status").text)
    browser.execute_script("document.body.dataset.marker = 'same page'")
    goapi(base_url, "goUsers", "getLiveAgentInfo", user="agent001")
    entry = wait_for(browser, lambda: css(browser, "details.entry[data-action=getLiveAgentInfo]"))[0]
    assert browser.execute_script("return document.body.dataset.marker") == "same page"  # no reload
    entry.find_element("css selector", "summary").click()
    shown = entry.find_element("css selector", ".entry-body").text
    assert "agent001" in shown and "goPass" in shown and "***" in shown and "MyPass" not in shown
    assert '"result":"success"' in shown.replace(" ", "")  # the answer's body
    assert "Content-Type" in shown  # the answer's headers
    screenshot(browser, "console-journal-entry")
    assert console_errors(browser) == []


def test_the_journal_filters(browser, base_url):
    goapi(base_url, "goUsers", "getAllPortfolios")
    goapi(base_url, "goDashboard", "getAgentStatus")
    goapi(base_url, "goUsers", "noSuchAction")
    open_page(browser, base_url, "journal")
    wait_for(browser, lambda: len(journal_actions(browser)) == 3)
    browser.find_element("name", "action").send_keys("getAgentStatus")
    wait_for(browser, lambda: journal_actions(browser) == ["getAgentStatus"])
    browser.find_element("name", "action").clear()
    choose(browser, "matched", "false", form="#journal-filters")
    wait_for(browser, lambda: journal_actions(browser) == ["noSuchAction"])
    choose(browser, "matched", "", form="#journal-filters")
    browser.find_element("name", "text").send_keys("portfolio_name")  # in getAllPortfolios' body only
    wait_for(browser, lambda: journal_actions(browser) == ["getAllPortfolios"])
    browser.find_element("id", "journal-clear").click()
    wait_for(browser, lambda: journal_actions(browser) == [])
    assert requests.get(base_url + "/__admin/requests", timeout=10).json()["requests"] == []
    assert console_errors(browser) == []


def test_hostile_journal_text_stays_text(browser, base_url):
    hostile = "<img src=x id=injected onerror=\"document.title='owned'\"><script>window.owned=1</script>"
    goapi(base_url, "goUsers", "getLiveAgentInfo", user=hostile)
    open_page(browser, base_url, "journal")
    entry = wait_for(browser, lambda: css(browser, "details.entry"))[0]
    entry.find_element("css selector", "summary").click()
    assert hostile in entry.find_element("css selector", ".entry-body").text
    assert css(browser, "#injected") == [] and browser.title != "owned"
    assert browser.execute_script("return window.owned === undefined")


def fill(browser, name: str, text: str, form: str = "#stub-form") -> None:
    field = browser.find_element("css selector", f"{form} [name={name}]")
    field.clear()
    field.send_keys(text)


def choose(browser, name: str, value: str, form: str = "#stub-form") -> None:
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("css selector", f"{form} [name={name}]")).select_by_value(value)


def test_a_stub_added_from_the_form_answers_the_next_request_and_removing_it_works(browser, base_url):
    open_page(browser, base_url, "stubs")
    choose(browser, "module", "goDashboard")
    fill(browser, "action", "getAgentStatus")
    fill(browser, "param-name-0", "responsetype")
    fill(browser, "param-value-0", "json")
    browser.find_element("css selector", "#stub-form [name=content]").send_keys(
        '{"result": "success", "data": {"total_live_agents": 999}}'
    )
    fill(browser, "name", "from the console")
    browser.find_element("css selector", "#stub-form button[type=submit]").click()
    row = wait_for(browser, lambda: css(browser, "#stubs tr[data-stub-id]"))[0]
    assert "Stub" in browser.find_element("id", "flash").text
    answer = goapi(base_url, "goDashboard", "getAgentStatus").json()
    assert answer == {"result": "success", "data": {"total_live_agents": 999}}
    (stub,) = requests.get(base_url + "/__admin/mappings", timeout=10).json()["mappings"]
    assert stub["request"]["parameters"] == {"responsetype": {"equalTo": "json"}}
    assert stub["name"] == "from the console"
    browser.execute_script("window.scrollTo(0, 0)")  # the reload keeps the form's scroll position
    screenshot(browser, "console-stubs-added")

    row.find_element("css selector", "[data-delete-stub]").click()
    wait_for(browser, lambda: not css(browser, "#stubs tr[data-stub-id]"))
    assert requests.get(base_url + "/__admin/mappings", timeout=10).json()["mappings"] == []
    assert goapi(base_url, "goDashboard", "getAgentStatus").json()["data"]["total_live_agents"] != 999
    assert console_errors(browser) == []


def test_a_refused_stub_shows_the_control_planes_reason(browser, base_url):
    open_page(browser, base_url, "stubs")
    fill(browser, "action", "noSuchAction")
    browser.find_element("css selector", "#stub-form [name=content]").send_keys('{"result": "success"}')
    browser.find_element("css selector", "#stub-form button[type=submit]").click()
    error = browser.find_element("id", "stub-error")
    wait_for(browser, error.is_displayed)
    assert "unknown action 'noSuchAction'" in error.text
    (refusal,) = console_errors(browser)  # the browser logs the 400 itself; nothing else went wrong
    assert "/__admin/mappings" in refusal and "400" in refusal
    assert requests.get(base_url + "/__admin/mappings", timeout=10).json()["mappings"] == []
    screenshot(browser, "console-stubs-refused")


def test_a_fault_added_from_the_form_applies(browser, base_url):
    open_page(browser, base_url, "stubs")
    choose(browser, "fault", "EMPTY_BODY", form="#fault-form")
    fill(browser, "action", "getAllPortfolios", form="#fault-form")
    fill(browser, "times", "1", form="#fault-form")
    browser.find_element("css selector", "#fault-form button[type=submit]").click()
    wait_for(browser, lambda: css(browser, "#faults tr[data-fault-id]"))
    faulted = goapi(base_url, "goUsers", "getAllPortfolios")
    assert faulted.status_code == 200 and faulted.content == b""
    assert goapi(base_url, "goUsers", "getAllPortfolios").json()["result"] == "success"  # times=1: used up


def test_a_fault_is_removed_from_the_page(browser, base_url):
    for action in ("getAllPortfolios", "getAllProfiles"):
        fault = {"fault": "PHP_FATAL", "action": action}
        requests.post(base_url + "/__admin/faults", json=fault, timeout=10).raise_for_status()
    open_page(browser, base_url, "stubs")
    rows = css(browser, "#faults tr[data-fault-id]")
    assert [row.text.split()[2] for row in rows] == ["getAllPortfolios", "getAllProfiles"]
    screenshot(browser, "console-stubs-faults")
    rows[0].find_element("css selector", "[data-delete-fault]").click()
    wait_for(browser, lambda: len(css(browser, "#faults tr[data-fault-id]")) == 1)
    (left,) = requests.get(base_url + "/__admin/faults", timeout=10).json()["faults"]
    assert left["action"] == "getAllProfiles"
    assert goapi(base_url, "goUsers", "getAllPortfolios").json()["result"] == "success"
    assert goapi(base_url, "goUsers", "getAllProfiles").status_code == 500
    assert console_errors(browser) == []


def test_the_clock_set_from_the_page_is_the_emulators_clock(browser, base_url):
    open_page(browser, base_url, "floor")
    field = browser.find_element("css selector", "#clock-set [name=now]")
    browser.execute_script("arguments[0].value = '2025-05-14T10:05:30'", field)
    choose(browser, "mode", "frozen", form="#clock-set")
    browser.find_element("css selector", "#clock-set button").click()
    said = browser.find_element("id", "clock-said")
    wait_for(browser, lambda: "2025-05-14T10:05:30" in said.text)
    assert requests.get(base_url + "/__admin/clock", timeout=10).json()["now"] == "2025-05-14T10:05:30"
    fill(browser, "amount", "90", form="#clock-advance")
    browser.find_element("css selector", "#clock-advance button").click()
    wait_for(browser, lambda: "2025-05-14T11:35:30" in said.text)
    assert requests.get(base_url + "/__admin/clock", timeout=10).json()["now"] == "2025-05-14T11:35:30"
    wait_for(browser, lambda: "11:35:30" in browser.find_element("id", "clock-now").text)
    browser.find_element("css selector", "[data-clock=restore]").click()
    wait_for(browser, lambda: NOW in said.text)
    assert requests.get(base_url + "/__admin/clock", timeout=10).json()["now"] == NOW
    assert console_errors(browser) == []


def test_the_floor_shows_the_counts_of_the_realtime_action(browser, base_url):
    counts = goapi(base_url, "goDashboard", "getAgentStatus").json()["data"]
    open_page(browser, base_url, "floor")
    # One reading of the page (the live region is swapped while it refreshes).
    shown, rows = browser.execute_script(
        """return [Object.fromEntries([...document.querySelectorAll('#floor-counts .tile')].map(
                     (t) => [t.dataset.count, Number(t.querySelector('.value').textContent)])),
                   [...document.querySelectorAll('#agents tr[data-user]')].map(
                     (r) => [r.dataset.user, r.dataset.state, r.innerText])]"""
    )
    assert shown == counts
    assert len(rows) == counts["total_live_agents"] > 0
    in_call = [row for row in rows if row[1] in ("INCALL", "QUEUE", "3-WAY", "PARK")]
    assert len(in_call) == counts["incall_agents"]
    agent, _, text = in_call[0]
    live = goapi(base_url, "goUsers", "getLiveAgentInfo", user=agent).json()["data"]
    assert live["status"] in text and live["campaign_id"] in text


def test_the_docs_page_lists_every_operation_of_the_contract(browser, base_url):
    document = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    expected = {
        (op["operationId"], method.upper(), path)
        for path, item in document["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and "operationId" in op
    }
    open_page(browser, base_url, "docs")
    shown = {
        (a.get_attribute("data-operation-id"), a.get_attribute("data-method"), a.get_attribute("data-path"))
        for a in css(browser, "article.operation")
    }
    assert shown == expected and len(expected) > 40
    status = browser.find_element("id", "op-getAgentStatus_get")
    assert "goPass" in status.text and "GetAgentStatusSuccess" in status.text
    assert "InvalidCredentials" in status.find_element("css selector", ".errors").text
    browser.execute_script("arguments[0].scrollIntoView()", status)
    screenshot(browser, "console-docs-operation")
    assert console_errors(browser) == []


def test_the_report_page_shows_the_report_the_kit_wrote(browser, base_url, report_dir):
    directory, verdicts = report_dir
    written = json.loads((directory / "drift-report.json").read_text())
    open_page(browser, base_url, "report")
    shown = {
        row.get_attribute("data-operation"): row.get_attribute("data-verdict")
        for row in css(browser, "#report-operations tr[data-operation]")
    }
    assert shown == verdicts == {op["operation"]: op["verdict"] for op in written["operations"]}
    assert "breaking" in shown.values()
    browser.find_element("id", "report-full").click()
    wait_for(browser, lambda: css(browser, "body[data-ready=yes]"))
    assert {row.get_attribute("data-verdict") for row in css(browser, "tr.verdict")} == set(verdicts.values())
    assert console_errors(browser) == []
    screenshot(browser, "console-report-full")


def test_an_lmapi_stub_answers_the_lines_typed_in_the_form(browser, base_url):
    open_page(browser, base_url, "stubs")
    fill(browser, "action", "version")
    choose(browser, "kind", "lines")
    browser.find_element("css selector", "#stub-form [name=content]").send_keys("VERSION: 9.9-1\nBUILD: x")
    browser.find_element("css selector", "#stub-form button[type=submit]").click()
    wait_for(browser, lambda: css(browser, "#stubs tr[data-stub-id]"))
    answer = requests.get(base_url + "/API/lmapi.php", params={"function": "version"}, timeout=10)
    assert answer.text.splitlines() == ["VERSION: 9.9-1", "BUILD: x"]


def test_scenarios_are_listed_with_their_state_and_reset_from_the_page(browser, base_url):
    for required, new, body in (("Started", "failed once", "down"), ("failed once", "Started", "up")):
        stub = {
            "scenarioName": "retry",
            "requiredScenarioState": required,
            "newScenarioState": new,
            "request": {"action": "version"},
            "response": {"lines": [body]},
        }
        requests.post(base_url + "/__admin/mappings", json=stub, timeout=10).raise_for_status()
    assert requests.get(base_url + "/API/lmapi.php?function=version", timeout=10).text.strip() == "down"
    open_page(browser, base_url, "stubs")
    (row,) = css(browser, "#scenarios tbody tr")
    assert row.text.split("\t")[0].startswith("retry") and "failed once" in row.text
    browser.find_element("id", "scenarios-reset").click()
    wait_for(browser, lambda: "Every scenario is back to Started" in browser.find_element("id", "flash").text)
    (scenario,) = requests.get(base_url + "/__admin/scenarios", timeout=10).json()["scenarios"]
    assert scenario["state"] == "Started"
    assert "Started" in css(browser, "#scenarios tbody tr td")[1].text
    assert console_errors(browser) == []
