"""What every importer shares: the bank read (Imported), ids, HTML to Markdown, the files a
bank brings and what could not be mapped. Writing it is builder/imports/write.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape as escape_html
from html import unescape
from typing import Any

from markdownify import MarkdownConverter

from ..load.problems import Problem
from ..model.types import slug

MEDIA = "media"
MAX_OPTIONS = 100
"""Most answers one question may have (Moodle's own forms offer far fewer): a question with
more is left out, before its answers are read."""
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Imported:
    """A bank read from a platform's file, with what could not be carried, by place."""

    source: str
    title: str = ""
    description: str = ""
    questions: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    """The line each question starts on in the source file, in the order of `questions`."""
    categories: list[str] = field(default_factory=list)
    """The category each question is in (its path as the platform writes it)."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Media files the questions show: file name -> content."""
    notes: list[Problem] = field(default_factory=list)
    """What was changed to fit the format (imported, but not as it was)."""
    left: list[Problem] = field(default_factory=list)
    """Questions left out, each with why."""
    left_in: list[str] = field(default_factory=list)
    """The category each question of `left` was in, as far as the reader says."""
    category: str = ""
    """The category the reader is in now."""

    def add(self, question: dict[str, Any], line: int) -> None:
        self.questions.append(question)
        self.lines.append(line)
        self.categories.append(self.category)

    def leave_out(self, line: int, message: str, hint: str = "") -> None:
        """A question read but not imported, and why."""
        self.left.append(self._problem(line, message, hint))
        self.left_in.append(self.category)

    @property
    def read(self) -> int:
        """Questions read from the file, each either kept or left out (with why): the count
        the report gives, which therefore never hides a question that is missing."""
        return len(self.questions) + len(self.left)

    def take_back(self, line: int, message: str, hint: str = "") -> None:
        """A question added, then found to fail the project's checks: left out, and still
        read once (it was counted when added)."""
        self.left.append(self._problem(line, message, hint))

    def change(self, line: int, message: str, hint: str = "") -> None:
        """Something imported other than it was, or dropped from a question that is kept."""
        self.notes.append(self._problem(line, message, hint))

    note = change

    def add_file(self, name: str, content: bytes) -> str:
        """Keep a media file under a safe name of its own, and return that name: two names
        that clean to the same one (`a b.png`, `a-b.png`) stay two files."""
        safe, n = safe_file_name(name), 2
        stem, dot, ext = safe.rpartition(".")
        base = (stem, f"{dot}{ext}") if dot and stem else (safe, "")
        while safe in self.files and self.files[safe] != content:
            safe, n = f"{base[0]}-{n}{base[1]}", n + 1
        self.files[safe] = content
        return safe

    def _problem(self, line: int, message: str, hint: str) -> Problem:
        return Problem(self.source, line, 1 if line else 0, "", message, hint, "warning")


class LeftOut(Exception):
    """A question that cannot be imported: the reader records it and goes on."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


@dataclass
class Place:
    """One question of a file being read: what is said of it carries its id and line."""

    imported: Imported
    qid: str
    line: int

    def change(self, message: str, hint: str = "") -> None:
        self.imported.change(self.line, f"question {self.qid!r}: {message}", hint)

    def leave(self, message: str, hint: str = "") -> LeftOut:
        return LeftOut(f"question {self.qid!r} is left out: {message}", hint)


def unique_id(wanted: str, taken: set[str], number: int, imported: Imported | None = None,
              line: int = 0) -> str:
    """An id from a name, not yet taken; one taken by an earlier question gets `-2`, `-3`...
    and, given the import, a change says so at the line: modules name questions by id."""
    base = slug(wanted)[:60].strip("-") or f"q{number}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    if candidate != base and imported is not None:
        imported.change(line, f"question {candidate!r}: its name gives the id {base!r}, which "
                        f"an earlier question has; it is {candidate!r}", "give each question "
                        "its own name or [id:] if modules are to name it")
    return candidate


# Images are kept wherever they stand (markdownify turns one in a table cell or a heading
# into its alt text by default, while its file was still written).
_IMAGE_PARENTS = ["td", "th", "a", "li", "p", "span", "div", "strong", "em", "b", "i", "u",
                  "h1", "h2", "h3", "h4", "h5", "h6", "center", "font", "label", "caption"]
MAX_HTML_DEPTH = 60
"""Deepest HTML nesting converted element by element; deeper is flattened to its text."""
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>")
_VOID = {"br", "img", "hr", "input", "meta", "link", "area", "base", "col", "embed",
         "param", "source", "track", "wbr"}


def html_depth(html: str) -> int:
    """How deep the tags of an HTML text nest (a cheap count: no recursion)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        if match[2].lower() in _VOID or match[3]:
            continue
        depth = max(depth - 1, 0) if match[1] else depth + 1
        deepest = max(deepest, depth)
    return deepest


def to_markdown(html: str) -> str:
    """HTML from a platform as the Markdown authors write (emphasis, lists, links, images).
    HTML nested deeper than MAX_HTML_DEPTH becomes its text (check html_depth first to say
    so): markdownify recurses once per level."""
    if not html or not html.strip():
        return ""
    if html_depth(html) > MAX_HTML_DEPTH:
        return escape_plain(unescape(re.sub(r"<[^>]*>", " ", html)))
    # Underscores stay as they are: "___" is how a fill-in prompt shows its gap.
    text = _TextKept(heading_style="ATX", bullets="-", strong_em_symbol="*",
                     escape_underscores=False, keep_inline_images_in=_IMAGE_PARENTS).convert(html)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# What markdownify leaves as it is in text and Markdown would read as markup: a backslash
# before punctuation (`A \\ B` showed `A \ B`), a tag (`&lt;code&gt;` in the HTML became a
# <code> element) and an entity (`&amp;lt;` became `<`).
_ENTITY = re.compile(r"&(?=#?\w+;)")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_TEXT_MARKUP = [(re.compile(r"\\(?=[!-/:-@\[-`{-~])"), r"\\\\"), (_ENTITY, "&amp;"),
                (_TAG_START, "&lt;"),
                # a line that would start a list, a heading, a rule or a quote (`1. a`)
                (re.compile(r"(?m)^(\s*\d{1,9})([.)])(?=\s|$)"), r"\1\\\2"),
                (re.compile(r"(?m)^(\s*)(#{1,6}|-+|\+)(?=\s|$)"), r"\1\\\2"),
                (re.compile(r"(?m)^(\s*)>"), r"\1\\>")]
_AS_HTML = {"sub", "sup", "u", "mark", "abbr", "small", "ins", "del", "s", "kbd", "span"}
"""Inline elements Markdown has no syntax for (the site allows them as HTML): markdownify
drops them to their text (H<sub>2</sub>O became H2O, <kbd> code, <del> ~~ that shows)."""
_KEPT_ATTRIBUTES = ("lang", "dir", "title")


_BULLET = re.compile(r"(?:\d+\.|[-*+]) ")
_TAB = 4
"""Python-Markdown's indent for what belongs to a list item."""


class _TextKept(MarkdownConverter):
    """markdownify, with what the HTML's text shows kept as text (code is left as it is)."""

    def escape(self, text: str, parent_tags: set[str]) -> str:
        for pattern, replacement in _TEXT_MARKUP:
            text = pattern.sub(replacement, text)
        return super().escape(text, parent_tags)

    def get_conv_fn(self, tag_name: str) -> Any:
        if tag_name.lower() in _AS_HTML:
            return self._as_html
        return super().get_conv_fn(tag_name)

    def convert_pre(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """Code as an indented block: the site's Markdown has no ``` fences (a block of code
        showed as one line of inline code)."""
        code = text.strip("\n")
        return "\n\n" + re.sub(r"(?m)^", " " * _TAB, code) + "\n\n" if code.strip() else ""

    def convert_div(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """An admonition (the site's `!!! note "Title"` box, as HTML) becomes one again;
        markdownify made its title and body two paragraphs."""
        classes = el.get("class") or []
        if "admonition" not in classes or "_inline" in parent_tags:
            return super().convert_div(el, text, parent_tags)
        kind = next((c for c in classes if c != "admonition"), "note")
        title, body = "", text.strip()
        heading = el.find("p", class_="admonition-title", recursive=False)
        if heading is not None:
            title, body = heading.get_text().strip(), body.partition("\n\n")[2]
        return f'\n\n!!! {kind} "{title}"\n' + re.sub(r"(?m)^(?=.)", " " * _TAB, body) + "\n\n"

    def _as_html(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """The element as HTML, with its language, direction and title (a span without
        them is its text)."""
        attributes = "".join(f' {name}="{escape_html(str(el[name]))}"'
                             for name in _KEPT_ATTRIBUTES if el.get(name))
        if not text or (el.name == "span" and not attributes):
            return text
        return f"<{el.name}{attributes}>{text}</{el.name}>"

    def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """A list item whose further lines are indented by four spaces, as Python-Markdown
        reads a nested list (markdownify indents by the bullet's width: `- a\n  - b` was one
        flat list)."""
        item = super().convert_li(el, text, parent_tags)
        bullet = _BULLET.match(item)
        if bullet is None or len(bullet[0]) >= _TAB:
            return item
        rest = re.sub(f"(?m)^{' ' * len(bullet[0])}", " " * _TAB, item[bullet.end():])
        return bullet[0] + rest


# Python-Markdown's escapes (a backslash before `<` or `~` would show, as one before a line
# break does): `<` and `&` that would start a tag or an entity become entities instead.
_PLAIN_SPECIAL = re.compile(r"([\\`*_\[\]>#|!])")


def escape_plain(text: str) -> str:
    """Plain text as Markdown that shows it as it is: marks escaped, line breaks kept."""
    escaped = _PLAIN_SPECIAL.sub(r"\\\1", text.strip())
    escaped = _TAG_START.sub("&lt;", _ENTITY.sub("&amp;", escaped))
    # a line that would start a list: `\- a`, and `1\. a` (a backslash before the digit shows)
    escaped = re.sub(r"^(\s*)(\d*)([-+.)])(?=\s)", r"\1\2\\\3", escaped, flags=re.M)
    return re.sub(r"[ \t]*\n", "  \n", escaped)  # Python-Markdown's line break: 2 spaces


_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?[^)]*\)")
_REMOTE = re.compile(r"^(https?:|data:|mailto:|#)", re.I)


def drop_missing_images(text: str, kept: set[str]) -> tuple[str, list[str]]:
    """Images whose file the import does not bring (a GIFT `@@PLUGINFILE@@`, an `<img>`
    without its file) become their alt text: (text, the targets dropped)."""
    dropped: list[str] = []

    def replace(match: re.Match[str]) -> str:
        target = match[2]
        if _REMOTE.match(target) or target in kept:
            return match[0]
        dropped.append(target)
        return match[1]

    return _IMAGE.sub(replace, text), dropped


def safe_file_name(name: str) -> str:
    """A file name that stays in its folder: no path, no dots first, only safe characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _SAFE_NAME.sub("-", base).lstrip(".-") or "file"
    return base[:100]
