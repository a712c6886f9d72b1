"""Only what changed is rebuilt: the manifest, skipped PDFs, atomic writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builder.handouts import HandoutResult, build_handouts
from builder.handouts.manifest import MANIFEST
from builder.load.project import load_project

from ..conftest import MINIMAL


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in sorted(folder.rglob("*.pdf"))}


def build(root: Path, out: Path) -> list[HandoutResult]:
    return build_handouts(load_project(root), out, editions=["trainee", "programme"],
                          workers=2)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, int]]:
    root = tmp_path_factory.mktemp("cache") / "project"
    shutil.copytree(MINIMAL, root)
    out = root.parent / "handouts"
    results = build(root, out)
    assert not any(r.skipped for r in results)
    return root, out, mtimes(out)


def test_first_run_writes_every_pdf_and_a_manifest(first_run) -> None:
    _, out, times = first_run
    assert sorted(times) == ["en/alpha.programme.pdf", "en/alpha.trainee.pdf",
                             "en/beta.programme.pdf", "en/beta.trainee.pdf",
                             "en/course.trainee.pdf", "en/programme.pdf"]
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted(times)
    assert all(entry["pages"] >= 1 for entry in manifest["files"].values())
    assert not [p for p in out.rglob("*") if p.name.startswith(".")], "no temporary file left"


def test_second_run_without_change_rebuilds_nothing(first_run) -> None:
    root, out, times = first_run
    results = build(root, out)
    assert all(r.skipped for r in results)
    assert all(r.pages >= 1 and r.seconds == 0 for r in results)
    assert mtimes(out) == times


def test_changing_one_module_rebuilds_only_its_pdfs(first_run) -> None:
    root, out, times = first_run
    beta = root / "modules" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("content: Beta.",
                                                              "content: Beta revised."))
    results = build(root, out)
    rebuilt = sorted(r.path.relative_to(out).as_posix() for r in results if not r.skipped)
    assert rebuilt == ["en/beta.trainee.pdf", "en/course.trainee.pdf"]
    after = mtimes(out)
    assert after["en/beta.trainee.pdf"] != times["en/beta.trainee.pdf"]
    unchanged = set(times) - {"en/beta.trainee.pdf", "en/course.trainee.pdf"}
    assert all(after[name] == times[name] for name in unchanged)


def test_a_new_session_title_remakes_the_programmes(first_run) -> None:
    root, out, _ = first_run
    beta = root / "modules" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("title: Only session",
                                                              "title: The only session"))
    results = build(root, out)
    rebuilt = sorted(r.path.relative_to(out).as_posix() for r in results if not r.skipped)
    assert rebuilt == ["en/beta.programme.pdf", "en/beta.trainee.pdf",
                       "en/course.trainee.pdf", "en/programme.pdf"]


def test_a_deleted_pdf_is_made_again(first_run) -> None:
    root, out, _ = first_run
    (out / "en" / "alpha.programme.pdf").unlink()
    results = build(root, out)
    assert [r.path.name for r in results if not r.skipped] == ["alpha.programme.pdf"]


def test_another_paper_size_is_another_input(first_run) -> None:
    root, out, _ = first_run
    results = build_handouts(load_project(root), out, editions=["programme"], module="beta",
                             paper="letter")
    assert [r.skipped for r in results] == [False]
