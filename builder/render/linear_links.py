"""A Python-Markdown extension that finds the text of links in linear time.

Python-Markdown's link, image and reference patterns look for the `]` that closes
each `[` by walking the rest of the paragraph one character at a time; a `[` with no
`]` walks to its end. A run of 20,000 `[` in a session therefore took a minute to
build, growing with the square of its length. Here the closing bracket of every `[`
of a paragraph is found once, in one pass, and each pattern looks its own up: same
links, same text, linear time. The target after `](` is read the same way as before,
but only within MAX_LINK_CHARS of the `(` and only if a `)` is there: a link whose
target and title are longer is left as text. Registered in our own Markdown and in
MkDocs' (the plugin adds it), so both renderers are bounded.
"""

from __future__ import annotations

import re
from types import MethodType

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import LinkInlineProcessor

_BRACKET = re.compile(r"[\[\]]")
MAX_LINK_CHARS = 2000
"""Longest target and title of one link, `(` to `)`: longer is not read as a link."""
_last: tuple[str, dict[int, int]] = ("", {})


def closing_brackets(data: str) -> dict[int, int]:
    """{position of `[`: position of the `]` that closes it}, for every matched `[`.

    The same answer as counting depth from each `[` (what Python-Markdown does), from
    one pass over the brackets; the last paragraph's answer is kept, since every
    pattern asks about the same text in turn.
    """
    global _last
    if _last[0] is data:
        return _last[1]
    stack: list[int] = []
    close: dict[int, int] = {}
    for match in _BRACKET.finditer(data):
        if match.group() == "[":
            stack.append(match.start())
        elif stack:
            close[stack.pop()] = match.start()
    _last = (data, close)
    return close


def _get_text(self: LinkInlineProcessor, data: str, index: int) -> tuple[str, int, bool]:
    """LinkInlineProcessor.getText in O(1): the text up to the `]` that closes the `[`
    just before `index`, the index after that `]`, and whether there was one."""
    end = closing_brackets(data).get(index - 1)
    if end is None:
        return "", len(data), False
    return data[index:end], end + 1, True


def _get_link(self: LinkInlineProcessor, data: str, index: int
              ) -> tuple[str, str | None, int, bool]:
    """LinkInlineProcessor.getLink on at most MAX_LINK_CHARS after `(`, ending at a `)`:
    it walks what it is given one character at a time, so it is given little."""
    end = data.rfind(")", index, index + MAX_LINK_CHARS)
    if end < 0:
        return "", None, index, False
    return type(self).getLink(self, data[: end + 1], index)


class LinearLinks(Extension):
    """Give every link-type inline pattern (links, images, references) a linear getText."""

    def extendMarkdown(self, md: Markdown) -> None:
        for pattern in md.inlinePatterns:
            if isinstance(pattern, LinkInlineProcessor):
                pattern.getText = MethodType(_get_text, pattern)  # type: ignore[method-assign]
                pattern.getLink = MethodType(_get_link, pattern)  # type: ignore[method-assign]


def makeExtension(**kwargs: object) -> LinearLinks:
    return LinearLinks(**kwargs)
