"""Decap CMS, as an academy's staff would use it: the vendored bundle opens admin/index.html
written by `curriculum cms decap --local`, against decap-server (Decap's local backend) on a
git copy of the sample course; a module's form shows its title, the Russian overlay its
Russian title, and a save through the editorial workflow commits the YAML to a draft branch
that loads to the same course with only the title changed."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import serving

from tests.decapkit import KIT, cms, sample_copy

SERVER = KIT / "node_modules" / "decap-server" / "dist" / "index.js"
GIT = ["git", "-c", "user.email=test@example.org", "-c", "user.name=test"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    request = urllib.request.Request(url, data=json.dumps({"action": "info", "params": {}})
                                     .encode(), headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return json.load(response).get("type") == "local_git"
    except OSError:
        return False


@pytest.fixture(scope="module")
def decap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """(the course's git copy, the admin page's URL), decap-server running on it."""
    if not SERVER.is_file():
        pytest.fail("decap-server is missing: `make lms-test-deps` puts it in .cache/npm/decap")
    project = sample_copy(tmp_path_factory.mktemp("decap-live") / "course")
    result = cms(project, "--local")
    assert result.exit_code == 0, result.output
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api/v1"
    config = project / "docs" / "admin" / "config.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nlocal_backend: true\n" in text
    config.write_text(text.replace("\nlocal_backend: true\n",  # decap-server on a free port
                                   f"\nlocal_backend:\n  url: {api}\n"), encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-qm", "course"], cwd=project, check=True)
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "git",
           "GIT_REPO_DIRECTORY": str(project), "LOG_LEVEL": "error"}
    server = subprocess.Popen(["node", str(SERVER)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not _answers(api):
            assert server.poll() is None and time.monotonic() < deadline, "decap-server " \
                f"did not start: {server.stderr.read().decode() if server.stderr else ''}"
            time.sleep(0.2)
        with serving(project / "docs") as url:
            yield project, f"{url}admin/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _open(page, admin: str, entry: str, login: bool = True):
    """The entry's form, after a login (once per browser context: Decap keeps it)."""
    if login:
        page.goto(admin)
        page.get_by_role("button", name="Login").click()
    page.goto(f"{admin}#/collections/{entry}")
    title = page.get_by_label(re.compile(r"^Title( \(optional\))?$")).first
    title.wait_for(timeout=30_000)
    return title


def test_module_and_its_translation_in_decaps_form(page, decap) -> None:
    project, admin = decap
    source = yaml.safe_load((project / "modules" / "mla-requests.yaml").read_text("utf-8"))
    title = _open(page, admin, "modules/entries/modules-mla-requests-yaml")
    assert title.input_value() == source["title"]
    assert page.get_by_text("Trainer notes (trainers only)").count() > 0
    overlay = yaml.safe_load((project / "modules" / "mla-requests.ru.yaml").read_text("utf-8"))
    page.goto("about:blank")  # a new load: Decap keeps the last entry's form on a hash change
    russian = _open(page, admin, "translations-ru/entries/modules-mla-requests-ru-yaml",
                    login=False)
    assert russian.input_value() == overlay["title"]
    assert page.get_by_text("Duration").count() == 0  # an overlay holds texts only


def test_save_commits_a_draft_with_only_the_edit(page, decap) -> None:
    project, admin = decap
    file = "modules/electronic-evidence.yaml"
    before = yaml.safe_load((project / file).read_text("utf-8"))
    title = _open(page, admin, "modules/entries/modules-electronic-evidence-yaml")
    title.fill(before["title"] + " (reviewed)")
    page.get_by_role("button", name="Save").click()
    branch = "cms/modules/modules-electronic-evidence-yaml"
    deadline = time.monotonic() + 30
    while True:  # the editorial workflow: a commit on a draft branch, main untouched
        shown = subprocess.run(["git", "show", f"{branch}:{file}"], cwd=project,
                               capture_output=True, text=True)
        if shown.returncode == 0 and "(reviewed)" in shown.stdout:
            break
        assert time.monotonic() < deadline, f"no draft commit on {branch}: {shown.stderr}"
        time.sleep(0.3)
    after = yaml.safe_load(shown.stdout)
    assert after == {**before, "title": before["title"] + " (reviewed)"}
    assert list(after) == list(before)
    main = subprocess.run(["git", "show", f"main:{file}"], cwd=project, capture_output=True,
                          text=True, check=True)
    assert yaml.safe_load(main.stdout) == before  # published only when the draft is merged
