"""Decap CMS test kit: Decap's own config validator (tests/decap_check.mjs, decap-cms-core's
configSchema.js in node) and a copy of the sample course's sources to run `cms decap` on."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from builder.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / ".cache" / "npm" / "decap"
CHECK = ROOT / "tests" / "decap_check.mjs"
SAMPLE_FILES = ["course.yaml", "course.ru.yaml", "glossary.yaml", "instruments.yaml",
                "mkdocs.yml", "modules", "quizzes"]


def decap_errors(config: dict[str, Any]) -> str:
    """Decap's own validation of `config`: "" when valid, else its messages."""
    if not (KIT / "node_modules" / "decap-cms-core").is_dir() or not shutil.which("node"):
        pytest.fail("Decap's config schema is missing: `make lms-test-deps` puts it in "
                    ".cache/npm/decap (it needs node and npm)")
    done = subprocess.run(["node", str(CHECK), str(KIT)], input=json.dumps(config),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 1), done.stderr
    return done.stderr.strip() if done.returncode else ""


def cms(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["cms", "decap", "-p", str(project), *args])


def sample_copy(project: Path) -> Path:
    """The sample course's sources in `project`, its docs_dir made the project's docs/."""
    project.mkdir(parents=True)
    for name in SAMPLE_FILES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copyfile
        copy(ROOT / name, project / name)
    (project / "docs").mkdir()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("site_templates/docs", "docs").replace(
        "custom_dir: site_templates/overrides", "")
    (project / "mkdocs.yml").write_text(config)
    return project
