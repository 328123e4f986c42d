"""Which edition a build makes: ``web`` (the site) or ``print`` (the PDF and the EPUB).

Text for one kind of edition goes in an ``only`` block (``:::{only} web`` … ``:::``), so the
print editions never tell a reader to click, filter or copy, and the site never points at a
printed page. The tags are set when the builder starts, before any document is resolved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.builders._epub_base import EpubBuilder

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def edition(format_name: str, is_ebook: bool) -> str:
    """``print`` for LaTeX and e-books, ``web`` for every other HTML builder, else ``other``."""
    if format_name == "latex" or is_ebook:
        return "print"
    return "web" if format_name == "html" else "other"


def tag_edition(app: Sphinx) -> None:
    app.tags.add(edition(app.builder.format, isinstance(app.builder, EpubBuilder)))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", tag_edition)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
