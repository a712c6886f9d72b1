"""Author Markdown for a platform: sanitised HTML with the project files it links to,
XHTML elements for XML formats that embed markup, and plain text where only text fits."""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote

from ..render.links import Rebaser
from ..render.markdown import to_html
from .common import BankContext

VOID = {"br", "hr", "img", "col", "input"}
_LINKS = re.compile(r'\b(src|href)="([^"]+)"')


def rendered(ctx: BankContext, value, *, inline: bool = False) -> tuple[str, list[str]]:
    """A text field as sanitised HTML whose links to project files are project-relative,
    with the list of those files (images, forms) to carry along."""
    files: set[str] = set()
    # The Markdown is rebased, as the site's is, before it is HTML: a file name with & ' "
    # is then one link (percent-encoded), not an entity the rebaser cannot resolve.
    text = Rebaser(ctx.project.root, ctx.file, "export.md", files).markdown(ctx.t(value))
    return to_html(text, inline=inline), sorted(files)


def relink(text: str, files: list[str], new_name) -> str:
    """Point each link to a carried file at `new_name(path)` (e.g. @@PLUGINFILE@@/x.png);
    the links are percent-encoded (`sp%20ace.png`), `files` are paths as on disk."""
    wanted = set(files)

    def path(link: str) -> str:
        return unquote(html_lib.unescape(link))

    return _LINKS.sub(lambda m: f'{m[1]}="{html_lib.escape(new_name(path(m[2])))}"'
                      if path(m[2]) in wanted else m[0], text)


def plain_right(ctx: BankContext, q, value) -> str:
    """A matching question's right side as the plain text Moodle's matching answers are (in
    Moodle XML and GIFT alike: GIFT's `-> right` is not Markdown), warning when it loses
    formatting."""
    html, _ = rendered(ctx, value, inline=True)
    text = plain(html)
    if html not in (text, html_lib.escape(text, quote=False)):
        ctx.warn(q, f"the right side {text!r} loses its formatting: Moodle's matching "
                 "answers are plain text")
    return text


def plain(html: str) -> str:
    """The text of an HTML fragment, whitespace collapsed."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")


class _Builder(HTMLParser):
    """Sanitised HTML into ElementTree elements under `root`, keeping only what `allow`
    maps (tag -> (new tag, allowed attributes)); other tags keep their content."""

    def __init__(self, root: ET.Element, namespace: str, allow) -> None:
        super().__init__(convert_charrefs=True)
        self.stack, self.ns, self.allow = [root], namespace, allow
        self.dropped: set[str] = set()

    def _tag(self, tag: str) -> str:
        return f"{{{self.ns}}}{tag}" if self.ns else tag

    def handle_starttag(self, tag, attrs) -> None:
        rule = self.allow(tag)
        if rule is None:
            self.dropped.add(tag)
            self.stack.append(self.stack[-1])  # content goes to the parent
            return
        name, keep = rule
        element = ET.SubElement(self.stack[-1], self._tag(name),
                                {k: v or "" for k, v in attrs if k in keep})
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and len(self.stack) > 1:
            self.handle_endtag(tag)

    def handle_endtag(self, tag) -> None:
        if tag in VOID or len(self.stack) == 1:
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def fill(parent: ET.Element, html: str, namespace: str, allow) -> set[str]:
    """Append the HTML's elements to `parent`; return the tags that were unwrapped."""
    builder = _Builder(parent, namespace, allow)
    builder.feed(html)
    builder.close()
    return builder.dropped
