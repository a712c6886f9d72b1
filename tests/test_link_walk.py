"""The links the parser's walk collects are the links a full walk of the data finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.load.paths import find_links
from builder.load.problems import CurriculumError
from builder.load.yaml_source import _parse

from .conftest import ROOT

FILES = sorted(p for folder in ("modules", "quizzes", "tests/data")
               for p in (ROOT / folder).rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_parser_strings_give_the_same_links(path: Path) -> None:
    try:
        source, strings = _parse(path.read_text(encoding="utf-8"), path.name)
    except (CurriculumError, UnicodeDecodeError):
        pytest.skip("a file of invalid input")
    assert find_links(source, strings) == find_links(source)


def test_a_link_under_any_key_is_found() -> None:
    text = ("a: '[x](media/a.png)'\nb: [{c: '<img src=\"media/b.png\">'}]\n"
            "url: media/c.pdf\nd: 'url(media/d.png)'\ne: plain\n")
    source, strings = _parse(text, "t.yaml")
    assert [t for _, t in find_links(source, strings)] == ["media/a.png", "media/b.png",
                                                          "media/c.pdf", "media/d.png"]
