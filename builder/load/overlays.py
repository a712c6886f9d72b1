"""Translation overlays: `modules/x.ru.yaml` holds only the Russian texts of `modules/x.yaml`.

An overlay mirrors its source file. Items of lists with ids (sessions, objectives,
exercises, questions) are matched by `id`; other lists (options, pairs, audience,
rubric, references) by position. Merging turns each translated text of the source
into an inline map `{en: source, ru: translation}` before validation, so the rest
of the pipeline sees one model with every language in it.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..model.fields import field_kind, item_model, translatable
from .problems import Problem, format_path
from .yaml_source import Source

_OVERLAY = re.compile(r"^(?P<stem>[^.]+)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]+)*)\.ya?ml$")


def overlay_index(names: list[str]) -> dict[str, dict[str, str]]:
    """File names of a folder grouped by the file they translate: {'x': {'ru': 'x.ru.yaml'}}."""
    index: dict[str, dict[str, str]] = {}
    for name in sorted(names):
        match = _OVERLAY.fullmatch(name)
        if match:
            index.setdefault(match["stem"], {})[match["lang"]] = name
    return index


def overlay_files(source: Path, index: dict[str, dict[str, str]] | None = None
                  ) -> dict[str, Path]:
    """Overlays beside `source`, by language: modules/x.ru.yaml -> {'ru': path}.

    `index`, built once per folder by the caller, spares a directory listing and a
    scan of it per file: with a thousand modules that was most of a warm load.
    """
    if index is None:
        index = overlay_index(os.listdir(source.parent))
    return {lang: source.parent / name for lang, name in index.get(source.stem, {}).items()}


def merge(data: dict[str, Any], overlay: Source, model: type[BaseModel], lang: str,
          default: str, origins: dict[str, tuple[Source, tuple]] | None = None
          ) -> list[Problem]:
    """Lay the texts of `overlay` into `data` (in place); return what did not fit.

    `origins` receives, for each text laid in, the source-file path of the translation
    (`sessions[1].title.ru`, as validation names it) with the overlay and its place
    there: a translation that fails validation is then told where it was written.
    """
    merger = _Merger(overlay, lang, default)
    if not isinstance(overlay.data, dict):
        return [overlay.problem((), "expected a mapping of keys to values at the top")]
    merger.mapping(data, overlay.data, model, (), ())
    if origins is not None:
        origins.update({k: (overlay, v) for k, v in merger.origins.items()})
    return merger.problems


def origin_of(problem: Problem, origins: dict[str, tuple[Source, tuple]]) -> Problem:
    """The problem told at the overlay text it is about, if it is about one."""
    found = origins.get(problem.path)
    if found is None:
        return problem
    overlay, path = found
    return overlay.problem(path, problem.message, problem.hint)


class _Merger:
    def __init__(self, overlay: Source, lang: str, default: str):
        self.overlay, self.lang, self.default = overlay, lang, default
        self.problems: list[Problem] = []
        self.origins: dict[str, tuple] = {}

    def fail(self, path: tuple, message: str, hint: str = "", *, key: bool = False) -> None:
        self.problems.append(self.overlay.problem(path, message, hint, key=key))

    def mapping(self, data: Any, overlay: dict[str, Any], model: type[BaseModel],
                path: tuple, spath: tuple) -> None:
        if not isinstance(data, dict):
            self.fail(path, "the source file has nothing to translate here")
            return
        for key, value in overlay.items():
            here, there = (*path, key), (*spath, key)
            kind = field_kind(model, key)
            if kind is None:
                close = difflib.get_close_matches(key, translatable(model), n=1)
                hint = f"did you mean '{close[0]}'?" if close else (
                    "translatable here: " + ", ".join(translatable(model)))
                self.fail(here, f"unknown key '{key}'", hint, key=True)
            elif kind.kind == "id":
                continue
            elif kind.kind == "fixed":
                self.fail(here, f"'{key}' is not translated", "only texts are translated: "
                          "change it in the source file", key=True)
            elif key not in data or data[key] in (None, "", [], {}):
                self.fail(here, f"the source file has no '{key}' here to translate",
                          "add it to the source file first", key=True)
            elif kind.kind == "text":
                data[key] = self.text(data[key], value, here, there)
            elif kind.kind == "texts":
                self.texts(data[key], value, here, there)
            elif kind.kind == "model":
                self.nested(data[key], value, kind.model, here, there)
            else:
                self.items(data[key], value, kind.model, kind.by_id, here, there)

    def nested(self, data: Any, value: Any, model: Any, path: tuple, spath: tuple) -> None:
        if not isinstance(value, dict):
            self.fail(path, "expected a mapping of keys to values")
        else:
            self.mapping(data, value, model, path, spath)

    def text(self, source: Any, value: Any, path: tuple, spath: tuple) -> Any:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.fail(path, "expected the translated text")
            return source
        if value == "":  # an empty slot keeps a list's positions: not translated yet
            return source
        merged = dict(source) if isinstance(source, dict) else {self.default: str(source)}
        merged[self.lang] = str(value)
        self.origins[format_path((*spath, self.lang))] = path
        return merged

    def texts(self, source: Any, value: Any, path: tuple, spath: tuple) -> None:
        if not isinstance(value, list) or not isinstance(source, list):
            self.fail(path, "expected a list of translated texts")
            return
        if len(value) != len(source):
            self.fail(path, f"has {len(value)} items but the source has {len(source)}",
                      "translate every item, in the same order")
            return
        for i, item in enumerate(value):
            source[i] = self.text(source[i], item, (*path, i), (*spath, i))

    def items(self, source: Any, value: Any, model: Any, by_id: bool, path: tuple,
              spath: tuple) -> None:
        if not isinstance(value, list) or not isinstance(source, list):
            self.fail(path, "expected a list")
            return
        if not by_id and len(value) > len(source):
            self.fail(path, f"has {len(value)} items but the source has {len(source)}",
                      "items without ids are matched by position")
            return
        index = {item.get("id"): item for item in source if isinstance(item, dict)}
        for i, item in enumerate(value):
            here = (*path, i)
            if not isinstance(item, dict):
                self.fail(here, "expected a mapping of keys to values")
                continue
            if by_id:
                target = index.get(item.get("id"))
                if target is None:
                    close = difflib.get_close_matches(str(item.get("id")),
                                                      [str(k) for k in index], n=1)
                    self.fail((*here, "id"), f"no item with id '{item.get('id')}' in the "
                              "source file", f"did you mean '{close[0]}'?" if close else
                              "items with ids are matched by id")
                    continue
            else:
                target = source[i]
            self.mapping(target, item, item_model(model, target), here,
                         (*spath, next(n for n, s in enumerate(source) if s is target)))
