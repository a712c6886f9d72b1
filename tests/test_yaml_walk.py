"""The YAML walk's fast path for plain string values keeps every bound of the slow one:
the same limit, told at the same place as before it existed."""

from __future__ import annotations

import pytest

from builder.load import yaml_source
from builder.load.problems import CurriculumError


@pytest.mark.parametrize("text, where", [
    ("id: alpha\nterms:\n" + "".join(f"  k{i}: word\n" for i in range(80)), (3, 3)),
    ("terms:\n  - {" + ", ".join(f"k{i}: word" for i in range(80)) + "}\n", (2, 3)),
    ("".join(f"k{i}: word\n" for i in range(80)), (50, 6)),
])
def test_plain_string_values_count_towards_the_node_limit(
        text: str, where: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_source, "MAX_NODES", 50)
    with pytest.raises(CurriculumError) as caught:
        yaml_source.parse(text, "modules/alpha.yaml")
    problem = caught.value.problems[0]
    assert problem.message == "holds more than 50 values"
    assert (problem.line, problem.column) == where


def test_values_keep_their_place_and_link_candidates() -> None:
    text = "id: alpha\nurl: media/a.pdf\nnote: see [x](media/b.pdf)\nplain: words\n"
    source, strings = yaml_source._parse(text, "modules/alpha.yaml")
    assert source.where(("note",)) == (3, 7) and source.where(("plain",), key=True) == (4, 1)
    assert strings == [(("url",), "media/a.pdf"), (("note",), "see [x](media/b.pdf)")]
