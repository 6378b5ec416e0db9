"""The path-routed variant (`generate.py --flat`) for tools that route by path and method alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate
from repo_files import REPO_ROOT

from crocodial_mock.paths import SPEC_PATH

CONTRACT: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())


@pytest.fixture(scope="module")
def flat(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    target = tmp_path_factory.mktemp("flat") / "crocodial.flat.yaml"
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "openapi" / "generate.py"), "--flat", str(target)], check=True
    )
    return target, yaml.safe_load(target.read_text())


def actions_by_url() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, item in CONTRACT["paths"].items():
        found.setdefault(key.split("#")[0], []).append(item["get"]["x-crocodial-action"])
    return found


def test_flat_variant_is_valid_and_has_one_operation_per_url_and_method(flat):
    _, document = flat
    validate(document)
    assert "x-hasEquivalentPaths" not in document
    assert set(document["paths"]) == set(actions_by_url())
    assert all(set(item) == {"get", "post"} for item in document["paths"].values())


def test_each_url_offers_its_module_actions_with_their_examples(flat):
    _, document = flat
    for url, actions in actions_by_url().items():
        if url == "/API/lmapi.php":
            continue
        get, post = document["paths"][url]["get"], document["paths"][url]["post"]
        go_action = next(p for p in get["parameters"] if p["name"] == "goAction")
        assert go_action["schema"]["enum"] == actions
        body = post["requestBody"]["content"]["application/x-www-form-urlencoded"]
        assert body["schema"]["properties"]["goAction"]["enum"] == actions
        assert set(body["examples"]) == set(actions)
        examples = get["responses"]["200"]["content"]["application/json"]["examples"]
        assert {name.split(".")[0] for name in examples} == set(actions), "every answer can be asked for"
        required = {p["name"] for p in get["parameters"] if p["required"]}
        assert required == {"goAction", "goUser", "goPass", "responsetype"}


def test_schemathesis_loads_the_flat_variant(flat):
    import schemathesis

    path, _ = flat
    operations = [result.ok() for result in schemathesis.openapi.from_path(str(path)).get_all_operations()]
    assert len(operations) == 14
