"""The Jinja2 environment over site_templates/."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jinja2

_PACKAGE_TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates"


def templates_dir() -> Path:
    """site_templates/ of this checkout (installed editable) - the one place templates live."""
    return _PACKAGE_TEMPLATES


def script_json(data: object) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can close or open a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@lru_cache(maxsize=4)
def environment(extra_dir: str | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if extra_dir:
        loaders.append(jinja2.FileSystemLoader(extra_dir))
    loaders.append(jinja2.FileSystemLoader(str(_PACKAGE_TEMPLATES)))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=False,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["script_json"] = script_json
    return env
