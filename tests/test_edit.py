"""`curriculum edit`'s server: real HTTP requests against a real project on disk.

Each guard (token, Host/Origin, path containment, stale file, upload size, type and
name) has a test here that fails when the guard is removed.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import socket
import struct
import time
import zlib
from pathlib import Path
from urllib.parse import quote

import pytest

from builder.edit import uploads
from builder.edit.server import TOKEN_HEADER

from .conftest import MINIMAL
from .editkit import Editor, commit_all, editor, git, sample_copy

ALPHA = "modules/alpha.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(MINIMAL, root)
    return root


@pytest.fixture
def edit(project: Path):
    with editor(project) as running:
        yield running


def png(size: int = 1) -> bytes:
    row = b"\x00" + b"\x80\x80\x80" * size
    chunk = lambda kind, data: (struct.pack(">I", len(data)) + kind + data  # noqa: E731
                                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2,
                                                               0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * size)) + chunk(b"IEND", b""))


def test_sample_module_save_changes_only_the_edited_lines(tmp_path: Path) -> None:
    root = sample_copy(tmp_path / "sample")
    module = root / "modules" / "extradition.yaml"
    text = module.read_text(encoding="utf-8")
    text = text.replace("duration: 3h\n", "duration: 3h   # the three sessions below\n", 1)
    text = text.replace("objectives:\n", "# What trainees will be able to do:\nobjectives:\n", 1)
    module.write_text(text, encoding="utf-8")
    commit_all(root)
    with editor(root) as running:
        opened = running.open("modules/extradition.yaml")
        data = copy.deepcopy(opened["data"])
        data["title"] = "Extradition in practice"
        data["objectives"][0]["text"] = "Choose the legal basis of an extradition request."
        first = data["sessions"][0]["content"].splitlines(True)
        first[0] = first[0].rstrip("\n") + " (revised)\n"
        data["sessions"][0]["content"] = "".join(first)
        code, answer = running.call("POST", "save", {"file": "modules/extradition.yaml",
                                                     "data": data,
                                                     "version": opened["version"]})
    assert code == 200, answer.get("problems")
    diff = git(root, "diff", "--unified=0", "--", "modules/extradition.yaml")
    changed = [line for line in diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) == 6, diff  # three lines out, three in
    assert "+title: Extradition in practice" in changed
    saved = module.read_text(encoding="utf-8")
    assert "duration: 3h   # the three sessions below\n" in saved
    assert "# What trainees will be able to do:\nobjectives:\n" in saved
    assert git(root, "status", "--porcelain") == " M modules/extradition.yaml\n"


def test_a_broken_value_is_told_at_its_field_and_nothing_is_written(edit: Editor,
                                                                   project: Path) -> None:
    before = (project / ALPHA).read_bytes()
    opened = edit.open(ALPHA)
    data = opened["data"]
    data["sessions"][1]["duration"] = "3 hours"
    code, answer = edit.call("POST", "check", {"file": ALPHA, "data": data})
    assert code == 200
    fields = {p["field"]: p["text"] for p in answer["problems"]}
    assert fields["root.sessions.1.duration"] == (
        f"{ALPHA}:23:15: sessions[1].duration: '3 hours' is not a duration (try 45min or 1h30m)")
    code, answer = edit.call("POST", "save", {"file": ALPHA, "data": data,
                                              "version": opened["version"]})
    assert code == 422 and answer["blocking"] == 1
    data["sessions"][1]["duration"] = "45min"
    data["assessment"]["post_test"]["bank"] = "no-such-bank"  # a check across files
    code, answer = edit.call("POST", "save", {"file": ALPHA, "data": data,
                                              "version": opened["version"]})
    assert code == 422
    assert [p["field"] for p in answer["problems"]] == ["root.assessment.post_test.bank"]
    assert "no question bank 'no-such-bank'" in answer["problems"][0]["text"]
    assert (project / ALPHA).read_bytes() == before


def test_an_objective_no_question_assesses_is_told_at_the_objective(edit: Editor) -> None:
    data = edit.open(ALPHA)["data"]
    data["objectives"].append({"id": "know-more", "text": "Explain more."})
    answer = edit.call("POST", "check", {"file": ALPHA, "data": data})[1]
    told = [p["text"] for p in answer["problems"] if p["field"] == "root.objectives.1.id"]
    assert f"{ALPHA}:10:9: objectives[1].id: objective 'know-more' is not assessed by any " \
        "question (tag a question with it)" in told, answer["problems"]


@pytest.mark.parametrize("headers", [{}, {"X-Curriculum-Token": "guessed"}])
def test_a_request_without_the_launch_token_is_refused(edit: Editor, project: Path,
                                                       headers: dict[str, str]) -> None:
    opened = edit.open(ALPHA)
    data = dict(opened["data"], title="Changed by another site")
    code, _ = edit.call("POST", "save", {"file": ALPHA, "data": data,
                                         "version": opened["version"]}, headers=headers)
    assert code == 403
    assert edit.call("GET", "file", query=f"?file={ALPHA}", headers=headers)[0] == 403
    assert "Changed by another site" not in (project / ALPHA).read_text(encoding="utf-8")


@pytest.mark.parametrize("extra", [{"Host": "attacker.example:80"},
                                   {"Origin": "http://attacker.example"}])
def test_another_host_or_origin_is_refused_even_with_the_token(edit: Editor,
                                                               extra: dict[str, str]) -> None:
    headers = {"X-Curriculum-Token": edit.app.token, **extra}
    code, answer = edit.call("GET", "project", headers=headers)
    assert code == 403, answer
    assert edit.call("GET", "project")[0] == 200


@pytest.mark.parametrize("file", ["../outside.yaml", "/etc/passwd", "modules/../../x.yaml",
                                  "mkdocs.yml", "modules/link.yaml"])
def test_nothing_outside_the_course_files_is_read_or_written(edit: Editor, project: Path,
                                                             file: str) -> None:
    outside = project.parent / "outside.yaml"
    outside.write_text("id: secret\n", encoding="utf-8")
    (project / "modules" / "link.yaml").symlink_to(outside)
    code, answer = edit.call("GET", "file", query=f"?file={file}")
    assert code == 422, answer
    code, _ = edit.call("POST", "save", {"file": file, "data": {"id": "x"}, "version": ""})
    assert code == 422
    assert outside.read_text(encoding="utf-8") == "id: secret\n"


def test_a_file_changed_on_disk_is_not_overwritten(edit: Editor, project: Path) -> None:
    opened = edit.open(ALPHA)
    theirs = (project / ALPHA).read_text(encoding="utf-8").replace("Alpha module", "Theirs")
    (project / ALPHA).write_text(theirs, encoding="utf-8")
    data = dict(opened["data"], title="Mine")
    code, answer = edit.call("POST", "save", {"file": ALPHA, "data": data,
                                              "version": opened["version"]})
    assert code == 409 and answer["disk"] == theirs
    assert (project / ALPHA).read_text(encoding="utf-8") == theirs


def test_a_save_is_atomic_and_keeps_the_files_mode(edit: Editor, project: Path) -> None:
    os.chmod(project / ALPHA, 0o640)
    opened = edit.open(ALPHA)
    code, answer = edit.call("POST", "save", {"file": ALPHA, "data": dict(
        opened["data"], title="Альфа"), "version": opened["version"]})
    assert code == 200, answer
    assert "title: Альфа\n" in (project / ALPHA).read_text(encoding="utf-8")
    assert (project / ALPHA).stat().st_mode & 0o777 == 0o640
    assert not [p for p in (project / "modules").iterdir() if p.name.startswith(".")]


def test_an_image_is_uploaded_into_media(edit: Editor, project: Path) -> None:
    code, answer = edit.call("POST", "upload", query="?name=" + quote("карта-1.png"), raw=png(2),
                             headers={"X-Curriculum-Token": edit.app.token})
    assert code == 200, answer
    assert answer["markdown"] == "![карта-1](media/карта-1.png)"
    assert (project / "media" / "карта-1.png").read_bytes() == png(2)
    again = edit.call("POST", "upload", query="?name=" + quote("карта-1.png"),
                      raw=b"\x89PNG\r\n\x1a\nx", headers={"X-Curriculum-Token": edit.app.token})
    assert again[0] == 422 and (project / "media" / "карта-1.png").read_bytes() == png(2)


@pytest.mark.parametrize(("name", "data", "told"), [
    ("../escape.png", png(), "not a plain file name"),
    ("..", png(), "not a plain file name"),
    ("sub/x.png", png(), "not a plain file name"),
    ("page.png", b"<html><script>alert(1)</script></html>", "content is not a PNG"),
    ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not an image type"),
    ("big.png", png() + b"\x00" * uploads.MAX_UPLOAD_BYTES, "over the limit"),
])
def test_an_upload_is_checked(edit: Editor, project: Path, name: str, data: bytes,
                              told: str) -> None:
    before = sorted(p.name for p in project.rglob("*"))
    code, answer = edit.call("POST", "upload", query="?name=" + quote(name), raw=data,
                             headers={"X-Curriculum-Token": edit.app.token})
    assert code == 422, answer
    assert told in answer["problems"][0]["text"]
    assert sorted(p.name for p in project.rglob("*")) == before
    assert not (project.parent / "escape.png").exists()


def test_the_translation_view_saves_the_overlay_alone(edit: Editor, project: Path) -> None:
    course = project / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8") + "languages: [en, ru]\n",
                      encoding="utf-8")
    before = (project / ALPHA).read_bytes()
    code, view = edit.call("GET", "translation", query=f"?file={ALPHA}&lang=ru")
    assert code == 200 and view["translated"] == 0 and view["version"] is None
    assert view["rows"][0] == {"label": "title", "source": "Alpha module", "translation": ""}
    texts = {"title": "Модуль альфа", "sessions[intro].title": "Введение"}
    code, answer = edit.call("POST", "translation/save", {"file": ALPHA, "lang": "ru",
                                                          "texts": texts, "version": None})
    assert code == 200, answer
    overlay = (project / "modules" / "alpha.ru.yaml").read_text(encoding="utf-8")
    assert "title: Модуль альфа" in overlay and "title: Введение" in overlay
    assert (project / ALPHA).read_bytes() == before
    code, view = edit.call("GET", "translation", query=f"?file={ALPHA}&lang=ru")
    assert view["translated"] == 2
    stale = edit.call("POST", "translation/save", {"file": ALPHA, "lang": "ru",
                                                   "texts": texts, "version": None})
    assert stale[0] == 409  # written since: the view's version is the one to send


def test_a_new_module_is_written_as_curriculum_new_does_and_listed(edit: Editor,
                                                                   project: Path) -> None:
    code, answer = edit.call("POST", "new", {"kind": "module", "id": "gamma"})
    assert code == 200 and answer["file"] == "modules/gamma.yaml"
    assert (project / "quizzes" / "gamma-bank.yaml").exists()
    assert "modules: [alpha, beta, gamma]" in (project / "course.yaml").read_text()
    listed = [f["file"] for f in edit.call("GET", "project")[1]["files"]]
    assert "modules/gamma.yaml" in listed and "quizzes/gamma-bank.yaml" in listed
    code, answer = edit.call("POST", "new", {"kind": "bank", "id": "gamma-bank"})
    assert code == 422 and "exists already" in answer["problems"][0]["text"]


def test_a_request_over_the_size_limit_is_refused_unread(edit: Editor, project: Path) -> None:
    from builder.edit.server import MAX_REQUEST_BYTES

    before = (project / ALPHA).read_bytes()
    code, answer = edit.call("POST", "save", raw=b" " * (MAX_REQUEST_BYTES + 1),
                             headers={"X-Curriculum-Token": edit.app.token})
    assert code == 422 and "over the limit" in answer["problems"][0]["text"]
    assert (project / ALPHA).read_bytes() == before


def test_a_name_the_disk_refuses_is_an_answer_not_a_dropped_request(edit: Editor,
                                                                    project: Path) -> None:
    """A name too long for the file system, a folder named like a module: an error the page
    shows (before, an OSError closed the connection without a reply)."""
    (project / "modules" / "folder.yaml").mkdir()
    course = (project / "course.yaml").read_text(encoding="utf-8")
    for query, hint in ((f"?file=modules/{'a' * 5000}.yaml", "use a shorter name"),
                        ("?file=modules/folder.yaml", "a folder has this name")):
        code, answer = edit.call("GET", "file", query=query)
        assert code == 422 and "cannot be read or written" in answer["error"], answer
        assert answer["hint"].startswith(hint), answer  # not "shorter" for a folder
    code, answer = edit.call("POST", "new", {"kind": "module", "id": "b" * 300})
    assert code == 422 and "cannot be read or written" in answer["error"], answer
    assert answer["hint"] == "use a shorter name", answer
    assert (project / "course.yaml").read_text(encoding="utf-8") == course
    assert not list((project / "modules").glob("bbb*")), "a new module was half-written"


def test_the_preview_builds_from_the_saves_check_only_while_the_files_hold_it(
        project: Path) -> None:
    """A save's check loads the project with the saved text in place; the preview builds
    from that project only if the files on disk are what it was loaded from, and nothing
    else changed since."""
    from builder.edit.checking import check
    from builder.load.project import matches_disk

    text = (project / ALPHA).read_text(encoding="utf-8") + "# saved\n"
    _, loaded = check(project, {ALPHA: text})
    assert loaded is not None
    assert not matches_disk(loaded, {str(project / ALPHA)})  # not written yet
    (project / ALPHA).write_text(text, encoding="utf-8")
    assert matches_disk(loaded, {str(project / ALPHA), str(project / "modules")})
    assert not matches_disk(loaded, {str(project / ALPHA), str(project / "media" / "new.png")})
    other = next(p for p in (project / "quizzes").glob("*.yaml"))
    other.write_text(other.read_text(encoding="utf-8") + "# edited meanwhile\n",
                     encoding="utf-8")
    assert not matches_disk(loaded, {str(project / ALPHA), str(other)})
    assert not matches_disk(loaded, {str(project / ALPHA)})  # its text differs, too


BROKEN_YAML = "id: alpha\ntitle: [unclosed\n"


@pytest.mark.parametrize("request_", [
    ("GET", "file", None, f"?file={ALPHA}"),
    ("GET", "translation", None, f"?file={ALPHA}&lang=ru"),
    ("POST", "check", {"file": ALPHA, "data": {"id": "alpha"}}, ""),
    ("POST", "translation/check", {"file": ALPHA, "lang": "ru", "texts": {}}, ""),
], ids=["open", "translation", "check", "translation-check"])
def test_a_file_whose_yaml_is_broken_is_told_with_its_line(edit: Editor, project: Path,
                                                           request_: tuple) -> None:
    """A module broken in a text editor: an answer naming the file and line (before, a
    ruamel.yaml traceback dropped the connection)."""
    course = project / "course.yaml"
    if "ru" not in course.read_text(encoding="utf-8"):
        course.write_text(course.read_text(encoding="utf-8") + "languages: [en, ru]\n",
                          encoding="utf-8")
    (project / ALPHA).write_text(BROKEN_YAML, encoding="utf-8")
    method, name, body, query = request_
    code, answer = edit.call(method, name, body, query=query)
    assert code == 422, answer
    told = [p["text"] for p in answer["problems"]]
    assert told and all(t.startswith(f"{ALPHA}:") for t in told), told
    assert (project / ALPHA).read_text(encoding="utf-8") == BROKEN_YAML


def test_a_save_over_a_file_broken_on_disk_is_stale_and_shows_the_disk(edit: Editor,
                                                                       project: Path) -> None:
    opened = edit.open(ALPHA)
    (project / ALPHA).write_text(BROKEN_YAML, encoding="utf-8")
    code, answer = edit.call("POST", "save", {"file": ALPHA, "data": opened["data"],
                                              "version": opened["version"]})
    assert code == 409 and answer["disk"] == BROKEN_YAML, answer
    assert (project / ALPHA).read_text(encoding="utf-8") == BROKEN_YAML


def test_a_new_module_with_the_course_file_broken_is_told_and_writes_nothing(
        edit: Editor, project: Path) -> None:
    (project / "course.yaml").write_text("modules: [alpha\n", encoding="utf-8")
    code, answer = edit.call("POST", "new", {"kind": "module", "id": "gamma"})
    assert code == 422 and answer["problems"][0]["text"].startswith("course.yaml:"), answer
    assert not (project / "modules" / "gamma.yaml").exists()
    code, answer = edit.call("GET", "translation", query=f"?file={ALPHA}&lang=ru")
    told = answer["problems"][0]["text"]
    assert code == 422 and told.startswith("course.yaml:2:1: YAML syntax error"), answer


@pytest.mark.parametrize("before", [b"\r\n", b"\xef\xbb\xbf"], ids=["crlf", "bom"])
def test_a_save_keeps_the_files_line_endings_and_byte_order_mark(
        edit: Editor, project: Path, before: bytes) -> None:
    """A file written on Windows (CRLF, a UTF-8 BOM) stays so: the lines a save adds too."""
    path = project / ALPHA
    data = path.read_bytes()
    path.write_bytes(data.replace(b"\n", b"\r\n") if before == b"\r\n" else before + data)
    opened = edit.open(ALPHA)
    opened["data"]["summary"] = "Two\nlines"  # a block scalar: lines the save adds
    code, answer = edit.call("POST", "save", {"file": ALPHA, "data": opened["data"],
                                              "version": opened["version"]})
    assert code == 200, answer
    saved = path.read_bytes()
    if before == b"\r\n":
        assert saved.count(b"\n") == saved.count(b"\r\n") and b"  lines\r\n" in saved
    else:
        assert saved.startswith(before) and saved.count(before) == 1


@pytest.mark.parametrize(("file", "page"), [(ALPHA, "en/modules/alpha/"),
                                            ("modules/alpha.ru.yaml", "ru/modules/alpha/")])
def test_the_preview_shows_the_page_of_the_file_opened(edit: Editor, project: Path,
                                                       file: str, page: str) -> None:
    """An overlay opened as a form previews its language's page (it pointed at
    en/modules/alpha.ru/, which does not exist)."""
    (project / "modules" / "alpha.ru.yaml").write_text("title: Альфа\n", encoding="utf-8")
    assert edit.open(file)["page"] == page


def test_a_tab_gone_while_its_check_runs_is_no_traceback(edit: Editor, capfd) -> None:
    """A tab closed (or reloaded) while the server checks its change: the answer finds no
    one, and the author's terminal shows no BrokenPipeError traceback."""
    body = json.dumps({"file": ALPHA, "data": edit.open(ALPHA)["data"]}).encode("utf-8")
    host, port = edit.base.split("//")[1].rsplit(":", 1)
    for _ in range(3):
        with socket.create_connection((host, int(port))) as asking:
            asking.sendall(f"POST /api/check HTTP/1.1\r\nHost: {host}:{port}\r\n"
                           f"{TOKEN_HEADER}: {edit.app.token}\r\nContent-Type: application/json"
                           f"\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
            asking.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    time.sleep(2)  # the checks end, and their answers go into closed connections
    assert edit.call("GET", "file", query=f"?file={ALPHA}")[0] == 200  # still serving
    printed = capfd.readouterr()
    assert "Traceback" not in printed.err and "Exception occurred" not in printed.err, \
        printed.err
