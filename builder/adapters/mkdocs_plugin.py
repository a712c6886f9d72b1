"""The MkDocs plugin: a thin adapter that hands the core's pages to MkDocs in memory.

One job per hook: load in on_config, add pages in on_files, sanitise and embed
quiz data in on_page_content, watch the sources in on_serve.
"""

from __future__ import annotations

import logging
from pathlib import Path

import markupsafe
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..load.problems import CurriculumError
from ..load.project import Project, load_project
from ..load.site_folders import check_links_stay_inside
from ..load.yaml_source import MAX_FILE_BYTES
from ..render.assets import served
from ..render.design_pages import glossary_terms
from ..render.site import (
    GeneratedPage,
    SiteRenderer,
    finalize_html,
    navigation,
    page_modules,
    page_navigation,
)
from ..render.templates import COMPILED, find, templates_dir
from . import mkdocs_memo, mkdocs_theme

log = logging.getLogger("mkdocs.plugins.curriculum")
ASSETS = ("quiz.js", "catalogue.js", "quiz.css", "site.css")
ASSET_DIR = mkdocs_theme.ASSET_DIR
SHIM = templates_dir() / "vendor" / "iframe-worker-shim.js"
LINEAR_LINKS = "builder.render.linear_links"


class CurriculumConfig(Config):
    project_dir = c.Optional(c.Dir(exists=True))
    """Folder holding course.yaml, modules/ and quizzes/; default: beside mkdocs.yml."""
    language = c.Optional(c.Type(str))
    """Language of this site; default: the course's default language."""
    set_nav = c.Type(bool, default=True)
    """Build the navigation from the course unless mkdocs.yml has a nav."""
    course_site_name = c.Type(bool, default=True)
    """Name the site after the course title, in the site's language."""
    max_file_bytes = c.Type(int, default=MAX_FILE_BYTES)
    """Refuse any YAML file of the course larger than this many bytes."""
    handouts = c.Type(bool, default=False)
    """Put each module's trainee handout (PDF) in the site and link it from the module page."""
    handouts_dir = c.Type(str, default="handouts")
    """Cache of the handout PDFs, relative to mkdocs.yml: the `curriculum handouts` folder."""


class CurriculumPlugin(BasePlugin[CurriculumConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.project: Project | None = None
        self.pages: dict[str, GeneratedPage] = {}
        self.linked_files: list[str] = []
        self.look: dict[str, Path] = {}
        """The academy's logo and the project's own assets, by their path in the site."""
        self.preloaded: Project | None = None
        """A project the caller loaded already (`curriculum build`): not loaded twice."""
        self.renderer: SiteRenderer | None = None
        self.owners: dict[str, int] | None = None
        """Set when the plugin made the nav: which module each page belongs to."""
        self.files: Files | None = None
        self.cached_handouts = False
        """Put in the PDFs the cache holds, current or not, if it holds all: `curriculum
        serve` remakes the stale ones after publishing the pages."""
        self.memo: mkdocs_memo.PageMemo | None = None
        """`curriculum serve`: what the last build of this language made (its pages in
        `previous_site`); the pages made from the same inputs are kept, not rendered."""
        self.previous_site: Path | None = None
        self.made: mkdocs_memo.PageMemo | None = None
        """What this build made, for the next one (set when `memo` is)."""
        self.page_files: dict[str, mkdocs_memo.PageFile] = {}

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(self.config.project_dir or Path(config.config_file_path).parent)

    def _load_course(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.project = self.preloaded or load_project(self._root(config),
                                                          max_bytes=self.config.max_file_bytes)
            if self.preloaded is None:  # `mkdocs build` itself: `curriculum build` checked
                check_links_stay_inside(self.project.root,
                                        *mkdocs_theme.copied_folders(config))
        except CurriculumError as exc:
            for problem in exc.problems:
                log.error(str(problem), extra={"problem": problem})
            raise Abort(f"curriculum: {len(exc.problems)} problem(s) in the course "
                        "sources") from None
        for warning in self.project.warnings:
            log.warning(str(warning), extra={"problem": warning})
        for review in self.project.reviews:  # a date passing must not fail a strict build
            log.info(f"review: {review}")
        renderer = SiteRenderer(self.project, self.config.language,
                                 directory_urls=config.use_directory_urls, asset_dir=ASSET_DIR,
                                 **self._handout_links())
        self.pages = {p.src_uri: p for p in renderer.pages()}
        self.renderer = renderer
        self.linked_files = sorted(renderer.files)
        t = renderer.t
        if t.lang != t.default:
            total = t.found + t.missing
            log.info(f"curriculum: {t.lang}: {t.found} of {total} texts translated "
                     f"({100 * t.found // max(total, 1)}%); see `curriculum translations`")
        if self.config.course_site_name:
            # The theme prints site_name as HTML, in attributes too (Material's
            # aria-label="{{ config.site_name }}"): the plain-text title goes in escaped, as
            # Markup, so that `| e` in the theme does not escape it twice.
            config.site_name = markupsafe.escape(renderer.t(self.project.course.title))
        self.owners = None
        if self.config.set_nav and not config.nav:
            config.nav = navigation(self.project, renderer.t)
            self.owners = page_modules(self.project, renderer.t)
        mkdocs_theme.set_glossary(config, glossary_terms(self.project, renderer.t))
        if LINEAR_LINKS not in config.markdown_extensions:  # author text renders in linear time
            config.markdown_extensions.append(LINEAR_LINKS)
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if f"{ASSET_DIR}/{name}" not in target:
                target.append(f"{ASSET_DIR}/{name}")
        academy = self.project.course.academy  # after the package's CSS, so that it wins
        self.look = mkdocs_theme.add_academy(config, self.project,
                                             renderer.t(academy.name) if academy else "")
        return config

    def _handout_links(self) -> dict[str, dict[str, str]]:
        if not self.config.handouts or self.project is None:
            return {}
        from ..handouts import site

        return {"handouts": site.links(self.project, "trainee"),
                "trainer_guides": site.links(self.project, "trainer"),
                "programme": site.PROGRAMME_PATH}

    def _handout_files(self, config: MkDocsConfig) -> list[File]:
        """The module PDFs, built into the cache (or found there unchanged) and added."""
        from ..handouts import site

        assert self.project is not None
        lang = self.config.language or self.project.course.default_language
        cache = Path(config.config_file_path).parent / self.config.handouts_dir

        def show(result, done: int, total: int) -> None:
            state = "unchanged" if result.skipped else f"{result.pages} pages"
            log.info(f"curriculum: handout {done}/{total} {result.path.name}: {state}")

        built = site.cached_files(self.project, lang, cache) if self.cached_handouts else None
        if built is None:
            built = site.site_files(self.project, lang, cache, show)
        return [File.generated(config, uri, abs_src_path=str(path))
                for uri, path in built.items()]

    @event_priority(-50)  # after the offline plugin, which adds a shim from a CDN
    def _local_polyfills(self, config: MkDocsConfig) -> None:
        """Serve Material's iframe-worker shim from the site itself, never from a CDN.

        The offline plugin loads it from unpkg.com so that search works from file://;
        trainees are often offline, and the site must make no outside request.
        `make setup` vendors the shim from the npm registry; without it, search from
        disk is off but nothing is fetched.
        """
        polyfills = config.extra.get("polyfills") or []
        kept = [p for p in polyfills if "iframe-worker" not in str(p)]
        if len(kept) != len(polyfills) and SHIM.exists():
            kept.append(f"{ASSET_DIR}/{SHIM.name}")
        config.extra["polyfills"] = kept

    @event_priority(100)  # before the search plugin, which reads the theme's language partials
    def _page_needs(self, config: MkDocsConfig) -> None:
        """Material, the theme overrides and the Markdown extensions the pages are made for."""
        mkdocs_theme.check_theme(config)
        added = mkdocs_theme.add_extensions(config)
        if added:
            log.debug(f"curriculum: added Markdown extensions {', '.join(added)}")
        mkdocs_theme.add_overrides(config, self._root(config))

    on_config = CombinedEvent(_page_needs, _load_course, _local_polyfills)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.page_files = {}
        for page in self.pages.values():
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            file = mkdocs_memo.PageFile.generated(config, page.src_uri, content=page.markdown)
            self.page_files[page.src_uri] = file
            files.append(file)
        if self.config.handouts:
            for file in self._handout_files(config):
                files.append(file)
        root = self._root(config)
        for name in self.linked_files:  # images and forms that author text links to
            if files.get_file_from_path(name) is None:
                files.append(File.generated(config, name, abs_src_path=str(root / name)))
        for name in ASSETS:  # the project's own site_templates/assets/<name> first
            source = find(f"assets/{name}", root)
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=served(source)))
        if self.renderer is not None:  # quiz data shared by the pages: banks, strings
            for name, text in self.renderer.assets.files.items():
                files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=text))
        for uri, path in self.look.items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        if f"{ASSET_DIR}/{SHIM.name}" in config.extra.get("polyfills", []):
            files.append(File.generated(config, f"{ASSET_DIR}/{SHIM.name}",
                                        abs_src_path=str(SHIM)))
        self.files = files
        if self.memo is not None:
            self._keep_unchanged(config, files)
        return files

    def _keep_unchanged(self, config: MkDocsConfig, files: Files) -> None:
        """Mark the pages made from the same inputs as in the last build as kept, their
        HTML linked from it (mkdocs_memo)."""
        assert self.memo is not None and self.project is not None and self.renderer is not None
        places = mkdocs_memo.places(config.nav)
        made = mkdocs_memo.PageMemo(mkdocs_memo.site_fingerprint(config, files,
                                                                 self.owners is None))
        for uri, page in self.pages.items():
            shown = (page_navigation(self.project, self.renderer.t, uri, self.owners)
                     if self.owners is not None else [])
            made.pages[uri] = mkdocs_memo.digest(
                page.markdown, page.scripts, page.fragments, page.title, places.get(uri),
                shown, [places.get(u) for u in mkdocs_memo.uris(shown)])
            file = self.page_files[uri]
            file.kept = (self.previous_site is not None and made.site == self.memo.site
                         and made.pages[uri] == self.memo.pages.get(uri)
                         and mkdocs_memo.link(file, self.previous_site,
                                              self.memo.written.get(uri)))
        self.made = made

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """The theme's templates compiled once a process, not once a build; a kept page
        read (not rendered): its neighbours' nav and footer show its title."""
        env.bytecode_cache = COMPILED
        for uri, file in self.page_files.items():
            if file.kept and file.page is not None and self.memo is not None:
                file.page.read_source(config)
                file.page.title = self.memo.titles.get(uri, file.page.title)
        return env

    @event_priority(50)  # before the search plugin writes the index, the offline one inlines it
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """What the next build keeps of this one's pages: their titles as rendered, their
        search entries (the kept pages', from the last build, put in their places)."""
        if self.made is None or self.memo is None or self.files is None:
            return
        self.made.titles = {f.src_uri: f.page.title for f in self.page_files.values()
                            if f.page is not None}
        self.made.written = {uri: written for uri, f in self.page_files.items()
                             if (written := mkdocs_memo.stamp(f.abs_dest_path)) is not None}
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        if index is None:
            return
        built = mkdocs_memo.search_entries(index.entries)
        ordered: list = []
        for file in self.files.documentation_pages():
            url = file.page.url if file.page is not None else file.url
            kept = isinstance(file, mkdocs_memo.PageFile) and file.kept
            entries = self.memo.search.get(url, []) if kept else built.get(url, [])
            self.made.search[url] = entries
            ordered += entries
        index.entries = ordered

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        """Each page shows its own small nav (render.site.page_navigation), not the whole
        course: Material renders the nav it is given into every page, whatever its
        features, so a course-wide nav makes every page, and the build, grow with N."""
        if self.owners is None or self.project is None or self.renderer is None:
            return context
        entries = page_navigation(self.project, self.renderer.t, page.file.src_uri,
                                  self.owners)
        items = self._nav_items(entries, page)
        context["nav"] = Navigation(items, [p for p in items if isinstance(p, Page)])
        return context

    def _nav_items(self, entries: list, page: Page) -> list:
        """MkDocs nav items for nav entries, made of the site's own Page objects."""
        assert self.files is not None
        items: list = []
        for entry in entries:
            title, value = (None, entry) if isinstance(entry, str) else next(iter(entry.items()))
            if isinstance(value, str):
                file = self.files.get_file_from_path(value)
                if file is not None and file.page is not None:
                    items.append(file.page)
                continue
            section = Section(title, self._nav_items(value, page))
            section.active = any(child is page or getattr(child, "active", False)
                                 for child in section.children)
            items.append(section)
        return items

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return html
        return finalize_html(html, generated.scripts, generated.fragments)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        root = self._root(config)
        for name in ("course.yaml", "modules", "quizzes"):
            if (root / name).exists():
                server.watch(str(root / name))
        server.watch(str(templates_dir()))
        return server
