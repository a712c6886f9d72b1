"""The trainee site as Markdown pages: course home, modules, quizzes, banks, progress.

Nothing here knows MkDocs: any static-site generator that reads Markdown with
raw HTML blocks can take these pages. Trainer material is never passed to a
template of this module.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..load.project import Project
from ..load.references import resolve
from ..model.schema import Bank, Instrument, Module, QuizRef
from .assets import BANKS_DIR, STRINGS_DIR, QuizAssets
from .design_pages import (
    MAP_SLOT,
    alignment_markdown,
    curriculum_map,
    glossary_markdown,
)
from .links import Rebaser
from .localize import Localizer, ui_sources, ui_strings
from .quiz import bank_questions, quiz_data, quiz_settings
from .sanitize import clean
from .templates import project_environment, render, script_json


@dataclass
class GeneratedPage:
    """One page: its path in the docs tree, Markdown, and the JSON blobs it embeds."""

    src_uri: str
    markdown: str
    title: str
    scripts: dict[str, str] = field(default_factory=dict)
    fragments: dict[str, str] = field(default_factory=dict)
    """Builder-written HTML put in place of the page's slots after sanitising (the map)."""


@dataclass
class QuizPlan:
    """One quiz of a module: where its page lives and what it draws from."""

    key: str
    kind: str
    title: str
    file: str
    ref: QuizRef
    session: str | None = None
    description: str = ""
    in_lms: bool = False
    """Taken only in the academy's LMS (its bank is LMS-only): the site has no page for it."""
    heading: str = ""
    """The title as the text of an element, a fallback string with its `lang` (label)."""


def cell(text: str) -> str:
    """Text made safe for one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def localizer(project: Project, lang: str | None = None) -> Localizer:
    default = project.course.default_language
    lang = lang or default
    return Localizer(lang, default, strings=ui_strings("pages", lang, project.root),
                     root=project.root, sources=ui_sources("pages", lang, project.root))


def module_quizzes(project: Project, module: Module, t: Localizer, *,
                   lms: bool = False) -> list[QuizPlan]:
    """The quizzes of a module in study order: pre-test, session quizzes, post-test.

    On the site (`lms` false) a post-test drawn from an LMS-only bank is marked `in_lms`;
    inside an LMS package it is a page like the others.
    """
    plans: list[QuizPlan] = []
    if module.assessment.pre_test:
        plans.append(QuizPlan("pre-test", "pre", t.ui("pre_test"), "pre-test.md",
                              module.assessment.pre_test, heading=t.label("pre_test")))
    for session in module.sessions:
        if session.quiz:
            plans.append(QuizPlan(f"quiz-{session.id}", "formative",
                                  t.ui("formative_quiz", title=t(session.title)),
                                  f"quiz-{session.id}.md", session.quiz, session.id,
                                  heading=t.label("formative_quiz",
                                                  title=t.inline(session.title))))
    if module.assessment.post_test:
        plans.append(QuizPlan("post-test", "post", t.ui("post_test"), "post-test.md",
                              module.assessment.post_test, heading=t.label("post_test")))
    for plan in plans:
        shown = plan.ref.model_copy(update={"attempts": None}) if lms and plan.kind == "post" \
            else plan.ref
        plan.description = _describe(project, shown, t)
        plan.in_lms = not lms and project.banks[plan.ref.bank].lms_only
    return plans


def site_quizzes(project: Project, module: Module, t: Localizer, *,
                 lms: bool = False) -> list[QuizPlan]:
    """The quizzes that have a page: all but those taken only in the LMS."""
    return [q for q in module_quizzes(project, module, t, lms=lms) if not q.in_lms]


def practice_banks(project: Project) -> list[str]:
    """Ids of the banks with a practice page: every bank that is not LMS-only."""
    return [b for b in sorted(project.banks) if not project.banks[b].lms_only]


def _describe(project: Project, ref: QuizRef, t: Localizer) -> str:
    size = len(project.banks[ref.bank].questions)
    parts = [t.label("draw_n", n=ref.draw) if ref.draw else t.label("all_questions", n=size)]
    if ref.pass_mark is not None:
        parts.append(t.label("pass_mark", n=ref.pass_mark))
    if ref.attempts:
        parts.append(t.label("attempts", n=ref.attempts))
    return ", ".join(parts)


ACADEMY_LOGO = "assets/curriculum/academy/logo"


def academy_logo(project: Project) -> str | None:
    """The site path of the academy's logo (course.yaml: academy.logo), if it has one."""
    academy = project.course.academy
    if academy is None or not academy.logo:
        return None
    return ACADEMY_LOGO + PurePosixPath(academy.logo).suffix.lower()


class SiteRenderer:
    """Renders every page of one language of the trainee site."""

    def __init__(self, project: Project, lang: str | None = None,
                 handouts: dict[str, str] | None = None, *, directory_urls: bool = False,
                 trainer_guides: dict[str, str] | None = None, programme: str | None = None,
                 asset_dir: str = "assets/curriculum", lms: bool = False):
        self.project = project
        self.lms = lms
        """Pages for a package inside an LMS: the LMS-only post-test is a page there."""
        self.directory_urls = directory_urls
        self.t = localizer(project, lang)
        self.env = project_environment(project.root)
        self.handouts = handouts or {}
        self.programme = programme
        """Link from the home page to the workshop timetable (PDF), when the site has it."""
        self.files: set[str] = set()
        """Project files that author text links to: the site must carry them."""
        self.trainer_guides = trainer_guides or {}
        self.assets = QuizAssets()
        self.bank_counts: dict[str, tuple[str, int, int]] = {}
        """A bank's asset, made once, and the texts it counted (found, missing)."""
        """Shared quiz data (banks, interface strings) the pages load by name."""
        self.asset_dir = asset_dir
        """Folder of the quiz script in the site; the shared quiz data goes below it."""

    def render(self, template: str, since: int | None = None, **context: Any) -> str:
        """Render a page template; note on the page when any text fell back to the default."""
        before = self.t.missing if since is None else since
        text = render(
            self.env, f"pages/{template}", t=self.t, ui=self.t.label, ui_plain=self.t.ui,
            cell=cell, course=self.project.course,
            tjoin=lambda values, sep: sep.join(self.t.inline(v) for v in values), **context)
        if self.t.missing > before:
            title, _, rest = text.partition("\n")
            note = self.partly_note()
            text = f"{title}\n\n{note}{rest}"
        return text

    def partly_note(self) -> str:
        """The warning atop a page with untranslated texts, as an admonition (raw HTML, so
        that its title can carry the `lang` of the string it shows)."""
        key, t = "not_translated", self.t
        lang = "" if t.ui_lang(key) == t.lang else f' lang="{t.ui_lang(key)}"'
        return (f'<div class="admonition warning">\n<p class="admonition-title"{lang}>'
                f'{t.ui(key)}</p>\n<p>{t.label("partly")}</p>\n</div>\n\n')

    def pages(self) -> list[GeneratedPage]:
        pages = [self.home()]
        for module in self.project.ordered_modules():
            pages.append(self.module_page(module))
            pages.extend(self.quiz_pages(module))
        pages.extend(self.bank_page(bank_id) for bank_id in practice_banks(self.project))
        pages.append(self.progress_page())
        if self.project.glossary:
            pages.append(GeneratedPage("glossary.md", glossary_markdown(self.project, self.t),
                                       self.t.ui("glossary")))
        pages.append(GeneratedPage("alignment.md", alignment_markdown(self.project, self.t),
                                   self.t.ui("alignment")))
        return pages

    def home(self) -> GeneratedPage:
        text = self.render("home.md.j2", modules=self.project.ordered_modules(),
                           programme=self.programme)
        text = self.rebaser("course.yaml", "index.md").markdown(text)
        svg = curriculum_map(self.project, self.t, self.directory_urls)
        return GeneratedPage("index.md", text, self.t(self.project.course.title),
                             fragments={MAP_SLOT: svg})

    def module_page(self, module: Module) -> GeneratedPage:
        prerequisites = [self.project.modules[p] for p in module.prerequisites]
        text = self.render("module.md.j2", module=module, prerequisites=prerequisites,
                           quizzes=module_quizzes(self.project, module, self.t, lms=self.lms),
                           lms=self.lms,
                           gain_strings=self.gain_strings(),
                           handout=self.handouts.get(module.id),
                           trainer_guide=self.trainer_guides.get(module.id),
                           instrument=lambda r: resolve(self.project.registry, r.instrument),
                           instruments_with_status=self.instruments_with_status)
        uri = f"modules/{module.id}/index.md"
        text = self.rebaser(f"modules/{module.id}.yaml", uri).markdown(text)
        return GeneratedPage(uri, text, self.t(module.title))

    def instruments_with_status(self, module: Module) -> list[Instrument]:
        """The registry's instruments a module cites that have status statements."""
        cited = [resolve(self.project.registry, r.instrument) for r in module.references]
        unique = {i.id: i for i in cited if i is not None}
        return [i for i in unique.values() if i.statuses]

    def rebaser(self, source_file: str, page_uri: str) -> Rebaser:
        return Rebaser(self.project.root, source_file, page_uri, self.files)

    def gain_strings(self) -> str:
        """The knowledge-gain sentence for the page's widget, safe in a quoted attribute."""
        strings = {"gain": self.t.table("quiz").get("gain", "")}
        return html.escape(json.dumps(strings, ensure_ascii=False), quote=True)

    def quiz_pages(self, module: Module) -> list[GeneratedPage]:
        return [self._quiz_page(module.id, plan.key, plan.kind, plan.title, plan.ref,
                                f"modules/{module.id}/{plan.file}",
                                f"{self.t.label('module')}: [{self.t(module.title)}](index.md)",
                                "index.md", plan.heading)
                for plan in site_quizzes(self.project, module, self.t, lms=self.lms)]

    def bank_page(self, bank_id: str) -> GeneratedPage:
        bank = self.project.banks[bank_id]
        intro = self.t(bank.description) or self.t.label("practice_intro")
        return self._quiz_page("", f"bank-{bank.id}", "practice", self.t(bank.title),
                               QuizRef(bank=bank.id, shuffle=False), f"banks/{bank.id}.md",
                               intro, None)

    def _quiz_page(self, module: str, key: str, kind: str, title: str, ref: QuizRef,
                   src_uri: str, intro: str, back: str | None,
                   heading: str = "") -> GeneratedPage:
        element_id = f"quiz-{key}" if not key.startswith("quiz-") else key
        since = self.t.missing
        bank = self.project.banks[ref.bank]
        if self.lms:  # an LMS package: each quiz carries its questions itself
            data = quiz_data(course=self.project.course.id, module=module, quiz=key,
                             kind=kind, title=title, bank=bank, ref=ref, t=self.t)
            data["questions"] = self.rebaser(f"quizzes/{ref.bank}.yaml", src_uri).html(
                data["questions"])
        else:
            data = quiz_settings(course=self.project.course.id, module=module, quiz=key,
                                 kind=kind, title=title, bank=bank, ref=ref, lang=self.t.lang)
            data["bank"] = bank.id
            data["bank_src"] = self.bank_asset(bank)
            data["strings_src"] = self.assets.add(STRINGS_DIR, "strings", self.t.lang,
                                                  self.t.script_table("quiz"))
        if self.lms and kind == "post":
            data["attempts"] = 1  # one post-test per attempt of the LMS, which counts them
        text = self.render("quiz.md.j2", since, title=heading or title, intro=intro,
                           element_id=element_id, back=back)
        return GeneratedPage(src_uri, text, title, {f"{element_id}-data": script_json(data)})

    def bank_asset(self, bank: Bank) -> str:
        """The bank's questions as one shared asset, its links made relative to the asset
        (the quiz script resolves them against the asset's address), made once. Each page
        still counts the bank's texts, translated or not (its "partly translated" note)."""
        if (made := self.bank_counts.get(bank.id)) is not None:
            name, found, missing = made
            self.t.found, self.t.missing = self.t.found + found, self.t.missing + missing
            return name
        found, missing = self.t.found, self.t.missing
        questions = bank_questions(bank, self.t)
        counted = (self.t.found - found, self.t.missing - missing)
        asset = f"{self.asset_dir}/{BANKS_DIR}/{bank.id}.js"
        rebased = self.rebaser(f"quizzes/{bank.id}.yaml", asset).html(questions)
        name = self.assets.add(BANKS_DIR, "bank", bank.id, {"id": bank.id, "questions": rebased})
        self.bank_counts[bank.id] = (name, *counted)
        return name

    def url(self, src_uri: str) -> str:
        """Link from the progress page (at the site root) to the page of `src_uri`."""
        stem = src_uri[:-3]
        if not self.directory_urls:
            return stem + ".html"
        stem = stem[: -len("index")] if stem.endswith("index") else stem + "/"
        return "../" + stem

    def progress_page(self) -> GeneratedPage:
        modules, in_lms = [], []
        for module in self.project.ordered_modules():
            plans = module_quizzes(self.project, module, self.t)
            in_lms += [self.t(module.title) for q in plans if q.in_lms]
            quizzes = [{"quiz": q.key, "kind": q.kind, "title": q.title,
                        "pass_mark": q.ref.pass_mark,
                        "url": self.url(f"modules/{module.id}/{q.file}")}
                       for q in plans if not q.in_lms]
            modules.append({"id": module.id, "title": self.t(module.title),
                            "url": self.url(f"modules/{module.id}/index.md"),
                            "quizzes": quizzes})
        data = {"schema": 1, "course": self.project.course.id,
                "title": self.t(self.project.course.title), "lang": self.t.lang,
                "modules": modules, "lms_posts": len(in_lms),
                "strings": self.t.script_table("quiz")}
        academy = self.project.course.academy
        if academy is not None:  # on the certificate
            logo = academy_logo(self.project)
            data["academy"] = {"name": self.t(academy.name), "logo": logo and (
                ("../" if self.directory_urls else "") + logo)}
        text = self.render("progress.md.j2", in_lms=in_lms)
        return GeneratedPage("progress.md", text, self.t.ui("progress"),
                             {"cb-progress-data": script_json(data)})


def finalize_html(html: str, scripts: dict[str, str],
                  fragments: dict[str, str] | None = None) -> str:
    """Sanitised page HTML plus its JSON blobs, which no author text can break out of,
    and the builder's own fragments (the map's SVG) in their slots."""
    html = clean(html)
    for slot, fragment in (fragments or {}).items():
        html = html.replace(slot, fragment, 1)
    # The glossary's tooltips open on focus too, not only under a mouse.
    html = html.replace("<abbr title=", '<abbr tabindex="0" title=')
    for element_id, payload in scripts.items():
        html += f'\n<script type="application/json" id="{element_id}">{payload}</script>'
    return html


def _module_entries(project: Project, module: Module, t: Localizer) -> list[Any]:
    """A module's nav section: its page, its quiz pages, the practice page of each bank."""
    plans = site_quizzes(project, module, t)
    entries: list[Any] = [f"modules/{module.id}/index.md"]
    entries += [{q.title: f"modules/{module.id}/{q.file}"} for q in plans]
    for bank_id in dict.fromkeys(q.ref.bank for q in plans):
        if project.banks[bank_id].lms_only:
            continue
        entries.append({t(project.banks[bank_id].title): f"banks/{bank_id}.md"})
    return entries


def navigation(project: Project, t: Localizer) -> list[Any]:
    """The site's nav in MkDocs' list-of-dicts form: the study order of every page.

    It orders the pages (previous and next links, breadcrumbs); what each page shows
    is `page_navigation`, whose size does not grow with the course.
    """
    modules = [{t(m.title): _module_entries(project, m, t)} for m in project.ordered_modules()]
    listed = {q.ref.bank for m in project.ordered_modules() for q in site_quizzes(project, m, t)}
    banks = [{t(project.banks[b].title): f"banks/{b}.md"} for b in practice_banks(project)
             if b not in listed]
    nav: list[Any] = [{t.ui("home"): "index.md"}, {t.ui("modules"): modules}]
    if banks:
        nav.append({t.ui("question_banks"): banks})
    return [*nav, *_course_pages(project, t)]


def _course_pages(project: Project, t: Localizer) -> list[Any]:
    """The pages about the whole course, last in every nav."""
    return [{t.ui("progress"): "progress.md"},
            *([{t.ui("glossary"): "glossary.md"}] if project.glossary else []),
            {t.ui("alignment"): "alignment.md"}]


NEIGHBOURS = 1
"""Modules listed before and after the current one in a page's nav."""


def page_modules(project: Project, t: Localizer) -> dict[str, int]:
    """For each page that belongs to a module, the module's position in the course: its
    page, its quiz pages, and the practice page of a bank it draws from (the first such
    module's). The home and progress pages belong to none."""
    owners: dict[str, int] = {}
    for k, module in enumerate(project.ordered_modules()):
        for entry in _module_entries(project, module, t):
            uri = entry if isinstance(entry, str) else next(iter(entry.values()))
            owners.setdefault(uri, k)
    return owners


def page_navigation(project: Project, t: Localizer, src_uri: str,
                    owners: dict[str, int]) -> list[Any]:
    """The nav one page shows, in `navigation`'s form, of a size that does not grow with
    the course: the course home (the catalogue of every module, with a filter), the
    modules just before and after the page's own, the page's module with its quiz and
    practice pages, and the progress page. `owners` is page_modules' answer."""
    modules = project.ordered_modules()
    current = owners.get(src_uri)
    nav: list[Any] = [{t.ui("home"): "index.md"}]
    if current is not None:
        for k in range(max(0, current - NEIGHBOURS), min(len(modules), current + NEIGHBOURS + 1)):
            module = modules[k]
            entry = (_module_entries(project, module, t) if k == current
                     else f"modules/{module.id}/index.md")
            nav.append({t(module.title): entry})
    elif src_uri.startswith("banks/"):
        nav.append({t(project.banks[src_uri[6:-3]].title): src_uri})
    return [*nav, *_course_pages(project, t)]
