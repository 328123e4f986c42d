"""sphinx-claims: every factual statement in a claim, every claim with a source.

The package is both a Sphinx extension (``extensions = ["sphinx_claims"]``) and the
``sphinx-claims`` citation linter. ``setup()`` only wires; each concept has its own module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_claims import bibdata

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.bibtex")
    app.connect("builder-inited", bibdata.normalise_bibdata, priority=600)
    app.setup_extension("sphinx_claims.chapter_sources")
    app.setup_extension("sphinx_claims.latex_book")
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 1,
    }
