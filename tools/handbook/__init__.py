"""This handbook's own Sphinx policy: book structure and right-to-left runs in the PDF, and the
site's PDF button and MathJax source (:mod:`handbook.site`, config values).

Not part of the reusable ``sphinx_claims`` extension; ``docs/conf.py`` loads it as ``handbook``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("handbook.latex_book")
    app.setup_extension("handbook.latex_rtl")
    app.setup_extension("handbook.site")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
