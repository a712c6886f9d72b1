"""The glossary's tooltips: Python-Markdown's abbr extension, given the terms once.

The terms used to be appended to every page as abbreviation definitions (`*[term]: ...`),
which abbr's block processor takes off one line at a time, each time passing the rest of
the block through every other block processor again: with 46 definitions that was about
26 ms a page, more than the rest of the build. Here the terms are abbr's `glossary`
option (the same dictionary the definitions filled), so no page carries them; abbr's tree
processor then finds them with its one compiled pattern, only on pages whose text holds a
term. The markup is abbr's own, so it is the same as before: `<abbr title="...">`, every
occurrence, case as written, Unicode word boundaries. Definitions an author writes on a
page still work, as abbr's do.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.preprocessors import Preprocessor

NAME = "builder.render.glossary_terms"
"""The extension's name in a list of Markdown extensions (mkdocs.yml, markdown.markdown)."""
NO_TERMS = "<!-- curriculum: no glossary tooltips -->"
"""First line of a page that shows no tooltips (the glossary page itself); removed."""


def term_pattern(terms: list[str]) -> re.Pattern[str]:
    """abbr's pattern: the terms, longest first, between word boundaries."""
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile(f"\\b(?:{'|'.join(re.escape(term) for term in ordered)})\\b")


class _Scan(Preprocessor):
    """Before anything else reads the page: does its source hold a term at all?"""

    def __init__(self, md: Markdown, extension: GlossaryTerms):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        glossary = self.extension.glossary
        if lines[:1] == [NO_TERMS]:
            self.extension.used = False
            return lines[1:]
        source = "\n".join(lines)
        pattern = term_pattern(list(glossary)) if glossary else None
        self.extension.used = pattern is not None and pattern.search(source) is not None
        return lines


class _Terms(AbbrTreeprocessor):
    """abbr's pass over the text, without the glossary on a page that uses none of it."""

    def __init__(self, md: Markdown, extension: GlossaryTerms):
        super().__init__(md, extension.abbrs)
        self.extension = extension

    def run(self, root: etree.Element) -> etree.Element | None:
        if not self.extension.used:  # (a term an author defines is in the source: used)
            for term in self.extension.glossary:
                self.abbrs.pop(term, None)
        return super().run(root)


class GlossaryTerms(AbbrExtension):
    """abbr, with the glossary as its `glossary` option, skipped where no term appears."""

    def __init__(self, **kwargs: object):
        super().__init__(**kwargs)
        self.used = False

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(_Terms(md, self), "abbr", 7)
        md.preprocessors.register(_Scan(md, self), "glossary_scan", 40)


def makeExtension(**kwargs: object) -> GlossaryTerms:
    return GlossaryTerms(**kwargs)
