"""The `curriculum` command as people and scripts use it: exit codes, output, schemas."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from builder.cli.main import main
from builder.load.yaml_source import MAX_FILE_BYTES, parse

from .corpus import MINIMAL, buildable_copy

CURRICULUM = Path(sys.executable).with_name("curriculum")


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_help_lists_the_verbs() -> None:
    code, stdout, _ = cli("--help")
    assert code == 0
    for verb in ("validate", "build", "serve", "schema", "new"):
        assert re.search(rf"^\s+{verb}\s", stdout, re.M), verb


def test_validate_help_documents_the_size_limit() -> None:
    code, stdout, _ = cli("validate", "--help")
    assert code == 0
    assert "--max-file-bytes" in stdout and f"{MAX_FILE_BYTES}" in stdout


def test_validate_the_minimal_project() -> None:
    code, stdout, stderr = cli("validate", "-p", str(MINIMAL))
    assert code == 0
    assert stdout == "ok: 2 modules, 1 question banks, 3 questions, 0 warning(s)\n"
    assert stderr == ""


@pytest.fixture()
def with_warning(tmp_path: Path) -> Path:
    """The minimal project plus a module that course.yaml does not list (a warning)."""
    project = buildable_copy(tmp_path / "project")
    beta = (project / "modules" / "beta.yaml").read_text(encoding="utf-8")
    (project / "modules" / "gamma.yaml").write_text(
        beta.replace("id: beta", "id: gamma").replace("know-beta", "know-gamma"),
        encoding="utf-8")
    return project


def test_a_warning_alone_passes(with_warning: Path) -> None:
    config = with_warning / "mkdocs.yml"  # a lenient build: a warning does not stop it
    config.write_text(config.read_text(encoding="utf-8").replace("strict: true\n", ""),
                      encoding="utf-8")
    code, _, stderr = cli("validate", "-p", str(with_warning))
    assert code == 0
    assert ("warning: modules/gamma.yaml:1:5: id: module 'gamma' is not in course.yaml (add it "
            "to the course's modules, or it is not built)") in stderr.splitlines()


def test_strict_fails_on_a_warning(with_warning: Path) -> None:
    code, stdout, stderr = cli("validate", "--strict", "-p", str(with_warning))
    assert code == 1
    assert stdout.startswith("failed: 3 modules")
    *warnings, conclusion = stderr.splitlines()
    assert warnings and all(line.startswith("warning: ") for line in warnings)
    assert conclusion == ("build would fail in strict mode because of 2 warnings above "
                          "(--strict); fix them")


def test_max_file_bytes_must_be_positive() -> None:
    code, _, stderr = cli("validate", "-p", str(MINIMAL), "--max-file-bytes", "0")
    assert code == 2
    assert "--max-file-bytes" in stderr


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("schema") / "schema"
    code, stdout, _ = cli("schema", "--out", str(out))
    assert code == 0
    assert stdout.count("wrote ") == 5
    return {kind: json.loads((out / f"{kind}.schema.json").read_text(encoding="utf-8"))
            for kind in ("course", "module", "bank", "instruments", "glossary")}


@pytest.mark.parametrize(("kind", "file"), [
    ("course", "course.yaml"), ("module", "modules/alpha.yaml"),
    ("module", "modules/beta.yaml"), ("bank", "quizzes/alpha-bank.yaml")])
def test_the_minimal_project_matches_the_json_schemas(schemas: dict[str, dict], kind: str,
                                                      file: str) -> None:
    schema = schemas[kind]
    jsonschema.Draft202012Validator.check_schema(schema)
    data = parse((MINIMAL / file).read_text(encoding="utf-8"), file).data
    jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize(("kind", "text"), [
    ("module", "id: x\ntitle: X\nduration: 45 mins\nsessions: []\n"),
    ("module", "id: Bad_Id\ntitle: X\nduration: 45min\nsessions: []\n"),
    ("bank", "id: b\ntitle: B\nquestions: [{id: q, type: essay, prompt: P}]\n"),
    ("course", "id: c\ntitle: C\nmodules: [a]\ncolour: red\n"),
])
def test_the_json_schemas_refuse_what_the_loader_refuses(schemas: dict[str, dict], kind: str,
                                                        text: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schemas[kind]).validate(parse(text, "x.yaml").data)


def test_an_internal_error_prints_no_traceback_and_exits_3(tmp_path: Path) -> None:
    # A real cause: the schema folder would have to be created inside a regular file.
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    done = subprocess.run([str(CURRICULUM), "schema", "--out", str(blocker / "schema")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == f"internal error: cannot access {blocker / 'schema'}: Not a directory"
    log = Path(lines[1].rsplit("details are in ", 1)[1])
    assert "Traceback" in log.read_text(encoding="utf-8")
    log.unlink()


def test_version() -> None:
    code, stdout, _ = cli("--version")
    assert code == 0
    assert re.search(r"\d+\.\d+", stdout)


@pytest.mark.parametrize(("kind", "file"), [("instruments", "instruments.yaml"),
                                            ("glossary", "glossary.yaml")])
def test_the_sample_registry_and_glossary_match_their_json_schemas(
        schemas: dict[str, dict], kind: str, file: str) -> None:
    schema = schemas[kind]
    jsonschema.Draft202012Validator.check_schema(schema)
    root = Path(__file__).resolve().parents[1]
    data = parse((root / file).read_text(encoding="utf-8"), file).data
    jsonschema.Draft202012Validator(schema).validate(data)
