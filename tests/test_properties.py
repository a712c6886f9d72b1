"""Properties of the loader over generated input.

Valid projects generated from the schema load and render; any mutation of valid
YAML (a key dropped, a type changed, junk bytes, a duplicated line, a cut) ends in a
model or in CurriculumError, never in another exception.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.load.problems import CurriculumError
from builder.load.project import Project, load_project
from builder.load.validation import validate
from builder.load.yaml_source import Source, parse
from builder.model.schema import Bank, Course, Module
from builder.render.site import SiteRenderer

from .corpus import MINIMAL

# CURRICULUM_EXAMPLES=2000 for a long local hunt; the default keeps the file under a minute.
SETTINGS = settings(max_examples=int(os.environ.get("CURRICULUM_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Text without control characters, surrogates or non-characters (which YAML refuses),
# and without [ ( = so that no generated text is a link to a local file.
_CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Co"),
                       blacklist_characters="[(=")
# Never blank: titles, options and accepted answers must say something.
TEXT = st.text(_CHARS, min_size=1, max_size=30).filter(str.strip)
TITLE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Co"),
                              blacklist_characters="[(=<"), min_size=1, max_size=20
                ).filter(str.strip)
WORD = st.from_regex(r"[a-z][a-z0-9]{0,5}", fullmatch=True)
DURATIONS = ["15min", "30min", "45min", "1h", "1h30m", "2h"]
METHODS = ["lecture", "discussion", "case-study", "exercise", "moot", "group-work",
           "presentation"]


def texts(draw: Any, bilingual: bool) -> Any:
    """Plain text, or in a bilingual course sometimes an inline translation."""
    if bilingual and draw(st.booleans()):
        return {"en": draw(TEXT), "ru": draw(TEXT)}
    return draw(TEXT)


@st.composite
def questions(draw: Any, qid: str, objectives: list[str], bilingual: bool) -> dict[str, Any]:
    kind = draw(st.sampled_from(["single", "multiple", "true-false", "fill-in", "matching",
                                 "ordering", "open"]))
    question: dict[str, Any] = {"id": qid, "type": kind, "prompt": texts(draw, bilingual)}
    if objectives:
        question["objectives"] = draw(st.lists(st.sampled_from(objectives), max_size=2,
                                               unique=True))
    if draw(st.booleans()):
        question["points"] = draw(st.integers(0, 5))
    if kind in ("single", "multiple"):
        count = draw(st.integers(2, 5))
        right = (draw(st.lists(st.integers(0, count - 1), min_size=1, unique=True))
                 if kind == "multiple" else [draw(st.integers(0, count - 1))])
        question["options"] = [{"text": texts(draw, bilingual), "correct": i in right}
                               for i in range(count)]
    elif kind == "true-false":
        question["answer"] = draw(st.booleans())
    elif kind == "fill-in":
        question["answers"] = draw(st.lists(TEXT, min_size=1, max_size=3))
    elif kind == "matching":
        rights = draw(st.lists(TEXT, min_size=2, max_size=4, unique=True))
        question["pairs"] = [{"left": draw(TEXT), "right": r} for r in rights]
    elif kind == "ordering":
        question["items"] = draw(st.lists(TEXT, min_size=2, max_size=4))
    else:
        question["model_answer"] = texts(draw, bilingual)
        question["checklist"] = draw(st.lists(TEXT, max_size=2))
    return question


@st.composite
def projects(draw: Any) -> dict[str, Any]:
    """{path: data} of a whole valid project."""
    bilingual = draw(st.booleans())
    module_ids = draw(st.lists(WORD, min_size=1, max_size=3, unique=True))
    bank_ids = [f"{m}-bank" for m in module_ids[: draw(st.integers(1, len(module_ids)))]]
    files: dict[str, Any] = {}
    objectives_of = {m: [f"{m}-o{i}" for i in range(draw(st.integers(0, 3)))]
                     for m in module_ids}
    every_objective = [o for found in objectives_of.values() for o in found]
    sizes = {}
    for bank_id in bank_ids:
        qids = draw(st.lists(WORD, min_size=1, max_size=5, unique=True))
        files[f"quizzes/{bank_id}.yaml"] = {
            "id": bank_id, "title": draw(TITLE),
            "questions": [draw(questions(q, every_objective, bilingual)) for q in qids]}
        sizes[bank_id] = len(qids)
    for n, module_id in enumerate(module_ids):
        own = objectives_of[module_id]
        sessions = []
        for s, sid in enumerate(draw(st.lists(WORD, min_size=1, max_size=3, unique=True))):
            session: dict[str, Any] = {
                "id": sid, "title": draw(TITLE), "duration": draw(st.sampled_from(DURATIONS)),
                "method": draw(st.sampled_from(METHODS)),
                "objectives": draw(st.lists(st.sampled_from(own), unique=True)) if own else [],
                "content": texts(draw, bilingual)}
            if s == 0 and draw(st.booleans()):
                bank = draw(st.sampled_from(bank_ids))
                session["quiz"] = {"bank": bank, "draw": draw(st.integers(1, sizes[bank]))}
            sessions.append(session)
        files[f"modules/{module_id}.yaml"] = {
            "id": module_id, "title": draw(TITLE), "summary": texts(draw, bilingual),
            "level": draw(st.sampled_from(["introductory", "intermediate", "advanced"])),
            "duration": draw(st.sampled_from(DURATIONS)),
            "prerequisites": draw(st.lists(st.sampled_from(module_ids[:n]), unique=True))
            if n else [],
            "objectives": [{"id": o, "text": texts(draw, bilingual)} for o in own],
            "sessions": sessions,
            "assessment": {"post_test": {"bank": bank_ids[0], "pass_mark": 70}}}
    files["course.yaml"] = {"id": "generated", "title": draw(TITLE), "modules": module_ids,
                            "languages": ["en", "ru"] if bilingual else ["en"]}
    return files


def write(root: Path, files: dict[str, Any]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")


@SETTINGS
@given(projects())
def test_a_generated_valid_project_loads_and_renders(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp), files)
        project = load_project(Path(tmp))
        assert isinstance(project, Project)
        modules = {k for k in files if k.startswith("modules/")}
        assert len(project.modules) == len(modules)
        for rel in modules:
            assert project.modules[Path(rel).stem].title == files[rel]["title"]
        for lang in project.course.languages:
            for page in SiteRenderer(project, lang).pages():
                assert page.markdown
                for payload in page.scripts.values():
                    json.loads(payload)


def _minimal_texts() -> list[tuple[str, str]]:
    return [(p.relative_to(MINIMAL).as_posix(), p.read_text(encoding="utf-8"))
            for p in sorted(MINIMAL.rglob("*.yaml"))]


MINIMAL_FILES = _minimal_texts()
JUNK = st.one_of(st.binary(min_size=1, max_size=8),
                 st.sampled_from([b"\t", b": ", b"- ", b"[", b"{", b"&a ", b"*a ", b"!!",
                                  b"\xef\xbb\xbf", b"\xff", b"\x00", b"\r", b"'", b'"',
                                  b"<<: *a\n", b"? ", b"%YAML 1.1\n", b"---\n"]))


@st.composite
def mutations(draw: Any) -> tuple[str, bytes]:
    """One file of the minimal project, changed the way hands and tools break YAML."""
    rel, text = draw(st.sampled_from(MINIMAL_FILES))
    lines = text.splitlines(keepends=True)
    kind = draw(st.sampled_from(["drop", "retype", "junk", "duplicate", "truncate", "indent"]))
    i = draw(st.integers(0, len(lines) - 1))
    if kind == "drop":
        del lines[i]
    elif kind == "retype" and ":" in lines[i]:
        key = lines[i].split(":", 1)[0]
        value = draw(st.sampled_from(["", " [a, b]", " {x: 1}", " 12", " -3", " true", " ~",
                                      " 1.5", " '45 mins'", " 10:30", " [[]]", " {}"]))
        lines[i] = f"{key}:{value}\n"
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "indent":
        lines[i] = " " * draw(st.integers(0, 9)) + lines[i].lstrip(" ")
    data = "".join(lines).encode("utf-8")
    if kind == "junk":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(JUNK) + data[at:]
    elif kind == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    return rel, data


@SETTINGS
@given(mutations())
def test_a_mutated_project_loads_or_raises_curriculum_error(change: tuple[str, bytes]) -> None:
    rel, data = change
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, text in MINIMAL_FILES:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        (root / rel).write_bytes(data)
        try:
            project = load_project(root)
        except CurriculumError as exc:
            assert exc.problems
            assert all(str(p) and p.hint for p in exc.problems), exc.problems
        else:
            assert isinstance(project, Project)


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_parses_or_raises_curriculum_error(text: str) -> None:
    try:
        source = parse(text, "x.yaml")
    except CurriculumError as exc:
        assert exc.problems
    else:
        assert isinstance(source, Source)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 200) | st.floats(allow_nan=False) | TEXT
    | st.sampled_from(["single", "true-false", "45min", "alpha", "en", "09:00"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "title", "type", "options", "questions", "sessions", "text",
                         "duration", "correct", "pairs", "right", "en", "modules", "quiz",
                         "bank", "draw", "objectives", "answer", "colour"]) | WORD,
        inner, max_size=5),
    max_leaves=20)


@SETTINGS
@given(st.sampled_from([Course, Module, Bank]), st.dictionaries(
    st.sampled_from(["id", "title", "duration", "sessions", "questions", "modules",
                     "assessment", "schedule", "objectives", "languages"]), JSONISH,
    max_size=6))
def test_any_data_validates_or_gives_problems(model: type, data: dict[str, Any]) -> None:
    obj, problems = validate(model, Source("x.yaml", data))
    assert (obj is None) == bool(problems)
    assert all(p.hint or p.message for p in problems)
