"""This handbook's own Sphinx policy: the print book's title page, structure, index, tables,
quotes and RTL, the site's download menu, reading order and MathJax source
(:mod:`handbook.site`, config values), how its pages load
(:mod:`handbook.site_assets`) and its icon font (:mod:`handbook.icon_font`).
``docs/conf.py`` sets values (``handbook_edition`` …) and imports none of this.

Not part of the reusable ``sphinx_claims`` extension; ``docs/conf.py`` loads it as ``handbook``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("handbook.i18n")
    app.setup_extension("handbook.edition_tags")
    app.setup_extension("handbook.latex_edition")
    app.setup_extension("handbook.latex_book")
    app.setup_extension("handbook.latex_rtl")
    app.setup_extension("handbook.latex_pagerefs")
    app.setup_extension("handbook.site")
    app.setup_extension("handbook.cite_page")
    app.setup_extension("handbook.site_assets")
    app.setup_extension("handbook.icon_font")
    app.setup_extension("handbook.languages")
    app.setup_extension("handbook.typography")
    app.setup_extension("handbook.citations")
    app.setup_extension("handbook.chicago")
    app.setup_extension("handbook.citation_roles")
    app.setup_extension("handbook.epub")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
