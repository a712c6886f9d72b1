"""The glossary's own checks: one entry per id and per term in each language."""

from __future__ import annotations

from ..model.schema import Glossary
from .problems import Problem
from .yaml_source import Source

GLOSSARY_FILE = "glossary.yaml"


def check(glossary: Glossary | None, sources: dict[str, Source]) -> list[Problem]:
    if glossary is None:
        return []
    source = sources[GLOSSARY_FILE]
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for i, term in enumerate(glossary.terms):
        texts = term.term.items() if isinstance(term.term, dict) else [("", term.term)]
        keys = [f"id {term.id}"] + [f"{lang} term {text.casefold()!r}".lstrip()
                                    for lang, text in texts]
        for key in keys:
            if key in seen:
                problems.append(source.problem(("terms", i), f"{key} is also entry "
                                               f"'{seen[key]}'", "keep one entry per term"))
            seen.setdefault(key, term.id)
    return problems
