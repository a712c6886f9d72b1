"""The plain-line shortcut of to_html gives exactly what Markdown and the sanitiser give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.render import markdown as md


def slow(text: str, inline: bool) -> str:
    html = md._converter().reset().convert(text)
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return md.clean(html)


ALPHABET = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"))
# Lines that the shortcut may take: letters, digits and everyday punctuation.
EVERYDAY = st.text(st.sampled_from(list("aZяЖ09 .,;:'\"?()%/-–«»№§@$^=+\t")), min_size=1,
                   max_size=40)


@settings(max_examples=300, deadline=None)
@given(text=st.text(ALPHABET, min_size=1, max_size=60), inline=st.booleans())
def test_shortcut_matches_markdown(text: str, inline: bool) -> None:
    assert md.to_html(text, inline=inline) == slow(text, inline)


@settings(max_examples=500, deadline=None)
@given(text=EVERYDAY, inline=st.booleans())
def test_shortcut_matches_markdown_on_everyday_lines(text: str, inline: bool) -> None:
    assert md.to_html(text, inline=inline) == slow(text, inline)


def test_shortcut_is_taken_for_ordinary_lines() -> None:
    for text in ("Kazakhstan", "UNTOC art. 18(13): central authority", "Конвенция ООН, 2000 г.",
                 "Who receives the request?"):
        assert md._PLAIN.fullmatch(text), text
        assert md.to_html(text, inline=True) == slow(text, True)
