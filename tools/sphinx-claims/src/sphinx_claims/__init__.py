"""sphinx-claims: every factual statement in a claim, every claim with a source.

The package is both a Sphinx extension (``extensions = ["sphinx_claims"]``) and the
``sphinx-claims`` citation linter. The core (``model``, ``rules``, ``checks``, ``findings``,
``suppression``, ``citation_target``) sits at the top level and imports nothing third-party; the
Sphinx side lives in ``ext`` (directive, domain, transforms), ``writers`` (HTML, LaTeX),
``outputs`` (claims.json, JSON-LD) and ``bib`` (pybtex style and speedups); the linter in
``lint`` (``records`` under one reader per source kind in ``readers`` under ``scan``). The two
sides never import each other, and importing this package imports no Sphinx: ``setup`` loads the
Sphinx side only when Sphinx asks for it.
"""

from __future__ import annotations

import importlib.metadata as _metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

try:  # the distribution's metadata: one version, in pyproject.toml
    __version__ = _metadata.version("sphinx-claims")
except _metadata.PackageNotFoundError:  # a source tree on sys.path, not installed
    __version__ = "0+unknown"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension (the wiring lives in :mod:`sphinx_claims.ext.setup`)."""
    from sphinx_claims.ext.setup import setup as setup_extension

    return setup_extension(app)
