"""The allow-list of HTML that author Markdown may produce (docs/format.md lists it)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul", "nav", "section", "article", "label", "input", "svg", "path",
}
_COMMON = {"class", "id", "title", "lang", "dir", "role", "tabindex"}
ATTRIBUTES = {
    "*": _COMMON,
    "a": _COMMON | {"href", "name"},
    "img": _COMMON | {"src", "alt", "width", "height", "loading"},
    "td": _COMMON | {"colspan", "rowspan", "align"},
    "th": _COMMON | {"colspan", "rowspan", "align", "scope"},
    "details": _COMMON | {"open"},
    "ol": _COMMON | {"start", "type"},
    "input": _COMMON | {"type", "checked", "disabled"},
    "svg": _COMMON | {"viewbox", "xmlns", "width", "height", "aria-hidden"},
    "path": {"d"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _theme_hooks(tag: str, attribute: str, value: str) -> str | None:
    """Drop what the theme's own script looks for: ids such as `__search` or `__drawer`
    and `data-md-*` attributes, which an author's element could use to hijack or break
    the page's header, search or navigation."""
    if (attribute == "id" and value.startswith("__")) or attribute.startswith("data-md"):
        return None
    return value


_OPTIONS: dict[str, Any] = {
    "tags": TAGS, "attributes": ATTRIBUTES, "url_schemes": URL_SCHEMES,
    "generic_attribute_prefixes": {"data-", "aria-"}, "link_rel": None,
    "strip_comments": True, "attribute_filter": _theme_hooks,
}
# One sanitiser built once (nh3.Cleaner, nh3 0.3): nh3.clean builds it anew on each call,
# which cost more than the cleaning itself for the many small texts of a bank.
_clean: Callable[[str], str] = (nh3.Cleaner(**_OPTIONS).clean if hasattr(nh3, "Cleaner")
                                else partial(nh3.clean, **_OPTIONS))


def clean(html: str) -> str:
    """Remove every tag, attribute and URL scheme outside the allow-list."""
    return _clean(html)
