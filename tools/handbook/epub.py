"""The e-book: the students' book, with navigation that works when the root is in ``docs/``.

* ``epub_exclude_files`` (``docs/conf.py``) keeps the ``handbook_print_exclude`` documents out of
  the EPUB's spine, navigation and manifest; :func:`drop_links` removes the links that
  would point at them (a toctree entry disappears, a link in the text becomes its text), and at
  the general index when the EPUB has none, so no reference dangles (``epubcheck`` RSC-007).
* :class:`HandbookEpubBuilder`: with ``root_doc = "docs/index"`` Sphinx prefixes the table of
  contents' addresses with ``docs/`` without normalising them (``docs/../chapters/x.xhtml``), so
  the spine names files the manifest does not have and excluded files slip through; they are
  normalised. ``epub_tocscope = "includehidden"`` makes ``nav.xhtml`` and ``toc.ncx`` use that
  same list (the default recomputes it without the prefix). The ``.buildinfo.bak`` that Sphinx
  leaves when the configuration changed between two builds (a ``-D`` option, another builder's
  run) and the previous build's cover page are removed before the manifest is written.
* The cover (``epub_cover = (COVER, "epub-cover.html")`` in ``docs/conf.py``) is drawn from the
  book's metadata as an SVG image (:func:`cover_svg`) just before the manifest is written.
"""

from __future__ import annotations

import posixpath
import textwrap
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: Where the generated cover image goes in the e-book (``epub_cover``'s first item).
COVER = "_static/handbook-cover.svg"


def cover_svg(title: str, description: str, author: str) -> str:
    """A plain cover page (600 × 900): title, description (subtitle, edition) and author."""
    lines: list[tuple[str, int, int, str]] = []  # text, y, size, weight
    y = 260
    for line in textwrap.wrap(title, 18):
        lines.append((line, y, 54, "bold"))
        y += 66
    for line in textwrap.wrap(description, 32):
        lines.append((line, y + 20, 26, "normal"))
        y += 40
    lines.append((author, 760, 26, "normal"))
    texts = "\n".join(
        f'  <text x="300" y="{ty}" font-size="{size}" font-weight="{weight}">{escape(text)}</text>'
        for text, ty, size, weight in lines
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="600" height="900" '
        'viewBox="0 0 600 900">\n'
        '  <rect width="600" height="900" fill="#1f3a5f"/>\n'
        '  <rect x="40" y="40" width="520" height="820" fill="none" stroke="#f2e6c9" '
        'stroke-width="3"/>\n'
        '  <g fill="#f2e6c9" font-family="Noto Serif, serif" text-anchor="middle">\n'
        f"{texts}\n  </g>\n</svg>\n"
    )


def target_doc(current: str, refuri: str, suffix: str) -> str | None:
    """The document an internal *refuri* written in *current* points to, or None."""
    path = refuri.split("#", 1)[0]
    if not path or "://" in path or not path.endswith(suffix):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(current), path))
    return joined.removesuffix(suffix)


def drop_links(doctree: nodes.Node, current: str, excluded: set[str], suffix: str) -> None:
    """Links to *excluded* documents: toctree entries go, others become their text."""
    for ref in list(doctree.findall(nodes.reference)):
        if target_doc(current, str(ref.get("refuri", "")), suffix) not in excluded:
            continue
        item = ref.parent.parent if isinstance(ref.parent, nodes.paragraph) else None
        if isinstance(item, nodes.list_item) and _in_toctree(item):
            item.parent.remove(item)
        else:
            ref.replace_self(nodes.inline("", "", *ref.children))


def _in_toctree(node: nodes.Element) -> bool:
    parent = node.parent
    while parent is not None:
        if "toctree-wrapper" in parent.get("classes", ()):
            return True
        parent = parent.parent
    return False


def normalised(refuri: str) -> str:
    """``docs/../chapters/x.xhtml#a`` → ``chapters/x.xhtml#a``."""
    if "://" in refuri or refuri.startswith("#"):
        return refuri
    path, hash_, fragment = refuri.partition("#")
    return posixpath.normpath(path) + hash_ + fragment


class HandbookEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder: normalised contents, no link to a page the book leaves out."""

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        # The doctree is final here (toctrees are resolved after the post-transforms).
        excluded = set(self.config.handbook_print_exclude)
        if not self.config.epub_use_index:
            excluded.add("genindex")
        drop_links(doctree, docname, excluded, self.out_suffix)
        super().write_doc(docname, doctree)

    def build_content(self) -> None:
        (self.outdir / ".buildinfo.bak").unlink(missing_ok=True)
        # The previous build's cover page would be listed twice in the spine (epubcheck RSC-005):
        # Sphinx writes it anew below.
        (self.outdir / self.coverpage_name).unlink(missing_ok=True)
        if self.config.epub_cover and self.config.epub_cover[0] == COVER:
            config = self.config
            svg = cover_svg(config.epub_title, config.epub_description, config.epub_author)
            (self.outdir / COVER).parent.mkdir(parents=True, exist_ok=True)
            (self.outdir / COVER).write_text(svg, encoding="utf-8")
        super().build_content()

    def get_toc(self) -> None:
        super().get_toc()
        for item in self.refnodes:
            item["refuri"] = normalised(item["refuri"])


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_builder(HandbookEpubBuilder, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
