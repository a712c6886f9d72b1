"""`curriculum cms decap`: the configuration passes Decap's own config validator (decap-cms-
core's configSchema.js with ajv, in node), lists every file of the course, has a widget for
every field of the format, and the command never overwrites what it did not write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from builder.cli.main import main
from builder.cli.schema import SCHEMAS
from builder.cms.decap import entry as file_entry
from tests.decapkit import cms, decap_errors, sample_copy


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = sample_copy(tmp_path_factory.mktemp("decap") / "course")
    result = cms(project, "--backend", "github", "--repo", "academy/course")
    assert result.exit_code == 0, result.output
    return project


def load_config(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / "docs" / "admin" / "config.yml").read_text("utf-8"))


def test_sample_config_passes_decaps_validator(sample: Path) -> None:
    config = load_config(sample)
    assert decap_errors(config) == ""
    text = (sample / "docs" / "admin" / "config.yml").read_text("utf-8")
    assert len(text) < 150_000 and "fields: *id" in text  # each kind's form written once
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {"name": "github", "branch": "main", "repo": "academy/course"}
    page = (sample / "docs" / "admin" / "index.html").read_text("utf-8")
    assert '<script src="decap-cms/decap-cms.js">' in page and "unpkg" not in page
    assert (sample / "docs" / "admin" / "decap-cms" / "decap-cms.js").stat().st_size > 10**6


def test_validator_fails_a_wrong_config(sample: Path) -> None:
    config = load_config(sample)
    question_types = config["collections"][2]["files"][0]["fields"][-1]["types"]
    points = next(f for f in question_types[0]["fields"] if f["name"] == "points")
    points["min"] = "none"
    del config["media_folder"]
    errors = decap_errors(config)
    assert "min' must be number" in errors and "media_folder" in errors


def test_every_module_bank_and_overlay_is_a_file_entry(sample: Path) -> None:
    entries = {f["file"] for c in load_config(sample)["collections"] for f in c["files"]}
    on_disk = {f"{folder}/{p.name}" for folder in ("modules", "quizzes")
               for p in (sample / folder).glob("*.yaml")}
    assert len(on_disk) == 56 and on_disk <= entries
    assert {"course.yaml", "course.ru.yaml"} <= entries


def test_files_with_inline_translations_are_left_out_and_said_so(sample: Path) -> None:
    """The sample's glossary and instruments write {en: ..., ru: ...} maps, which Decap's
    string widgets cannot hold: no entry, and the command names them."""
    entries = {f["file"] for c in load_config(sample)["collections"] for f in c["files"]}
    assert not {"glossary.yaml", "instruments.yaml", "glossary.ru.yaml"} & entries
    result = cms(sample, "--backend", "github", "--repo", "academy/course")
    assert result.exit_code == 0
    assert "left out glossary.yaml" in result.output and "left out instruments.yaml" in \
        result.output


def schema_paths(schema: dict[str, Any], node: dict[str, Any], path: str = "") -> set[str]:
    """Every field of a JSON Schema as a dotted path (a list's items under its own name)."""
    node = _deref(schema, node)
    found: set[str] = set()
    for branch in [*node.get("anyOf", []), *node.get("oneOf", [])]:
        found |= schema_paths(schema, branch, path)
    found |= schema_paths(schema, node["items"], path) if "items" in node else set()
    for name, sub in node.get("properties", {}).items():
        if name == "type" and "const" in _deref(schema, sub):
            continue  # a question's type: Decap's typeKey
        here = f"{path}.{name}" if path else name
        found |= {here} | schema_paths(schema, sub, here)
    for name in node.get("propertyNames", {}).get("enum", []):
        found.add(f"{path}.{name}")
    return found


def _deref(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    return schema["$defs"][ref.rsplit("/", 1)[-1]] if ref else node


def config_paths(fields: list[dict[str, Any]], path: str = "") -> set[str]:
    found: set[str] = set()
    for field in fields:
        here = f"{path}.{field['name']}" if path else field["name"]
        found.add(here)
        for inner in [*field.get("fields", []), *(t for t in field.get("types", []))]:
            found |= config_paths(inner.get("fields", [inner]) if "types" in field else
                                  [inner], here)
    return found


@pytest.mark.parametrize("kind, file", [("module", "modules/mla-requests.yaml"),
                                        ("bank", "quizzes/mla-check.yaml"),
                                        ("course", "course.yaml")])
def test_each_field_of_the_schema_has_a_widget(sample: Path, kind: str, file: str) -> None:
    schema = SCHEMAS[kind].model_json_schema()
    entry = next(f for c in load_config(sample)["collections"] for f in c["files"]
                 if f["file"] == file)
    missing = schema_paths(schema, schema) - config_paths(entry["fields"])
    assert not missing, f"fields of the {kind} schema without a widget: {sorted(missing)}"


def test_fields_carry_the_schema(sample: Path) -> None:
    module = next(f for c in load_config(sample)["collections"] for f in c["files"]
                  if f["file"] == "modules/mla-requests.yaml")["fields"]
    by_name = {f["name"]: f for f in module}
    assert by_name["id"]["required"] and by_name["id"]["pattern"][0] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    assert by_name["level"]["widget"] == "select" and by_name["summary"]["required"] is False
    sessions = {f["name"]: f for f in by_name["sessions"]["fields"]}
    assert sessions["trainer_notes"]["label"].endswith("(trainers only)")
    assert "(trainers only)" not in sessions["content"]["label"]
    assert sessions["content"]["hint"] == "Markdown shown to trainees."
    quiz = {f["name"]: f for f in sessions["quiz"]["fields"]}
    # Decap checks an optional object's required fields even when it is left out
    assert sessions["quiz"]["required"] is False and quiz["bank"]["required"] is False
    assert sessions["id"]["required"] is True  # a list's items are checked only if present
    assert quiz["pass_mark"] == {**quiz["pass_mark"], "widget": "number", "value_type": "int",
                                 "min": 0, "max": 100}


def test_overlay_form_holds_only_texts_and_ids(sample: Path) -> None:
    overlay = next(f for c in load_config(sample)["collections"] for f in c["files"]
                   if f["file"] == "quizzes/mla-check.ru.yaml")["fields"]
    paths = config_paths(overlay)
    assert {"title", "questions.id", "questions.prompt", "questions.options.text"} <= paths
    assert not {"id", "lms_only", "questions.points", "questions.options.correct"} & paths
    assert all(not f["required"] for f in overlay)


def test_fresh_init_project(tmp_path: Path) -> None:
    project = tmp_path / "academy"
    assert CliRunner().invoke(main, ["init", str(project), "--lang", "ru"]).exit_code == 0
    result = cms(project)
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((project / "docs" / "admin" / "config.yml").read_text("utf-8"))
    assert decap_errors(config) == ""
    assert config["backend"]["name"] == "git-gateway" and config["locale"] == "ru"
    files = {f["file"] for c in config["collections"] for f in c["files"]}
    assert {"modules/getting-started.yaml", "quizzes/getting-started-bank.yaml"} <= files
    built = CliRunner().invoke(main, ["build", "-p", str(project)])
    assert built.exit_code == 0, built.output
    admin = project / "site" / "ru" / "admin"  # the published site serves the editor
    assert (admin / "config.yml").read_bytes() == (
        project / "docs" / "admin" / "config.yml").read_bytes()
    assert (admin / "decap-cms" / "decap-cms.js").is_file() and (admin / "index.html").is_file()


def test_rerun_is_idempotent_and_hand_edits_are_kept(sample: Path) -> None:
    target = sample / "docs" / "admin" / "config.yml"
    before = target.read_bytes()
    assert cms(sample, "--backend", "github", "--repo", "academy/course").exit_code == 0
    assert target.read_bytes() == before
    edited = b"backend: {name: github, repo: academy/course}\n" + before
    target.write_bytes(edited)
    result = cms(sample, "--backend", "github", "--repo", "academy/course")
    assert result.exit_code == 1 and "--force" in result.output
    assert "docs/admin/config.yml" in result.output and "Traceback" not in result.output
    assert target.read_bytes() == edited
    forced = cms(sample, "--backend", "github", "--repo", "academy/course", "--force")
    assert forced.exit_code == 0 and target.read_bytes() == before


@pytest.mark.parametrize("out, why", [("../elsewhere", "outside the project"),
                                      ("modules/admin", "own folder modules/"),
                                      (".", "holds the project itself")])
def test_out_outside_or_into_sources_is_refused(sample: Path, out: str, why: str) -> None:
    before = sorted(p.relative_to(sample.parent) for p in sample.parent.rglob("*"))
    result = cms(sample, "--out", str(sample / out))
    assert result.exit_code == 1 and why in result.output, result.output
    assert sorted(p.relative_to(sample.parent) for p in sample.parent.rglob("*")) == before


def test_gitlab_logs_in_by_pkce_with_an_app_id(tmp_path: Path) -> None:
    project = tmp_path / "academy"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    result = cms(project, "--backend", "gitlab", "--repo", "academy/course", "--app-id", "a1b2",
                 "--branch", "published")
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((project / "docs" / "admin" / "config.yml").read_text("utf-8"))
    assert config["backend"] == {"name": "gitlab", "branch": "published", "repo":
                                 "academy/course", "auth_type": "pkce", "app_id": "a1b2"}
    assert decap_errors(config) == ""


def test_github_without_repo_is_refused(sample: Path) -> None:
    result = cms(sample, "--backend", "gitlab")
    assert result.exit_code == 1 and "--repo owner/name" in result.output


def test_a_bundle_folder_or_link_of_the_author_is_kept(tmp_path: Path) -> None:
    project = tmp_path / "academy"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    mine = project / "docs" / "admin" / "decap-cms" / "decap-cms.js"
    mine.parent.mkdir(parents=True)
    mine.write_text("// the academy's own build\n")
    result = cms(project)
    assert result.exit_code == 1 and "decap-cms/" in result.output, result.output
    assert mine.read_text() == "// the academy's own build\n"
    assert not (project / "docs" / "admin" / "config.yml").exists()
    mine.unlink()
    outside = tmp_path / "outside.yml"
    outside.write_text("kept\n")
    (project / "docs" / "admin" / "config.yml").symlink_to(outside)
    assert cms(project).exit_code == 1
    assert cms(project, "--force").exit_code == 0
    assert outside.read_text() == "kept\n"
    assert not (project / "docs" / "admin" / "config.yml").is_symlink()
    planted = project / "docs" / "admin" / ".config.yml.tmp"
    planted.symlink_to(outside)  # a link at the temporary name is not written through either
    assert cms(project).exit_code == 0
    assert outside.read_text() == "kept\n"
    bundle = project / "docs" / "admin" / "decap-cms" / "decap-cms.js"
    bundle.unlink()
    bundle.symlink_to(outside)
    assert cms(project).exit_code == 0
    assert outside.read_text() == "kept\n" and not bundle.is_symlink()


def test_every_problem_of_a_run_at_once(tmp_path: Path) -> None:
    project = tmp_path / "academy"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    (project / "course.yaml").write_text("id: Bad Id\ntitle: x\nmodules: []\n")
    result = cms(project, "--backend", "github", "--out", str(tmp_path / "elsewhere"))
    assert result.exit_code == 1 and "3 problem(s) found" in result.output, result.output
    assert "course.yaml:1:5" in result.output and "--repo" in result.output
    assert "outside the project" in result.output and not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_kind_of_file_has_a_valid_form_for_each_field(kind: str) -> None:
    """glossary.yaml and instruments.yaml too (the sample's are left out, see above)."""
    entry = file_entry(f"{kind}.yaml", kind)
    schema = SCHEMAS[kind].model_json_schema()
    assert not schema_paths(schema, schema) - config_paths(entry["fields"])
    config = {"backend": {"name": "github", "repo": "a/b"}, "media_folder": "media",
              "collections": [{"name": kind, "label": kind, "files": [entry]}]}
    assert decap_errors(config) == ""
