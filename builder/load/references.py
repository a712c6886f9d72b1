"""Module references checked against the registry of legal instruments (instruments.yaml),
and the status statements whose review date has passed."""

from __future__ import annotations

import re
from datetime import date

from ..model.schema import Instrument, Module, Registry, Status
from .problems import Problem
from .yaml_source import Source

REGISTRY_FILE = "instruments.yaml"
_ARTICLE = re.compile(r"^\s*(\d+)")


def names(instrument: Instrument) -> list[str]:
    """Every name a reference may give the instrument by: id, short names, aliases."""
    short = instrument.short.values() if isinstance(instrument.short, dict) else [
        instrument.short]
    return [instrument.id, *short, *instrument.aliases]


def index(registry: Registry | None) -> dict[str, Instrument]:
    """Instruments by each of their names, compared without case."""
    found: dict[str, Instrument] = {}
    for instrument in registry.instruments if registry else []:
        for name in names(instrument):
            found.setdefault(name.casefold(), instrument)
    return found


def resolve(registry: Registry | None, name: str | dict[str, str]) -> Instrument | None:
    texts = name.values() if isinstance(name, dict) else [name]
    by_name = index(registry)
    return next((by_name[t.casefold()] for t in texts if t.casefold() in by_name), None)


def due(status: Status) -> date:
    """The day a status must be checked again."""
    months = status.as_of.month - 1 + status.review_months
    year, month = status.as_of.year + months // 12, months % 12 + 1
    return date(year, month, min(status.as_of.day, 28))


def check(registry: Registry | None, modules: dict[str, Module], sources: dict[str, Source],
          today: date | None = None) -> list[Problem]:
    if registry is None:
        return []
    source = sources[REGISTRY_FILE]
    problems = _duplicates(registry, source) + _stale(registry, source, today or date.today())
    for module in modules.values():
        problems += _module_references(registry, module, sources[f"modules/{module.id}.yaml"])
    return problems


def _duplicates(registry: Registry, source: Source) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for i, instrument in enumerate(registry.instruments):
        for name in dict.fromkeys(n.casefold() for n in names(instrument)):
            if name in seen and seen[name] != instrument.id:
                problems.append(source.problem(("instruments", i), f"the name {name!r} of "
                                               f"'{instrument.id}' is also a name of "
                                               f"'{seen[name]}'", "give each name to one "
                                               "instrument"))
            seen.setdefault(name, instrument.id)
    return problems


def _stale(registry: Registry, source: Source, today: date) -> list[Problem]:
    problems = []
    for i, instrument in enumerate(registry.instruments):
        for s, status in enumerate(instrument.statuses):
            if due(status) <= today:
                problems.append(source.problem(
                    ("instruments", i, "statuses", s, "as_of"), f"the status of "
                    f"'{instrument.id}' as of {status.as_of} is due for review since "
                    f"{due(status)} ({status.review_months} months)", f"check it again in "
                    f"{status.source}, then update the text and as_of", severity="review"))
    return problems


def _module_references(registry: Registry, module: Module, source: Source) -> list[Problem]:
    problems = []
    for r, reference in enumerate(module.references):
        instrument = resolve(registry, reference.instrument)
        if instrument is None:
            if reference.article:
                problems.append(source.problem(
                    ("references", r, "instrument"), f"{_text(reference.instrument)!r} is "
                    f"not in {REGISTRY_FILE}, so article {reference.article} cannot be checked",
                    "use an instrument's id or name, or add the instrument to the registry"))
            continue
        number = _ARTICLE.match(reference.article or "")
        if reference.article and instrument.articles and (
                not number or number.group(1) not in instrument.articles):
            problems.append(source.problem(
                ("references", r, "article"), f"{instrument.id} has no article "
                f"{reference.article} in {REGISTRY_FILE}", "the registry lists articles "
                f"{', '.join(instrument.articles)}: correct the number, or add the article "
                "there after checking the treaty text"))
    return problems


def _text(value: str | dict[str, str]) -> str:
    return value if isinstance(value, str) else next(iter(value.values()))
