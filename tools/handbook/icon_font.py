"""The site's icon font, cut down to the icons its pages draw.

pydata-sphinx-theme draws its icons (menu, search, theme switch, admonition marks …) from Font
Awesome's solid web font, 115 KB that a phone fetches at the highest priority before it has
drawn any icon. After an HTML build the font in the output is replaced by a subset (fontTools,
woff2) holding only:

* the icons named by an ``fa-…`` class in a page of the output, or in a script that writes such
  classes (the theme's and the handbook's);
* every icon the theme's stylesheet draws itself (its ``--pst-icon-…`` properties and
  ``content:`` values: admonitions, external links, …), whether a page uses it today or not.

Names map to code points through the theme's own stylesheet (``.fa-bars{--fa:"\\f0c9"}``), read
with tinycss2. The subset is cut from the theme's original font each time, so an incremental
build that adds an icon gets it back. Both steps are pure (the same stylesheet, font and icons give
the same bytes), so their results are kept in the user's cache (:mod:`handbook.user_cache`, keyed
by those inputs and this module's source): a build after the first only reads its pages.
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handbook.site_assets import is_site
from handbook.user_cache import remembered

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FONT = Path("vendor", "fontawesome", "webfonts", "fa-solid-900.woff2")
THEME_CSS = Path("styles", "pydata-sphinx-theme.css")
#: Scripts that add icons to a page after it loads (the theme's close buttons …).
SCRIPTS = (Path("scripts", "pydata-sphinx-theme.js"), Path("handbook-site.js"),
           Path("claims.js"))
#: Font Awesome's icons live in Unicode's private use area.
PRIVATE_USE = range(0xE000, 0xF900)
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
#: What the cached results depend on besides their inputs: this module's code.
SOURCE = Path(__file__).read_bytes()


def _rules(nodes: Iterable[Any]) -> Iterator[Any]:
    """Every qualified rule of a parsed stylesheet, those inside ``@media`` … included."""
    import tinycss2

    for node in nodes:
        if node.type == "qualified-rule":
            yield node
        elif node.type == "at-rule" and node.content is not None:
            yield from _rules(tinycss2.parse_blocks_contents(
                node.content, skip_comments=True, skip_whitespace=True))


def _strings(tokens: Iterable[Any]) -> Iterator[str]:
    for token in tokens:
        if token.type == "string":
            yield token.value
        elif getattr(token, "content", None) is not None:  # function, () [] {} blocks
            yield from _strings(token.content if token.type != "function" else token.arguments)


def theme_icons(css: str) -> tuple[dict[str, set[int]], set[int]]:
    """From the theme's stylesheet: each ``fa-`` class name's code points, and the icon code
    points the stylesheet draws itself."""
    import tinycss2

    names: dict[str, set[int]] = {}
    drawn: set[int] = set()
    sheet = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for rule in _rules(sheet):
        selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
        for decl in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                   skip_whitespace=True):
            if decl.type != "declaration":
                continue
            points = {ord(c) for text in _strings(decl.value) for c in text}
            if decl.lower_name == "--fa":
                for selector in selectors:
                    if selector.startswith(".") and ICON_CLASS.fullmatch(selector[1:]):
                        names.setdefault(selector[1:], set()).update(points)
            else:
                drawn.update(p for p in points if p in PRIVATE_USE)
    return names, drawn


class _Classes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "class" and value:
                self.found.update(c for c in value.split() if c.startswith("fa-"))


def used_classes(outdir: Path, static: Path) -> set[str]:
    """The ``fa-`` classes of every page in *outdir* and of the scripts that add icons."""
    parser = _Classes()
    for page in sorted(outdir.rglob("*.html")):
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    for script in SCRIPTS:
        if (static / script).is_file():
            parser.found.update(ICON_CLASS.findall((static / script).read_text("utf-8")))
    return parser.found


def remembered_theme_icons(css: bytes) -> tuple[dict[str, set[int]], set[int]]:
    """:func:`theme_icons` of the stylesheet *css*, from the user's cache when it has them."""

    def compute() -> bytes:
        names, drawn = theme_icons(css.decode("utf-8"))
        return json.dumps({"names": {k: sorted(v) for k, v in sorted(names.items())},
                           "drawn": sorted(drawn)}).encode()

    data = json.loads(remembered("icon-names", (SOURCE, css), compute, valid=_is_json))
    return {k: set(v) for k, v in data["names"].items()}, set(data["drawn"])


def _is_json(data: bytes) -> bool:
    try:
        return isinstance(json.loads(data), dict)
    except ValueError:
        return False


def remembered_subset(original: bytes, codepoints: set[int]) -> bytes:
    """:func:`subset_font`, from the user's cache when it has the same font and icons."""
    from fontTools import version

    wanted = ",".join(map(str, sorted(codepoints))).encode()
    return remembered("icon-font", (SOURCE, version.encode(), original, wanted),
                      lambda: subset_font(original, codepoints),
                      valid=lambda data: data.startswith(b"wOF2"))


def subset_font(original: bytes, codepoints: set[int]) -> bytes:
    """*original* (a woff2 font) with only the glyphs of *codepoints*, as woff2."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = []  # icons are drawn one code point each, no ligatures
    font = TTFont(io.BytesIO(original), recalcTimestamp=False)  # same bytes every build
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    quiet = logging.getLogger("fontTools")
    level, quiet.level = quiet.level, logging.WARNING  # its per-table progress, not the build's
    try:
        subsetter.subset(font)
    finally:
        quiet.level = level
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def theme_font(app: Sphinx) -> Path | None:
    """The theme's own (full) icon font, from the first theme directory that has it."""
    for directory in app.builder.theme.get_theme_dirs():  # type: ignore[attr-defined]
        candidate = Path(directory, "static", FONT)
        if candidate.is_file():
            return candidate
    return None


def cut_icon_font(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the output's icon font replaced by the subset its pages use."""
    if exception is not None or not is_site(app):
        return
    static = Path(app.outdir, "_static")
    target, css = static / FONT, static / THEME_CSS
    original = theme_font(app)
    if original is None or not target.is_file() or not css.is_file():
        return
    names, drawn = remembered_theme_icons(css.read_bytes())
    wanted = set(drawn)
    for name in used_classes(Path(app.outdir), static):
        wanted |= names.get(name, set())
    data = remembered_subset(original.read_bytes(), wanted)
    if target.read_bytes() != data:
        target.write_bytes(data)


def setup(app: Sphinx) -> dict[str, Any]:
    # after the theme's build-finished handlers, before the .gz twins (handbook.site_assets)
    app.connect("build-finished", cut_icon_font, priority=850)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
