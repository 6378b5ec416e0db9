"""Where the project's data files live, so every module finds the same contract and fixtures."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = REPO_ROOT / "openapi" / "crocodial.yaml"
FIXTURES_DIR = REPO_ROOT / "fixtures"
IDENTITIES_PATH = FIXTURES_DIR / "identities.yaml"
EXAMPLES_DIR = FIXTURES_DIR / "examples"
