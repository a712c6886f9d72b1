"""The curriculum map: modules, their prerequisites and durations, as inline SVG.

Drawn by the builder itself (no script, no CDN), so it shows offline, prints, and goes
into the course handout. Modules stand in columns by prerequisite depth, in teaching
order within a column; each box links to its module and carries a title and a
description for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..load.project import Project
from ..model.schema import Module
from ..render.localize import Localizer

BOX_W, BOX_H = 220, 84
GAP_X, GAP_Y, PAD = 70, 24, 12
FONT = 13
LINE_CHARS = 26  # about what fits in BOX_W at FONT px in a sans-serif face
MAX_LINES = 3
# Presentation attributes draw the map where no stylesheet reaches it (PDF handouts);
# the site's stylesheet overrides them with the theme's colours.
FONTS = "Roboto, DejaVu Sans, Noto Sans, sans-serif"


def depths(project: Project) -> dict[str, int]:
    """Each module's column: 0 without prerequisites, else one past its deepest one."""
    found: dict[str, int] = {}

    def depth(module_id: str, trail: tuple[str, ...] = ()) -> int:
        if module_id not in found:
            module = project.modules[module_id]
            before = [p for p in module.prerequisites if p in project.modules and p not in trail]
            found[module_id] = 1 + max((depth(p, (*trail, module_id)) for p in before),
                                       default=-1)
        return found[module_id]

    for module in project.ordered_modules():
        depth(module.id)
    return found


def wrap(text: str, width: int = LINE_CHARS, lines: int = MAX_LINES) -> list[str]:
    """Words in lines of at most `width` characters; the last line ends in … if cut."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word[: width - 1] + "…" if len(word) > width else word)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def render_map(project: Project, t: Localizer, href: Callable[[Module], str],
               duration: Callable[[Module], str] | None = None) -> str:
    """The map as an <svg> element; `href` gives each module's link from the page,
    `duration` its length as the page writes lengths (default: the site's way)."""
    length = duration or (lambda m: t.duration(m.duration))
    columns: dict[int, list[Module]] = {}
    column = depths(project)  # once: asked per module, it made the home page grow as N²
    for module in project.ordered_modules():
        columns.setdefault(column[module.id], []).append(module)
    place = {m.id: (PAD + c * (BOX_W + GAP_X), PAD + r * (BOX_H + GAP_Y))
             for c, mods in columns.items() for r, m in enumerate(mods)}
    width = PAD * 2 + len(columns) * BOX_W + (len(columns) - 1) * GAP_X
    height = PAD * 2 + max(len(m) for m in columns.values()) * (BOX_H + GAP_Y) - GAP_Y
    title, desc = t.ui("map_title"), _description(project, t, length)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="cb-map" role="group" '
             f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" '
             f'aria-labelledby="cb-map-title cb-map-desc">',
             f'<title id="cb-map-title">{escape(title)}</title>',
             f'<desc id="cb-map-desc">{escape(desc)}</desc>',
             '<defs><marker id="cb-map-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
             'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
             '<path d="M0,0 L10,5 L0,10 z" class="cb-map-head" fill="#666"/></marker></defs>']
    parts += [_arrow(place[p], place[m.id]) for m in project.ordered_modules()
              for p in m.prerequisites if p in place]
    parts += [_box(m, place[m.id], t, href(m), n, length(m))
              for n, m in enumerate(project.ordered_modules(), 1)]
    parts.append("</svg>")
    return "\n".join(parts)


def _description(project: Project, t: Localizer, length: Callable[[Module], str]) -> str:
    items = []
    for module in project.ordered_modules():
        before = [t(project.modules[p].title) for p in module.prerequisites
                  if p in project.modules]
        text = f"{t(module.title)} ({length(module)})"
        if before:
            text += f"; {t.ui('map_after')}: {', '.join(before)}"
        items.append(text)
    return ". ".join(items) + "."


def _arrow(start: tuple[int, int], end: tuple[int, int]) -> str:
    x1, y1 = start[0] + BOX_W, start[1] + BOX_H // 2
    x2, y2 = end[0], end[1] + BOX_H // 2
    mid = (x1 + x2) // 2
    return (f'<path class="cb-map-edge" d="M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}" '
            'fill="none" stroke="#666" stroke-width="1.5" marker-end="url(#cb-map-arrow)"/>')


def _box(module: Module, at: tuple[int, int], t: Localizer, link: str, number: int,
         duration: str) -> str:
    x, y = at
    title = t(module.title)
    lines = wrap(f"{number}. {title}")
    text = "".join(f'<tspan x="{x + 10}" dy="{0 if i == 0 else FONT + 3}">{escape(line)}'
                   "</tspan>" for i, line in enumerate(lines))
    lang = "" if t.is_translated(module.title) else f' lang="{t.default}"'
    return (f'<a href="{escape(link)}" class="cb-map-module" aria-label="{escape(title)}, '
            f'{escape(duration)}"><title>{escape(title)}</title>'
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="8" '
            'class="cb-map-box" fill="#fff" stroke="#3949ab" stroke-width="2"/>'
            f'<text x="{x + 10}" y="{y + 20}" font-size="{FONT}" class="cb-map-text" '
            f'fill="#111" font-family="{FONTS}"{lang}>'
            f'{text}</text>'
            f'<text x="{x + 10}" y="{y + BOX_H - 10}" font-size="{FONT - 1}" '
            f'class="cb-map-duration" fill="#444" font-family="{FONTS}">{escape(duration)}'
            '</text></a>')
