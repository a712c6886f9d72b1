"""The academy's logo is an image, told by its content, not its name.

The site serves the logo at a URL of its own, where a browser runs whatever an SVG holds,
and a `.png` that holds HTML would be a page. Raster images are told by Pillow (a
dependency of WeasyPrint already), which reads the header; an SVG is parsed (lxml, no
entities, no network) and refused if it holds anything that runs or fetches: sanitising
SVG is a job of its own, refusing is simple and leaves the author's file as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from PIL import Image, UnidentifiedImageError

RASTER = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Elements that run script, embed another document or animate an attribute into a link.
ACTIVE = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener",
          "set", "animate"}
_URL = re.compile(r"""url\(\s*['"]?\s*([^)'"\s]*)""", re.I)


def image_problem(path: Path) -> str:
    """Why the file at `path` is not a logo the site may serve ("" if it is one)."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return _svg_problem(path.read_bytes())
    expected = RASTER.get(suffix)
    try:
        with Image.open(path) as image:
            found = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"is not a {expected} image (its content is not an image Pillow can read)"
    if found != expected:
        return f"is not a {expected} image: its content is {found}"
    return ""


def _svg_problem(data: bytes) -> str:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return f"is not an SVG image: {exc}"
    if root.getroottree().docinfo.doctype or b"<!ENTITY" in data:
        return "is an SVG with a DOCTYPE or entities, which a logo does not need"
    if b"<?xml-stylesheet" in data:  # a processing instruction that fetches CSS or XSLT
        return "is an SVG with an xml-stylesheet, which loads a file: a logo does not need it"
    if root.tag != f"{SVG}svg":
        return "is not an SVG image: its root element is not <svg>"
    for element in root.iter():
        found = _active(element)
        if found:
            return (f"is an SVG that holds {found} (line {element.sourceline}): a logo with "
                    "script or external references could run in the site; remove it")
    return ""


def _active(element: etree._Element) -> str:
    """What in one element could run or fetch: a script, an event handler, a link out."""
    if not isinstance(element.tag, str):
        return ""  # comments and processing instructions
    name = etree.QName(element).localname
    if name in ACTIVE:
        return f"<{name}>"
    for key, value in element.attrib.items():
        attribute = etree.QName(key).localname
        if attribute.lower().startswith("on"):
            return f"the event handler {attribute}="
        if (key == XLINK_HREF or attribute == "href") and not value.strip().startswith("#"):
            return f"a reference to {value.strip()[:60]!r}"
        if _loads(value):
            return f"a url() in {attribute}="
    if name == "style" and element.text and (_loads(element.text) or
                                             "@import" in element.text.lower()):
        return "a stylesheet that loads a file"
    return ""


def _loads(css: str) -> bool:
    """Whether CSS names a url() other than a fragment of the image itself (url(#grad)),
    or holds an escape, which could spell one (`u\\72l(`)."""
    return "\\" in css or any(not target.startswith("#") for target in _URL.findall(css))
