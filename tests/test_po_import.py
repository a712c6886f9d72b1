"""`curriculum translations import` with a translator's PO file that cannot be trusted.

Each case is a catalogue and the exact problems it must give; in every refused case
nothing at all is written, inside the project or outside it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli.main import main
from builder.load.project import load_project

from .test_translations import BILINGUAL, copy_project


def catalog(*entries: tuple[str, str], lang: str = "kk") -> str:
    """A PO file: the header (line 3 names the language), then one entry per (msgctxt, msgstr),
    each four lines long, the first at line 6."""
    text = (f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n'
            '"Content-Type: text/plain; charset=UTF-8\\n"\n')
    for context, translation in entries:
        text += f'\nmsgctxt "{context}"\nmsgid "source"\nmsgstr "{translation}"\n'
    return text


def tree(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in sorted(root.rglob("*"))}


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """A bilingual project in tmp/work/p, the translator's files in tmp/work/in."""
    project = copy_project(BILINGUAL, tmp_path / "work" / "p")
    (tmp_path / "work" / "in").mkdir()
    return tmp_path, project


def run_import(layout: tuple[Path, Path], text: str | bytes, *args: str) -> tuple[int, str]:
    tmp, project = layout
    po = tmp / "work" / "in" / "kk.po"
    po.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    before = tree(tmp)
    result = CliRunner().invoke(main, ["translations", "-p", str(project), "import", str(po),
                                       *args])
    if result.exit_code:
        assert tree(tmp) == before, "a refused import wrote or changed a file"
    return result.exit_code, result.output.replace(str(po), "kk.po")


NOT_SOURCE = ("is not a source file of this course (the part before # is one of: course.yaml, "
              "modules/alpha.yaml, modules/beta.yaml, quizzes/alpha-bank.yaml)")
FIXED = ("is not translated: only texts are (durations, ids, answers and settings stay as in "
         "the source) (keep the msgctxt lines as exported)")
REFUSED = [
    ("parent-path", [("../../../x.yaml#title", "x")],
     [f"kk.po:6:1: msgctxt: '../../../x.yaml' {NOT_SOURCE}"]),
    ("hidden-parent-path", [("modules/../../x.yaml#title", "x")],
     [f"kk.po:6:1: msgctxt: 'modules/../../x.yaml' {NOT_SOURCE}"]),
    ("absolute-path", [("/tmp/cb-import-x.yaml#title", "x")],
     [f"kk.po:6:1: msgctxt: '/tmp/cb-import-x.yaml' {NOT_SOURCE}"]),
    ("shell-script", [("modules/alpha.sh#title", "x")],
     [f"kk.po:6:1: msgctxt: 'modules/alpha.sh' {NOT_SOURCE}"]),
    ("no-dot-in-file", [("course#title", "x")], [f"kk.po:6:1: msgctxt: 'course' {NOT_SOURCE}"]),
    ("no-field", [("course.yaml", "x")],
     ["kk.po:6:1: msgctxt: 'course.yaml' does not name a file and a field (write it as "
      "exported, e.g. modules/x.yaml#sessions[intro].title)"]),
    ("no-context", [("", "x")],
     ["kk.po:6:1: msgctxt: '' does not name a file and a field (write it as exported, e.g. "
      "modules/x.yaml#sessions[intro].title)"]),
    ("huge-index", [("course.yaml#audience[999999999]", "x")],
     ["kk.po:6:1: audience[999999999]: no audience[999999999] in the source file: it has 1 "
      "item, audience[0] to [0] (keep the msgctxt lines as exported)"]),
    ("huge-position", [("modules/alpha.yaml#references[99999999999999999999].note", "x")],
     ["kk.po:6:1: references[99999999999999999999].note: no references[99999999999999999999] "
      "in the source file: it has 1 item, references[0] to [0] (keep the msgctxt lines as "
      "exported)"]),
    ("duration", [("modules/alpha.yaml#duration", "3h")],
     [f"kk.po:6:1: duration: 'duration' {FIXED}"]),
    ("session-duration", [("modules/alpha.yaml#sessions[intro].duration", "3h")],
     [f"kk.po:6:1: sessions[intro].duration: 'duration' {FIXED}"]),
    ("id", [("modules/alpha.yaml#id", "x")], [f"kk.po:6:1: id: 'id' {FIXED}"]),
    ("boolean", [("quizzes/alpha-bank.yaml#questions[q-single].options[0].correct", "false")],
     [f"kk.po:6:1: questions[q-single].options[0].correct: 'correct' {FIXED}"]),
    ("unknown-field", [("modules/alpha.yaml#sumary", "x")],
     ["kk.po:6:1: sumary: module has no field 'sumary' (translatable: title, summary, audience, "
      "objectives, sessions, assessment, references) (keep the msgctxt lines as exported)"]),
    ("list-without-item", [("modules/alpha.yaml#sessions.title", "x")],
     ["kk.po:6:1: sessions.title: 'sessions' is a list: name the item, as in sessions[0] (keep "
      "the msgctxt lines as exported)"]),
    ("unknown-item", [("modules/alpha.yaml#sessions[nope].title", "x")],
     ["kk.po:6:1: sessions[nope].title: the source file has no item 'nope' in 'sessions' (keep "
      "the msgctxt lines as exported)"]),
    ("unclosed-bracket", [("modules/alpha.yaml#sessions[intro.title", "x")],
     ["kk.po:6:1: sessions[intro.title: cannot read the field path segment 'sessions[intro' "
      "(keep the msgctxt lines as exported)"]),
    ("past-a-text", [("modules/alpha.yaml#title.en", "x")],
     ["kk.po:6:1: title.en: 'title' is a text: nothing follows it (keep the msgctxt lines as "
      "exported)"]),
    ("a-group", [("modules/alpha.yaml#assessment", "x")],
     ["kk.po:6:1: assessment: 'assessment' holds several fields: name one of them (keep the "
      "msgctxt lines as exported)"]),
    ("empty-in-source", [("modules/beta.yaml#summary", "x")],
     ["kk.po:6:1: summary: the source file has no 'summary' here to translate (keep the msgctxt "
      "lines as exported)"]),
    ("twice", [("modules/alpha.yaml#title", "x"), ("modules/alpha.yaml#title", "y")],
     ["kk.po:10:1: title: translated twice (also at line 6) (keep one entry per msgctxt)"]),
    ("control-character", [("modules/alpha.yaml#title", b"a\\u0007b".decode(
        "unicode_escape"))],
     ["kk.po:6:1: title: control character U+0007 in the translation (delete it: it often "
      "comes with text pasted from a PDF)"]),
    # Validated with the project before writing: the rules of the format hold for it too.
    ("html-in-a-title", [("modules/alpha.yaml#title", "<b>Альфа</b>")],
     ["kk.po:6:1: title: '<b' starts an HTML tag; a title is plain text (write it without < "
      "and >: titles show in menus and tabs)"]),
    # One bad entry: the good one beside it is not written either.
    ("one-bad-among-good", [("modules/alpha.yaml#title", "Альфа"), ("x.yaml#title", "x")],
     [f"kk.po:10:1: msgctxt: 'x.yaml' {NOT_SOURCE}"]),
]


@pytest.mark.parametrize(("entries", "expected"), [c[1:] for c in REFUSED],
                         ids=[c[0] for c in REFUSED])
def test_import_refuses(layout: tuple[Path, Path], entries, expected: list[str]) -> None:
    code, output = run_import(layout, catalog(*entries))
    assert code == 1
    assert [line.removeprefix("error: ") for line in output.splitlines()[:-1]] == expected
    assert "nothing was written" in output.splitlines()[-1]


LANGUAGE = [
    ("kk/../../../x", "'kk/../../../x' is not a translation language of the course (use one "
     "of: ru, kk; or add it to languages in course.yaml)"),
    ("de", "'de' is not a translation language of the course (use one of: ru, kk; or add it to "
     "languages in course.yaml)"),
    ("en", "'en' is the course's default language: its texts are the source files themselves "
     "(translate into one of: ru, kk)"),
    ("", "the catalogue names no language (add a \"Language: ru\\n\" header)"),
]


@pytest.mark.parametrize(("lang", "message"), LANGUAGE, ids=["path", "undeclared", "default",
                                                             "none"])
def test_import_refuses_the_language(layout: tuple[Path, Path], lang: str, message: str) -> None:
    code, output = run_import(layout, catalog(("modules/alpha.yaml#title", "x"), lang=lang))
    assert code == 1
    assert output.splitlines()[0] == f"error: kk.po:3:1: Language: {message}"


def test_import_refuses_a_catalogue_not_in_utf8(layout: tuple[Path, Path]) -> None:
    text = catalog(("modules/alpha.yaml#title", "Альфа")).encode("cp1251")
    code, output = run_import(layout, text)
    assert code == 1
    assert output.splitlines()[0] == ("error: kk.po:8:9: byte 0xc0 is not UTF-8 (it looks like "
                                      "Windows-1251: save the file as UTF-8)")


def test_huge_index_is_refused_at_once(layout: tuple[Path, Path]) -> None:
    started = time.process_time()
    code, _ = run_import(layout, catalog(("course.yaml#audience[999999999999]", "x")))
    assert code == 1
    assert time.process_time() - started < 5  # no list of a billion slots is built


@pytest.mark.parametrize("out", ["../outside", "/tmp/cb-import-outside", "link"])
def test_out_stays_inside_the_project(layout: tuple[Path, Path], out: str) -> None:
    tmp, project = layout
    (tmp / "elsewhere").mkdir()
    (project / "link").symlink_to(tmp / "elsewhere")
    code, output = run_import(layout, catalog(("modules/alpha.yaml#title", "x")), "-o",
                              str(project / out) if not out.startswith("/") else out)
    assert code == 1
    assert "is outside the project (import into the project, or a folder inside it; " \
           "nothing was written)" in output
    assert not any((tmp / "elsewhere").iterdir()) and not Path(out).exists()


def test_a_good_catalogue_writes_beside_the_sources(layout: tuple[Path, Path]) -> None:
    _, project = layout
    code, output = run_import(layout, catalog(
        ("modules/alpha.yaml#title", "Альфа модулі"),
        ("modules/alpha.yaml#sessions[intro].title", "Кіріспе"),
        ("quizzes/alpha-bank.yaml#questions[q-single].options[1].text", "Бета"),
        ("modules/alpha.yaml#audience[0]", "Судьялар")))
    assert code == 0, output
    assert output.splitlines() == [f"wrote {project / 'modules/alpha.kk.yaml'}",
                                   f"wrote {project / 'quizzes/alpha-bank.kk.yaml'}"]
    loaded = load_project(project)
    alpha = loaded.modules["alpha"]
    assert alpha.title["kk"] == "Альфа модулі"
    assert alpha.sessions[0].title == {"en": "Introduction", "ru": "Введение", "kk": "Кіріспе"}
    assert loaded.banks["alpha-bank"].questions[0].options[1].text["kk"] == "Бета"
    assert oct(os.stat(project / "modules/alpha.kk.yaml").st_mode & 0o777) != "0o600"


def test_a_list_translated_in_part_keeps_its_positions(layout: tuple[Path, Path]) -> None:
    _, project = layout
    module = project / "modules" / "beta.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "id: beta\n", "id: beta\naudience: [Judges, Prosecutors]\n"), encoding="utf-8")
    code, output = run_import(layout, catalog(("modules/beta.yaml#audience[1]", "Прокурорлар")))
    assert code == 0, output
    assert load_project(project).modules["beta"].audience == [
        "Judges", {"en": "Prosecutors", "kk": "Прокурорлар"}]


def test_validation_uses_the_would_be_overlay_instead_of_the_old_one(
        layout: tuple[Path, Path]) -> None:
    _, project = layout
    text = catalog(("modules/alpha.yaml#title", "Модуль <script>"), lang="ru")
    code, output = run_import(layout, text, "-o", str(project / "new"))
    assert code == 1
    assert output.splitlines()[0] == ("error: kk.po:6:1: title: '<script' starts an HTML tag; a "
                                      "title is plain text (write it without < and >: titles "
                                      "show in menus and tabs)")
    assert not (project / "new").exists()


def test_fuzzy_and_obsolete_entries_are_left_out(layout: tuple[Path, Path]) -> None:
    _, project = layout
    text = catalog(("modules/alpha.yaml#title", "Альфа")).replace(
        'msgctxt "modules/alpha.yaml#title"', '#, fuzzy\nmsgctxt "modules/alpha.yaml#title"')
    text += '\n#~ msgctxt "../x.yaml#title"\n#~ msgid "a"\n#~ msgstr "b"\n'
    text += '\nmsgctxt "modules/beta.yaml#title"\nmsgid "Beta"\nmsgstr "Бета"\n'
    code, output = run_import(layout, text)
    assert code == 0, output
    assert output.splitlines() == [f"wrote {project / 'modules/beta.kk.yaml'}"]
