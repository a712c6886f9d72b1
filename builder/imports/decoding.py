"""Text files from other tools as str: a BOM says the encoding; otherwise UTF-8, or the
encoding the author names (Excel saves "CSV" in the Windows code page, cp1251 in Russian)."""

from __future__ import annotations

import codecs

from ..load.problems import CurriculumError, Problem

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def decoded(data: bytes, source: str, encoding: str | None = None) -> str:
    """The text of `data`; a file that is not UTF-8 (and names no encoding by a BOM) is an
    error with its line, unless `encoding` is given."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data, name, source)
    return _decode(data, encoding or "utf-8", source, named=encoding is not None)


def _decode(data: bytes, encoding: str, source: str, named: bool = True) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise CurriculumError([Problem("--encoding", 0, 0, "", f"unknown encoding {encoding!r}",
                                       "for example cp1251 (Windows Cyrillic) or utf-8")]) from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = ("in Excel choose Save As > 'CSV UTF-8 (comma delimited)'; or name the file's "
                "encoding: --encoding cp1251 (Windows Cyrillic)") if not named or encoding in (
                    "utf-8", "utf8") else f"the file is not {encoding}: check --encoding"
        raise CurriculumError([Problem(source, line, column, "", f"is not {encoding} text "
                                       f"(byte 0x{data[exc.start]:02x})", hint)]) from None
