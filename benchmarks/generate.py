"""A synthetic curriculum of N modules in the authoring format, the same for a given seed.

Each module has six one-hour sessions of Markdown like the sample course's
(headings, paragraphs with emphasis and links, lists, tables, admonitions) and
a bank of 20 questions of every type. Module i is the same whatever N is, so
the curriculum of 50 modules is the first quarter of the one of 200.

    python -m benchmarks.generate OUT_DIR --modules 200
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SEED = 7
SESSIONS = 6
QUESTIONS = 20
OBJECTIVES = 4
QUIZ_SESSION = 2  # index of the session followed by a formative quiz, as in the sample course
PRE_DRAW, POST_DRAW, SESSION_DRAW = 6, 8, 5
# Question types of a bank, in order: 20 questions of all seven types.
TYPE_PLAN = (["single"] * 6 + ["multiple"] * 4 + ["true-false"] * 3 + ["fill-in"] * 3
             + ["matching"] * 2 + ["ordering", "open"])
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
        """About 350 words: two headings, paragraphs, a list, a table or an admonition."""
        r = self.rng
        blocks = [f"## {title}", self.paragraph(), self.paragraph(),
                  f"### {r.choice(ASPECTS).capitalize()}", self.paragraph(2, 4),
                  self.bullets(ordered=r.random() < 0.4)]
        blocks.append(self.table() if r.random() < 0.5 else self.admonition())
        blocks.append(self.paragraph(2, 4))
        return "\n\n".join(blocks) + "\n"

    def title(self) -> str:
        return f"{self.rng.choice(OBJECTS)} {self.rng.choice(CLAUSES).format(n=18)}".capitalize()


def module_id(index: int) -> str:
    topic = TOPICS[index % len(TOPICS)].lower().replace(" ", "-")
    return f"m{index:04d}-{topic}"


def make_module(index: int, seed: int = SEED) -> tuple[dict[str, Any], dict[str, Any]]:
    """Module `index` and its question bank, from a stream of its own."""
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
        "summary": text.paragraph(3, 4) + "\n",
        "audience": ["Prosecutors", "Judges", "Investigators"],
        "level": LEVELS[index % len(LEVELS)], "duration": f"{SESSIONS}h",
        "prerequisites": [module_id(index - 1)] if index % 4 else [],
        "objectives": objectives,
        "sessions": [_session(text, k, objectives, bank_id) for k in range(SESSIONS)],
        "assessment": {
            "pre_test": {"bank": bank_id, "draw": PRE_DRAW},
            "post_test": {"bank": bank_id, "draw": POST_DRAW, "pass_mark": 70, "attempts": 3},
            "exercises": [_exercise(text)],
        },
        "references": [{"instrument": rng.choice(INSTRUMENTS),
                        "article": f"{rng.randint(2, 46)}({rng.randint(1, 20)})",
                        "note": text.sentence()} for _ in range(rng.randint(3, 5))],
    }
    bank = {"id": bank_id, "title": f"{topic}: {aspect} ({index + 1}) - questions",
            "questions": [_question(text, q, kind, objectives)
                          for q, kind in enumerate(TYPE_PLAN)]}
    return module, bank


def _session(text: Text, k: int, objectives: list[dict[str, Any]],
             bank_id: str) -> dict[str, Any]:
    title = text.title()
    session: dict[str, Any] = {
        "id": f"s{k + 1}", "title": title, "duration": "1h", "method": METHODS[k % len(METHODS)],
        "objectives": [objectives[k % OBJECTIVES]["id"], objectives[(k + 1) % OBJECTIVES]["id"]],
        "content": text.session_content(title),
        "trainer_notes": text.bullets() + "\n",
    }
    if k == QUIZ_SESSION:
        session["quiz"] = {"bank": bank_id, "draw": SESSION_DRAW}
    return session


def _exercise(text: Text) -> dict[str, Any]:
    return {"id": "drafting", "title": "Draft the request", "instructions": text.paragraph() + "\n",
            "model_answer": text.paragraph() + "\n",
            "rubric": [{"criterion": text.sentence(), "points": 2} for _ in range(3)]}


def _question(text: Text, q: int, kind: str, objectives: list[dict[str, Any]]) -> dict[str, Any]:
    r = text.rng
    question: dict[str, Any] = {
        "id": f"q{q + 1:02d}", "type": kind, "prompt": "",
        "objectives": [objectives[q % OBJECTIVES]["id"]],
        "points": 2 if kind in ("matching", "ordering", "open") else 1,
        "explanation": text.sentence() + " " + text.sentence(),
    }
    if q % 4 == 0:
        question["hint"] = text.sentence()
    if kind in ("single", "multiple"):
        correct = {0} if kind == "single" else {0, 2}
        count = 4 if kind == "single" else 5
        question["prompt"] = f"Which {'statement is' if kind == 'single' else 'statements are'} " \
                             f"right? {text.sentence()}"
        question["options"] = [{"text": text.sentence(), "correct": i in correct,
                                "feedback": text.sentence()} for i in range(count)]
        r.shuffle(question["options"])
    elif kind == "true-false":
        question["prompt"] = text.sentence()
        question["answer"] = r.random() < 0.5
    elif kind == "fill-in":
        word = r.choice(WORDS)
        question["prompt"] = f"{text.sentence()} The key document is the ___ ({len(word)} letters)."
        question["answers"] = [word, f"the {word}"]
    elif kind == "matching":
        question["prompt"] = "Match each step with the authority that takes it."
        rights = r.sample(SUBJECTS, 4)
        question["pairs"] = [{"left": text.title(), "right": right} for right in rights]
    elif kind == "ordering":
        question["prompt"] = "Put the steps of the procedure in order."
        question["items"] = [text.sentence() for _ in range(4)]
    else:
        question["prompt"] = f"{text.sentence()} How would you proceed?"
        question["model_answer"] = text.paragraph() + "\n"
        question["checklist"] = [text.sentence() for _ in range(3)]
    return question


def generate(n_modules: int, seed: int = SEED) -> Curriculum:
    """The course of `n_modules` modules, each with its bank."""
    modules, banks = [], {}
    for index in range(n_modules):
        module, bank = make_module(index, seed)
        modules.append(module)
        banks[bank["id"]] = bank
    course = {
        "id": "bench-course", "title": "International judicial cooperation (synthetic)",
        "summary": "A synthetic course for the benchmark suite: "
                   f"{n_modules} modules of six one-hour sessions.\n",
        "audience": ["Prosecutors", "Judges", "Investigators"],
        "languages": ["en"], "default_language": "en",
        "modules": [m["id"] for m in modules],
        "schedule": {"day_start": "09:00", "day_hours": "6h",
                     "breaks": [{"at": "10:30", "duration": "15min", "title": "Coffee break"},
                                {"at": "12:30", "duration": "60min", "title": "Lunch"}]},
    }
    return Curriculum(course, modules, banks)


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


THEME: dict[str, Any] = {
    "name": "material", "language": "en", "font": False,
    "features": ["navigation.indexes", "navigation.top", "content.tooltips"],
    "palette": [{"media": "(prefers-color-scheme: light)", "scheme": "default",
                 "primary": "indigo",
                 "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"}},
                {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
                 "primary": "indigo",
                 "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"}}],
}
# The Markdown extensions of the repository's mkdocs.yml, copied as text: options such
# as the emoji index are Python tags (`!!python/name:`) that a safe YAML dump cannot write.
REPO_CONFIG = Path(__file__).resolve().parents[1] / "mkdocs.yml"
FALLBACK_EXTENSIONS = """\
markdown_extensions:
  - tables
  - admonition
  - attr_list
  - def_list
  - md_in_html
  - sane_lists
  - toc:
      permalink: true
"""


def markdown_extensions(config: Path = REPO_CONFIG) -> str:
    """The `markdown_extensions:` block of `config`, up to the next top-level key."""
    lines = config.read_text(encoding="utf-8").splitlines() if config.exists() else []
    block: list[str] = []
    for line in lines:
        if line.startswith("markdown_extensions:"):
            block = [line]
        elif block and line and not line[0].isspace() and not line.startswith(("-", "#")):
            break
        elif block:
            block.append(line)
    return "\n".join(block).rstrip() + "\n" if block else FALLBACK_EXTENSIONS


@dataclass(frozen=True)
class NavConfig:
    """One MkDocs configuration of a site: its file, output folder and navigation."""

    file: str
    site_dir: str
    fixed: bool = False
    """A nav of two pages, whose size does not grow with N (else the course's nav)."""
    prune: bool = False
    """Material's navigation.prune: only the nav around the current page is rendered."""


NAV_CONFIGS = {
    "fixed": NavConfig("mkdocs-fixed-nav.yml", "site-fixed", fixed=True),
    "course": NavConfig("mkdocs.yml", "site"),
    "pruned": NavConfig("mkdocs-pruned.yml", "site-pruned", prune=True),
}
FIXED_NAV = ["index.md", "progress.md"]


def mkdocs_config(site_name: str, plugins: list[Any], nav: list[Any] | None,
                  variant: NavConfig) -> dict[str, Any]:
    """One mkdocs.yml for all three sites: same theme, extensions and base plugins.

    site_dir is <folder>/en as in the repository's mkdocs.yml: `curriculum build`
    puts every language beside the configured one, in the parent of site_dir.
    """
    theme = dict(THEME)
    if variant.prune:
        theme["features"] = [*THEME["features"], "navigation.prune"]
    config: dict[str, Any] = {
        "site_name": site_name, "docs_dir": "docs", "site_dir": f"{variant.site_dir}/en",
        "use_directory_urls": True, "strict": True, "theme": theme,
        "plugins": ["search", "offline", *plugins],
    }
    if variant.fixed:
        config["nav"] = FIXED_NAV
    elif nav is not None:
        config["nav"] = nav
    return config


def write_configs(root: Path, site_name: str, plugins: list[Any],
                  course_nav: list[Any] | None) -> None:
    """One configuration file per entry of NAV_CONFIGS; `course_nav` None lets the
    curriculum plugin make the course's nav."""
    for variant in NAV_CONFIGS.values():
        config = mkdocs_config(site_name, plugins, course_nav, variant)
        text = yaml.dump(config, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True,
                         width=100)
        (root / variant.file).write_text(text + markdown_extensions(), encoding="utf-8")


def write_project(curriculum: Curriculum, root: Path) -> Path:
    """The course as authors write it, with the MkDocs configurations of the plugin."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    dump_yaml(curriculum.course, root / "course.yaml")
    for module in curriculum.modules:
        dump_yaml(module, root / "modules" / f"{module['id']}.yaml")
    for bank_id, bank in curriculum.banks.items():
        dump_yaml(bank, root / "quizzes" / f"{bank_id}.yaml")
    write_configs(root, curriculum.course["title"], ["curriculum"], None)
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
