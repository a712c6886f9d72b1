"""The glossary's tooltips (render.glossary_terms): the same markup as when every page carried
the terms as abbreviation definitions, and nothing on pages that use no term."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
from lxml import html as lxml_html

from builder.adapters import mkdocs_theme
from builder.load.project import Project
from builder.render import glossary_terms
from builder.render.design_pages import glossary_terms as terms_of
from builder.render.site import SiteRenderer

from .conftest import DATA

GOLDEN = json.loads((DATA / "glossary" / "tooltips-main.json").read_text(encoding="utf-8"))


def tooltips(page: Path) -> list[list]:
    """Each <abbr> of a page in document order: its text, its title, its parent's tag."""
    tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    return [[el.text_content(), el.get("title"), el.get("tabindex"), el.getparent().tag]
            for el in tree.iter("abbr")]


def golden(uri: str) -> list[list]:
    return [[text, GOLDEN["titles"][title], "0", parent]
            for text, title, parent in GOLDEN["pages"][uri]]


def test_every_page_has_the_tooltips_it_had(sample_sites: Path) -> None:
    """Captured from main's build before the change: per page, in both languages, the
    same terms marked, with the same titles, in the same places; none elsewhere."""
    built = {p.relative_to(sample_sites).as_posix(): p for lang in ("en", "ru")
             for p in (sample_sites / lang).rglob("*.html")}
    assert sorted(built) == sorted(GOLDEN["pages"])
    for uri, page in built.items():
        assert tooltips(page) == golden(uri), uri
    used = [uri for uri, found in GOLDEN["pages"].items() if found]
    assert any(u.startswith("en/") for u in used) and any(u.startswith("ru/") for u in used)
    assert any(a[0] == "центральный орган" for u in used for a in GOLDEN["pages"][u])


def test_pages_without_terms_carry_no_definitions(sample_sites: Path,
                                                   sample_project: Project) -> None:
    """No page's Markdown holds abbreviation definitions; a page that uses no term has no
    <abbr> (the glossary page, which lists every term, shows none either)."""
    for lang in sample_project.course.languages:
        for page in SiteRenderer(sample_project, lang).pages():
            assert "*[" not in page.markdown, page.src_uri
    empty = [uri for uri, found in GOLDEN["pages"].items() if not found]
    assert "en/glossary.html" in empty and "ru/glossary.html" in empty
    for uri in empty:
        assert "<abbr" not in (sample_sites / uri).read_text(encoding="utf-8"), uri


def _extensions() -> list[str]:
    return [n for n in mkdocs_theme.EXTENSIONS if n != glossary_terms.NAME]


def _configs() -> dict:
    return {k: v for k, v in mkdocs_theme.EXTENSIONS.items() if v}


def as_before(text: str, terms: dict[str, str]) -> str:
    """A page as it was rendered before: the terms appended as definitions, abbr's own."""
    definitions = "\n".join(f"*[{form}]: {title}" for form, title in terms.items())
    return markdown.markdown(f"{text}\n\n{definitions}\n", extensions=[*_extensions(), "abbr"],
                             extension_configs=_configs())


def as_now(text: str, terms: dict[str, str]) -> str:
    return markdown.markdown(text, extensions=[*_extensions(), glossary_terms.NAME],
                             extension_configs={**_configs(),
                                                glossary_terms.NAME: {"glossary": terms}})


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_same_html_as_abbr_with_definitions(sample_project: Project, lang: str) -> None:
    """Every page of the sample course, whole: the HTML is the one abbr gave the page with
    the definitions appended (the glossary page excepted, which had none)."""
    renderer = SiteRenderer(sample_project, lang)
    terms = terms_of(sample_project, renderer.t)
    assert len(terms) >= 40
    for page in renderer.pages():
        if page.src_uri == "glossary.md":
            continue
        assert as_now(page.markdown, terms) == as_before(page.markdown, terms), page.src_uri


def test_author_definitions_and_cyrillic_boundaries() -> None:
    """An author's own abbreviation still works beside the glossary; a term inside a longer
    word (Cyrillic too) is not marked; the capitalised form is; code is left alone."""
    terms = {"выдача": "Передача лица", "Выдача": "Передача лица", "MLA": "Help"}
    text = ("Выдача и выдачами; выдача `выдача`.\n\n*[UNTOC]: the Palermo Convention\n\n"
            "UNTOC, MLA, MLAs.")
    html = as_now(text, terms)
    assert html == as_before(text, terms)
    assert html.count('<abbr title="Передача лица">') == 2
    assert '<abbr title="the Palermo Convention">UNTOC</abbr>' in html
    assert "MLAs" in html and html.count("<abbr") == 4


def test_abbr_in_mkdocs_yml_gives_way(tmp_path: Path) -> None:
    """abbr listed in mkdocs.yml (with a glossary of its own) is replaced by glossary_terms,
    which keeps that glossary beside the course's."""
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n  - abbr:\n      glossary: {HTML: markup}\n",
        encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    mkdocs_theme.add_extensions(config)
    mkdocs_theme.set_glossary(config, {"MLA": "Help"})
    assert "abbr" not in config.markdown_extensions
    assert config.markdown_extensions.count(glossary_terms.NAME) == 1
    assert config.mdx_configs[glossary_terms.NAME] == {"glossary": {"HTML": "markup",
                                                                    "MLA": "Help"}}


def test_no_pass_over_a_page_without_terms() -> None:
    """The terms' pattern runs only over pages whose text holds one."""
    terms = {"central authority": "The body", "Central authority": "The body"}
    for text, runs in [("Nothing to mark here.", False), ("The central authority.", True)]:
        md = markdown.Markdown(extensions=[glossary_terms.NAME],
                               extension_configs={glossary_terms.NAME: {"glossary": terms}})
        md.convert(text)
        assert (md.treeprocessors["abbr"].RE is not None) is runs, text
