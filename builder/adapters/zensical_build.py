"""Zensical: the same course, every language, built from a staging docs folder.

Zensical runs no MkDocs plugin, so the pages the plugin would hand MkDocs in memory are
written into a staging folder instead: each page rendered to HTML here, with the same
Markdown extensions, sanitised (render.sanitize) and given its quiz data, then wrapped as a
raw HTML block that Zensical passes through untouched. Zensical builds each language into
the staging folder; the finished sites replace the old ones at once, as with MkDocs.
What Zensical cannot do yet is said on stderr (see LIMITS).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import markdown
import yaml

from ..load.problems import CurriculumError, Problem
from ..load.project import Project, load_project
from ..load.site_folders import check_links_stay_inside
from ..load.yaml_source import MAX_FILE_BYTES
from ..output import Staging, check_replaceable, redirect_page, remove_stale
from ..render import glossary_terms
from ..render.assets import served
from ..render.design_pages import glossary_terms as design_glossary
from ..render.language_names import native_name
from ..render.site import GeneratedPage, SiteRenderer, finalize_html, navigation
from ..render.templates import find, templates_dir
from . import mkdocs_theme
from .mkdocs_build import _swap

ENGINE = "zensical"
ASSETS = ("quiz.js", "quiz.css", "site.css")
LIMITS = ("course pages come pre-rendered: the table of contents beside each page is empty",
          "module pages do not link their handout PDFs (`curriculum handouts` builds them)",
          "the package's theme overrides are not applied: no accessible name on the search "
          "dialog, the language switcher opens the other language's home page, and the "
          "academy's name is not shown beside its logo")
CDN_SHIM = re.compile(r'<script src="https://unpkg\.com/iframe-worker/shim"[^>]*></script>')
_MD_LINK = re.compile(r'(href|src)="(?![a-z][a-z0-9+.-]*:|/|#)([^"#?]*?)(index)?\.md([#?][^"]*)?"')


def available() -> bool:
    return importlib.util.find_spec(ENGINE) is not None


def _not_installed() -> CurriculumError:
    return CurriculumError([Problem("<command line>", 0, 0, "--engine",
                                    "Zensical is not installed",
                                    "pip install zensical (or: pip install "
                                    "'curriculum-builder[engines]'); nothing was written")])


def _user_settings(config_file: Path) -> dict:
    """What of mkdocs.yml Zensical is given: the site's folder and theme look."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Lenient) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    keep = {k: v for k, v in theme.items() if k in ("features", "palette", "font", "icon")}
    return {"site_dir": data.get("site_dir", "site"), "theme": keep}


class _Lenient(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name tags; they are read as nothing."""


_Lenient.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_Lenient.add_multi_constructor("!", lambda *_: None)


def _page_html(page: GeneratedPage, terms: dict[str, str]) -> str:
    names = list(mkdocs_theme.EXTENSIONS)
    configs = {k: v for k, v in mkdocs_theme.EXTENSIONS.items() if v}
    configs[glossary_terms.NAME] = {"glossary": terms}
    html = markdown.markdown(page.markdown, extensions=names, extension_configs=configs)
    html = finalize_html(html, page.scripts)
    return _MD_LINK.sub(lambda m: f'{m[1]}="{m[2]}{m[3] or ""}{"index" if m[3] else ""}'
                        f'.html{m[4] or ""}"', html)


def _write_docs(project: Project, renderer: SiteRenderer, docs: Path) -> list[str]:
    """Every page and file of one language into docs/; the stylesheets to load."""
    terms = design_glossary(project, renderer.t)
    for page in renderer.pages():
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump({"title": page.title}, allow_unicode=True)
        target.write_text(f"---\n{front}---\n\n<div class=\"cb-page\">\n{_page_html(page, terms)}\n"
                          "</div>\n", encoding="utf-8")
    for name in sorted(renderer.files):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(project.root / name, docs / name)
    for name, text in renderer.assets.files.items():  # shared quiz data: banks, strings
        target = docs / mkdocs_theme.ASSET_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    served_assets = [f"{mkdocs_theme.ASSET_DIR}/{n}" for n in ASSETS]
    for name, uri in zip(ASSETS, served_assets, strict=True):
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_bytes(served(find(f"assets/{name}", project.root)))
    files = mkdocs_theme.own_assets(project.root)
    if project.course.academy and project.course.academy.logo:
        from ..render.site import academy_logo

        files[academy_logo(project) or ""] = project.root / project.course.academy.logo
    for uri, source in files.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, docs / uri)
    return [uri for uri in dict.fromkeys([*served_assets, *files]) if uri.endswith(".css")]


def _config(project: Project, renderer: SiteRenderer, css: list[str], user: dict) -> dict:
    lang = renderer.t.lang
    academy = project.course.academy
    theme = {"name": "material", "language": lang, "custom_dir": "overrides", **user["theme"]}
    if academy and academy.logo:
        from ..render.site import academy_logo

        theme["logo"] = academy_logo(project)
    config = {"site_name": renderer.t(project.course.title), "docs_dir": "docs",
              "site_dir": "site", "use_directory_urls": False, "theme": theme,
              "nav": navigation(project, renderer.t), "extra_css": css,
              "extra_javascript": [f"{mkdocs_theme.ASSET_DIR}/quiz.js"],
              "markdown_extensions": [{k: v} if v else k for k, v in _plain_extensions()],
              "plugins": ["search", "offline"]}
    languages = project.course.languages
    if len(languages) > 1:
        config["extra"] = {"alternate": [{"name": native_name(c, project.root), "lang": c,
                                          "link": f"../{c}/index.html"} for c in languages]}
    return config


def _plain_extensions() -> list[tuple[str, dict]]:
    """The page extensions, as YAML can hold them (the slug function is Zensical's own)."""
    return [(mkdocs_theme.ABBR if k == glossary_terms.NAME else k,
             {"permalink": True} if k == "toc" else {}) for k in mkdocs_theme.EXTENSIONS]


def _build_language(project: Project, lang: str, work: Path, out: Path, user: dict) -> None:
    renderer = SiteRenderer(project, lang, directory_urls=False,
                            asset_dir=mkdocs_theme.ASSET_DIR)
    docs = work / "docs"
    docs.mkdir(parents=True)
    css = _write_docs(project, renderer, docs)
    # Material's missing languages (kk, ky, tg) from the package's overrides; the other
    # overrides are written for MkDocs' Material templates, not Zensical's.
    shutil.copytree(templates_dir() / "overrides" / "partials" / "languages",
                    work / "overrides" / "partials" / "languages")
    config = work / "mkdocs.yml"
    config.write_text(json.dumps(_config(project, renderer, css, user), ensure_ascii=False),
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", ENGINE, "build", "-f", str(config)],
                            cwd=work, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (work / "site" / "index.html").is_file():
        text = " ".join((result.stderr or result.stdout).split())[-600:]
        raise CurriculumError([Problem("<zensical>", 0, 0, "", f"Zensical build failed "
                                       f"({lang}): {text or 'no site written'}",
                                       "the old site was kept")])
    _local_shim(work / "site")
    (work / "site").rename(out / lang)


def _local_shim(site: Path) -> None:
    """The offline plugin's search shim from the site itself, never from a CDN."""
    from .mkdocs_plugin import SHIM

    uri = f"{mkdocs_theme.ASSET_DIR}/{SHIM.name}"
    if SHIM.exists():
        (site / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SHIM, site / uri)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if CDN_SHIM.search(text):
            up = "../" * (len(page.relative_to(site).parts) - 1)
            local = f'<script src="{up}{uri}"></script>' if SHIM.exists() else ""
            page.write_text(CDN_SHIM.sub(local, text), encoding="utf-8")


def build_sites(project_dir: Path, config_file: Path, site_dir: Path | None = None, *,
                max_bytes: int = MAX_FILE_BYTES,
                on_warning: Callable[[Problem], None] | None = None) -> Path:
    """Every language through Zensical into a staging folder, swapped in for the old site."""
    if not available():
        raise _not_installed()
    project = load_project(project_dir, max_bytes=max_bytes)
    user = _user_settings(config_file)
    configured = project_dir / user["site_dir"]
    languages = project.course.languages
    out = (site_dir if site_dir is not None else configured.parent
           if configured.name in languages else configured).resolve()
    check_replaceable(out, project_dir, field="site_dir", source=str(config_file),
                      protected=[])
    check_links_stay_inside(project.root)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    staging = Staging(out)
    try:
        with tempfile.TemporaryDirectory(prefix=".zensical-", dir=out.parent) as work:
            for lang in languages:
                _build_language(project, lang, Path(work) / lang, staging.path, user)
        default = project.course.default_language
        (staging.path / "index.html").write_text(redirect_page(default), encoding="utf-8")
        for limit in LIMITS:
            if on_warning is not None:
                on_warning(Problem("<zensical>", 0, 0, "", f"Zensical: {limit}", "",
                                   severity="warning"))
        _swap(staging.path, out)
    finally:
        staging.close()
        shutil.rmtree(staging.path, ignore_errors=True)
    return out
