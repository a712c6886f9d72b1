"""Bank titles in LMS exports: quotes, '&', '<', '/' and a line break stay one title."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from builder.export.common import chosen_banks
from builder.export.gift import export_gift
from builder.export.moodle import export_moodle
from builder.load.project import load_project
from tests.lmskit import EXAM, lms_project

pygift = pytest.importorskip("pygiftparser.parser", reason="make test installs pygiftparser")

TITLE = 'Банк "A" & \'b\' < 2 / c\n::injected:: Planted {=yes}'
ONE_LINE = 'Банк "A" & \'b\' < 2 / c ::injected:: Planted {=yes}'


@pytest.fixture(scope="module")
def banks(tmp_path_factory: pytest.TempPathFactory):
    root = lms_project(tmp_path_factory.mktemp("titles"))
    bank = root / "quizzes" / f"{EXAM}.yaml"
    text = bank.read_text(encoding="utf-8")
    start = text.index("title:")
    end = text.index("\n", start)
    bank.write_text(text[:start] + 'title: "' + TITLE.replace('"', '\\"').replace("\n", "\\n")
                    + '"' + text[end:], encoding="utf-8")
    project = load_project(root)
    return project, chosen_banks(project, EXAM)


def test_gift_title_cannot_add_a_question(banks, tmp_path: Path) -> None:
    project, chosen = banks
    path = tmp_path / "bank.gift"
    path.write_bytes(export_gift(project, chosen, ["en"]).files[f"en/{EXAM}.gift"])
    text = path.read_text(encoding="utf-8")
    assert f"$CATEGORY: $course$/top/{ONE_LINE.replace('/', '//')}\n" in text
    with path.open(encoding="utf-8") as handle:
        titles = [q.title for q in pygift.parseFile(handle)]
    assert "injected" not in titles
    assert len(titles) == len(project.banks[EXAM].questions) - 1  # GIFT has no ordering


def test_moodle_category_is_the_title_as_written(banks) -> None:
    project, chosen = banks
    xml = export_moodle(project, chosen, ["en"]).files[f"en/{EXAM}.xml"]
    tree = etree.fromstring(xml)
    assert tree.findtext("question[@type='category']/category/text") == \
        "$course$/top/" + ONE_LINE.replace("/", "//")
