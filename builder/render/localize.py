"""Pick the text of one language from a translatable field, noting what fell back."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from .templates import templates_dir


@dataclass
class Localizer:
    """Turns Text values into strings of `lang`, falling back to `default`."""

    lang: str
    default: str
    missing: int = 0
    found: int = 0
    strings: dict[str, str] = field(default_factory=dict)

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

    def ui(self, key: str, **params: object) -> str:
        """A fixed string of the interface in this language."""
        text = self.strings.get(key, key)
        return text.format(**params) if params else text


@lru_cache(maxsize=32)
def ui_strings(kind: str, lang: str, fallback: str = "en") -> dict[str, str]:
    """The `kind` table (pages, quiz, handouts) of `lang`, completed from `fallback`."""
    table: dict[str, str] = {}
    for code in (fallback, lang):
        path = templates_dir() / "locales" / f"{kind}.{code}.yaml"
        if path.exists():
            table.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return table
