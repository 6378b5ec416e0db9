"""schemathesis' schema built from the kit's parsed tree is the one schemathesis builds reading the file
itself, and generates the same requests, whether the tree can be shared or the file is read again."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis

from contract_tests.contract import Contract
from contract_tests.generation import generate, schema_operations
from crocodial_mock.paths import SPEC_PATH

TRICKY = """\
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: a_get
      parameters:
        - {name: flag, in: query, schema: {type: string, example: %s}}
      responses:
        %s:
          description: ok
"""


def test_the_packaged_contract_gives_the_schema_from_path_gives() -> None:
    contract = Contract.load(SPEC_PATH)
    shared = contract.schemathesis_schema
    own = schemathesis.openapi.from_path(str(SPEC_PATH))
    assert shared.raw_schema == own.raw_schema
    assert shared.location == own.location
    op = contract.operation("agent_cdr_post")
    drawn = [
        generate(schema_operations(schema)["agent_cdr_post"], op, negative=False, max_examples=3)
        for schema in (shared, own)
    ]
    assert drawn[0] == drawn[1] and drawn[0]


@pytest.mark.parametrize(
    ("example", "status"),
    [("plain", "'200'"), ("yes", "'200'"), ("2025-05-14", "'200'"), ("plain", "200"), ("!!str 5", "'200'")],
)
def test_scalars_the_two_loaders_read_differently_give_the_schema_from_path_gives(
    tmp_path: Path, example: str, status: str
) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(TRICKY % (example, status))
    contract = Contract.load(path)
    assert contract.schemathesis_schema.raw_schema == schemathesis.openapi.from_path(str(path)).raw_schema
    assert contract.document["paths"]["/a"]["get"]["operationId"] == "a_get"


def test_a_schemathesis_toml_where_the_kit_runs_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kit draws from the contract with schemathesis' defaults: a project's schemathesis.toml (its
    hooks, its generation settings) is for its own `st run`."""
    config = 'hooks = "no_such_hooks_module"\n[generation]\ncodec = "ascii"\n'
    (tmp_path / "schemathesis.toml").write_text(config)
    monkeypatch.chdir(tmp_path)
    contract = Contract.load(SPEC_PATH)
    op = contract.operation("getUserInfo_post")
    drawn = generate(schema_operations(contract.schemathesis_schema)[op.operation_id], op, False, 3)
    monkeypatch.chdir(Path(__file__).parent)
    elsewhere = Contract.load(SPEC_PATH)
    again = generate(schema_operations(elsewhere.schemathesis_schema)[op.operation_id], op, False, 3)
    assert drawn == again and drawn
