"""Documentation that is generated from the code stays in step with it."""

from __future__ import annotations

import json

from builder.cli.schema import SCHEMAS, schema_text
from builder.model.reference import reference

from .conftest import ROOT


def test_format_reference_matches_the_schema() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert reference() in text, "run: python -m builder.model.reference"


def test_committed_json_schemas_match_the_models() -> None:
    for kind in SCHEMAS:
        committed = (ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert json.loads(committed) == json.loads(schema_text(kind)), "run: curriculum schema"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0].strip().splitlines()
    assert [line.split("#")[0].strip() for line in first_block] == ["make site", "make test"]
