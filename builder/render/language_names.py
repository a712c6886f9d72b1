"""Each language's name in itself (Қазақша), as the language switcher shows it.

A project names a language in its own pages table (`language_name` in
site_templates/locales/pages.<lang>.yaml, or through `translations import --ui`); else the
package's table of that language; else the names below, for the languages of the region.
"""

from __future__ import annotations

from pathlib import Path

from .localize import package_strings, ui_strings

NATIVE = {"uz": "Oʻzbekcha", "kk": "Қазақша", "ky": "Кыргызча", "tg": "Тоҷикӣ",
          "hy": "Հայերեն", "az": "Azərbaycanca", "ka": "ქართული"}
KEY = "language_name"


def native_name(lang: str, root: Path | None = None) -> str:
    """The name of `lang` in `lang`; never a fallback language's name (kk is not Русский)."""
    own = ui_strings("pages", lang, root, own_only=True) if root is not None else {}
    return own.get(KEY) or package_strings("pages", lang).get(KEY) or NATIVE.get(lang, lang)
