"""The CI recipes users copy (examples/ci/) only use commands, flags and variables that exist.

Every `crocodial-mock` / `crocodial-contract` command line in them is parsed by the real argparse parser,
every `--crocodial-*` pytest flag must be one the plugin registers, every CROCODIAL_* variable one an
option reads, and what they publish is what the commands write.
"""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest
import yaml
from repo_files import REPO_ROOT

from contract_tests.cli import build_parser as contract_parser
from crocodial_mock.options import OPTIONS
from mockserver.cli import build_parser as mock_parser

EXAMPLES = REPO_ROOT / "examples" / "ci"
GITHUB = EXAMPLES / "github-actions.yml"
GITLAB = EXAMPLES / "gitlab-ci.yml"
PARSERS = {"crocodial-mock": mock_parser, "crocodial-contract": contract_parser}
SHELL_OPERATORS = {"&&", "||", ";", "|", "&", ">", "2>&1", ">>", "<"}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


def scripts(path: Path) -> list[str]:
    """Every shell command the file runs: GitHub's `run:` steps, GitLab's `script:` lines."""
    document = load(path)
    if path == GITHUB:
        return [step["run"] for job in document["jobs"].values() for step in job["steps"] if "run" in step]
    return [line for job in document.values() if isinstance(job, dict) for line in job.get("script", [])]


def command_lines(path: Path) -> list[list[str]]:
    """Each simple command of each script as words (continuation lines joined, redirections dropped)."""
    found = []
    for script in scripts(path):
        for line in script.replace("\\\n", " ").splitlines():
            words: list[str] = []
            for word in shlex.split(line, comments=True):
                if word in SHELL_OPERATORS or word.startswith((">", "2>")):
                    found.append(words)
                    words = []
                else:
                    words.append(word)
            found.append(words)
    return [words for words in found if words]


def invocations(path: Path, program: str) -> list[list[str]]:
    """The arguments of every call of ``program`` (after any VAR=value prefixes)."""
    calls = []
    for words in command_lines(path):
        while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
            words = words[1:]
        if words and words[0] == program:
            calls.append(words[1:])
    return calls


def subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and those of its commands."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += subparsers(sub)
    return found


def option_strings(parser: argparse.ArgumentParser) -> set[str]:
    return {flag for each in subparsers(parser) for action in each._actions for flag in action.option_strings}


def env_names(parser: argparse.ArgumentParser) -> set[str]:
    return {getattr(action, "env", None) for each in subparsers(parser) for action in each._actions} - {None}


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=lambda p: p.name)
@pytest.mark.parametrize("program", sorted(PARSERS))
def test_every_command_and_flag_exists(path, program, capsys):
    calls = invocations(path, program)
    assert calls, f"{path.name} never runs {program}"
    flags = option_strings(PARSERS[program]())
    for arguments in calls:
        spelled = {word.split("=")[0] for word in arguments if word.startswith("-")}
        assert spelled <= flags, f"{path.name}: {program} has no {sorted(spelled - flags)} (abbreviated?)"
        try:
            PARSERS[program]().parse_args(arguments)
        except SystemExit as exit_info:
            message = capsys.readouterr().err.strip().splitlines()[-1:]
            pytest.fail(f"{path.name}: `{program} {shlex.join(arguments)}` is refused: {message}")
            raise AssertionError from exit_info


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=lambda p: p.name)
def test_pytest_flags_are_the_plugins(path):
    known = {option.flag for option in OPTIONS}
    used = [word.split("=")[0] for words in command_lines(path) if words[0] == "pytest" for word in words]
    crocodial_flags = [flag for flag in used if flag.startswith("--crocodial")]
    assert crocodial_flags, f"{path.name} never configures the plugin"
    assert set(crocodial_flags) <= known


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=lambda p: p.name)
def test_variables_are_ones_the_commands_read(path):
    read = env_names(mock_parser()) | env_names(contract_parser())
    used = set(re.findall(r"\bCROCODIAL_[A-Z_]+\b", path.read_text()))
    assert {"CROCODIAL_BASE_URL", "CROCODIAL_USER", "CROCODIAL_PASSWORD"} <= used
    assert used <= read, f"{path.name} sets variables no option reads: {sorted(used - read)}"


def test_github_drift_job_is_nightly_uses_secrets_and_publishes_the_report():
    document = load(GITHUB)
    triggers = document.get("on", document.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["schedule"][0]["cron"]
    drift = document["jobs"]["drift"]
    [check] = [step for step in drift["steps"] if "crocodial-contract" in step.get("run", "")]
    for name in ("CROCODIAL_BASE_URL", "CROCODIAL_USER", "CROCODIAL_PASSWORD"):
        assert check["env"][name] == f"${{{{ secrets.{name} }}}}"
    report_dir = contract_parser().parse_args(shlex.split(check["run"])[1:]).report_dir
    [upload] = [step for step in drift["steps"] if step.get("uses", "").startswith("actions/upload-artifact")]
    assert upload["if"] == "always()", "a failing drift check must still publish its report"
    assert Path(upload["with"]["path"].rstrip("/")) == report_dir


def test_gitlab_drift_job_is_scheduled_and_publishes_junit_and_the_report():
    drift = load(GITLAB)["crocodial-drift"]
    assert drift["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    [arguments] = invocations(GITLAB, "crocodial-contract")
    report_dir = contract_parser().parse_args(arguments).report_dir
    assert drift["artifacts"]["when"] == "always"
    assert Path(drift["artifacts"]["reports"]["junit"]) == report_dir / "junit.xml"
    assert [Path(p.rstrip("/")) for p in drift["artifacts"]["paths"]] == [report_dir]
    assert not set(drift.get("variables", {})) & {"CROCODIAL_USER", "CROCODIAL_PASSWORD"}, (
        "credentials belong in masked CI/CD variables, not in the file"
    )
