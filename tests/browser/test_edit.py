"""`curriculum edit` as an author uses it: the real command on a free port with its
preview, real Chromium, only the forms. A module with two sessions, an objective and a
single-choice question in its new bank, its title translated, an image uploaded; then
`validate --strict` passes and the preview's built site shows it in both languages."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from ..test_edit import png

CURRICULUM = Path(sys.executable).with_name("curriculum")
MODULE = "modules/basics.yaml"


class Edited:
    """A `curriculum edit` process and everything it printed."""

    def __init__(self, project: Path):
        self.process = subprocess.Popen([str(CURRICULUM), "edit", "-p", str(project),
                                         "--port", "0"], cwd=project, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + 30
        while not any(line.startswith("  preview: ") for line in self.lines):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise AssertionError(f"edit printed no URL: {self.lines}")
            time.sleep(0.1)
        self.url = re.match(r"^editing (\S+) \(Ctrl-C stops\)$", self.lines[0])[1]
        self.preview = self.lines[1].split(": ", 1)[1]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    subprocess.run([str(CURRICULUM), "init", str(tmp_path / "course"), "--title",
                    "Cooperation course"], check=True, capture_output=True)
    root = tmp_path / "course"
    course = root / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace(
        "languages: [en]", "languages: [en, ru]"), encoding="utf-8")
    return root


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read().decode("utf-8")


def _fetch_built(url: str) -> str:
    """The page, or "" while serve has not built it yet (languages are published one by one,
    and the page of a new module answers 404 "not built yet" until its language is in)."""
    try:
        return _fetch(url)
    except urllib.error.HTTPError as error:
        if error.code != 404:
            raise
        return ""


def _save(page, saved: str) -> None:
    page.click("#save")
    expect(page.locator("#status")).to_have_text(re.compile(f"^saved {re.escape(saved)}"))


def test_an_author_writes_a_module_with_the_forms_alone(page, course: Path) -> None:
    edited = Edited(course)
    try:
        page.set_default_timeout(30_000)
        page.goto(edited.url)
        page.fill("#new-id", "basics")
        page.click("#new-create")
        page.wait_for_selector('#file-title:text("modules/basics.yaml")')
        page.fill('[name="root[title]"]', "Basics of cooperation")
        page.fill('[name="root[objectives][0][text]"]', "Explain when to ask for help.")
        page.get_by_role("button", name="Delete Last Session").click()
        page.get_by_role("button", name="Add Session").click()
        page.fill('[name="root[sessions][1][id]"]', "casework")
        page.fill('[name="root[sessions][1][title]"]', "Casework")
        page.fill('[name="root[sessions][1][duration]"]', "1h30m")
        page.select_option('[name="root[sessions][1][method]"]', "exercise")
        page.locator('[data-schemapath="root.sessions.1.objectives"]').get_by_role(
            "button", name="Add item").click()
        page.fill('[name="root[sessions][1][objectives][0]"]', "basics-objective-1")
        page.set_input_files("#upload-file", files=[{"name": "flow.png",
                                                     "mimeType": "image/png",
                                                     "buffer": png(4)}])
        page.click("#upload-send")
        expect(page.locator("#upload-markdown")).not_to_have_value("")
        image = page.input_value("#upload-markdown")
        page.fill('[name="root[sessions][1][content]"]', f"Work through the case.\n\n{image}\n")
        _save(page, MODULE)

        # A broken value: told at its field with validate's message; nothing written.
        on_disk = (course / MODULE).read_text(encoding="utf-8")
        page.fill('[name="root[sessions][0][duration]"]', "3 hours")
        told = page.wait_for_selector('.cb-problem[data-field="root.sessions.0.duration"]')
        assert told.text_content() == "'3 hours' is not a duration (try 45min or 1h30m)"
        assert page.get_attribute('[name="root[sessions][0][duration]"]',
                                  "aria-invalid") == "true"
        assert (course / MODULE).read_text(encoding="utf-8") == on_disk
        page.click("#save")
        page.wait_for_selector('#status:text("not saved")')
        assert (course / MODULE).read_text(encoding="utf-8") == on_disk
        page.fill('[name="root[sessions][0][duration]"]', "1h30m")
        page.wait_for_selector(".cb-problem[data-field]", state="detached")

        # The single-choice question of the module's new bank.
        page.click('#files button:text("bank: basics-bank")')
        page.wait_for_selector('#file-title:text("quizzes/basics-bank.yaml")')
        page.fill('[name="root[questions][0][prompt]"]', "Who helps first?")
        page.fill('[name="root[questions][0][options][0][text]"]', "The contact point")
        page.fill('[name="root[questions][0][options][1][text]"]', "Nobody")
        _save(page, "quizzes/basics-bank.yaml")

        # The title into Russian, in the translation view: only the overlay is written.
        page.click('#files button:text("module: basics")')
        page.wait_for_selector('#file-title:text("modules/basics.yaml")')
        page.select_option("#lang", "ru")
        page.click("#view-translation")
        page.fill('textarea[data-label="title"]', "Основы сотрудничества")
        assert page.get_attribute('textarea[data-label="title"]', "lang") == "ru"
        assert "1 of " in page.text_content("#coverage")
        source = (course / MODULE).read_text(encoding="utf-8")
        _save(page, "modules/basics.ru.yaml")
        assert (course / MODULE).read_text(encoding="utf-8") == source

        checked = subprocess.run([str(CURRICULUM), "validate", "--strict", "-p", str(course)],
                                 capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "modules: [getting-started, basics]" in (course / "course.yaml").read_text() \
            or "  - basics\n" in (course / "course.yaml").read_text()

        # The preview beside the form reloads itself once the saves are built.
        frame = page.frame_locator("#preview")
        try:
            frame.locator("h1:text('Basics of cooperation')").wait_for(timeout=120_000)
        except PlaywrightTimeout:  # what the preview showed instead, and what edit said
            shown = page.frames[-1]
            raise AssertionError(f"the preview showed {shown.url}: "
                                 f"{shown.inner_text('body')[:500]!r}; edit said "
                                 f"{edited.lines}") from None
        english = _fetch(f"{edited.preview}en/modules/basics/")
        assert "Casework" in english and "flow.png" in english
        deadline = time.monotonic() + 120  # the overlay's save may still be building
        while "Основы сотрудничества" not in (russian := _fetch_built(
                f"{edited.preview}ru/modules/basics/")) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "Основы сотрудничества" in russian, edited.lines
    finally:
        edited.stop()


def test_the_forms_pass_axe_and_save_from_the_keyboard(page, tmp_path: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from ..conftest import MINIMAL
    from ..editkit import editor

    root = tmp_path / "course"
    shutil.copytree(MINIMAL, root)
    course = root / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8") + "languages: [en, ru]\n",
                      encoding="utf-8")
    with editor(root) as running:
        page.goto(running.base + "/")
        page.click('#files button:text("bank: alpha-bank")')
        page.wait_for_selector('#file-title:text("quizzes/alpha-bank.yaml")')
        page.wait_for_selector('[name="root[title]"]')
        found = [f"{v['id']}: {v['help']}" for v in Axe().run(page).response["violations"]
                 if v.get("impact") in ("serious", "critical")]
        assert found == [], "form"
        page.focus('[name="root[title]"]')
        page.keyboard.press("End")
        page.keyboard.type(" (revised)")
        page.keyboard.press("Tab")
        page.focus("#save")
        page.keyboard.press("Enter")
        expect(page.locator("#status")).to_have_text(re.compile("^saved quizzes/alpha-bank"))
        assert "(revised)" in (root / "quizzes" / "alpha-bank.yaml").read_text(encoding="utf-8")
        page.click("#view-translation")
        page.wait_for_selector("#coverage")
        found = [f"{v['id']}: {v['help']}" for v in Axe().run(page).response["violations"]
                 if v.get("impact") in ("serious", "critical")]
        assert found == [], "translation view"


HANDOUTS = Path(__file__).resolve().parents[1] / "data" / "projects" / "handouts"


@pytest.mark.parametrize("file", ["course.yaml", "modules/judicial-cooperation.yaml",
                                  "quizzes/workshop-final.yaml",  # every question type
                                  "handouts:modules/requests.yaml"])  # texts as {en:, ru:}
def test_saving_a_file_unchanged_through_its_form_changes_nothing(
        page, tmp_path: Path, file: str) -> None:
    from ..editkit import commit_all, editor, git, sample_copy

    if file.startswith("handouts:"):
        file = file.split(":", 1)[1]
        root = tmp_path / "handouts"
        shutil.copytree(HANDOUTS, root)
    else:
        root = sample_copy(tmp_path / "sample")
    commit_all(root)
    with editor(root) as running:
        page.goto(running.base + "/")
        page.click(f'#files button[data-file="{file}"]')
        page.wait_for_selector(f'#file-title:text("{file}")')
        page.wait_for_selector('[name="root[title]"], [name="root[title][en]"]')
        page.click("#save")
        expect(page.locator("#status")).to_have_text(re.compile(f"^saved {re.escape(file)}"))
    assert git(root, "status", "--porcelain") == ""


def test_a_name_the_disk_refuses_is_told_with_what_to_do(page, tmp_path: Path) -> None:
    """The page shows the error and its hint: too long a name is not told "a folder"."""
    from ..conftest import MINIMAL
    from ..editkit import editor

    root = tmp_path / "course"
    shutil.copytree(MINIMAL, root)
    with editor(root) as running:
        page.goto(running.base + "/")
        page.fill("#new-id", "b" * 300)
        page.click("#new-create")
        told = page.locator("#problems .cb-problem")
        expect(told).to_contain_text("cannot be read or written")
        expect(told).to_contain_text("(use a shorter name)")
    assert not list((root / "modules").glob("bbb*"))


def test_markup_in_a_field_is_kept_as_written(page, tmp_path: Path) -> None:
    """`<sup>`, an autolink `<https://...>` and `&amp;` stay as written, in a field the
    author never touched as in one typed (json-editor parsed every value as HTML and
    kept its text: tester round 5)."""
    from ..conftest import MINIMAL
    from ..editkit import commit_all, editor, git

    root = tmp_path / "course"
    shutil.copytree(MINIMAL, root)
    module = root / "modules" / "alpha.yaml"
    kept = "See <https://www.unodc.org> &amp; art. 5 <sup>bis</sup>, a<b and c > d."
    module.write_text(module.read_text(encoding="utf-8").replace(
        "summary: The first module.", f"summary: '{kept}'"), encoding="utf-8")
    commit_all(root)
    typed = "Art. 16 <sup>bis</sup> & a<b &lt;tag&gt; <https://www.unodc.org>"
    with editor(root) as running:
        page.goto(running.base + "/")
        page.click('#files button[data-file="modules/alpha.yaml"]')
        page.wait_for_selector('[name="root[title]"]')
        page.fill('[name="root[title]"]', "Alpha, revised")
        page.press('[name="root[title]"]', "Tab")
        _save(page, "modules/alpha.yaml")
        diff = git(root, "diff", "--unified=0", "--", "modules/alpha.yaml")
        assert [line for line in diff.splitlines() if line[:1] in "+-"
                and line[:3] not in ("+++", "---")] == [
            "-title: Alpha module", "+title: Alpha, revised"], diff
        objective = '[name="root[sessions][0][content]"]'
        page.fill(objective, typed)
        page.press(objective, "Tab")
        expect(page.locator("#status")).to_have_text(re.compile("^unsaved changes"))
        _save(page, "modules/alpha.yaml")
    assert typed in module.read_text(encoding="utf-8")
