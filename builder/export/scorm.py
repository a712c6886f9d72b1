"""SCORM packages: one zip per module and language, from the site's own pages and quiz script.

The zip holds the launch page (index.html, the one connection to the LMS), the module page
and its quiz pages as plain HTML, the quiz and SCORM scripts, and the files the pages show.
Inside an LMS, scorm.js reports the post-test; outside, the pages work as on the site.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace

import markdown

from ..load.problems import CurriculumError, Problem
from ..load.project import Project
from ..model.schema import Module
from ..render.assets import served
from ..render.site import GeneratedPage, SiteRenderer, finalize_html
from ..render.templates import environment, templates_dir
from .common import BankContext, Export

SCRIPTS = ("quiz.js", "scorm.js")
STYLES = (("assets", "quiz.css"), ("scorm", "package.css"))
PAGE_EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html", "toc"]
_MD_LINK = re.compile(r'href="([^"#]*?)\.md(#[^"]*)?"')
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def export_scorm(project: Project, module_id: str | None, languages: list[str],
                 version: str) -> Export:
    export = Export()
    for lang in languages:
        for module in chosen_modules(project, module_id):
            shown = _without_open_answers(project, module, lang, export)
            renderer = SiteRenderer(shown, lang, lms=True)
            export.files[f"{lang}/{module.id}.zip"] = package(shown, renderer, module, version)
    return export


def _without_open_answers(project: Project, module: Module, lang: str,
                          export: Export) -> Project:
    """The project as the package shows it: the post-test's bank without open questions.

    An open question is scored by the trainee ticking its checklist against the model
    answer, both in the browser: in an exam that counts, that shows the model answer
    before submission and lets the trainee grade themselves. The Moodle XML export keeps
    them as essays with grader information, which is where they belong (docs/lms.md).
    """
    post = module.assessment.post_test
    bank = project.banks[post.bank] if post is not None else None
    graded = [q for q in bank.questions if q.type == "open"] if bank is not None else []
    if bank is None or not graded:
        return project
    ctx = BankContext(project, bank, lang, export, "SCORM")
    for question in graded:
        ctx.warn(question, f"left out of the post-test of module '{module.id}': an open "
                 "answer needs a grader, and its model answer and checklist would show in "
                 "the trainee's browser", "deliver open questions through Moodle XML, "
                 "where they are essays with grader information")
    kept = [q for q in bank.questions if q.type != "open"]
    return replace(project, banks={**project.banks, bank.id: bank.model_copy(
        update={"questions": kept})})


def chosen_modules(project: Project, module_id: str | None) -> list[Module]:
    if module_id is None:
        return project.ordered_modules()
    if module_id not in project.modules:
        raise CurriculumError([Problem("--module", 0, 0, "", f"no module '{module_id}'",
                                       "see course.yaml's modules")])
    return [project.modules[module_id]]


def package(project: Project, renderer: SiteRenderer, module: Module, version: str) -> bytes:
    """The zip of one module: imsmanifest.xml at its root, every file it lists."""
    module = _exam(module)
    renderer.files = set()
    pages = [renderer.module_page(module), *renderer.quiz_pages(module)]
    names = {p.src_uri for p in pages}
    files: dict[str, bytes] = {}
    for page in pages:
        files[_html_name(page.src_uri)] = page_html(renderer, module, page, names, version)
    post = module.assessment.post_test
    files["index.html"] = environment().get_template("scorm/launch.html.j2").render(
        lang=renderer.t.lang, version=version, title=renderer.t(module.title),
        start=_html_name(pages[0].src_uri), posts=1 if post else 0).encode("utf-8")
    for name in SCRIPTS:
        files[f"assets/{name}"] = served(templates_dir() / "assets" / name)
    for folder, name in STYLES:
        files[f"assets/{name}"] = served(templates_dir() / folder / name)
    for path in sorted(renderer.files):
        files[path] = (project.root / path).read_bytes()
    pass_mark = post.pass_mark if post else None
    files["imsmanifest.xml"] = manifest(project, module, renderer.t(module.title), version,
                                        sorted(files), pass_mark, renderer.t.lang)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", files.pop("imsmanifest.xml"))
        for name, data in sorted(files.items()):
            archive.writestr(name, data)
    return buffer.getvalue()


def _exam(module: Module) -> Module:
    """The module as its package shows it: a post-test that counts offers no "show the
    right answer" button, whatever the site does."""
    post = module.assessment.post_test
    if post is None or not post.show_answers:
        return module
    assessment = module.assessment.model_copy(
        update={"post_test": post.model_copy(update={"show_answers": False})})
    return module.model_copy(update={"assessment": assessment})


def _html_name(src_uri: str) -> str:
    return src_uri[:-3] + ".html"


def page_html(renderer: SiteRenderer, module: Module, page: GeneratedPage, names: set[str],
              version: str) -> bytes:
    """A generated page as HTML: the site's Markdown rendered as MkDocs would, the quiz data
    embedded the same way; links to pages outside the package keep only their text."""
    body = markdown.markdown(page.markdown, extensions=PAGE_EXTENSIONS)
    folder = posixpath.dirname(page.src_uri)

    def link(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(folder, match[1] + ".md"))
        if target in names:
            return f'href="{posixpath.basename(match[1])}.html{match[2] or ""}"'
        return 'data-outside="true"'

    body = finalize_html(_MD_LINK.sub(link, body), page.scripts)
    body = re.sub(r'<a data-outside="true"[^>]*>(.*?)</a>', r"\1", body, flags=re.S)
    assets = posixpath.relpath("assets", folder) + "/"
    return environment().get_template("scorm/page.html.j2").render(
        lang=renderer.t.lang, version=version, title=page.title, body=body, assets=assets,
        home="index.html", module_title=renderer.t(module.title)).encode("utf-8")


# --- imsmanifest.xml -------------------------------------------------------------------------

CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
CP2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"


def manifest(project: Project, module: Module, title: str, version: str, files: list[str],
             pass_mark: int | None, lang: str) -> bytes:
    is2004 = version == "2004"
    cp, adlcp = (CP2004, ADLCP2004) if is2004 else (CP12, ADLCP12)
    ET.register_namespace("adlcp", adlcp)
    ET.register_namespace("xsi", _XSI)
    ET.register_namespace("imsss", IMSSS)
    locations = [(cp, "imscp_v1p1.xsd" if is2004 else "imscp_rootv1p1p2.xsd"),
                 (adlcp, "adlcp_v1p3.xsd" if is2004 else "adlcp_rootv1p2.xsd")]
    if is2004:
        locations.append((IMSSS, "imsss_v1p0.xsd"))
    root = ET.Element(f"{{{cp}}}manifest", {
        "identifier": f"cb-{project.course.id}-{module.id}-{lang}", "version": "1",
        f"{{{_XSI}}}schemaLocation": " ".join(f"{ns} {xsd}" for ns, xsd in locations)})
    metadata = ET.SubElement(root, f"{{{cp}}}metadata")
    ET.SubElement(metadata, f"{{{cp}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{cp}}}schemaversion").text = (
        "2004 4th Edition" if is2004 else "1.2")
    organizations = ET.SubElement(root, f"{{{cp}}}organizations", default="ORG")
    organization = ET.SubElement(organizations, f"{{{cp}}}organization", identifier="ORG")
    ET.SubElement(organization, f"{{{cp}}}title").text = title
    item = ET.SubElement(organization, f"{{{cp}}}item", identifier="ITEM",
                         identifierref="RES")
    ET.SubElement(item, f"{{{cp}}}title").text = title
    if pass_mark is not None and not is2004:
        ET.SubElement(item, f"{{{adlcp}}}masteryscore").text = str(pass_mark)
    if pass_mark is not None and is2004:
        sequencing = ET.SubElement(item, f"{{{IMSSS}}}sequencing")
        objectives = ET.SubElement(sequencing, f"{{{IMSSS}}}objectives")
        primary = ET.SubElement(objectives, f"{{{IMSSS}}}primaryObjective",
                                objectiveID="post-test", satisfiedByMeasure="true")
        ET.SubElement(primary, f"{{{IMSSS}}}minNormalizedMeasure").text = f"{pass_mark / 100:g}"
    resources = ET.SubElement(root, f"{{{cp}}}resources")
    resource = ET.SubElement(resources, f"{{{cp}}}resource", {
        "identifier": "RES", "type": "webcontent", "href": "index.html",
        f"{{{adlcp}}}{'scormType' if is2004 else 'scormtype'}": "sco"})
    for name in files:
        if name != "imsmanifest.xml":
            ET.SubElement(resource, f"{{{cp}}}file", href=name)
    ET.indent(root)
    ET.register_namespace("", cp)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")
