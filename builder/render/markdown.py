"""Markdown fragments (question prompts, options, feedback) to safe HTML."""

from __future__ import annotations

import re
from functools import lru_cache

import markdown

from .linear_links import LinearLinks
from .sanitize import clean

EXTENSIONS = ["tables", "admonition", "attr_list", "def_list", "sane_lists", "md_in_html"]


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=[*EXTENSIONS, LinearLinks()])


# One line of words and ordinary punctuation, with nothing Markdown or HTML would read as
# markup: no emphasis, code, links, escapes, tags or entities, no list, quote or heading.
_PLAIN = re.compile(r"[^\W_][^\n\t\xa0*_`\[\]<>&\\!|{}~#]*")
_BLOCK_START = re.compile(r"\d+[.)]\s|[-+=]")


def to_html(text: str, *, inline: bool = False) -> str:
    """Render Markdown and sanitise it; `inline` drops the wrapping <p> of one paragraph."""
    if not text:
        return ""
    if _PLAIN.fullmatch(text) and not _BLOCK_START.match(text) and text == text.rstrip():
        # Most options, pairs and feedback are a plain line: the HTML is the text itself,
        # as Markdown and the sanitiser would make it, without running either.
        return text if inline else f"<p>{text}</p>"
    converter = _converter()
    html = converter.reset().convert(text)
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return clean(html)


_HEADING = re.compile(r"^(#{1,6})(?=\s)")
_FENCE = re.compile(r"^\s*(```|~~~)")


def nest_headings(text: str, top: int) -> str:
    """Shift the headings of an author's Markdown so the highest becomes level `top`.

    Session content sits under the page's own h3 per session: an author's `##` must not
    climb out of its session in the table of contents.
    """
    lines = text.split("\n")
    fenced, levels = False, []
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (match := _HEADING.match(line)):
            levels.append(len(match[1]))
    if not levels or min(levels) >= top:
        return text
    shift, fenced = top - min(levels), False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (match := _HEADING.match(line)):
            lines[i] = "#" * min(6, len(match[1]) + shift) + line[len(match[1]):]
    return "\n".join(lines)
