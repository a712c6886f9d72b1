"""The quiz data of a built page as the quiz script sees it: the page's JSON blobs, each
quiz's completed with the shared bank and strings assets it names (render/assets.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

ASSET_DIR = Path("assets") / "curriculum"
JSON_SCRIPT = re.compile(r'<script type="application/json" id="([^"]+)">(.*?)</script>', re.S)
REGISTER = re.compile(r'^CBQuiz\.register\(("[a-z]+"),("[^"]+"),(.*)\);\n$', re.S)


def site_root(page: Path) -> Path:
    """The site folder a built page is in: the nearest parent holding the quiz script."""
    return next(p for p in page.parents if (p / ASSET_DIR / "quiz.js").exists())


def read_asset(path: Path) -> tuple[str, str, dict]:
    """(kind, key, data) of one shared quiz asset; fails on anything but one register call."""
    match = REGISTER.match(path.read_text(encoding="utf-8"))
    assert match, f"{path} is not one CBQuiz.register call"
    return json.loads(match[1]), json.loads(match[2]), json.loads(match[3])


def completed(blob: dict, page: Path) -> dict:
    """A quiz blob with its bank's questions and its language's strings filled in."""
    if "bank_src" not in blob:
        return blob
    assets = site_root(page) / ASSET_DIR
    kind, key, bank = read_asset(assets / blob["bank_src"])
    assert (kind, key) == ("bank", blob["bank"])
    kind, key, strings = read_asset(assets / blob["strings_src"])
    assert (kind, key) == ("strings", blob["lang"])
    return {**blob, "questions": bank["questions"], "strings": strings}


def page_json(page: Path) -> dict[str, dict]:
    """The JSON blobs (by element id) of a built page, quiz blobs completed."""
    html = page.read_text(encoding="utf-8")
    return {m[1]: completed(json.loads(m[2]), page) for m in JSON_SCRIPT.finditer(html)}
