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


# Lines of words with the markup the second shortcut takes (**strong**, *em*, links) and
# near misses: markup touching markup or a word, nesting, stray stars and brackets, other
# schemes, addresses with characters the shortcut refuses.
PIECES = st.sampled_from([
    "court", "Суд", "art. 18(13)", "24/7", " ", "  ", ".", ",", ";", ":", "?", "(", ")", "'",
    '"', "**", "*", "[", "]", "](", "-", "_", "1. ", "**the request**", "*urgent*",
    "* loose*", "*loose *", "[UNODC](https://www.unodc.org/)", "[x](http://a.b/c?d=e+f#g)",
    "[x](javascript:alert(1))", "[x](https://a.b/(c))", "[x](/relative/path)",
    "[x](https://a.b/x_y)", "[**x**](https://a.b/)", "**[x](https://a.b/)**", "&amp;", "<b>",
    "\t", "\n", "\xa0", "#", "!", "**a <b>x</b> c**", "*x &amp; y*", "**x &lt;y**",
    "[a <img src=x onerror=alert(1)>](https://a.b/)", "*a <script>alert(1)</script>*",
    "[a](https://a.b/&quot;)", "*a & b*", "**a <script>alert(1)</script> b**",
])


@settings(max_examples=1500, deadline=None)
@given(pieces=st.lists(PIECES, min_size=1, max_size=8), inline=st.booleans())
def test_markup_shortcut_matches_markdown(pieces: list[str], inline: bool) -> None:
    text = "".join(pieces)
    assert md.to_html(text, inline=inline) == slow(text, inline)


def test_markup_shortcut_is_taken_for_bank_sentences() -> None:
    for text in ("The court may refuse **the extradition request** *within the time limit*.",
                 "See [UNODC SHERLOC](https://sherloc.unodc.org/).",
                 "**Urgent:** the *provisional arrest warrant*"):
        assert md._simple_markup(text) is not None, text
        assert md.to_html(text) == slow(text, False)


# Fragments a bank holds, and the ones that could leak into a neighbour when joined.
MARKUP = st.sampled_from([
    "**bold** and *em*", "[a link](https://example.org)", "- one\n- two", "1. first\n2. second",
    "```\nunclosed fence", "<div markdown>\nunclosed", "[ref]: https://example.org/x",
    "see [ref]", "    indented code", '!!! note "N"\n    body', "| a | b |\n|---|---|\n| 1 | 2 |",
    "term\n:   definition", "<hr>", "`code`", "> quote", "<script>alert(1)</script>", "",
])
FRAGMENT = st.tuples(st.one_of(MARKUP, st.text(ALPHABET, max_size=30),
                               st.lists(MARKUP, max_size=3).map("\n\n".join)), st.booleans())


@settings(max_examples=300, deadline=None)
@given(fragments=st.lists(FRAGMENT, min_size=1, max_size=12))
def test_render_all_gives_what_each_fragment_gives_alone(fragments) -> None:
    batch = [md.Fragment(text, inline) for text, inline in fragments]
    md.render_all(batch)
    assert [f.html for f in batch] == [md.to_html(text, inline=inline)
                                        for text, inline in fragments]


def test_render_all_of_a_bank_is_one_conversion(monkeypatch) -> None:
    calls = []
    converter = md._converter()
    real = converter.convert
    monkeypatch.setattr(converter, "convert", lambda text: calls.append(text) or real(text))
    batch = [md.Fragment(f"**Question {n}** with `code` and [a link](https://example.org/{n})",
                         n % 2 == 0)
             for n in range(40)]
    md.render_all(batch)
    assert len(calls) == 1
    assert batch[3].html == md.to_html(batch[3].text)
