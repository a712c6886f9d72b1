"""Value types of the authoring format: ids, durations, times of day, translatable text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from anyascii import anyascii
from pydantic import AfterValidator, BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..load.problems import shown

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
_ID = re.compile(ID_PATTERN)
_LANG = re.compile(LANG_PATTERN)
_DURATION = re.compile(
    r"^\s*(?:(?P<d>\d+(?:\.\d+)?)\s*d)?\s*(?:(?P<h>\d+(?:\.\d+)?)\s*h)?\s*(?:(?P<m>\d+)\s*(?:min|m))?\s*$"
)
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _fail(kind: str, message: str, hint: str = "") -> PydanticCustomError:
    return PydanticCustomError(kind, message, {"hint": hint})


def slug(text: str) -> str:
    """An id from a title in any script: `Экстрадиция: основания` -> `ekstraditsiya-osnovaniya`
    (anyascii transliterates Cyrillic, Georgian, Armenian... so a name in the author's language
    gives an id that says the same, not an empty one)."""
    latin = anyascii(text).lower().replace("'", "")  # ь, ъ: no hyphen inside a word
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-")


def _check_id(value: Any) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        suggestion = slug(str(value)[:40])[:40].strip("-") or "my-id"
        raise _fail("id", f"{shown(value)} is not an id",
                    f"use lowercase letters, digits and hyphens, e.g. {suggestion}")
    return value


def _check_lang(value: Any) -> str:
    if not isinstance(value, str) or not _LANG.fullmatch(value):
        raise _fail("lang", f"{shown(value)} is not a language code",
                    "use ISO 639-1 codes: en, ru, uz")
    return value


def _check_text(value: Any) -> str | dict[str, str]:
    if type(value) is str:  # most values: one test, as this runs for every text of a course
        return value
    if isinstance(value, bool):
        raise _fail("text", f"expected text, got {str(value).lower()}",
                    "quote it if you meant the word")
    if value is None:
        raise _fail("text", "has no value", "write the text, or remove the key")
    if isinstance(value, (str, int, float)):
        return str(value)
    if isinstance(value, dict) and value:
        for lang, text in value.items():
            if not isinstance(lang, str) or not _LANG.fullmatch(lang):
                raise PydanticCustomError("text", f"{shown(lang)} is not a language code", {
                    "key": str(lang), "hint": "quote the text if it contains ': '; "
                    "translations are keyed by language code: {en: ..., ru: ...}"})
            if not isinstance(text, (str, int, float)) or isinstance(text, bool):
                raise PydanticCustomError("text", f"the {lang} text is not text", {
                    "key": lang, "hint": f"write `{lang}: ...` with the words after the colon"})
        return {lang: str(text) for lang, text in value.items()}
    kind = "a list" if isinstance(value, list) else "a mapping" if isinstance(
        value, dict) else type(value).__name__
    raise _fail("text", f"expected text, got {kind}",
                "write the text, or a map of language code to text: {en: ..., ru: ...}")


_TAG = re.compile(r"</?[A-Za-z][^\s>]*|<[!?]")  # as a browser reads a tag: no space after <


def _check_filled(value: str | dict[str, str]) -> str | dict[str, str]:
    if type(value) is str and value[:1].strip():
        return value  # neither empty nor only spaces
    texts = value.items() if isinstance(value, dict) else [("", value)]
    for lang, text in texts:
        if not text.strip():
            raise PydanticCustomError("blank", "is empty" if not text else "is only spaces",
                                      {"key": lang, "hint": "write the text: it cannot be left "
                                       "blank"})
    return value


def check_plain(value: str | dict[str, str]) -> str | dict[str, str]:
    _check_filled(value)
    texts = value.items() if isinstance(value, dict) else [("", value)]
    for lang, text in texts:
        if match := _TAG.search(text):
            raise PydanticCustomError(
                "plain", f"{shown(match.group())} starts an HTML tag; a title is plain text",
                {"key": lang, "hint": "write it without < and >: titles show in menus and tabs"})
    return value


Id = Annotated[str, BeforeValidator(_check_id),
               WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]
Lang = Annotated[str, BeforeValidator(_check_lang),
                 WithJsonSchema({"type": "string", "pattern": LANG_PATTERN})]
Text = Annotated[
    str | dict[str, str],
    BeforeValidator(_check_text),
    WithJsonSchema({"anyOf": [
        {"type": "string"},
        {"type": "object", "propertyNames": {"pattern": LANG_PATTERN},
         "additionalProperties": {"type": "string"}},
    ], "description": "Text, or a map of language code to text ({en: ..., ru: ...})."}),
]


PlainText = Annotated[Text, AfterValidator(check_plain)]
"""Text that is shown outside page bodies (menus, tab titles, PDF outlines): no HTML, not blank."""
FilledText = Annotated[Text, AfterValidator(_check_filled)]
"""Text that must say something: an option, an accepted answer (not empty, not only spaces)."""


def refuse_bool(value: Any) -> Any:
    """A count's value before pydantic reads it: YAML's true is not the number 1."""
    if isinstance(value, bool):
        raise _fail("count", f"expected a whole number, got {str(value).lower()}",
                    "write a number such as 2, or leave the key out")
    return value


@dataclass(frozen=True)
class Duration:
    """A length of time as written: whole training days plus minutes."""

    days: float = 0
    minutes: int = 0
    text: str = ""

    def total(self, day_minutes: int = 360) -> int:
        """Length in minutes, counting a training day as `day_minutes`."""
        return round(self.days * day_minutes) + self.minutes

    def __str__(self) -> str:
        return self.text


def format_minutes(minutes: int) -> str:
    """90 -> '1h30m', 45 -> '45min', 120 -> '2h'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}min"
    return f"{hours}h{rest:02d}m" if rest else f"{hours}h"


def parse_duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise _fail("duration", f"{shown(value)} is not a duration",
                    f"write the unit: {value}min or {value}h")
    match = _DURATION.fullmatch(value) if isinstance(value, str) else None
    if not match or not any(match.groupdict().values()):
        raise _fail("duration", f"{shown(value)} is not a duration", "try 45min or 1h30m")
    days = float(match["d"] or 0)
    minutes = round(float(match["h"] or 0) * 60) + int(match["m"] or 0)
    if days == 0 and minutes == 0:
        raise _fail("duration", f"{shown(value)} is zero", "a duration must be longer than 0min")
    return Duration(days, minutes, value.strip())


def parse_clock(value: Any) -> str:
    if isinstance(value, int) and 0 <= value < 24 * 60 * 60:
        # YAML 1.1 reads an unquoted 09:30 as a sexagesimal number of minutes.
        value = f"{value // 60:02d}:{value % 60:02d}"
    if not isinstance(value, str) or not _CLOCK.fullmatch(value):
        raise _fail("clock", f"{shown(value)} is not a time of day", 'write it as "09:30"')
    hours, minutes = value.split(":")
    return f"{int(hours):02d}:{minutes}"


def clock_minutes(clock: str) -> int:
    """Minutes since midnight of a checked time of day: "09:30" -> 570."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


DurationField = Annotated[
    Duration,
    BeforeValidator(parse_duration),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": _DURATION.pattern,
                    "examples": ["45min", "1h30m", "3h", "2d"]}),
]
Clock = Annotated[str, BeforeValidator(parse_clock),
                  WithJsonSchema({"type": "string", "pattern": _CLOCK.pattern,
                                  "examples": ["09:00"]})]
