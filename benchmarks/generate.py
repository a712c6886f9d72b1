"""The synthetic course of issue 13, the same for a given seed.

Each of N modules has six one-hour sessions of about 300 words of Markdown
(headings, paragraphs with emphasis and links, a list, a table or an
admonition) and a bank of 20 single-choice questions, each option with its
feedback and each question with its explanation; the module's post-test draws
10 of them. Module i is the same whatever N is, so the course of 50 modules is
the first quarter of the one of 200.

    python -m benchmarks.generate OUT_DIR --modules 200
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import course_features
from .course_features import FEATURES

SEED = 7
SESSIONS = 6
QUESTIONS = 20
OPTIONS = 4
POST_DRAW = 10
OBJECTIVES = 4
METHODS = ["lecture", "discussion", "case-study", "exercise", "group-work", "presentation"]
LEVELS = ["introductory", "intermediate", "advanced"]

TOPICS = ["Mutual legal assistance", "Extradition", "Electronic evidence", "Asset recovery",
          "Joint investigation teams", "Transfer of proceedings", "Witness protection",
          "Cybercrime investigations", "Money laundering", "Trafficking in persons",
          "Central authorities", "Service providers", "Spontaneous information",
          "Videoconference hearings", "Confiscation orders", "Transfer of sentenced persons"]
ASPECTS = ["legal bases", "drafting requests", "grounds for refusal", "urgent cases",
           "a running case study", "execution abroad", "practitioner networks",
           "human rights safeguards", "language and translation", "time limits"]
SUBJECTS = ["The central authority", "The requesting State", "The requested State",
            "The prosecutor", "The executing judge", "The investigator", "A service provider",
            "The liaison magistrate", "The 24/7 point of contact", "The defence",
            "The competent court", "The Ministry of Justice", "The case officer"]
VERBS = ["transmits", "reviews", "executes", "may refuse", "supplements", "preserves",
         "translates", "certifies", "forwards", "assesses", "records", "postpones"]
OBJECTS = ["the request for mutual legal assistance", "the extradition request",
           "the preservation order", "subscriber information", "the letter rogatory",
           "traffic data", "the witness statement", "the bank records",
           "the provisional arrest warrant", "the seized devices", "the translated summary",
           "the list of questions for the witness", "the certified copy of the judgment"]
CLAUSES = ["within the time limit set by the treaty", "through the diplomatic channel",
           "under article {n} of the Convention", "unless dual criminality is lacking",
           "after consulting the central authority",
           "in a language acceptable to the requested State",
           "where the offence carries at least one year of imprisonment",
           "before the data retention period expires", "on the basis of reciprocity",
           "once the assurances have been received", "with the consent of the person concerned",
           "as soon as the legal conditions are met"]
INSTRUMENTS = ["UNTOC", "UNCAC", "Budapest Convention", "Minsk Convention",
               "Chisinau Convention", "European Convention on Extradition",
               "European Convention on Mutual Assistance in Criminal Matters",
               "Second Additional Protocol to the Budapest Convention"]
LINKS = [("UNODC SHERLOC", "https://sherloc.unodc.org/"),
         ("the directory of competent national authorities", "https://www.unodc.org/compauth/"),
         ("the Council of Europe treaty office", "https://www.coe.int/en/web/conventions/"),
         ("the MLA Request Writer Tool", "https://www.unodc.org/mla/")]
WORDS = ["request", "treaty", "evidence", "warrant", "court", "authority", "provider", "data",
         "hearing", "witness", "assurance", "channel", "deadline", "translation", "appeal"]




@dataclass
class Curriculum:
    """A course, its modules and its banks as the plain data of the YAML files."""

    course: dict[str, Any]
    modules: list[dict[str, Any]]
    banks: dict[str, dict[str, Any]]
    overlays: dict[str, dict[str, Any]]
    """Each module's Russian overlay (modules/<id>.ru.yaml), with `languages` on."""
    features: frozenset[str] = frozenset(FEATURES)


class Text:
    """Sentences and Markdown blocks drawn from one random stream."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self) -> str:
        r = self.rng
        obj = r.choice(OBJECTS)
        if r.random() < 0.15:
            obj = f"**{obj}**"
        clause = r.choice(CLAUSES).format(n=r.randint(2, 46))
        if r.random() < 0.08:
            clause = f"*{clause}*"
        text = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {obj} {clause}."
        if r.random() < 0.06:
            name, url = r.choice(LINKS)
            text += f" See [{name}]({url})."
        return text

    def paragraph(self, low: int = 3, high: int = 5) -> str:
        lines = [self.sentence() for _ in range(self.rng.randint(low, high))]
        return "\n".join(lines)  # one sentence a line, as authors wrap their YAML

    def bullets(self, ordered: bool = False) -> str:
        items = [self.sentence() for _ in range(self.rng.randint(3, 6))]
        return "\n".join(f"{i + 1}. {s}" if ordered else f"- {s}" for i, s in enumerate(items))

    def table(self) -> str:
        rows = ["| | Treaty request | Letter rogatory |", "|---|---|---|"]
        for _ in range(self.rng.randint(3, 5)):
            word = self.rng.choice(WORDS).capitalize()
            rows.append(f"| {word} | {self.rng.choice(CLAUSES).format(n=18)} "
                        f"| {self.rng.choice(CLAUSES).format(n=46)} |")
        return "\n".join(rows)

    def admonition(self) -> str:
        kind, title = self.rng.choice([("note", "In practice"), ("warning", "Common pitfall"),
                                       ("tip", "Drafting tip")])
        body = "\n".join(f"    {s}" for s in (self.sentence(), self.sentence()))
        return f'!!! {kind} "{title}"\n{body}'

    def session_content(self, title: str) -> str:
        """About 300 words: two headings, paragraphs, a list, a table or an admonition."""
        r = self.rng
        blocks = [f"## {title}", self.paragraph(3, 4), self.paragraph(2, 4),
                  f"### {r.choice(ASPECTS).capitalize()}", self.paragraph(2, 4),
                  self.bullets(ordered=r.random() < 0.4)]
        blocks.append(self.table() if r.random() < 0.5 else self.admonition())
        blocks.append(self.paragraph(2, 3))
        return "\n\n".join(blocks) + "\n"

    def title(self) -> str:
        return f"{self.rng.choice(OBJECTS)} {self.rng.choice(CLAUSES).format(n=18)}".capitalize()


def module_id(index: int) -> str:
    topic = TOPICS[index % len(TOPICS)].lower().replace(" ", "-")
    return f"m{index:04d}-{topic}"


def make_module(index: int, seed: int = SEED) -> tuple[dict[str, Any], dict[str, Any]]:
    """Module `index` and its question bank, from a stream of its own (no other feature)."""
    rng = random.Random(f"{seed}-{index}")
    text = Text(rng)
    mid = module_id(index)
    bank_id = f"{mid}-bank"
    topic, aspect = TOPICS[index % len(TOPICS)], ASPECTS[(index // len(TOPICS)) % len(ASPECTS)]
    objectives = [{"id": f"{mid}-o{k + 1}",
                   "text": f"{rng.choice(['Explain', 'Draft', 'Identify', 'Apply', 'Assess'])} "
                           f"how {rng.choice(SUBJECTS).lower()} handles {rng.choice(OBJECTS)}."}
                  for k in range(OBJECTIVES)]
    module: dict[str, Any] = {
        "id": mid, "title": f"{topic}: {aspect} ({index + 1})",
        "summary": text.paragraph(2, 3) + "\n",
        "level": LEVELS[index % len(LEVELS)], "duration": f"{SESSIONS}h",
        "objectives": objectives,
        "sessions": [_session(text, k, objectives) for k in range(SESSIONS)],
        "assessment": {"post_test": {"bank": bank_id, "draw": POST_DRAW, "pass_mark": 70}},
    }
    bank = {"id": bank_id, "title": f"{topic}: {aspect} ({index + 1}) - questions",
            "questions": [_question(text, q, objectives) for q in range(QUESTIONS)]}
    return module, bank


def _session(text: Text, k: int, objectives: list[dict[str, Any]]) -> dict[str, Any]:
    title = text.title()
    return {"id": f"s{k + 1}", "title": title, "duration": "1h",
            "method": METHODS[k % len(METHODS)],
            "objectives": [objectives[k % OBJECTIVES]["id"]],
            "content": text.session_content(title)}


def _question(text: Text, q: int, objectives: list[dict[str, Any]]) -> dict[str, Any]:
    """A single-choice question: four options with feedback, one right; an explanation."""
    options = [{"text": text.sentence(), "correct": i == 0, "feedback": text.sentence()}
               for i in range(OPTIONS)]
    text.rng.shuffle(options)
    return {"id": f"q{q + 1:02d}", "type": "single",
            "prompt": f"Which statement is right? {text.sentence()}",
            "objectives": [objectives[q % OBJECTIVES]["id"]],
            "options": options, "explanation": text.sentence() + " " + text.sentence()}


def generate(n_modules: int, seed: int = SEED,
             features: frozenset[str] = frozenset(FEATURES)) -> Curriculum:
    """The course of `n_modules` modules, each with its bank and the banks, fields and
    translation of the features (course_features) that are on."""
    modules, banks, overlays = [], {}, {}
    for index in range(n_modules):
        module, bank = make_module(index, seed)
        banks[bank["id"]] = bank
        module, overlay, more = course_features.add_to_module(module, index, seed,
                                                              set(features), _question)
        modules.append(module)
        banks.update(more)
        if overlay:
            overlays[module["id"]] = overlay
    course = {
        "id": "bench-course", "title": "International judicial cooperation (synthetic)",
        "summary": "A synthetic course for the benchmark suite: "
                   f"{n_modules} modules of six one-hour sessions.\n",
        "languages": ["en", "ru"] if "languages" in features else ["en"],
        "default_language": "en",
        "modules": [m["id"] for m in modules],
    }
    return Curriculum(course, modules, banks, overlays, frozenset(features))


# --- writing ---------------------------------------------------------------------------

_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _BlockDumper(_Dumper):  # type: ignore[misc, valid-type]
    """Writes multi-line text as literal blocks (`|`), as authors do."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _represent_str)


def dump_yaml(data: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


# The same Markdown extensions for all three sites: those the curriculum plugin adds to
# a minimal mkdocs.yml (builder/adapters/mkdocs_needs.py), written out for the other two.
MARKDOWN_EXTENSIONS = """\
markdown_extensions:
  - tables
  - admonition
  - attr_list
  - def_list
  - md_in_html
  - sane_lists
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}
"""


@dataclass(frozen=True)
class NavConfig:
    """One MkDocs configuration of a site: its file and output folder."""

    file: str
    site_dir: str
    fixed: bool = False
    """mkdocs.yml sets a nav of one entry (else the default: the plugin's, or MkDocs')."""


NAV_CONFIGS = {
    "default": NavConfig("mkdocs.yml", "site"),
    "fixed": NavConfig("mkdocs-fixed-nav.yml", "site-fixed", fixed=True),
}


def write_configs(root: Path, site_name: str, plugins: list[str]) -> None:
    """The minimal mkdocs.yml of issue 13 (`theme: material`, search and the site's own
    plugin, the shared extensions), and the same with a one-entry nav."""
    for variant in NAV_CONFIGS.values():
        lines = [f"site_name: {site_name}", f"site_dir: {variant.site_dir}", "theme: material",
                 f"plugins: [{', '.join(['search', *plugins])}]"]
        if variant.fixed:
            lines.append("nav: [index.md]")
        (root / variant.file).write_text("\n".join(lines) + "\n" + MARKDOWN_EXTENSIONS,
                                         encoding="utf-8")


def write_project(curriculum: Curriculum, root: Path) -> Path:
    """The course as authors write it, with the MkDocs configurations of the plugin."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    dump_yaml(curriculum.course, root / "course.yaml")
    for module in curriculum.modules:
        dump_yaml(module, root / "modules" / f"{module['id']}.yaml")
    for module_id, overlay in curriculum.overlays.items():
        dump_yaml(overlay, root / "modules" / f"{module_id}.ru.yaml")
    for bank_id, bank in curriculum.banks.items():
        dump_yaml(bank, root / "quizzes" / f"{bank_id}.yaml")
    course_features.write_project_files(root, set(curriculum.features), SEED)
    write_configs(root, curriculum.course["title"], ["curriculum"])
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--modules", type=int, default=200)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    write_project(generate(args.modules, args.seed), args.out)
    print(f"wrote {args.out} ({args.modules} modules)")


if __name__ == "__main__":
    main()
