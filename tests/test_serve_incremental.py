"""`curriculum serve` rebuilds only what a save touches, and what it serves stays the site
`curriculum build` makes: every page of both languages compared after each kind of edit
of the sample course (a module's text, its Russian overlay, its title), the handout
links followed, a broken file shown and recovered from."""

from __future__ import annotations

import json
import re
import shutil
import socket
import struct
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from builder.adapters.mkdocs_build import build_sites
from builder.adapters.preview import STATUS_PATH, Preview, page_language, reload_script, start
from builder.cli.main import main

from .handouts.reading import squash

ROOT = Path(__file__).resolve().parents[1]
MODULE = "modules/extradition.yaml"
OVERLAY = "modules/extradition.ru.yaml"
PAGE = "modules/extradition/"
SEEN = re.compile(r"var seen = (\d+);")
PDF_LINK = re.compile(r'href="([^"]+\.pdf)"')


def _get(url: str | urllib.request.Request) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _status(preview: Preview) -> dict:
    return json.loads(_get(preview.url.rstrip("/") + STATUS_PATH)[1])


def _built_after(preview: Preview, version: int, ok: bool = True) -> int:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        status = _status(preview)
        if status["version"] > version and not status["building"]:
            assert status["ok"] is ok, status["problems"]
            return status["version"]
        time.sleep(0.05)
    raise AssertionError(f"no {'good' if ok else 'failed'} build after {version}")


def _handouts_done(preview: Preview) -> None:
    assert preview.state.handouts_done.wait(300), "the handouts were never remade"


def _served(preview: Preview, page: str) -> str:
    """A served page without the reload script the server adds (and nothing else)."""
    code, body = _get(preview.url + page)
    assert code == 200, page
    text = body.decode("utf-8")
    script = reload_script(int(SEEN.search(text)[1]), page_language("/" + page))
    assert text.count(script) == 1, page
    return text.replace(script, "")


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _data_files(site: Path) -> list[str]:
    """The files of a site besides its pages and PDFs (and the gzip of the sitemap, which
    holds the time it was made), and `curriculum build`'s mark on the site it made: the
    search index, the quiz data, the assets."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and p.suffix not in {".html", ".pdf", ".gz"}
                  and p.parent != site)


def _inodes(site: Path) -> dict[str, int]:
    return {page: (site / page).stat().st_ino for page in _pages(site)}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, sample_sites: Path) -> Path:
    """A copy of the sample course, with the handout cache `sample_sites` filled."""
    copy = tmp_path_factory.mktemp("incremental") / "course"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                             check=True).stdout.decode().split("\0")
    for name in tracked:
        if name and name.split("/")[0] in {"course.yaml", "course.ru.yaml", "mkdocs.yml",
                                           "glossary.yaml", "instruments.yaml", "modules",
                                           "quizzes", "site_templates", "media"}:
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    shutil.copytree(ROOT / "handouts", copy / "handouts")
    return copy


@pytest.fixture(scope="module")
def preview(project: Path) -> Iterator[Preview]:
    said: list[str] = []
    running = start(project, project / "mkdocs.yml", "127.0.0.1:0", say=said.append)
    try:
        _built_after(running, 0)
        _handouts_done(running)
        yield running
    finally:
        running.close()


def _edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _assert_as_built(preview: Preview, project: Path, tmp_path: Path) -> Path:
    """Every page served equals the page `curriculum build` makes (the PDFs current)."""
    _handouts_done(preview)  # the full build below writes the same handout cache
    site = build_sites(project, project / "mkdocs.yml", tmp_path / "site")
    assert _pages(preview.state.site) == _pages(site)
    for page in _pages(site):
        expected = (site / page).read_text(encoding="utf-8")
        assert _served(preview, page) == expected, f"{page} differs from the built page"
    assert set(_data_files(preview.state.site)) ^ set(_data_files(site)) == set()
    for name in _data_files(site):
        assert _get(preview.url + name) == (200, (site / name).read_bytes()), \
            f"{name} differs from the built file"
    return site


def _assert_pdfs_resolve(preview: Preview, page: str) -> list[bytes]:
    links = PDF_LINK.findall(_served(preview, page))
    assert links, f"{page} links no handout"
    found = []
    for link in links:
        code, body = _get(urljoin(preview.url + page, link))
        assert code == 200 and body.startswith(b"%PDF"), link
        found.append(body)
    return found


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    (tmp_path / "served.pdf").write_bytes(data)
    return squash(" ".join(p.extract_text() for p in PdfReader(tmp_path / "served.pdf").pages))


def test_a_module_edit_serves_the_built_pages_and_its_new_handout(
        preview: Preview, project: Path, tmp_path: Path) -> None:
    version = _status(preview)["version"]
    _edit(project, MODULE, "Courts therefore look closely",
          "Courts therefore look closely (edited once)")
    version = _built_after(preview, version)
    assert "(edited once)" in _served(preview, f"en/{PAGE}")
    # the pages link the cached PDFs at once; the remade one is served once it is there
    for lang in ("en", "ru"):
        _assert_pdfs_resolve(preview, f"{lang}/{PAGE}")
    _handouts_done(preview)
    handout = _assert_pdfs_resolve(preview, f"en/{PAGE}")[0]
    assert "(editedonce)" in _pdf_text(handout, tmp_path)
    _assert_as_built(preview, project, tmp_path)


def test_a_module_edit_renders_only_the_pages_it_changes(
        preview: Preview, project: Path, tmp_path: Path) -> None:
    """The other pages' HTML is the last build's (the same file, linked), and the site
    still equals a full build: their search entries, nav and neighbours' links."""
    before = _inodes(preview.state.site / "en")
    version = _status(preview)["version"]
    _edit(project, MODULE, "Courts therefore look closely",
          "Courts therefore look closely (rendered alone)")
    _built_after(preview, version)
    after = _inodes(preview.state.site / "en")
    rendered = sorted(page for page in after if before.get(page) != after[page])
    assert f"{PAGE}index.html" in rendered
    assert len(rendered) < len(after) // 4, rendered
    _assert_as_built(preview, project, tmp_path)


def test_a_kept_page_changed_on_disk_is_rendered_again(
        preview: Preview, project: Path, tmp_path: Path) -> None:
    """A page's HTML in the served site changed since its build (a broken disk, a clean-up
    writing into /tmp): the next build renders it again instead of linking it on."""
    site = preview.state.site / "en"
    page = site / "glossary.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>corrupted</p></body>"))
    version = _status(preview)["version"]
    _edit(project, MODULE, "Courts therefore look closely",
          "Courts therefore look closely (after a corruption)")
    _built_after(preview, version)
    assert b"corrupted" not in (preview.state.site / "en" / "glossary.html").read_bytes()
    _assert_as_built(preview, project, tmp_path)


def test_a_bank_title_edit_reaches_the_next_page_in_the_course(
        preview: Preview, project: Path, tmp_path: Path) -> None:
    """With Material's footer on, a practice bank no module draws from (listed after
    the modules) shows the title of the page before it, the last module's last bank,
    though nothing of the practice bank changes."""
    version = _status(preview)["version"]
    _edit(project, "mkdocs.yml", "    - navigation.top\n",
          "    - navigation.top\n    - navigation.footer\n")
    for suffix in (".yaml", ".ru.yaml"):  # a copy of a bank, drawn by no module
        text = (project / f"quizzes/workshop-check{suffix}").read_text(encoding="utf-8")
        (project / f"quizzes/zz-practice{suffix}").write_text(
            text.replace("id: workshop-check", "id: zz-practice"), encoding="utf-8")
    version = _built_after(preview, version)
    _edit(project, "quizzes/workshop-check.yaml", "title: The race to preserve - quick check",
          "title: The race to preserve (retitled) - quick check")
    _built_after(preview, version)
    _assert_as_built(preview, project, tmp_path)
    assert "(retitled)" in _served(preview, "en/banks/zz-practice.html")


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A new course, as `curriculum init` writes it."""
    project = tmp_path / "small"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    return project


@contextmanager
def _serving(project: Path, address: str = "127.0.0.1:0",
             said: list[str] | None = None) -> Iterator[Preview]:
    running = start(project, project / "mkdocs.yml", address,
                    say=(said if said is not None else []).append)
    try:
        _built_after(running, 0)
        yield running
    finally:
        running.close()


def test_a_page_reloads_once_when_its_own_language_is_in_place(small: Path) -> None:
    """A save rebuilds every language, one after the other: a Russian page asking whether
    to reload is answered when the Russian pages are in place, not when the English ones
    are (it reloaded into its old page, then again); an edit of the Russian overlay alone
    leaves the English pages' version as it was."""
    _edit(small, "course.yaml", "languages: [en]", "languages: [en, ru]")
    with _serving(small) as running:
        status = running.url.rstrip("/") + STATUS_PATH
        ask = lambda query: json.loads(_get(f"{status}?{query}")[1])["version"]  # noqa: E731
        seen_ru, seen_en = ask("lang=ru"), ask("lang=en")
        assert _get(running.url + "en/modules/getting-started/")[0] == 200  # built first
        answers: list[int] = []
        asking = threading.Thread(target=lambda: answers.append(ask(f"wait={seen_ru}&lang=ru")))
        asking.start()
        _edit(small, "modules/getting-started.yaml", "Each module is a file",
              "Each module (waited) is a file")
        asking.join(timeout=60)
        assert answers and answers[0] > seen_ru, answers
        assert "(waited)" in _served(running, "ru/modules/getting-started/")
        seen_en = ask("lang=en")
        assert seen_en > seen_ru
        version = _status(running)["version"]
        (small / "modules" / "getting-started.ru.yaml").write_text(
            "title: Начало работы\n", encoding="utf-8")
        _built_after(running, version)
        assert ask("lang=en") == seen_en and ask("lang=ru") > seen_en
        assert "Начало работы" in _served(running, "ru/modules/getting-started/")


def test_a_page_gone_while_its_question_waits_is_no_traceback(small: Path, capfd) -> None:
    """A page reloaded (or closed) while its `status?wait=N` was held open: the answer
    finds no one; the author's terminal shows no BrokenPipeError traceback (tester round 4)."""
    with _serving(small) as running:
        version = _status(running)["version"]
        host, port = running.url.split("//")[1].rstrip("/").rsplit(":", 1)
        with socket.create_connection((host, int(port))) as asking:
            asking.sendall(f"GET {STATUS_PATH}?wait={version} HTTP/1.1\r\n"
                           f"Host: {host}:{port}\r\n\r\n".encode())
            time.sleep(0.5)  # the question is held
            asking.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        _edit(small, "modules/getting-started.yaml", "Each module is a file",
              "Each module (gone) is a file")
        _built_after(running, version)
        time.sleep(1)  # the held question is answered, into the closed connection
    printed = capfd.readouterr()
    assert "Traceback" not in printed.err and "Exception occurred" not in printed.err, \
        printed.err


def test_a_file_removed_while_a_save_is_checked_is_told_by_the_loader(small: Path) -> None:
    """The editor's check of a save loads the project; an image it links is removed, and
    serve builds that removal, before the save is written: the preview must not build from
    the check's project (it still had the image), but from the files, and tell the
    loader's message (before: MkDocs' strict-mode error)."""
    from builder.edit.checking import check

    module = "modules/getting-started.yaml"
    (small / "media" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _edit(small, module, "in teaching order.", "in teaching order. ![A map](../media/map.png)")
    said: list[str] = []
    with _serving(small, said=said) as running:
        text = (small / module).read_text(encoding="utf-8") + "# saved\n"
        _, checked = check(small, {module: text})  # a save's check, as the editor makes it
        assert checked is not None
        version = _status(running)["version"]
        (small / module).write_text(text, encoding="utf-8")
        running.poke(checked)
        version = _built_after(running, version)
        builds = [line for line in said if line.startswith("built in ")]
        assert "from the save's check" in builds[-1], said  # nothing else changed: used
        heard = len(said)
        text += "# saved again\n"
        _, checked = check(small, {module: text})  # the next save's check, image in place
        assert checked is not None
        (small / "media" / "map.png").unlink()
        version = _built_after(running, version, ok=False)  # serve built the removal
        (small / module).write_text(text, encoding="utf-8")  # then the save lands
        running.poke(checked)
        _built_after(running, version, ok=False)
        assert not any("from the save's check" in line for line in said[heard:]), said
        problems = _status(running)["problems"]
        assert problems == [f"error: {module}:23:61: sessions[0].content: media/map.png does "
                            "not exist (put the file in media/ and link to it relative to "
                            "this file)"], problems


@pytest.mark.parametrize(("path", "lang"), [("/ru/modules/x/", "ru"), ("/pt-BR/", "pt-BR"),
                                           ("/en", None), ("/assets/x.js", None),
                                           ('/"+alert(1)+"/x.html', None),
                                           ("/ru</script>/", None)])
def test_only_a_language_code_of_the_path_reaches_the_pages_script(path: str,
                                                                   lang: str | None) -> None:
    assert page_language(path) == lang
    assert reload_script(3, path.split("/")[1]).count("<") == 2  # <script>, </script>
    assert ("&lang=" in reload_script(3, page_language(path))) is (lang is not None)


@pytest.mark.parametrize(("address", "url"), [("[::1]:0", r"http://\[::1\]:\d+/"),
                                              ("localhost:0",
                                               r"http://(127\.0\.0\.1|\[::1\]):\d+/")])
def test_the_preview_serves_on_any_loopback_address(small: Path, address: str,
                                                    url: str) -> None:
    """-a [::1]:0 (docs/input.md names it) serves over IPv6, as -a localhost:0 over IPv4."""
    with _serving(small, address) as running:
        assert re.fullmatch(url, running.url), running.url
        assert _get(running.url + "en/")[0] == 200
        foreign = urllib.request.Request(running.url + "en/", headers={"Host": "evil.example"})
        assert _get(foreign)[0] == 403  # the Host check holds on IPv6 too


def test_a_kept_page_shows_its_rendered_title_in_the_nav_of_others(
        small: Path, tmp_path: Path) -> None:
    """Russian declared and not yet translated: a page's heading holds the English title
    marked untranslated (a span) in the Markdown, plain text once rendered. A save that
    keeps the page leaves its rendered title in the nav of the pages rebuilt (the 404 page
    lists every page), as a full build has it."""
    _edit(small, "course.yaml", "languages: [en]", "languages: [en, ru]")
    with _serving(small) as running:
        version = _status(running)["version"]
        _edit(small, "course.yaml", "modules:", "# a comment\nmodules:")
        _built_after(running, version)
        _assert_as_built(running, small, tmp_path)


def test_a_language_added_or_dropped_is_served_or_gone(small: Path, tmp_path: Path) -> None:
    with _serving(small) as running:
        version = _status(running)["version"]
        _edit(small, "course.yaml", "languages: [en]", "languages: [en, ru]")
        version = _built_after(running, version)
        assert _get(running.url + "ru/")[0] == 200
        _assert_as_built(running, small, tmp_path / "added")
        _edit(small, "course.yaml", "languages: [en, ru]", "languages: [en]")
        _built_after(running, version)
        assert _get(running.url + "ru/")[0] == 404
        _assert_as_built(running, small, tmp_path / "dropped")


def test_mkdocs_yml_own_theme_and_docs_folders_are_watched(small: Path, tmp_path: Path) -> None:
    """mkdocs.yml's custom_dir and docs_dir shape every page: an edit there renders them."""
    _edit(small, "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: theme_over\n")
    with (small / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("docs_dir: pages\n")
    footer = small / "theme_over" / "partials" / "copyright.html"
    footer.parent.mkdir(parents=True)
    footer.write_text("<p>FOOTER-ONE</p>\n", encoding="utf-8")
    (small / "pages").mkdir()
    (small / "pages" / "extra.md").write_text("# Extra\n\nEXTRA-ONE\n", encoding="utf-8")
    with _serving(small) as running:
        version = _status(running)["version"]
        footer.write_text("<p>FOOTER-TWO</p>\n", encoding="utf-8")
        version = _built_after(running, version)
        assert "FOOTER-TWO" in _served(running, "en/index.html")
        _edit(small, "pages/extra.md", "EXTRA-ONE", "EXTRA-TWO")
        _built_after(running, version)
        assert "EXTRA-TWO" in _served(running, "en/extra.html")
        _assert_as_built(running, small, tmp_path)


def test_a_template_edit_renders_every_page(
        preview: Preview, project: Path, tmp_path: Path) -> None:
    """A theme override shapes every page without changing any page's own inputs."""
    version = _status(preview)["version"]
    logo = project / "site_templates" / "overrides" / "partials" / "logo.html"
    logo.write_text(logo.read_text(encoding="utf-8") + "<!-- override edited -->\n",
                    encoding="utf-8")
    _built_after(preview, version)
    site = _assert_as_built(preview, project, tmp_path)
    assert "<!-- override edited -->" in (site / "en" / "glossary.html").read_text("utf-8")


def test_handouts_of_every_language_a_save_touched_are_remade(
        preview: Preview, project: Path, tmp_path: Path) -> None:
    """A module saved (every language), then its Russian overlay (Russian only) before the
    PDFs were remade: the English handout is remade too, not only the Russian one."""
    _handouts_done(preview)
    version = _status(preview)["version"]
    _edit(project, MODULE, "Courts therefore look", "Courts therefore look (both saves)")
    version = _built_after(preview, version)
    _edit(project, OVERLAY, "Основы института выдачи", "Основы института выдачи (обе)")
    _built_after(preview, version)
    _handouts_done(preview)
    english = _assert_pdfs_resolve(preview, f"en/{PAGE}")[0]
    assert "(bothsaves)" in _pdf_text(english, tmp_path)


def test_a_preview_site_deleted_under_the_server_is_built_again(
        preview: Preview, project: Path, tmp_path: Path) -> None:
    version = _status(preview)["version"]
    shutil.rmtree(preview.state.site)
    _built_after(preview, version)
    _assert_as_built(preview, project, tmp_path)


def test_an_overlay_edit_rebuilds_only_its_language(
        preview: Preview, project: Path, tmp_path: Path) -> None:
    version = _status(preview)["version"]
    english = (preview.state.site / "en").stat().st_ino
    _edit(project, OVERLAY, "Основы института выдачи", "Основы института выдачи (правка)")
    _built_after(preview, version)
    assert "(правка)" in _served(preview, f"ru/{PAGE}")
    assert (preview.state.site / "en").stat().st_ino == english, "en was rebuilt"
    _assert_as_built(preview, project, tmp_path)
    _assert_pdfs_resolve(preview, f"ru/{PAGE}")


def test_a_title_edit_reaches_every_page_that_shows_it(
        preview: Preview, project: Path, tmp_path: Path) -> None:
    version = _status(preview)["version"]
    _edit(project, MODULE, "title: Extradition - legal bases",
          "title: Extradition (retitled) - legal bases")
    _built_after(preview, version)
    site = _assert_as_built(preview, project, tmp_path)
    showing = [p for p in _pages(site / "en") if "(retitled)" in _served(preview, f"en/{p}")]
    assert len(showing) > 1, showing  # its own page and others': the home page, the nav


def test_a_broken_overlay_shows_the_error_page_and_the_preview_recovers(
        preview: Preview, project: Path, tmp_path: Path) -> None:
    version = _status(preview)["version"]
    path = project / OVERLAY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("audience:", "audience: [", 1), encoding="utf-8")
    broken = _built_after(preview, version, ok=False)
    for page in (f"en/{PAGE}", "ru/"):  # the English pages too: the course does not build
        code, body = _get(preview.url + page)
        assert code == 500 and b"modules/extradition.ru.yaml" in body, page
    path.write_text(text.replace("Основы института", "Основы (снова) института", 1),
                    encoding="utf-8")
    _built_after(preview, broken)
    assert "(снова)" in _served(preview, f"ru/{PAGE}")
    _assert_as_built(preview, project, tmp_path)


def test_a_handout_missing_from_the_cache_is_made_before_its_page_is_served(
        preview: Preview, project: Path) -> None:
    version = _status(preview)["version"]
    (project / "handouts" / "en" / "networks.trainee.pdf").unlink()
    _edit(project, MODULE, "Courts therefore look", "Courts therefore look (again)")
    _built_after(preview, version)
    _assert_pdfs_resolve(preview, "en/modules/networks/")  # not waiting for the handouts


def test_compiled_templates_follow_their_source_and_their_environment(tmp_path: Path) -> None:
    import jinja2

    from builder.render.templates import CompiledTemplates

    compiled = CompiledTemplates()
    (tmp_path / "t.html").write_text("{% if 1 %}\nA{% endif %}", encoding="utf-8")

    def render(**settings: bool) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path),
                                 bytecode_cache=compiled, **settings)
        return env.get_template("t.html").render()

    assert render() == "\nA"
    assert render(trim_blocks=True) == "A"  # not the code compiled without trim_blocks
    assert len(compiled.code) == 2
    (tmp_path / "t.html").write_text("B", encoding="utf-8")
    assert render() == "B"  # an edited template is compiled again


def test_a_glossary_edit_reaches_the_served_pages(preview: Preview, project: Path) -> None:
    """glossary.yaml and instruments.yaml are read by the build, so serve watches them."""
    version = _status(preview)["version"]
    _edit(project, "glossary.yaml", "Help one State gives another in criminal proceedings",
          "Help one State gives another (edited) in criminal proceedings")
    _built_after(preview, version)
    assert "(edited)" in _served(preview, "en/glossary.html")


def test_a_page_waiting_for_a_newer_build_is_answered_when_it_is_in_place(
        preview: Preview, project: Path) -> None:
    """A served page holds `status?wait=N` open and reloads on the answer: no polling
    delay between a build and the reload."""
    version = _status(preview)["version"]
    status = preview.url.rstrip("/") + STATUS_PATH
    assert json.loads(_get(f"{status}?wait={version - 1}")[1])["version"] == version  # at once
    answers: list[dict] = []
    asking = threading.Thread(target=lambda: answers.append(
        json.loads(_get(f"{status}?wait={version}")[1])))
    asking.start()
    _edit(project, MODULE, "Courts therefore look", "Courts therefore look (waited)")
    asking.join(timeout=60)
    assert answers and answers[0]["version"] > version, answers
    for odd in ("9" * 5000, "%C2%B2", "-1", "x"):  # not build numbers (², encoded): at once
        code, body = _get(f"{status}?wait={odd}")
        assert code == 200 and "version" in json.loads(body), odd


@pytest.mark.parametrize(("host", "code"), [("evil.example:80", 403), ("127.0.0.1.nip.io", 403),
                                            ("", 403), (None, 200), ("localhost", 200)])
def test_the_preview_answers_only_to_its_own_address(preview: Preview, host: str | None,
                                                     code: int) -> None:
    """A page of another site whose name resolves to 127.0.0.1 (DNS rebinding) names
    itself in Host: the draft course is not its to read."""
    port = preview.server.server_address[1]
    request = urllib.request.Request(preview.url + "en/")
    if host is not None:  # None: urllib's own, 127.0.0.1:port
        request.add_unredirected_header("Host", f"{host}:{port}" if host == "localhost"
                                        else host)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status == code
    except urllib.error.HTTPError as error:
        assert error.code == code
