"""Markdown fragments (question prompts, options, feedback) to safe HTML."""

from __future__ import annotations

from functools import lru_cache

import markdown

from .sanitize import clean

EXTENSIONS = ["tables", "admonition", "attr_list", "def_list", "sane_lists", "md_in_html"]


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS)


def to_html(text: str, *, inline: bool = False) -> str:
    """Render Markdown and sanitise it; `inline` drops the wrapping <p> of one paragraph."""
    if not text:
        return ""
    converter = _converter()
    html = converter.reset().convert(text)
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return clean(html)
