"""Interface strings through a PO catalogue: `curriculum translations export --ui` and
`import --ui`, a translator's file that cannot be trusted, and a real build showing them.

The translations here are clearly fake markers (KK-FAKE ...): nobody here can check Kazakh.
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from pathlib import Path

import polib
import pytest
import yaml
from click.testing import CliRunner

from builder.adapters.mkdocs_build import build_sites
from builder.cli.main import main
from builder.load.problems import CurriculumError
from builder.render.localize import package_strings, ui_strings
from builder.render.ui_tables import KINDS, text_problems

from .sitedata import page_json
from .test_po_import import tree
from .test_translations import BILINGUAL, copy_project


def catalog(*entries: tuple[str, str, str], lang: str = "kk", flags: str = "") -> str:
    """A PO file: header (line 3 names the language), then one (msgctxt, msgid, msgstr) entry
    per four lines, the first at line 6 (a flags line, if any, comes first and adds one)."""
    text = (f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n'
            '"Content-Type: text/plain; charset=UTF-8\\n"\n')
    for context, source, translation in entries:
        text += ("\n" + (f"#, {flags}\n" if flags else "")
                 + f'msgctxt "{context}"\nmsgid "{source}"\nmsgstr "{translation}"\n')
    return text


CHECK = ("quiz:check", "Check", "KK-FAKE Check")
COUNT = ("quiz:questions_count", "Questions: {n}", "KK-FAKE Questions {n}")
AFTER = ("pages:quiz_after", "Check your understanding", "KK-FAKE Check yourself")
HANDOUT = ("handouts:question", "Question {n}", "KK-FAKE Question {n}")


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """A three-language project (en, ru, kk) in tmp/work/p, the translator's file beside it."""
    project = copy_project(BILINGUAL, tmp_path / "work" / "p")
    (tmp_path / "work" / "in").mkdir()
    return tmp_path, project


def cli(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["translations", "-p", str(project), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def run_import(layout: tuple[Path, Path], text: str | bytes, *args: str) -> tuple[int, str]:
    tmp, project = layout
    po = tmp / "work" / "in" / "ui.po"
    po.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    before = tree(tmp)
    code, output = cli(project, "import", "--ui", str(po), *args)
    if code:
        assert tree(tmp) == before, "a refused import wrote or changed a file"
        assert "Traceback" not in output
    return code, output.replace(str(po), "ui.po")


def own(project: Path, kind: str, lang: str = "kk") -> dict[str, str]:
    path = project / "site_templates" / "locales" / f"{kind}.{lang}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- export ---------------------------------------------------------------------------------

def test_export_lists_every_string_with_russian_and_placeholders(layout) -> None:
    _, project = layout
    code, output = cli(project, "export", "--ui", "--lang", "kk")
    assert code == 0, output
    po = polib.pofile(str(project / "translations" / "ui.kk.po"))
    assert po.metadata["Language"] == "kk"
    expected = {f"{k}:{key}": text for k in KINDS for key, text in package_strings(k, "en").items()}
    assert {e.msgctxt: e.msgid for e in po} == expected
    assert output.strip().endswith(f"{len(expected)} interface strings, 0 translated")
    entries = {e.msgctxt: e for e in po}
    assert "Russian: Проверить" in entries["quiz:check"].comment
    assert "The name of this language in itself" in entries["pages:language_name"].comment
    assert "Keep the placeholders as they are: {points}, {max}, {percent}" in \
        entries["quiz:score"].comment
    assert not any(e.msgstr for e in po)


def test_export_gives_the_translations_there_are(layout) -> None:
    _, project = layout
    assert run_import(layout, catalog(CHECK))[0] == 0
    cli(project, "export", "--ui", "--lang", "kk")
    entries = {e.msgctxt: e.msgstr for e in polib.pofile(str(project / "translations/ui.kk.po"))}
    assert entries["quiz:check"] == "KK-FAKE Check" and entries["quiz:finish"] == ""
    cli(project, "export", "--ui", "--lang", "ru")
    russian = {e.msgctxt: e.msgstr for e in polib.pofile(str(project / "translations/ui.ru.po"))}
    assert russian["quiz:check"] == "Проверить"


@pytest.mark.parametrize(("args", "message"), [
    (["--lang", "kk/../../x"], "error: --lang: Language: 'kk/../../x' is not a language code"),
    (["--lang", "/etc/x"], "error: --lang: Language: '/etc/x' is not a language code"),
    (["--lang", "en"], "'en' is English, the source of the interface strings"),
    (["--lang", "en-US"], "'en-US' is English, the source of the interface strings"),
    (["--lang", "kk-cyrl"], "'kk-cyrl' is not written as BCP 47 writes it (write kk-Cyrl"),
    (["--lang", "kk", "--out", "../outside.po"], "is outside the project"),
    (["--lang", "kk", "--out", "/tmp/cb-ui-outside.po"], "is outside the project"),
    (["--lang", "kk", "--out", "link/ui.po"], "is outside the project"),
], ids=["traversal", "absolute", "english", "en-US", "case", "parent", "absolute-out",
        "symlink-out"])
def test_export_refuses(layout, args: list[str], message: str) -> None:
    tmp, project = layout
    (tmp / "elsewhere").mkdir()
    (project / "link").symlink_to(tmp / "elsewhere")
    args = [str(project / a) if a.startswith(("..", "link")) else a for a in args]
    before = tree(tmp)
    code, output = cli(project, "export", "--ui", *args)
    assert code == 1 and message in output, output
    assert tree(tmp) == before and not Path("/tmp/cb-ui-outside.po").exists()


def test_export_never_overwrites(layout) -> None:
    _, project = layout
    (project / "translations").mkdir()
    (project / "translations" / "ui.kk.po").write_text("mine", encoding="utf-8")
    code, output = cli(project, "export", "--ui", "--lang", "kk")
    assert code == 1 and "file exists already" in output
    assert (project / "translations" / "ui.kk.po").read_text(encoding="utf-8") == "mine"


# --- import: refused catalogues ------------------------------------------------------------

CUT = ('the string is not closed: the file may be cut short (end the line with " (save the '
       "file again from the translator's copy); nothing was written)")
ALLOWED = ("is not allowed (delete it: it often comes with text pasted from a PDF or a web page; "
           "nothing was written)")
BRACE = ("holds a brace that is not a placeholder like {n} (write plain text with the "
         "placeholders of msgid)")
REFUSED = [
    ("lang-traversal", catalog(CHECK, lang="kk/../../x"),
     ["error: ui.po:3:1: Language: 'kk/../../x' is not a language code (write a code like kk "
      "or uz)"]),
    ("lang-absolute", catalog(CHECK, lang="/tmp/x"),
     ["error: ui.po:3:1: Language: '/tmp/x' is not a language code (write a code like kk or "
      "uz)"]),
    ("lang-english", catalog(CHECK, lang="en"),
     ["error: ui.po:3:1: Language: 'en' is English, the source of the interface strings, not a "
      "translation (export another language)"]),
    ("lang-en-GB", catalog(CHECK, lang="en-GB"),
     ["error: ui.po:3:1: Language: 'en-GB' is English, the source of the interface strings, "
      "not a translation (export another language)"]),
    ("lang-case", catalog(CHECK, lang="kk-cyrl"),
     ["error: ui.po:3:1: Language: 'kk-cyrl' is not written as BCP 47 writes it (write "
      "kk-Cyrl: language lower case, script title case, region upper case)"]),
    ("lang-region-case", catalog(CHECK, lang="uz-uz"),
     ["error: ui.po:3:1: Language: 'uz-uz' is not written as BCP 47 writes it (write "
      "uz-UZ: language lower case, script title case, region upper case)"]),
    ("lang-none", catalog(CHECK, lang=""),
     ["error: ui.po:3:1: Language: the catalogue names no language (add a \"Language: kk\\n\" "
      "header, or give --lang)"]),
    ("placeholder-missing", catalog(("quiz:questions_count", "Questions: {n}", "Сұрақтар")),
     ["error: ui.po:6:1: quiz:questions_count: the translation lacks the placeholder {n} of the "
      "English string (write plain text with the placeholders of msgid)"]),
    ("placeholder-extra", catalog(("quiz:check", "Check", "KK {n}")),
     ["error: ui.po:6:1: quiz:check: the translation has the placeholder {n}, which the English "
      "string has not: nothing fills it (write plain text with the placeholders of msgid)"]),
    ("format-attribute", catalog(("quiz:questions_count", "Questions: {n}", "{n.__class__}")),
     ["error: ui.po:6:1: quiz:questions_count: the translation holds _: interface strings are "
      "plain text, without HTML or Markdown (write plain text with the placeholders of msgid)",
      f"error: ui.po:6:1: quiz:questions_count: the translation {BRACE}",
      "error: ui.po:6:1: quiz:questions_count: the translation lacks the placeholder {n} of the "
      "English string (write plain text with the placeholders of msgid)"]),
    ("unknown-kind", catalog(("theme:check", "Check", "x")),
     ["error: ui.po:6:1: theme:check: 'theme:check' names no interface table (msgctxt is "
      "<table>:<key>, the table one of pages, quiz, handouts)"]),
    ("path-kind", catalog(("../../x:check", "Check", "x")),
     ["error: ui.po:6:1: ../../x:check: '../../x:check' names no interface table (msgctxt is "
      "<table>:<key>, the table one of pages, quiz, handouts)"]),
    ("unknown-key", catalog(("quiz:nope", "Check", "x")),
     ["error: ui.po:6:1: quiz:nope: the quiz table has no string 'nope' (export the catalogue "
      "again: only its strings can be imported)"]),
    ("stale-english", catalog(("quiz:check", "Verify", "x")),
     ["error: ui.po:6:1: quiz:check: the English string is now 'Check', not 'Verify' (export "
      "the catalogue again and check the translation against the new English)"]),
    ("script", catalog(("quiz:check", "Check", "<img src=x onerror=alert(1)>")),
     ["error: ui.po:6:1: quiz:check: the translation holds < >: interface strings are plain "
      "text, without HTML or Markdown (write plain text with the placeholders of msgid)"]),
    ("quote", catalog(("quiz:check", "Check", 'x\\" onmouseover=\\"alert(1)'))),
    ("markdown-link", catalog(("pages:handout", "Download handout (PDF)",
                               "x](javascript:alert(1)) [y"))),
    ("ampersand", catalog(("quiz:check", "Check", "&lt;b&gt;"))),
    ("line-break", catalog(("quiz:check", "Check", "one\\ntwo")),
     ["error: ui.po:6:1: quiz:check: the translation holds a line break or control character: "
      "an interface string is one line (write plain text with the placeholders of msgid)"]),
    ("twice", catalog(CHECK, CHECK),
     ["error: ui.po:10:1: quiz:check: translated twice (also at line 6) (keep one entry per "
      "msgctxt)"]),
    # a file cut short: polib would read 'Тек' and drop the last letter
    ("truncated", catalog(("quiz:check", "Check", "x"))[:-3] + "Текс",
     [f"error: ui.po:8:13: {CUT}"]),
    ("unterminated", catalog(("quiz:check", "Check", "x"))[:-3] + "unterminated\n",
     [f"error: ui.po:8:21: {CUT}"]),
    ("unterminated-continuation", catalog(("quiz:check", "Check", "x"))[:-1]
     + '\n"more\n', [f"error: ui.po:9:6: {CUT}"]),
    ("unterminated-msgctxt", catalog(CHECK).replace('"quiz:check"', '"quiz:check'),
     [f"error: ui.po:6:20: {CUT}"]),
    # spaces at the ends break the Markdown around the string: **Pre-test **:
    ("space-end", catalog(("pages:pre_test", "Pre-test", "KK-FAKE ")),
     ["error: ui.po:6:1: pages:pre_test: the translation has space at the end, unlike the "
      "English string: remove the space at the end (write plain text with the placeholders of "
      "msgid)"]),
    ("space-start", catalog(("quiz:check", "Check", " KK-FAKE")),
     ["error: ui.po:6:1: quiz:check: the translation has space at the start, unlike the English "
      "string: remove the space at the start (write plain text with the placeholders of "
      "msgid)"]),
    ("only-spaces", catalog(("quiz:check", "Check", "   ")),
     ["error: ui.po:6:1: quiz:check: the translation is only spaces: leave the msgstr empty to "
      "keep the fallback string (write plain text with the placeholders of msgid)"]),
    # invisible and text-turning characters, in the raw file (line:column) or as an escape
    ("rlo", catalog(("quiz:check", "Check", "ab\u202ecd")),
     ["error: ui.po:8:11: U+202E (right-to-left override) is not allowed (delete it: it often "
      "comes with text pasted from a PDF or a web page; nothing was written)"]),
    ("line-separator", catalog(("quiz:check", "Check", "a\u2028b")),
     [f"error: ui.po:8:10: U+2028 (line separator) {ALLOWED}"]),
    ("tab-raw", catalog(("quiz:check", "Check", "a\tb")),
     [f"error: ui.po:8:10: U+0009 (tab) {ALLOWED}"]),
    ("tab-escaped", catalog(("quiz:check", "Check", "a\\tb")),
     ["error: ui.po:6:1: quiz:check: the translation holds U+0009 (tab), which is not allowed: "
      "delete it (write plain text with the placeholders of msgid)"]),
    ("several", catalog(("quiz:check", "Check", "\u200bx\ufeff"),
                        ("quiz:finish", "Finish", "\u2066y\u2069\u202a")),
     [f"error: ui.po:8:9: U+200B (zero width space) {ALLOWED}",
      f"error: ui.po:8:11: U+FEFF (zero width no-break space) {ALLOWED}",
      f"error: ui.po:12:9: U+2066 (left-to-right isolate) {ALLOWED}",
      f"error: ui.po:12:11: U+2069 (pop directional isolate) {ALLOWED}",
      f"error: ui.po:12:12: U+202A (left-to-right embedding) {ALLOWED}"]),
    ("plural", catalog() + '\nmsgctxt "quiz:check"\nmsgid "Check"\nmsgid_plural "Checks"\n'
     'msgstr[0] "KK-FAKE"\nmsgstr[1] "KK-FAKE"\n',
     ["error: ui.po:6:1: quiz:check: interface strings have no plural forms (translate msgid "
      "only: a msgstr line, no msgid_plural or msgstr[0])"]),
    ("all-at-once", catalog(("quiz:nope", "Check", "x"), ("quiz:check", "Check", "<b>")),
     ["error: ui.po:6:1: quiz:nope: the quiz table has no string 'nope' (export the catalogue "
      "again: only its strings can be imported)",
      "error: ui.po:10:1: quiz:check: the translation holds < >: interface strings are plain "
      "text, without HTML or Markdown (write plain text with the placeholders of msgid)"]),
]


@pytest.mark.parametrize("case", REFUSED, ids=[c[0] for c in REFUSED])
def test_import_refuses(layout, case) -> None:
    _, text, *expected = case
    code, output = run_import(layout, text)
    assert code == 1, output
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    if expected:
        assert errors == expected[0]
    else:
        assert len(errors) == 1 and "interface strings are plain text, without HTML or " \
            "Markdown" in errors[0], output
    assert output.splitlines()[-1].endswith("nothing was written.")


def test_import_lang_option_must_agree_with_the_header(layout) -> None:
    code, output = run_import(layout, catalog(CHECK), "--lang", "uz")
    assert code == 1 and "the catalogue is in 'kk', not 'uz'" in output
    code, output = run_import(layout, catalog(CHECK, lang=""), "--lang", "x/../y")
    assert code == 1 and "'x/../y' is not a language code" in output


def test_import_refuses_a_catalogue_not_in_utf8(layout) -> None:
    code, output = run_import(layout, catalog(("quiz:check", "Check", "Тексеру")).encode("cp1251"))
    assert code == 1
    assert output.splitlines()[0] == ("error: ui.po:8:9: byte 0xd2 is not UTF-8 (it looks like "
                                      "Windows-1251: save the file as UTF-8)")


@pytest.mark.parametrize("link", ["site_templates", "site_templates/locales",
                                  "site_templates/locales/quiz.kk.yaml"])
def test_import_refuses_a_symlink_out_of_the_project(layout, link: str) -> None:
    tmp, project = layout
    outside = tmp / "elsewhere"
    (outside / "locales").mkdir(parents=True)
    (outside / "quiz.kk.yaml").write_text("check: outside\n", encoding="utf-8")
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    target = {"site_templates": outside, "site_templates/locales": outside / "locales"}.get(
        link, outside / "quiz.kk.yaml")
    (project / link).symlink_to(target)
    before = tree(outside)
    code, output = run_import(layout, catalog(CHECK))
    assert code == 1, output
    assert "outside the project" in output or "is a symlink" in output, output
    assert tree(outside) == before
    assert (outside / "quiz.kk.yaml").read_text(encoding="utf-8") == "check: outside\n"


# --- import: what is written ----------------------------------------------------------------

def test_import_writes_the_projects_own_tables_only(layout) -> None:
    _, project = layout
    package = {k: package_strings(k, "kk") for k in KINDS}
    code, output = run_import(layout, catalog(CHECK, COUNT, AFTER, HANDOUT))
    assert code == 0, output
    assert own(project, "quiz") == {"questions_count": "KK-FAKE Questions {n}",
                                    "check": "KK-FAKE Check"}
    assert own(project, "pages") == {"quiz_after": "KK-FAKE Check yourself"}
    assert own(project, "handouts") == {"question": "KK-FAKE Question {n}"}
    assert {k: package_strings(k, "kk") for k in KINDS} == package, "the package is untouched"
    mode = os.stat(project / "site_templates/locales/quiz.kk.yaml").st_mode & 0o777
    assert mode != 0o600
    assert not list((project / "site_templates/locales").glob(".*")), "no temporary left"


def test_fuzzy_obsolete_and_empty_entries_are_left_out(layout) -> None:
    _, project = layout
    text = catalog(("quiz:check", "Check", "KK-FAKE fuzzy"), flags="fuzzy")
    text += '\n#~ msgctxt "quiz:finish"\n#~ msgid "Finish"\n#~ msgstr "KK-FAKE obsolete"\n'
    text += '\nmsgctxt "quiz:hint"\nmsgid "Hint"\nmsgstr ""\n'
    code, output = run_import(layout, text)
    assert code == 0 and "no translated strings" in output, output
    assert not (project / "site_templates" / "locales").exists()


def test_import_merges_with_the_authors_strings(layout) -> None:
    _, project = layout
    locales = project / "site_templates" / "locales"
    locales.mkdir(parents=True)
    (locales / "quiz.kk.yaml").write_text(
        "# the author's own\ncheck: AUTHOR check\nfinish: AUTHOR finish\nmy_label: AUTHOR own\n",
        encoding="utf-8")
    code, output = run_import(layout, catalog(CHECK, COUNT))
    assert code == 0, output
    assert own(project, "quiz") == {"questions_count": "KK-FAKE Questions {n}",
                                    "check": "KK-FAKE Check", "finish": "AUTHOR finish",
                                    "my_label": "AUTHOR own"}


def test_a_broken_table_of_the_project_is_told_with_its_line(layout) -> None:
    _, project = layout
    locales = project / "site_templates" / "locales"
    locales.mkdir(parents=True)
    (locales / "quiz.kk.yaml").write_text('check: ok\nfinish: "<b>x</b>"\n', encoding="utf-8")
    code, output = run_import(layout, catalog(COUNT))
    assert code == 1
    assert output.splitlines()[0].startswith(
        "error: site_templates/locales/quiz.kk.yaml:2:9: finish: holds < >: interface strings")
    with pytest.raises(CurriculumError) as caught:
        ui_strings("quiz", "kk", project)
    assert str(caught.value.problems[0]).startswith("site_templates/locales/quiz.kk.yaml:2:9:")


def test_the_projects_strings_are_read_again_when_they_change(layout) -> None:
    _, project = layout
    assert ui_strings("quiz", "kk", project)["check"] == "Проверить"  # borrowed from Russian
    run_import(layout, catalog(CHECK))
    assert ui_strings("quiz", "kk", project)["check"] == "KK-FAKE Check"
    assert ui_strings("quiz", "kk")["check"] == "Проверить", "other projects keep the package's"
    _, output = cli(project, "--lang", "kk")
    total = len(ui_strings("quiz", "en"))
    assert f"interface quiz: 1/{total} strings in kk, {total - 1} shown from a fallback language" \
        in output


# --- a real build ---------------------------------------------------------------------------

def test_the_built_site_shows_the_imported_strings(layout) -> None:
    tmp, project = layout
    site = build_sites(project, BILINGUAL / "mkdocs.yml", tmp / "before")
    index = (site / "en" / "modules" / "alpha" / "index.html").read_text("utf-8")
    assert switcher(index)["kk"] == "Қазақша", "not Русский, kk's fallback"
    name = ("pages:language_name", "English", "TEST-Qazaq")
    assert run_import(layout, catalog(CHECK, COUNT, AFTER, name))[0] == 0
    site = build_sites(project, BILINGUAL / "mkdocs.yml", tmp / "site")
    data = page_json(site / "kk" / "modules" / "alpha" / "post-test.html")["quiz-post-test-data"]
    assert data["strings"]["check"] == "KK-FAKE Check"
    assert data["strings"]["questions_count"] == "KK-FAKE Questions {n}"
    assert data["strings"]["finish"] == "Завершить", "a string not given falls back to Russian"
    module = (site / "kk" / "modules" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "KK-FAKE Check yourself" in module
    assert switcher(module) == {"en": "English", "ru": "Русский", "kk": "TEST-Qazaq"}
    assert switcher((site / "ru/modules/alpha/index.html").read_text("utf-8"))["kk"] == \
        "TEST-Qazaq", "every language's switcher names kk as the project does"
    for lang in ("en", "ru"):
        page = site / lang / "modules" / "alpha" / "post-test.html"
        assert "KK-FAKE" not in page_json(page)["quiz-post-test-data"]["strings"]["check"]
        assert "KK-FAKE" not in (site / lang / "modules/alpha/index.html").read_text("utf-8")


def switcher(page: str) -> dict[str, str]:
    """The language switcher's entries: language code -> the name shown."""
    found = re.findall(r'<a [^>]*hreflang="([^"]+)"[^>]*class="md-select__link"[^>]*>\s*'
                       r"([^<]*?)\s*</a>", page)
    return dict(found)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_handouts_are_remade_with_the_imported_strings(layout) -> None:
    tmp, project = layout
    command = ["handouts", "-p", str(project), "-o", str(tmp / "pdf"), "-m", "alpha",
               "-e", "trainee", "-l", "kk", "-l", "ru"]
    assert CliRunner().invoke(main, command).exit_code == 0
    assert "Вопрос 1" in pdf_text(tmp / "pdf" / "kk" / "alpha.trainee.pdf"), "Russian fallback"
    assert run_import(layout, catalog(HANDOUT))[0] == 0
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, result.output
    assert "KK-FAKE Question 1" in pdf_text(tmp / "pdf" / "kk" / "alpha.trainee.pdf")
    russian = pdf_text(tmp / "pdf" / "ru" / "alpha.trainee.pdf")
    assert "Вопрос 1" in russian and "KK-FAKE" not in russian


def test_import_replaces_no_symlinked_table_even_inside(layout) -> None:
    _, project = layout
    locales = project / "site_templates" / "locales"
    locales.mkdir(parents=True)
    (locales / "shared.yaml").write_text("check: shared\n", encoding="utf-8")
    (locales / "quiz.kk.yaml").symlink_to("shared.yaml")
    code, output = run_import(layout, catalog(CHECK))
    assert code == 1 and "site_templates/locales/quiz.kk.yaml: is a symlink" in output, output
    assert (locales / "quiz.kk.yaml").is_symlink()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_packages_own_strings_keep_the_rules(lang: str) -> None:
    """What import asks of a translator, the package's strings do too."""
    for kind in KINDS:
        english = package_strings(kind, "en")
        for key, text in package_strings(kind, lang).items():
            assert text_problems(text, english.get(key)) == [], (kind, key, text)


def test_a_scorm_package_carries_the_imported_strings(layout) -> None:
    tmp, project = layout
    assert run_import(layout, catalog(CHECK))[0] == 0
    result = CliRunner().invoke(main, ["export", "-p", str(project), "scorm", "--lang", "kk",
                                       "--module", "alpha", "--out", str(tmp / "lms")])
    assert result.exit_code == 0, result.output
    (package,) = (tmp / "lms").rglob("*.zip")
    with zipfile.ZipFile(package) as archive:
        pages = [archive.read(n).decode("utf-8") for n in archive.namelist()
                 if n.endswith(".html")]
    assert any('"check":"KK-FAKE Check"' in p for p in pages)


# --- what a translation may hold, and the limits ------------------------------------------

def test_letters_of_every_script_apostrophes_and_typography_pass(layout) -> None:
    """Uzbek writes oʻ with U+02BB and U+2019; Russian typography puts NBSP before a dash."""
    _, project = layout
    text = "Oʻzbek o’qing «Тексеру» — Қазақша\u00a0– ქართული Հայերեն"
    code, output = run_import(layout, catalog(("quiz:check", "Check", text), lang=" kk "))
    assert code == 0, output
    assert own(project, "quiz") == {"check": text}


@pytest.mark.parametrize(("command", "extra"), [(["import", "--ui"], []),
                                                (["import"], [])], ids=["ui", "texts"])
def test_import_takes_the_size_limit_it_names(layout, command: list[str], extra) -> None:
    tmp, project = layout
    po = tmp / "work" / "in" / "ui.po"
    po.write_text(catalog(CHECK), encoding="utf-8")
    code, output = cli(project, *command, str(po), "--max-file-bytes", "50")
    assert code == 1 and "raise the limit with --max-file-bytes" in output, output
    if command[-1] == "--ui":
        code, output = cli(project, *command, str(po), "--max-file-bytes", "100000")
        assert code == 0 and own(project, "quiz") == {"check": "KK-FAKE Check"}, output


def validate(project: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "--strict", "-p", str(project)])
    return result.exit_code, result.output


def test_validate_checks_the_projects_tables_as_build_does(layout) -> None:
    tmp, project = layout
    locales = project / "site_templates" / "locales"
    locales.mkdir(parents=True)
    (locales / "quiz.kk.yaml").write_text(
        "check: ok\nreset: <img src=x onerror=alert(1)>\nfinish: \"x\\u202ey\"\n", "utf-8")
    (locales / "pages.kk.yaml").write_text("pre_test: 'Алдын ала тест '\n", "utf-8")
    code, output = validate(project)
    assert code == 1
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert errors == [
        "error: site_templates/locales/pages.kk.yaml:1:11: pre_test: has space at the end, "
        "unlike the English string: remove the space at the end (see docs/translations.md)",
        "error: site_templates/locales/quiz.kk.yaml:2:8: reset: holds < >: interface strings "
        "are plain text, without HTML or Markdown (see docs/translations.md)",
        "error: site_templates/locales/quiz.kk.yaml:3:9: finish: holds U+202E (right-to-left "
        "override), which is not allowed: delete it (see docs/translations.md)"]
    result = CliRunner().invoke(main, ["build", "-p", str(project), "-d", str(tmp / "site")])
    assert result.exit_code == 1 and "quiz.kk.yaml:2:8: reset: holds < >" in result.output


def test_unknown_tables_and_keys_are_warned_and_left_out(layout) -> None:
    tmp, project = layout
    locales = project / "site_templates" / "locales"
    locales.mkdir(parents=True)
    (locales / "quiz.kk.yaml").write_text(
        "check: KK-FAKE Check\ntypo_key: x\n__proto__: y\n", "utf-8")
    (locales / "quizz.kk.yaml").write_text("check: x\n", "utf-8")
    code, output = validate(project)
    assert code == 1, output
    warnings = [line for line in output.splitlines() if "site_templates" in line]
    assert warnings == [
        "warning: site_templates/locales/quiz.kk.yaml:2:1: typo_key: the quiz table has no "
        "string 'typo_key' (a typo? see translations export --ui; it is left out)",
        "warning: site_templates/locales/quiz.kk.yaml:3:1: __proto__: the quiz table has no "
        "string '__proto__' (a typo? see translations export --ui; it is left out)",
        "warning: site_templates/locales/quizz.kk.yaml: is not an interface table, so no page "
        "uses it (name it <table>.<lang>.yaml, the table one of pages, quiz, handouts)"]
    assert CliRunner().invoke(main, ["validate", "-p", str(project)]).exit_code == 0
    with pytest.raises(CurriculumError, match="the quiz table has no string 'typo_key'"):
        build_sites(project, BILINGUAL / "mkdocs.yml", tmp / "site")  # strict: true
    lenient = tmp / "mkdocs.yml"
    repo = Path(__file__).resolve().parents[1]
    lenient.write_text((BILINGUAL / "mkdocs.yml").read_text("utf-8").replace(
        "strict: true", "strict: false").replace("../../../../", f"{repo}/"), "utf-8")
    site = build_sites(project, lenient, tmp / "site")
    data = page_json(site / "kk" / "modules" / "alpha" / "post-test.html")["quiz-post-test-data"]
    assert data["strings"]["check"] == "KK-FAKE Check"
    assert "typo_key" not in data["strings"] and "__proto__" not in data["strings"]


def test_a_catalogue_of_course_texts_cut_short_is_refused_too(layout) -> None:
    tmp, project = layout
    po = tmp / "work" / "in" / "kk.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: kk\\n"\n\nmsgctxt "modules/alpha.yaml#title"\n'
                  'msgid "Alpha"\nmsgstr "Альф', encoding="utf-8")
    before = tree(tmp)
    code, output = cli(project, "import", str(po))
    assert code == 1 and output.replace(str(po), "kk.po").startswith(f"error: kk.po:7:13: {CUT}")
    assert tree(tmp) == before
