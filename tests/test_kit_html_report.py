"""drift-report.html: self-contained (no request can leave it), and in a real browser (Debian's
chromium, headless) it renders without script errors and shows every verdict."""

from __future__ import annotations

import re
from html import escape

import pytest

from contract_tests.contract import Contract
from contract_tests.drift_injection import Drift, drifted_app
from contract_tests.report import RunInfo, report_document, write_reports
from contract_tests.runner import ContractRun, RunOptions
from contract_tests.transport import WsgiTarget
from crocodial_mock.paths import SPEC_PATH
from mockserver.world import WorldSize
from tests.browser import console_errors, headless_chromium, screenshot

SMALL_WORLD = WorldSize(users=30, campaigns=6, calls_per_day=300, leads=600)
SELECTED = {"getAgentStatus_get", "getAllProfiles_get", "agent_cdr_get", "goGetAllUsers_get", "add_lead_get"}


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    """A run with one breaking, one not-deployed, one unverified, passing and skipped operations."""
    drifts = [
        Drift("add", "getAgentStatus", "/data/wrapup_agents", 2),
        Drift("remove", "getAgentStatus", "/data/paused_agents"),
        Drift("replace", "getAllProfiles", "/", {"result": "error", "message": "Command Not Found"}),
        Drift("set", "agent_cdr", "/data/rows", []),
    ]
    target = WsgiTarget(drifted_app(drifts, size=SMALL_WORLD))
    run = ContractRun(Contract.load(SPEC_PATH), target, "MyUser", "MyPass", RunOptions(max_examples=0))
    return _write(run, tmp_path_factory.mktemp("html"))


def _write(run, directory):
    results = run.run(only=SELECTED)
    info = RunInfo("http://127.0.0.1:8080", "crocodial.yaml", "2025-05-14 15:30:00", 1.0, 0, "skipped")
    write_reports(results, info, directory, run.redact)
    return directory, results


def test_the_page_is_self_contained(report_dir):
    directory, _ = report_dir
    page = (directory / "drift-report.html").read_text()
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "MyPass" not in page


def test_chromium_renders_the_verdicts_without_script_errors(report_dir):
    directory, results = report_dir
    with headless_chromium() as browser:
        browser.get((directory / "drift-report.html").as_uri())
        assert browser.find_element("tag name", "body").get_attribute("data-ready") == "yes"
        assert console_errors(browser) == []
        rows = browser.find_elements("css selector", "tr.verdict")
        shown = {
            row.find_element("css selector", "a").text: row.get_attribute("data-verdict") for row in rows
        }
        assert shown == {r.operation: r.verdict for r in results}
        assert set(shown.values()) == {"breaking", "not-deployed", "unverified", "pass", "skipped"}
        badge = rows[0].find_element("css selector", ".badge")
        assert badge.is_displayed() and badge.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
        causes = browser.find_element("id", "causes").text
        assert "1 action is not deployed on this target: getAllProfiles" in causes
        screenshot(browser, "drift-report")
        browser.find_element("id", "only-problems").click()
        visible = {row.get_attribute("data-verdict") for row in rows if row.is_displayed()}
        assert visible == {"breaking", "not-deployed", "unverified"}
        assert console_errors(browser) == []


def test_the_page_and_the_json_report_agree(report_dir):
    directory, results = report_dir
    info = RunInfo("http://127.0.0.1:8080", "crocodial.yaml", "2025-05-14 15:30:00", 1.0, 0, "skipped")
    document = report_document(results, info)
    page = (directory / "drift-report.html").read_text()
    assert len(document["causes"]) >= 3
    for cause in document["causes"]:
        assert escape(cause["text"]) in page
