"""`curriculum schema`: the format as JSON Schema, one file per kind of YAML file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..model.schema import Bank, Course, Glossary, Module, Registry

SCHEMAS = {"course": Course, "module": Module, "bank": Bank, "instruments": Registry,
           "glossary": Glossary}


def schema_text(kind: str) -> str:
    schema = SCHEMAS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"curriculum-builder/{kind}.schema.json"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for kind in SCHEMAS:
        path = out / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        click.echo(f"wrote {path}")
    return 0
