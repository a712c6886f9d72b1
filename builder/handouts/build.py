"""Build the PDF handouts of a project: plan, skip what is up to date, render the rest.

    handouts/<lang>/<module>.trainee.pdf     trainee handout of a module
    handouts/<lang>/<module>.trainer.pdf     trainer guide of a module
    handouts/<lang>/<module>.programme.pdf   timetable of a module
    handouts/<lang>/course.trainee.pdf       the same for the whole course
    handouts/<lang>/course.trainer.pdf
    handouts/<lang>/programme.pdf
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ..load.problems import CurriculumError, Problem
from ..load.project import Project, unknown_languages
from ..load.site_folders import check_links_stay_inside
from ..model.schema import Module
from .editions import EDITIONS, PROGRAMME, document
from .html import handouts_dir, render_html, stylesheet
from .manifest import Entry, Inputs, Manifest
from .pdf import PAPER_SIZES, RenderJob, RenderOutcome, render_pdf


@dataclass(frozen=True)
class HandoutResult:
    """One PDF of a run: where it is, its pages, the seconds it took, whether it was kept."""

    path: Path
    pages: int
    seconds: float
    skipped: bool


Progress = Callable[[HandoutResult, int, int], None]


@dataclass
class Plan:
    """One PDF to make: a language, an edition, a module or (None) the whole course."""

    name: str
    lang: str
    edition: str
    module: Module | None
    key: str = ""


COURSE_STEMS = ("course", "programme")
"""The stems of the course-wide PDFs (course.<edition>.pdf, programme.pdf)."""


def module_stem(module_id: str) -> str:
    """A module's file stem, never one of the course's: "programme" becomes
    "programme_module". No id holds "_", so no other module can take that name."""
    return f"{module_id}_module" if module_id in COURSE_STEMS else module_id


def file_name(lang: str, edition: str, module: Module | None) -> str:
    if module is None:
        return f"{lang}/programme.pdf" if edition == PROGRAMME else f"{lang}/course.{edition}.pdf"
    return f"{lang}/{module_stem(module.id)}.{edition}.pdf"


def plan(project: Project, languages: Iterable[str], editions: Iterable[str],
         module: str | None = None, whole_course: bool = True) -> list[Plan]:
    """Every PDF of the run, in a stable order; course-wide ones only without `module`."""
    modules = [project.modules[module]] if module else project.ordered_modules()
    scopes: list[Module | None] = [*modules]
    if whole_course and not module:
        scopes.insert(0, None)
    return [Plan(file_name(lang, edition, m), lang, edition, m)
            for lang in languages for m in scopes for edition in editions]


def _check(project: Project, languages: list[str], editions: list[str], paper: str,
           module: str | None) -> None:
    problems = unknown_languages(project, languages)
    if module is not None and module not in project.modules:
        problems.append(Problem("course.yaml", message=f"no module '{module}'",
                                hint=f"one of: {', '.join(project.course.modules)}"))
    problems += [Problem("handouts", message=f"unknown edition '{e}'",
                         hint=f"one of: {', '.join(EDITIONS)}") for e in editions
                 if e not in EDITIONS]
    if paper not in PAPER_SIZES:
        problems.append(Problem("handouts", message=f"unknown paper size '{paper}'",
                                hint=f"one of: {', '.join(PAPER_SIZES)}"))
    if not languages or not editions:
        problems.append(Problem("handouts", message="nothing to build",
                                hint="give at least one language and one edition"))
    if problems:
        raise CurriculumError(problems)


def _job(project: Project, item: Plan, out_dir: Path, paper: str) -> RenderJob:
    doc = document(project, item.lang, item.edition, item.module, paper)
    allowed = tuple(os.path.realpath(p) for p in (project.root, handouts_dir()))
    return RenderJob(render_html(project, doc), str(out_dir / item.name),
                     project.root.resolve().as_uri() + "/", str(stylesheet(project)),
                     paper, allowed)


def _executor(count: int, workers: int | None) -> Executor | None:
    workers = min(workers or os.cpu_count() or 1, count)
    if workers <= 1:
        return None
    import weasyprint  # noqa: F401  (loaded once here, shared by the forked workers)

    methods = multiprocessing.get_all_start_methods()
    # fork shares the parent's loaded WeasyPrint and fonts: no second start-up per worker.
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=die_with_parent, initargs=(os.getpid(),))


def die_with_parent(parent: int) -> None:
    """A worker ends when the build that started it ends, even by SIGKILL.

    Linux sends SIGKILL on the parent's death (PR_SET_PDEATHSIG); elsewhere, and as a
    second line, a thread watches the parent's pid.
    """
    try:
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _render_all(project: Project, todo: list[Plan], out_dir: Path, paper: str,
                workers: int | None) -> Iterator[tuple[Plan, RenderOutcome]]:
    executor = _executor(len(todo), workers)
    if executor is None:
        for item in todo:
            yield item, render_pdf(_job(project, item, out_dir, paper))
        return
    with executor:
        futures: dict[Future, Plan] = {}
        for item in todo:
            futures[executor.submit(render_pdf, _job(project, item, out_dir, paper))] = item
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BaseException:
            for future in futures:  # a failed PDF or Ctrl-C: do not wait for the rest
                future.cancel()
            raise


def build_handouts(project: Project, out_dir: Path, *, languages: Iterable[str] | None = None,
                   editions: Iterable[str] | None = None, paper: str = "a4",
                   module: str | None = None, progress: Progress | None = None,
                   workers: int | None = None, whole_course: bool = True,
                   ) -> list[HandoutResult]:
    """Make every PDF whose inputs changed since the last run in `out_dir`; keep the rest.

    `module` limits the run to one module's PDFs; `whole_course` False leaves out the
    course-wide ones. Returns one result per PDF of the run, in plan order, skipped
    ones included (with the page count of the kept file and 0 seconds).
    """
    languages = list(languages or project.course.languages)
    editions = list(editions or EDITIONS)
    _check(project, languages, editions, paper, module)
    check_links_stay_inside(project.root)  # its templates and stylesheet go into the PDFs
    out_dir = Path(out_dir)
    manifest = Manifest(out_dir)
    items = plan(project, languages, editions, module, whole_course)
    results: dict[str, HandoutResult] = {}

    def report(item: Plan, result: HandoutResult) -> None:
        results[item.name] = result
        if progress is not None:
            progress(result, len(results), len(items))

    todo: list[Plan] = []
    inputs = Inputs(project)
    for item in items:
        scope = [item.module] if item.module else project.ordered_modules()
        item.key = inputs.key(scope, lang=item.lang, edition=item.edition, paper=paper,
                              whole_course=item.module is None)
        entry = manifest.fresh(item.name, item.key)
        if entry is None:
            todo.append(item)
        else:
            report(item, HandoutResult(out_dir / item.name, entry.pages, 0.0, True))
    for item, outcome in _render_all(project, todo, out_dir, paper, workers):
        manifest.record(item.name, Entry(item.key, outcome.pages, outcome.size))
        report(item, HandoutResult(out_dir / item.name, outcome.pages, outcome.seconds, False))
    return [results[item.name] for item in items]
