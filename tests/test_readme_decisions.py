"""The README's "Decisions about the vendor's reference" section indexes every row of openapi/ERRATA.md:
one entry per id, no id ERRATA does not define, so the index stays true as rows are added."""

from __future__ import annotations

import re
from collections import Counter

from repo_files import REPO_ROOT

HEADING = "## Decisions about the vendor's reference"
ERRATA_ROW = re.compile(r"^\| ([A-Z]\d+) \|", re.MULTILINE)
INDEX_ENTRY = re.compile(r"^- \*\*([A-Z]\d+)\*\*", re.MULTILINE)


def errata_ids() -> list[str]:
    return ERRATA_ROW.findall((REPO_ROOT / "openapi" / "ERRATA.md").read_text())


def readme_section() -> str:
    text = (REPO_ROOT / "README.md").read_text()
    assert text.count(HEADING + "\n") == 1, f"README.md needs exactly one {HEADING!r} heading"
    body = text.split(HEADING + "\n", 1)[1]
    following = re.search(r"^## ", body, re.MULTILINE)
    return body[: following.start()] if following else body


def test_errata_ids_are_unique():
    ids = errata_ids()
    assert ids, "no decision rows found in openapi/ERRATA.md"
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_readme_indexes_every_errata_id_once():
    defined = set(errata_ids())
    entries = INDEX_ENTRY.findall(readme_section())
    assert sorted(defined - set(entries)) == [], "ERRATA ids missing from the README's decision index"
    assert sorted(set(entries) - defined) == [], "README's decision index names ids ERRATA does not define"
    assert [i for i, n in Counter(entries).items() if n > 1] == [], "ids indexed more than once"


def test_readme_cross_references_name_defined_ids():
    """Ids cited inside entries (``(W12)``, ``see W5``) must exist too; only ERRATA's own prefixes count."""
    defined = set(errata_ids())
    prefixes = "".join(sorted({i[0] for i in defined}))
    cited = set(re.findall(rf"\b([{prefixes}]\d+)\b", readme_section()))
    assert sorted(cited - defined) == [], "README's decision section cites ids ERRATA does not define"
