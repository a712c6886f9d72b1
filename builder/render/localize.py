"""Pick the text of one language from a translatable field, noting what fell back."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..model.types import Duration
from .markdown import nest_headings
from .templates import templates_dir
from .ui_tables import own_path, read_own


@dataclass
class Localizer:
    """Turns Text values into strings of `lang`, falling back to `default`."""

    lang: str
    default: str
    missing: int = 0
    found: int = 0
    strings: dict[str, str] = field(default_factory=dict)
    root: Path | None = None
    """The project whose own interface strings come first (ui_strings)."""

    def __call__(self, value: str | dict[str, str] | None) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            if self.lang != self.default:
                self.missing += 1
            return value
        if self.lang in value:
            self.found += 1
            return value[self.lang]
        self.missing += 1
        return value.get(self.default) or next(iter(value.values()))

    def is_translated(self, value: str | dict[str, str] | None) -> bool:
        if self.lang == self.default or not value:
            return True
        return isinstance(value, dict) and self.lang in value

    def inline(self, value: str | dict[str, str] | None) -> str:
        """A short text (title, objective, audience) on one line; one shown in the default
        language carries that language's `lang`, so screen readers pronounce it right."""
        text = " ".join(self(value).split())
        if not text or self.is_translated(value):
            return text
        return f'<span lang="{self.default}" class="cb-untranslated-inline">{text}</span>'

    def block(self, value: str | dict[str, str] | None, top: int = 4) -> str:
        """A Markdown block whose headings start at level `top`; one shown in the default
        language is marked as untranslated."""
        text = nest_headings(self(value), top)
        if not text or self.is_translated(value):
            return text
        mark = self.ui("not_translated")
        return (f'<div class="cb-untranslated" lang="{self.default}" markdown="1">\n\n'
                f'<p class="cb-untranslated-mark" lang="{self.lang}">{mark}</p>\n\n'
                f"{text}\n\n</div>")

    def duration(self, value: Duration) -> str:
        """'1h30m' as the reader's language writes it: 1 h 30 min, 1 ч 30 мин."""
        parts = []
        if value.days:
            parts.append(f"{value.days:g}\u00a0{self.ui('unit.d')}")
        hours, minutes = divmod(value.minutes, 60)
        if hours:
            parts.append(f"{hours}\u00a0{self.ui('unit.h')}")
        if minutes:
            parts.append(f"{minutes}\u00a0{self.ui('unit.min')}")
        return " ".join(parts)

    def ui(self, key: str, **params: object) -> str:
        """A fixed string of the interface in this language."""
        text = self.strings.get(key, key)
        return text.format(**params) if params else text

    def table(self, kind: str) -> dict[str, str]:
        """The whole `kind` table of this language, the project's own strings first."""
        return ui_strings(kind, self.lang, self.root)


# Languages of the region whose interface strings fall back to Russian, the common
# working language, before English.
_VIA_RUSSIAN = {"kk", "ky", "tg", "uz", "hy", "az", "ka", "tk"}


def ui_fallbacks(lang: str) -> list[str]:
    """The tables a language's interface strings are completed from, weakest first."""
    chain = ["en"]
    if lang in _VIA_RUSSIAN:
        chain.append("ru")
    return [c for c in chain if c != lang] + [lang]


def ui_strings(kind: str, lang: str, root: Path | None = None, *,
               own_only: bool = False) -> dict[str, str]:
    """The `kind` table (pages, quiz, handouts) of `lang`, completed from its fallbacks; with
    `root`, the project's own tables (site_templates/locales/) over the package's, code by
    code. Cached while the project's files are unchanged."""
    codes = (lang,) if own_only else tuple(ui_fallbacks(lang))
    if root is None:
        return _strings(kind, codes, None, ())
    return _strings(kind, codes, str(Path(root).resolve()),
                    tuple(_stamp(own_path(root, kind, c)) for c in codes))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=64)
def package_strings(kind: str, lang: str) -> dict[str, str]:
    """The package's own `kind` table of `lang`, nothing completed."""
    path = templates_dir() / "locales" / f"{kind}.{lang}.yaml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


@lru_cache(maxsize=64)
def _strings(kind: str, codes: tuple[str, ...], root: str | None,
             stamps: tuple[tuple[int, int] | None, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    reference = package_strings(kind, "en")
    for code in codes:
        table.update(package_strings(kind, code))
        if root is not None:
            table.update(read_own(Path(root), kind, code, reference))
    return table
