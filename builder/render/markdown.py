"""Markdown fragments (question prompts, options, feedback) to safe HTML."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
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


# One line of such words with the markup authors use most in questions: **strong**, *em*
# and [links](https://...), each around words of its own, set off by spaces or punctuation
# (no markup next to markup, no nesting, a plain web address): what Markdown makes of it
# is certain, and the sanitiser keeps all of it.
_WORDS = r"[^\s*_`\[\]<>&\\!|{}~#](?:[^\n\t\xa0*_`\[\]<>&\\!|{}~#]*[^\s*_`\[\]<>&\\!|{}~#])?"
_MARKUP = re.compile(rf"(?<!\S)(?:\*\*(?P<strong>{_WORDS})\*\*|\*(?P<em>{_WORDS})\*"
                     rf"|\[(?P<text>{_WORDS})\]\((?P<url>https?://[A-Za-z0-9/.%?=+#-]+)\))"
                     r"(?=[\s.,;:?]|$)")
_OPENING = re.compile(r"[^\W_]|\*|\[")
_BETWEEN = re.compile(r"[^\n\t\xa0*_`\[\]<>&\\!|{}~#]*")


def _plain(text: str, inline: bool) -> str | None:
    """The HTML of a text with no markup at all (most options, pairs and feedback are a
    plain line), or only simple markup (_MARKUP): as Markdown and the sanitiser make it."""
    if not text:
        return ""
    if text != text.rstrip() or _BLOCK_START.match(text):
        return None
    if _PLAIN.fullmatch(text):
        html = text
    elif (html := _simple_markup(text)) is None:
        return None
    return html if inline else f"<p>{html}</p>"


def _simple_markup(text: str) -> str | None:
    """The HTML of a line of words with _MARKUP in it, or None for anything else."""
    if not _OPENING.match(text):
        return None
    out, at = [], 0
    for match in _MARKUP.finditer(text):
        if not _BETWEEN.fullmatch(text, at, match.start()):
            return None
        out.append(text[at:match.start()])
        if (strong := match["strong"]) is not None:
            out.append(f"<strong>{strong}</strong>")
        elif (em := match["em"]) is not None:
            out.append(f"<em>{em}</em>")
        else:
            out.append(f'<a href="{match["url"]}">{match["text"]}</a>')
        at = match.end()
    if not out or not _BETWEEN.fullmatch(text, at):
        return None
    out.append(text[at:])
    return "".join(out)


def _finish(html: str, inline: bool) -> str:
    """Sanitise one fragment's HTML; `inline` drops the wrapping <p> of one paragraph."""
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return clean(html)


def to_html(text: str, *, inline: bool = False) -> str:
    """Render Markdown and sanitise it; `inline` drops the wrapping <p> of one paragraph."""
    quick = _plain(text, inline)
    if quick is not None:
        return quick
    return _finish(_converter().reset().convert(text), inline)


@dataclass
class Fragment:
    """One text to render with others (render_all); `html` is set by it."""

    text: str
    inline: bool = False
    html: str = ""


# What can reach past a fragment's end when fragments are joined: a reference-style link
# definition (it applies to the whole document), raw HTML (an unclosed block swallows what
# follows), a fence. Fragments holding any of these are rendered on their own.
_ALONE = re.compile(r"^ {0,3}\[[^\]]+\]:|<|```|~~~", re.M)


def render_all(fragments: list[Fragment]) -> None:
    """Render many fragments as to_html does, in one Markdown conversion.

    A bank's prompts, options, feedback and explanations are hundreds of small texts;
    Markdown's cost is mostly per conversion. They are joined with a separator no author
    can write (a random class, a raw HTML block between blank lines), converted once,
    split, and each piece sanitised on its own. Fragments that could reach past their end
    (_ALONE) are rendered alone, and so are all if a separator went missing.
    """
    slow = []
    for fragment in fragments:
        quick = _plain(fragment.text, fragment.inline)
        if quick is None:
            slow.append(fragment)
        else:
            fragment.html = quick
    alone = [f for f in slow if _ALONE.search(f.text)]
    joined = [f for f in slow if not _ALONE.search(f.text)]
    if len(joined) > 1:
        cut = f'<hr class="cb-cut-{secrets.token_hex(8)}">'
        html = _converter().reset().convert(f"\n\n{cut}\n\n".join(f.text for f in joined))
        pieces = html.split(cut)
        if len(pieces) == len(joined):
            for fragment, piece in zip(joined, pieces, strict=True):
                fragment.html = _finish(piece.strip(), fragment.inline)
            joined = []
    for fragment in alone + joined:
        fragment.html = to_html(fragment.text, inline=fragment.inline)


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
